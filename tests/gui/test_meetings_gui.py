"""Planning and recording a meeting, the coordinator's main job, entirely from the keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from gui_helpers import TODAY, back_to, focused, modal, press, type_text
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLabel, QScrollArea

from coordinator_app.db.groupfile import opened
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import group as group_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services import venues as venues_service
from coordinator_app.services.group import AttendanceMode
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


def test_a_count_only_group_records_numbers_not_names(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        group_service.update_profile(group, attendance_mode=AttendanceMode.COUNT_ONLY)
        meeting_id = meetings_service.plan_meeting(group, held_on=date(2026, 2, 10))
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    assert page.select_meeting(meeting_id)
    page.record()
    record = modal(qtbot)
    assert not record.find.isVisibleTo(record) and record.members_count.isVisibleTo(record)
    words = " ".join(label.text() for label in record.findChildren(QLabel) if label.isVisibleTo(record))
    assert "Type how many members came." in words and "Type a name" not in words
    record.members_count.setValue(11)
    record.guests.setValue(2)
    record.accept()
    assert not record.isVisible()
    with opened(group_path) as group:
        saved = meetings_service.get_meeting(group, meeting_id)
    assert (saved.members_count, saved.present_ids, saved.guests, saved.total_attendance) == (11, frozenset(), 2, 13)


def test_a_future_meeting_cannot_be_recorded_yet(qtbot, make_window, group_path, no_surprise_messages):
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=date(2026, 4, 14))
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    page.select_meeting(meeting_id)
    page.record()
    assert no_surprise_messages == ["This meeting is on 14 Apr 2026; you can record it on the day or afterwards."]


def test_add_planned_meetings_to_the_calendar(qtbot, make_window, group_path, tmp_path, monkeypatch):
    with opened(group_path) as group:
        for day in (date(2026, 4, 14), date(2026, 5, 12)):
            meetings_service.plan_meeting(group, held_on=day)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / "ours"), ""))
    offered: list[list[str]] = []

    def choose_reminder(_parent, _title, _label, items, *_args, **_kwargs):
        offered.append(list(items))
        return "A day before", True

    monkeypatch.setattr(QInputDialog, "getItem", choose_reminder)
    window = make_window(group_path, page="meetings")
    qtbot.mouseClick(window.desktop.current_page().calendar_button, Qt.MouseButton.LeftButton)
    events = Calendar.from_ical((tmp_path / "ours.ics").read_bytes()).walk("VEVENT")
    assert offered == [["No reminder", "An hour before", "A day before"]]
    assert [e.decoded("dtstart") for e in events] == [date(2026, 4, 14), date(2026, 5, 12)]
    assert [e.walk("VALARM")[0].decoded("trigger") for e in events] == [-timedelta(days=1)] * 2
    assert "Saved 2 meetings to ours.ics" in window.statusBar().currentMessage()


def test_home_lists_what_needs_attention(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        meetings_service.plan_meeting(group, held_on=date(2026, 2, 10))
        version = agreement_service.publish_agreement(group, text="What is said here stays here.",
                                                      effective_from=date(2025, 1, 1))
        agreement_service.record_agreement(group, member_ids=[people["Zoë Adams"]], version_id=version,
                                           agreed_on=date(2025, 2, 1), how="at_meeting")
        aims_service.add_aim(group, text="Meet monthly", set_on=date(2024, 1, 1))
    window = make_window(group_path, page="home")
    page = window.desktop.current_page()
    reminders = page.texts["reminders"].text()
    assert "The meeting of 10 Feb 2026 is not recorded yet." in reminders
    assert "3 members have not agreed to version 1 of the confidentiality agreement: " in reminders
    assert "One aim has not been reviewed for over a year." in reminders
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    record = modal(qtbot)
    assert record.meeting.held_on == date(2026, 2, 10)


def test_change_a_meeting_and_undo_the_change(qtbot, make_window, group_path):
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), topic="Sleep")
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    page.select_meeting(meeting_id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["topic"].setText("Sleep & pain")
    dialog.form.widgets["held_on"].setDate(date(2026, 4, 21))
    dialog.accept()
    assert not dialog.isVisible()
    with opened(group_path) as group:
        changed = meetings_service.get_meeting(group, meeting_id)
    assert (changed.topic, changed.held_on) == ("Sleep & pain", date(2026, 4, 21))
    window.undo_action.trigger()
    with opened(group_path) as group:
        back = meetings_service.get_meeting(group, meeting_id)
    assert (back.topic, back.held_on) == ("Sleep", date(2026, 4, 14))


def test_add_a_venue_then_plan_a_meeting_there(qtbot, make_window, group_path):
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.venue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(modal(qtbot).add_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["name"].setText("St Mary's Church Hall")
    dialog.form.widgets["cost"].setText("12.5O")
    dialog.accept()
    assert "is not an amount of money" in dialog.form._errors["cost"].text()
    dialog.form.widgets["cost"].setText("£12.50")
    dialog.accept()
    assert not dialog.isVisible()
    page.plan()
    plan = modal(qtbot)
    where = plan.form.widgets["venue_id"]
    where.setCurrentIndex(where.findText("St Mary's Church Hall"))
    plan.accept()
    with opened(group_path) as group:
        (venue,) = venues_service.list_venues(group)
        (meeting,) = meetings_service.list_meetings(group, today=TODAY)
    assert (venue.name, venue.cost_pence) == ("St Mary's Church Hall", 1250)
    assert meeting.venue_name == "St Mary's Church Hall"


def test_the_calendars_time_zone_is_a_group_setting(qtbot, make_window, group_path):
    window = make_window(group_path, page="settings")
    page = window.desktop.current_page()
    zone = page.form.widgets["time_zone"]
    assert zone.text() == "Europe/London"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert focused() is zone
    zone.selectAll()
    type_text(qtbot, "Dublin")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    error = page.form._errors["time_zone"]
    assert error.isVisible() and "“Dublin” is not a time zone; write it like Europe/London." in error.text()
    zone.selectAll()
    type_text(qtbot, "Europe/Dublin")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with opened(group_path) as group:
        assert group_service.get_profile(group).time_zone == "Europe/Dublin"


def test_alt_o_scrolls_the_confidential_notes_into_view(qtbot, make_window, group_path, people):
    """On a small screen the record dialog scrolls; a mnemonic's field is brought into sight, not left below."""
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=date(2026, 2, 10))
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    assert page.select_meeting(meeting_id)
    page.record()
    record = modal(qtbot)
    record.resize(960, 500)  # what a 1024×600 laptop leaves it
    qtbot.waitUntil(lambda: record.height() == 500)
    area = next(a for a in record.findChildren(QScrollArea) if a.widget().isAncestorOf(record.notes))
    viewport = area.viewport()
    assert area.verticalScrollBar().value() == 0

    def shown() -> bool:
        top_left = record.notes.mapTo(viewport, record.notes.rect().topLeft())
        return viewport.rect().contains(record.notes.rect().translated(top_left))

    assert not shown()
    press(qtbot, Qt.Key.Key_O, ALT)
    assert focused() is record.notes
    qtbot.waitUntil(shown, timeout=1000)
    record.done(0)
