"""The .ics file of planned meetings: phones and Outlook read it back as the same meetings."""

from __future__ import annotations

from datetime import date, datetime, time

from icalendar import Calendar

from coordinator_app.exports.ics import meetings_calendar, write_meetings_calendar
from coordinator_app.services import meetings as meetings_service


def test_planned_meetings_become_events_with_stable_ids(group, tmp_path):
    meetings_service.plan_meeting(group, held_on=date(2026, 4, 14), start_time=time(19), end_time=time(21),
                                  topic="Sleep & pain <part 1>")
    meetings_service.plan_meeting(group, held_on=date(2026, 5, 12))
    cancelled = meetings_service.plan_meeting(group, held_on=date(2026, 6, 9), start_time=time(19))
    meetings_service.cancel_meeting(group, cancelled)
    upcoming = meetings_service.list_meetings(group, when="upcoming", today=date(2026, 3, 10))

    path = write_meetings_calendar(tmp_path / "meetings.ics", "Tom & Jerry's Circle — Łódź", upcoming)
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")

    assert [str(e["summary"]) for e in events] == ["Tom & Jerry's Circle — Łódź: Sleep & pain <part 1>",
                                                   "Tom & Jerry's Circle — Łódź: Meeting"]
    assert events[0].decoded("dtstart") == datetime(2026, 4, 14, 19, 0)
    assert events[0].decoded("dtend") == datetime(2026, 4, 14, 21, 0)
    assert events[1].decoded("dtstart") == date(2026, 5, 12)  # no start time: an all-day event
    again = Calendar.from_ical(meetings_calendar("Tom & Jerry's Circle — Łódź", upcoming)).walk("VEVENT")
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]
    assert not list(tmp_path.glob(".*"))  # no half-written file left behind
