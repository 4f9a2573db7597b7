"""What the group's calendar file holds: its meetings from today on, each with a stable identity.

A phone or Outlook matches events by UID and takes the one with the higher SEQUENCE, so the UID is
the meeting's id plus a key of the group itself (not the date, or a moved meeting would become a
second event), and a cancelled or deleted meeting stays in the file marked cancelled so it leaves
people's calendars instead of lingering there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import GroupProfile, Meeting, MeetingKind, MeetingStatus, Venue

from .uow import unit_of_work


@dataclass(frozen=True)
class CalendarEvent:
    meeting_id: int
    held_on: date
    start_time: time | None
    end_time: time | None
    title: str
    cancelled: bool
    location: str
    access_notes: str
    sequence: int


@dataclass(frozen=True)
class GroupCalendar:
    name: str
    key: str  # the same for every export of this group, also after it moves to another computer or a server
    time_zone: str
    events: tuple[CalendarEvent, ...]

    @property
    def planned(self) -> int:
        return sum(not event.cancelled for event in self.events)


def _group_key(profile: GroupProfile) -> str:
    """A key made of the group's own first record, so it travels with the data wherever the group lives."""
    return hashlib.sha256(f"{profile.id}:{profile.created_at.isoformat()}".encode()).hexdigest()[:16]


def _location(venue: Venue | None) -> str:
    if venue is None:
        return ""
    address = ", ".join(line.strip() for line in venue.address.splitlines() if line.strip())
    return f"{venue.name}, {address}" if address else venue.name


def group_calendar(group: GroupFile, *, today: date, kind_words: Mapping[MeetingKind, str]) -> GroupCalendar:
    """The meetings on or after ``today``: planned ones, and cancelled or deleted ones marked cancelled."""
    with unit_of_work(group, write=False) as session:
        profile = session.scalars(select(GroupProfile).order_by(GroupProfile.id).limit(1)).one()
        rows = session.execute(
            select(Meeting, Venue).outerjoin(Venue, Venue.id == Meeting.venue_id)
            .where(Meeting.held_on >= today, Meeting.status != MeetingStatus.HELD)
            .order_by(Meeting.held_on, Meeting.start_time, Meeting.id)
        ).all()
        events = tuple(
            CalendarEvent(
                meeting_id=meeting.id,
                held_on=meeting.held_on,
                start_time=meeting.start_time,
                end_time=meeting.end_time,
                title=f"{profile.name}: {meeting.topic or kind_words.get(meeting.kind, 'Meeting')}",
                cancelled=meeting.status is MeetingStatus.CANCELLED or meeting.deleted_at is not None,
                location=_location(venue),
                access_notes=venue.access_notes.strip() if venue is not None else "",
                sequence=meeting.calendar_sequence,
            )
            for meeting, venue in rows
        )
        return GroupCalendar(name=profile.name, key=_group_key(profile), time_zone=profile.time_zone, events=events)
