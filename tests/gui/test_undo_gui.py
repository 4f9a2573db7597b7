"""Undo and redo reach every change made in the window: Ctrl+Z takes it out of the file, Ctrl+Shift+Z puts it back."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import TODAY, back_to, modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coordinator_app.db.groupfile import opened
from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services.meetings import ActionInput, DecisionInput, MeetingStatus

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FEB = date(2026, 2, 10)


@pytest.fixture
def people(group_path):
    with opened(group_path) as group:
        return {name: members_service.add_member(group, name=name, joined_on=date(2025, 1, 1))
                for name in ("Zoë Adams", "Łukasz Wójcik", "Tom & Jerry Clarke")}


def undo(qtbot, window) -> None:
    back_to(qtbot, window)
    assert window.undo_stack.canUndo()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)


def redo(qtbot, window) -> None:
    back_to(qtbot, window)
    assert window.undo_stack.canRedo()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)


def enter(qtbot, box, text: str) -> None:
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def meeting(group_path, meeting_id):
    with opened(group_path) as group:
        return meetings_service.get_meeting(group, meeting_id)


def job_titles(group_path) -> list[str]:
    with opened(group_path) as group:
        return sorted(j.title for j in jobs_service.list_jobs(group, include_retired=True))


def record_through_dialog(qtbot, window, meeting_id, *, tick: str, decision: str, action: str) -> None:
    page = window.desktop.current_page()
    assert page.select_meeting(meeting_id)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    record = modal(qtbot)
    enter(qtbot, record.find, tick)
    enter(qtbot, record.decision_text, decision)
    enter(qtbot, record.action_text, action)
    record.newcomers.setValue(2)
    qtbot.keyClick(record.find, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not record.isVisible())
    QApplication.processEvents()


def test_undo_recording_a_meeting_makes_it_planned_again(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=FEB, topic="Sleep & pain")
    before = meeting(group_path, meeting_id)
    window = make_window(group_path, page="meetings")
    record_through_dialog(qtbot, window, meeting_id, tick="zoe", decision="Meet monthly", action="Book the room")
    recorded = meeting(group_path, meeting_id)
    assert (recorded.status, recorded.present_ids, recorded.newcomers) == (
        MeetingStatus.HELD, {people["Zoë Adams"]}, 2)
    assert job_titles(group_path) == ["Book the room"]

    undo(qtbot, window)
    assert meeting(group_path, meeting_id) == before
    assert job_titles(group_path) == []
    assert "not recorded yet" in window.desktop.current_page().hint.text()

    redo(qtbot, window)
    again = meeting(group_path, meeting_id)
    assert (again.status, again.present_ids, again.newcomers) == (MeetingStatus.HELD, {people["Zoë Adams"]}, 2)
    assert [d.text for d in again.decisions] == ["Meet monthly"]
    assert [(a.title, a.done) for a in again.actions] == [("Book the room", False)]
    assert job_titles(group_path) == ["Book the room"]


def test_undo_re_recording_a_meeting_brings_back_the_earlier_record(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=FEB)
        meetings_service.record_meeting(group, meeting_id, present=[people["Tom & Jerry Clarke"]], guests=1,
                                        decisions=[DecisionInput("Keep the tea fund")],
                                        actions=[ActionInput("Buy tea", member_id=people["Tom & Jerry Clarke"])],
                                        confidential_notes="Not for printing.", today=TODAY)
    before = meeting(group_path, meeting_id)
    window = make_window(group_path, page="meetings")
    record_through_dialog(qtbot, window, meeting_id, tick="lukasz", decision="Try a summer picnic",
                          action="Ask about the park")
    changed = meeting(group_path, meeting_id)
    assert changed.present_ids == {people["Tom & Jerry Clarke"], people["Łukasz Wójcik"]}
    assert [d.text for d in changed.decisions] == ["Keep the tea fund", "Try a summer picnic"]

    undo(qtbot, window)
    assert meeting(group_path, meeting_id) == before
    assert job_titles(group_path) == ["Buy tea"]

    redo(qtbot, window)
    again = meeting(group_path, meeting_id)
    assert (again.present_ids, again.newcomers, again.decisions) == (
        changed.present_ids, changed.newcomers, changed.decisions)
    assert job_titles(group_path) == ["Ask about the park", "Buy tea"]
