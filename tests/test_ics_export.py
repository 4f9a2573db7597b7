"""The calendar file: phones and Outlook update the events they already have instead of doubling them.

Every file is read back by vobject, a parser independent of icalendar (which writes it), so a quirk
of one library cannot hide in both the writing and the reading.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject

from coordinator_app.exports.ics import meetings_calendar, write_meetings_calendar
from coordinator_app.services import group as group_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import venues as venues_service
from coordinator_app.services.calendar import group_calendar
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.report_data.common import KIND_LABELS

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 18, 45, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def _read(data: bytes) -> dict[str, vobject.base.Component]:
    """The events by UID, as a second parser sees them."""
    calendar = vobject.readOne(data.decode("utf-8"))
    return {event.uid.value: event for event in calendar.vevent_list}


def _export(group, **kwargs) -> bytes:
    return meetings_calendar(group_calendar(group, today=TODAY, kind_words=KIND_LABELS), now=NOW, **kwargs)


def test_times_carry_the_group_time_zone_with_its_description(group):
    meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19), end_time=time(21))
    meetings_service.plan_meeting(group, held_on=date(2026, 5, 12))  # no time: an all-day event
    data = _export(group)
    summer, all_day = sorted(_read(data).values(), key=lambda e: str(e.dtstart.value))

    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/London" in data
    assert summer.dtstart.value == datetime(2026, 4, 14, 19, 0, tzinfo=LONDON)
    assert summer.dtstart.value.utcoffset() == timedelta(hours=1)  # British Summer Time, not floating or UTC
    assert summer.dtend.value == datetime(2026, 4, 14, 21, 0, tzinfo=LONDON)
    assert all_day.dtstart.value == date(2026, 5, 12)
    assert summer.dtstamp.value == NOW  # when the file was made, not the meeting's date


def test_another_time_zone_is_kept_and_a_wrong_one_refused(group):
    group_service.update_profile(group, time_zone="Europe/Dublin")
    meetings_service.plan_meeting(group, held_on=date(2026, 11, 10), start_time=time(19))
    (event,) = _read(_export(group)).values()
    assert event.dtstart.value == datetime(2026, 11, 10, 19, tzinfo=ZoneInfo("Europe/Dublin"))
    with pytest.raises(ValidationError, match="Europe/London") as refused:
        group_service.update_profile(group, time_zone="Middle Earth/Hobbiton")
    assert refused.value.field == "time_zone"
    assert group_service.get_profile(group).time_zone == "Europe/Dublin"


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(group):
    meeting = meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19))
    (uid, before), = _read(_export(group)).items()

    meetings_service.update_meeting(group, meeting, held_on=date(2026, 4, 21), today=TODAY)
    (uid_after, after), = _read(_export(group)).items()

    assert uid_after == uid
    assert int(after.sequence.value) > int(before.sequence.value)
    assert after.dtstart.value == datetime(2026, 4, 21, 19, tzinfo=LONDON)
    again = _read(_export(group))[uid]
    assert again.sequence.value == after.sequence.value  # exporting again is not a change


def test_cancelled_and_deleted_meetings_stay_as_cancelled_events(group):
    kept = meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19))
    cancelled = meetings_service.plan_meeting(group, held_on=date(2026, 5, 12), start_time=time(19))
    deleted = meetings_service.plan_meeting(group, held_on=date(2026, 6, 9), start_time=time(19))
    before = _read(_export(group))
    meetings_service.cancel_meeting(group, cancelled)
    meetings_service.delete_meeting(group, deleted)
    after = _read(_export(group))

    assert after.keys() == before.keys()
    status = {uid: event.status.value for uid, event in after.items()}
    assert sorted(status.values()) == ["CANCELLED", "CANCELLED", "CONFIRMED"]
    for uid in after:
        if status[uid] == "CANCELLED":
            assert int(after[uid].sequence.value) > int(before[uid].sequence.value)
    assert f"meeting-{kept}." in next(uid for uid in status if status[uid] == "CONFIRMED")


def test_uids_differ_between_groups_and_survive_a_copy_of_the_file(group, group_path, tmp_path):
    meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19))
    mine = set(_read(_export(group)))
    other_path = tmp_path / "other.group"
    group_service.create_group(other_path, name="Another circle")
    from coordinator_app.db.groupfile import opened

    with opened(other_path) as other:
        meetings_service.plan_meeting(other, held_on=date(2026, 4, 14), start_time=time(19))
        theirs = set(_read(_export(other)))
    assert mine.isdisjoint(theirs)


def test_text_is_escaped_and_the_place_has_its_address_and_access_notes(group):
    group_service.update_profile(group, name="Tom & Jerry's Circle, Łódź; \"Zoë\"")
    hall = venues_service.add_venue(group, name="St Mary's Hall", address="12 Church Lane\nRiverside, RV1 2AB",
                                    access_notes="Ramp at the side door; ring the bell, then wait")
    meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19), venue_id=hall,
                                  topic="Sleep, pain & <part 1>")
    data = _export(group)
    calendar = vobject.readOne(data.decode("utf-8"))
    (event,) = calendar.vevent_list

    assert calendar.contents["x-wr-calname"][0].value == "Tom & Jerry's Circle, Łódź; \"Zoë\""
    assert event.summary.value == "Tom & Jerry's Circle, Łódź; \"Zoë\": Sleep, pain & <part 1>"
    assert event.location.value == "St Mary's Hall, 12 Church Lane, Riverside, RV1 2AB"
    assert event.description.value == "Getting in: Ramp at the side door; ring the bell, then wait"


def test_an_optional_reminder_goes_with_each_planned_meeting(group):
    meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19))
    (plain,) = _read(_export(group)).values()
    (reminded,) = _read(_export(group, reminder=timedelta(hours=1))).values()
    assert "valarm" not in plain.contents
    assert reminded.valarm.trigger.value == timedelta(hours=-1)


def test_past_meetings_are_left_out_and_no_half_written_file_remains(group, tmp_path):
    meetings_service.plan_meeting(group, held_on=date(2026, 2, 10), start_time=time(19))
    meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19))
    folder = tmp_path / "out"
    folder.mkdir()
    path = write_meetings_calendar(folder / "meetings.ics",
                                   group_calendar(group, today=TODAY, kind_words=KIND_LABELS), now=NOW)
    (event,) = _read(path.read_bytes()).values()
    assert event.dtstart.value.date() == date(2026, 4, 14)
    assert [p.name for p in folder.iterdir()] == ["meetings.ics"]


def test_export_calendar_command(group_path, tmp_path):
    from coordinator_app.db.groupfile import opened

    with opened(group_path) as group:
        meetings_service.plan_meeting(group, held_on=date.today() + timedelta(days=7), start_time=time(19))
    out = tmp_path / "ours.ics"
    done = subprocess.run([sys.executable, "-m", "coordinator_app", "export", "calendar", "-o", str(out),
                           "--reminder", "60", "--group", str(group_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Saved 1 planned meeting to {out}."
    (event,) = _read(out.read_bytes()).values()
    assert event.valarm.trigger.value == timedelta(hours=-1)

    refused = subprocess.run([sys.executable, "-m", "coordinator_app", "export", "calendar", "-o", str(out),
                              "--reminder", "soon", "--group", str(group_path)], capture_output=True, text=True)
    assert refused.returncode != 0
    assert "“soon” is not a number of minutes" in refused.stderr
    assert "Traceback" not in refused.stderr
