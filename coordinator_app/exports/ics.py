"""The group's meetings as an iCalendar (.ics) file that phones, Outlook and Google Calendar import.

Importing a newer file updates the events already there: each meeting keeps its UID, SEQUENCE grows
when it changes, and a cancelled meeting is sent as STATUS:CANCELLED so it leaves people's calendars.
Times are the group's wall-clock times in its own time zone, with the VTIMEZONE that describes it,
so a phone in another zone (or one parser reading floating times as UTC) shows the right hour.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vText

from coordinator_app.db.disk import write_private_bytes
from coordinator_app.services.calendar import CalendarEvent, GroupCalendar

PRODUCT_ID = "-//Group Coordinator//Meetings//EN"
UID_DOMAIN = "group-coordinator.invalid"  # .invalid: a UID is an identity, never an address to contact
USUAL_LENGTH = timedelta(hours=2)


def _event(group: GroupCalendar, item: CalendarEvent, *, zone: ZoneInfo, stamp: datetime,
           reminder: timedelta | None) -> Event:
    event = Event()
    event.add("uid", f"meeting-{item.meeting_id}.{group.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("sequence", item.sequence)
    event.add("summary", item.title)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.start_time is not None:
        start = datetime.combine(item.held_on, item.start_time, tzinfo=zone)
        end = datetime.combine(item.held_on, item.end_time, tzinfo=zone) if item.end_time else start + USUAL_LENGTH
        event.add("dtstart", start)
        event.add("dtend", max(end, start + timedelta(minutes=1)))
    else:  # no time set: an all-day event
        event.add("dtstart", item.held_on)
        event.add("dtend", item.held_on + timedelta(days=1))
    if item.location:
        event.add("location", item.location)
    if item.access_notes:
        event.add("description", f"Getting in: {item.access_notes}")
    if reminder is not None and not item.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", -reminder)
        event.add_component(alarm)
    return event


def meetings_calendar(group: GroupCalendar, *, now: datetime, reminder: timedelta | None = None) -> bytes:
    """The .ics bytes for ``group``'s events; ``now`` becomes every event's DTSTAMP."""
    zone = ZoneInfo(group.time_zone)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    for name in ("name", "x-wr-calname"):  # as vText, escaped: icalendar's calendar_name leaves "," and ";" bare
        calendar.add(name, vText(group.name))
    stamp = now.astimezone(UTC)
    for item in group.events:
        calendar.add_component(_event(group, item, zone=zone, stamp=stamp, reminder=reminder))
    if group.events:
        # Bounded to the events' span: the zone's rules for 1970-2038 make a file of 5 KB per zone, and
        # vobject then misreads Europe/Dublin (whose winter time is formally its "daylight" time).
        first = min(item.held_on for item in group.events) - timedelta(days=1)
        last = max(item.held_on for item in group.events) + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def write_meetings_calendar(path: Path, group: GroupCalendar, *, now: datetime,
                            reminder: timedelta | None = None) -> Path:
    """Write the calendar owner-only beside ``path`` and rename it in, so a half-written file never remains."""
    return write_private_bytes(Path(path), meetings_calendar(group, now=now, reminder=reminder))
