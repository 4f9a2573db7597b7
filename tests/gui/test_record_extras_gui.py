"""The record dialog's chair, apologies, newcomers by name, minutes and named good things, by keyboard, then printed."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import TODAY, back_to, focused, modal, press, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from reports_helpers import flat, pdf_text

from coordinator_app.db.groupfile import opened
from coordinator_app.db.models import AgreementHow, ConsentKind
from coordinator_app.reports.printables import make_minutes
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.ui.style import TEXT_SIZES, apply_look

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def people(group_path):
    with opened(group_path) as group:
        ids = {name: members_service.add_member(group, name=name, joined_on=date(2025, 1, 1), today=TODAY)
               for name in ("Ann Ames", "Bob Brown", "Cat Cole")}
        for name in ("Ann Ames", "Bob Brown"):
            members_service.give_consent(group, ids[name], kind=ConsentKind.NAMED_IN_REPORTS,
                                         given_on=date(2025, 1, 1), how=AgreementHow.SIGNED_PAPER)
        ids["meeting"] = meetings_service.plan_meeting(group, held_on=TODAY)
        return ids


def test_shareable_minutes_with_chair_apologies_newcomer_and_good_things_by_keyboard(qtbot, make_window, group_path,
                                                                                      people, tmp_path):
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    assert page.select_meeting(people["meeting"])
    press(qtbot, Qt.Key.Key_R, ALT)
    record = modal(qtbot)
    type_text(qtbot, "ann")
    press(qtbot, Qt.Key.Key_Return)  # Ann came
    press(qtbot, Qt.Key.Key_H, ALT)
    type_text(qtbot, "Ann Ames")
    press(qtbot, Qt.Key.Key_P, ALT)
    assert focused() is record.who_else.apologies
    type_text(qtbot, "Bob")
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_C, ALT)
    type_text(qtbot, "Dee Newman")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_I, ALT)
    type_text(qtbot, "We planned the summer walk.")
    press(qtbot, Qt.Key.Key_E, ALT)  # These minutes may be shared
    qtbot.waitUntil(record.minutes.shareable.isChecked)  # a mnemonic clicks a tick box after a short flash
    assert "will include these words" in record.minutes.prints.text()
    press(qtbot, Qt.Key.Key_Y, ALT)
    type_text(qtbot, "Ann")
    press(qtbot, Qt.Key.Key_T, ALT)  # print her name with it
    qtbot.waitUntil(record.good_named.isChecked)
    press(qtbot, Qt.Key.Key_G, ALT)
    type_text(qtbot, "Ann got the allotment")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_G, ALT)
    type_text(qtbot, "A quiet week")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not record.isVisible())
    QApplication.processEvents()
    back_to(qtbot, window)

    with opened(group_path) as group:
        saved = meetings_service.get_meeting(group, people["meeting"])
        dee = next(m for m in members_service.list_members(group, today=TODAY) if m.name == "Dee Newman")
        text = flat(pdf_text(make_minutes(group, tmp_path / "minutes.pdf", held_on=TODAY, today=TODAY)))
    assert saved.chair_member_id == people["Ann Ames"] and saved.apology_ids == {people["Bob Brown"]}
    assert saved.present_ids == {people["Ann Ames"], dee.id} and dee.joined_on == TODAY
    assert (saved.minutes, saved.minutes_shareable) == ("We planned the summer walk.", True)
    for words in ("Chair: Ann Ames", "Apologies from Bob Brown.", "We planned the summer walk.",
                  "Good things shared", "Ann got the allotment (Ann Ames)", "A quiet week"):
        assert words in text


def test_ctrl_z_after_recording_a_newcomer_by_name_takes_them_away_again(qtbot, make_window, group_path, people):
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    assert page.select_meeting(people["meeting"])
    press(qtbot, Qt.Key.Key_R, ALT)
    record = modal(qtbot)
    press(qtbot, Qt.Key.Key_C, ALT)
    type_text(qtbot, "Dee Newman")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not record.isVisible())
    back_to(qtbot, window)
    with opened(group_path) as group:
        assert "Dee Newman" in {m.name for m in members_service.list_members(group, today=TODAY)}

    press(qtbot, Qt.Key.Key_Z, CTRL)

    with opened(group_path) as group:
        names = {m.name for m in members_service.list_members(group, include_former=True, today=TODAY)}
        deleted = {m.name for m in members_service.list_deleted_members(group, today=TODAY)}
        meeting = meetings_service.get_meeting(group, people["meeting"])
    assert "Dee Newman" not in names | deleted  # gone, not merely hidden
    assert meeting.present_ids == set() and str(meeting.status) == "planned"
    assert window.undo_action.text() == "&Undo"


@pytest.fixture
def largest_text():
    yield apply_look
    apply_look(QApplication.instance())


def test_the_record_dialog_never_scrolls_sideways_at_largest_text(qtbot, make_window, group_path, people,
                                                                   largest_text):
    window = make_window(group_path, page="meetings")
    largest_text(QApplication.instance(), TEXT_SIZES[-1])
    page = window.desktop.current_page()
    assert page.select_meeting(people["meeting"])
    page.record()
    record = modal(qtbot)
    record.resize(record.minimumSize())  # a small laptop screen
    QApplication.processEvents()

    sideways = record.findChild(QScrollArea).horizontalScrollBar()
    assert sideways.maximum() == 0 and not sideways.isVisible()
    record.reject()
