"""Meetings: repeating schedules, single meetings, and what happened at each."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, Time, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, CreatedMixin, DecisionMethod, MeetingKind, MeetingStatus, ScheduleRule, str_enum


class MeetingSchedule(CreatedMixin, Base):
    """A repeating pattern such as "second Tuesday of the month, 7pm, church hall"."""

    __tablename__ = "meeting_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[ScheduleRule] = mapped_column(str_enum(ScheduleRule))
    weekday: Mapped[int] = mapped_column(Integer)  # Monday = 0, as datetime.date.weekday()
    nth: Mapped[int | None] = mapped_column(Integer)  # 1..4, or -1 for "last"; monthly rules only
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"), index=True)
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind), default=MeetingKind.REGULAR)


class Meeting(CreatedMixin, Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"), index=True)
    schedule_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_schedules.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind), default=MeetingKind.REGULAR)
    topic: Mapped[str] = mapped_column(String(300), default="")
    speaker: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[MeetingStatus] = mapped_column(str_enum(MeetingStatus), default=MeetingStatus.PLANNED)
    # Count-only groups record numbers instead of names; by-name groups may still add newcomers/guests.
    members_count: Mapped[int | None] = mapped_column(Integer)
    newcomers_count: Mapped[int] = mapped_column(Integer, default=0)
    guests_count: Mapped[int] = mapped_column(Integer, default=0)
    # Deferred: not read by ordinary queries, so a server login without the right to see it can list the rest.
    confidential_notes: Mapped[str] = mapped_column(Text, default="", deferred=True)
    minutes: Mapped[str] = mapped_column(Text, default="")
    minutes_shareable: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who chaired: a member, or a name typed in (a visiting chair); both empty when nobody was named.
    chair_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    chair_name: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # iCalendar's SEQUENCE: grows whenever something a calendar shows changes, so phones update the event.
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0)

    attendance: Mapped[list[Attendance]] = relationship(cascade="all, delete-orphan")
    apologies: Mapped[list[Apology]] = relationship(cascade="all, delete-orphan")
    decisions: Mapped[list[Decision]] = relationship(cascade="all, delete-orphan", order_by="Decision.position")
    good_things: Mapped[list[GoodThing]] = relationship(
        cascade="all, delete-orphan", order_by="GoodThing.position"
    )


CALENDAR_FIELDS = ("held_on", "start_time", "end_time", "venue_id", "kind", "topic", "status", "deleted_at")


@event.listens_for(Meeting, "before_update")
def _next_calendar_sequence(_mapper: object, _connection: object, meeting: Meeting) -> None:
    """One home for the rule: any change a calendar shows raises the meeting's SEQUENCE by one."""
    state = inspect(meeting)
    if any(state.attrs[name].history.has_changes() for name in CALENDAR_FIELDS):
        meeting.calendar_sequence = (meeting.calendar_sequence or 0) + 1


class Attendance(Base):
    __tablename__ = "attendance"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Apology(Base):
    """A member who sent apologies for not coming to a meeting."""

    __tablename__ = "apologies"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    method: Mapped[DecisionMethod] = mapped_column(str_enum(DecisionMethod), default=DecisionMethod.CONSENSUS)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)


class GoodThing(Base):
    """Something positive shared at a meeting: anonymous unless the sharer agreed to be named."""

    __tablename__ = "good_things"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    shared_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    # The sharer agreed their name may be printed with it (still only while they consent to being named).
    name_shareable: Mapped[bool] = mapped_column(Boolean, default=False)
