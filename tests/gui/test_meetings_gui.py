"""Planning and recording a meeting, the coordinator's main job, entirely from the keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import TODAY, back_to, focused, modal, press, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coordinator_app.db.groupfile import opened
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services.meetings import DecisionMethod, MeetingStatus

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def people(group_path):
    with opened(group_path) as group:
        return {name: members_service.add_member(group, name=name, joined_on=date(2025, 1, 1))
                for name in ("Zoë Adams", "Łukasz Wójcik", "Nguyễn Thị Hoa", "Tom & Jerry Clarke")}


def test_plan_and_record_a_meeting_by_keyboard_only(qtbot, make_window, group_path, people):
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    page.plan_button.setFocus()

    # Plan: Alt+P opens the dialog; the date is today; Alt+T goes to the topic; Enter plans it.
    press(qtbot, Qt.Key.Key_P, ALT)
    dialog = modal(qtbot)
    press(qtbot, Qt.Key.Key_T, ALT)
    type_text(qtbot, "Sharing tips & tricks")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)

    # The new meeting is chosen in the list; Alt+R opens the record dialog on it.
    press(qtbot, Qt.Key.Key_R, ALT)
    record = modal(qtbot)
    assert focused() is record.find
    type_text(qtbot, "zoe")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "lukasz")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_N, ALT)  # newcomers
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_D, ALT)
    type_text(qtbot, "Meet in the small hall from May")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_G, ALT)
    type_text(qtbot, "Hoa finished her first 5k walk")
    press(qtbot, Qt.Key.Key_Return)
    assert "2 ticked" in record.ticked_label.text()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not record.isVisible())
    QApplication.processEvents()

    with opened(group_path) as group:
        (meeting,) = meetings_service.list_meetings(group, when="all", today=TODAY)
        saved = meetings_service.get_meeting(group, meeting.id)
    assert saved.held_on == TODAY
    assert saved.topic == "Sharing tips & tricks"
    assert saved.status == MeetingStatus.HELD
    assert saved.present_ids == {people["Zoë Adams"], people["Łukasz Wójcik"]}
    assert saved.newcomers == 2
    decision = ("Meet in the small hall from May", DecisionMethod.CONSENSUS)
    assert [(d.text, d.method) for d in saved.decisions] == [decision]
    assert [g.text for g in saved.good_things] == ["Hoa finished her first 5k walk"]
