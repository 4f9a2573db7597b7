"""Planned meetings as an iCalendar (.ics) file that phones, Outlook and Google Calendar import.

Each meeting keeps the same UID on every export, so importing again updates events instead of
doubling them. Times are local "floating" times, as the group writes them; a meeting without a
start time becomes an all-day event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from coordinator_app.db.disk import write_private_bytes
from coordinator_app.services.meetings import MeetingSummary

PRODUCT_ID = "-//Group Coordinator//Meetings//EN"


def meetings_calendar(group_name: str, meetings: Sequence[MeetingSummary], *,
                      kind_words: dict[str, str] | None = None) -> bytes:
    """The .ics bytes for ``meetings`` (cancelled ones are left out)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", group_name)
    for meeting in meetings:
        if str(meeting.status) == "cancelled":
            continue
        event = Event()
        kind = (kind_words or {}).get(str(meeting.kind), "Meeting")
        event.add("summary", f"{group_name}: {meeting.topic}" if meeting.topic else f"{group_name}: {kind}")
        event.add("uid", f"meeting-{meeting.id}-{meeting.held_on.isoformat()}@groupcoordinator.org")
        if meeting.start_time is not None:
            start = datetime.combine(meeting.held_on, meeting.start_time)
            end = start + timedelta(hours=2)
            if meeting.end_time is not None:
                end = datetime.combine(meeting.held_on, meeting.end_time)
            event.add("dtstart", start)
            event.add("dtend", max(end, start + timedelta(minutes=1)))
        else:
            event.add("dtstart", meeting.held_on)
            event.add("dtend", meeting.held_on + timedelta(days=1))
        if meeting.venue_name:
            event.add("location", meeting.venue_name)
        event.add("dtstamp", datetime.combine(meeting.held_on, time(0, 0)))
        calendar.add_component(event)
    return calendar.to_ical()


def write_meetings_calendar(path: Path, group_name: str, meetings: Sequence[MeetingSummary], *,
                            kind_words: dict[str, str] | None = None) -> Path:
    """Write the calendar owner-only beside ``path`` and rename it in, so a half-written file never remains."""
    return write_private_bytes(Path(path), meetings_calendar(group_name, meetings, kind_words=kind_words))
