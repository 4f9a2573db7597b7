"""What every printed document's read model shares: the letterhead, meeting lines, activity counts, stories."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from coordinator_app.db.models import (
    Achievement,
    AchievementKind,
    AssignmentStatus,
    Attendance,
    AttendanceMode,
    ConsentKind,
    Contact,
    EsteemRole,
    GroupProfile,
    JobAssignment,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Member,
    SupportLogEntry,
    Venue,
)

from ..errors import NotFound, ValidationError
from ..labels import stored_word
from ..privacy import Privacy
from ..validate import fold

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ESTEEM_LABELS = {
    EsteemRole.RESOURCE_BUILDER: "resource builder",
    EsteemRole.CAPACITY_BUILDER: "capacity builder",
    EsteemRole.FACILITATOR: "facilitator",
    EsteemRole.BRIDGE_BUILDER: "bridge builder",
    EsteemRole.CO_EDUCATOR: "co-educator",
}
KIND_LABELS = {
    MeetingKind.REGULAR: "Meeting",
    MeetingKind.SOCIAL: "Social",
    MeetingKind.SPEAKER: "Speaker evening",
    MeetingKind.AGM: "Annual general meeting",
    MeetingKind.COMMITTEE: "Committee meeting",
    MeetingKind.ONLINE: "Online meeting",
}
MEASURE_LABELS = {
    "meetings": "meetings held",
    "attendances": "attendances",
    "people": "different people",
    "newcomers": "newcomers",
    "volunteers": "members sharing jobs",
    "achievements": "achievements",
    "support": "support sessions from practitioners",
}


# ---------------------------------------------------------------- shared pieces


@dataclass(frozen=True)
class Letterhead:
    """What goes at the top of every page."""

    group_name: str
    logo_png: bytes | None
    currency: str
    count_only: bool
    about: str = ""


@dataclass(frozen=True)
class MeetingLine:
    held_on: date
    time_text: str
    venue: str
    kind_label: str
    topic: str


@dataclass(frozen=True)
class Activity:
    """What the group did in a period. ``distinct_people`` is None when attendance is counted, not named."""

    meetings_held: int
    attendances: int
    distinct_people: int | None
    newcomers: int
    guests: int
    volunteers: int
    job_turns: int
    support_sessions: int


@dataclass(frozen=True)
class MonthAttendance:
    year: int
    month: int
    label: str
    meetings: int
    attendances: int


@dataclass(frozen=True)
class Story:
    achieved_on: date
    title: str
    story: str
    kind_label: str
    photo: bytes | None
    quote: str
    quote_by: str


@dataclass(frozen=True)
class Quote:
    text: str
    by: str
    said_on: date


@dataclass(frozen=True)
class Thanks:
    name: str
    organisation: str
    roles: tuple[str, ...]
    times: int


def _letterhead(session: Session) -> Letterhead:
    row = session.scalars(select(GroupProfile).order_by(GroupProfile.id).limit(1)).first()
    if row is None:
        raise ValidationError("name", "This group file has no group details yet.")
    return Letterhead(
        group_name=row.name, logo_png=row.logo_png, currency=row.currency,
        count_only=row.attendance_mode is AttendanceMode.COUNT_ONLY, about=row.about,
    )


def _time_text(start: time | None, end: time | None) -> str:
    def say(moment: time) -> str:
        hour = moment.hour % 12 or 12
        suffix = "am" if moment.hour < 12 else "pm"
        return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"

    if start and end:
        return f"{say(start)} to {say(end)}"
    return say(start) if start else ""


def _meeting_line(session: Session, meeting: Meeting, privacy: Privacy) -> MeetingLine:
    venue = session.get(Venue, meeting.venue_id) if meeting.venue_id else None
    return MeetingLine(
        held_on=meeting.held_on, time_text=_time_text(meeting.start_time, meeting.end_time),
        venue=venue.name if venue else "", kind_label=KIND_LABELS[meeting.kind], topic=privacy.scrub(meeting.topic),
    )


def _held_meetings(session: Session, starts_on: date, ends_on: date) -> list[Meeting]:
    return list(session.scalars(
        select(Meeting)
        .where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.HELD,
               Meeting.held_on >= starts_on, Meeting.held_on <= ends_on)
        .order_by(Meeting.held_on)
    ))


def _activity(session: Session, starts_on: date, ends_on: date, count_only: bool) -> tuple[Activity, list[Meeting]]:
    meetings = _held_meetings(session, starts_on, ends_on)
    ids = [meeting.id for meeting in meetings]
    named: Counter[int] = Counter()
    people: set[int] = set()
    if ids:
        for meeting_id, member_id in session.execute(
            select(Attendance.meeting_id, Attendance.member_id).where(Attendance.meeting_id.in_(ids))
        ):
            named[meeting_id] += 1
            people.add(member_id)
    attendances = sum(_attendance(meeting, named[meeting.id]) for meeting in meetings)
    turns = session.execute(
        select(JobAssignment.member_id).where(
            JobAssignment.status == AssignmentStatus.DONE, JobAssignment.member_id.is_not(None),
            func.coalesce(JobAssignment.done_on, JobAssignment.due_on) >= starts_on,
            func.coalesce(JobAssignment.done_on, JobAssignment.due_on) <= ends_on,
        )
    ).scalars().all()
    support = session.scalar(
        select(func.count()).select_from(SupportLogEntry)
        .where(SupportLogEntry.given_on >= starts_on, SupportLogEntry.given_on <= ends_on)
    ) or 0
    activity = Activity(
        meetings_held=len(meetings),
        attendances=attendances,
        distinct_people=None if count_only else len(people),
        newcomers=sum(meeting.newcomers_count for meeting in meetings),
        guests=sum(meeting.guests_count for meeting in meetings),
        volunteers=len(set(turns)),
        job_turns=len(turns),
        support_sessions=support,
    )
    return activity, meetings


def _attendance(meeting: Meeting, named: int) -> int:
    """Everyone in the room: members (named or counted), newcomers and guests."""
    members = meeting.members_count if meeting.members_count is not None else named
    return members + meeting.newcomers_count + meeting.guests_count


def _named_counts(session: Session, meetings: list[Meeting]) -> Counter[int]:
    counts: Counter[int] = Counter()
    ids = [meeting.id for meeting in meetings]
    if ids:
        for meeting_id, count in session.execute(
            select(Attendance.meeting_id, func.count()).where(Attendance.meeting_id.in_(ids))
            .group_by(Attendance.meeting_id)
        ):
            counts[meeting_id] = count
    return counts


def _stories(session: Session, privacy: Privacy, starts_on: date, ends_on: date) -> list[Story]:
    stories = []
    rows = session.scalars(
        select(Achievement)
        .where(Achievement.deleted_at.is_(None), Achievement.achieved_on >= starts_on,
               Achievement.achieved_on <= ends_on)
        .order_by(Achievement.achieved_on, Achievement.id)
    )
    for row in rows:
        consented = bool(row.consent_to_include)
        if row.kind is AchievementKind.MEMBER_STORY and not consented:
            continue
        photo_ok = consented and row.photo is not None and (
            row.quote_by_id is None or privacy.has(row.quote_by_id, ConsentKind.PHOTOS)
        )
        quote = privacy.scrub(row.quote.strip()) if consented else ""
        stories.append(Story(
            achieved_on=row.achieved_on,
            title=privacy.scrub(row.title),
            story=privacy.scrub(row.story.strip()),
            kind_label=stored_word(row.kind),
            photo=row.photo if photo_ok else None,
            quote=quote,
            quote_by=privacy.name(row.quote_by_id, "a member of the group") if quote else "",
        ))
    return stories


def _thanks(session: Session, starts_on: date, ends_on: date) -> list[Thanks]:
    given: dict[int, list[EsteemRole]] = defaultdict(list)
    for contact_id, role in session.execute(
        select(SupportLogEntry.contact_id, SupportLogEntry.role)
        .where(SupportLogEntry.given_on >= starts_on, SupportLogEntry.given_on <= ends_on)
    ):
        given[contact_id].append(role)
    thanks = []
    for contact in session.scalars(select(Contact).where(Contact.id.in_(list(given)))):
        roles = tuple(dict.fromkeys(ESTEEM_LABELS[role] for role in sorted(given[contact.id])))
        thanks.append(Thanks(contact.name, contact.organisation, roles, len(given[contact.id])))
    return sorted(thanks, key=lambda item: item.name.casefold())


def _members_where(session: Session, which: ColumnElement[bool]) -> list[Member]:
    """Undeleted members meeting ``which`` (``members.belonging_on`` or ``members.current_on``), by folded name."""
    rows = session.scalars(select(Member).where(Member.deleted_at.is_(None), which))
    return sorted(rows, key=lambda member: (fold(member.name), member.id))


def _meeting_on(session: Session, held_on: date) -> Meeting:
    meeting = session.scalars(
        select(Meeting).where(Meeting.deleted_at.is_(None), Meeting.held_on == held_on)
        .order_by(Meeting.status == MeetingStatus.CANCELLED, Meeting.id)
    ).first()
    if meeting is None:
        raise NotFound(f"There is no meeting on {_say(held_on)}.")
    return meeting


def _say(day: date) -> str:
    return f"{day.day} {day:%B %Y}"

