"""The yearly celebration report's read model."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Aim,
    AimStatus,
    AssignmentStatus,
    GoodThing,
    Grant,
    GroupProfile,
    Job,
    JobAssignment,
    Meeting,
    MeetingStatus,
    Member,
    Venue,
)

from ..errors import ValidationError
from ..labels import stored_word
from ..members import belonging_on
from ..privacy import Document, Privacy
from ..uow import unit_of_work
from ..validate import fold
from .common import (
    MONTHS,
    Activity,
    Letterhead,
    MeetingLine,
    MonthAttendance,
    Story,
    Thanks,
    _activity,
    _attendance,
    _letterhead,
    _meeting_line,
    _members_where,
    _named_counts,
    _stories,
    _thanks,
)


@dataclass(frozen=True)
class AimLine:
    text: str
    status_label: str
    note: str


@dataclass(frozen=True)
class JobShare:
    title: str
    turns: int
    people: int


@dataclass(frozen=True)
class GoodThingLine:
    text: str
    by: str  # the sharer's name where they agreed to be named, else ""
    said_on: date


@dataclass(frozen=True)
class CelebrationData:
    letterhead: Letterhead
    period_label: str
    starts_on: date
    ends_on: date
    until: date  # the last day counted: the year's end, or the day it was printed for a year still running
    activity: Activity
    members_at_end: int
    new_members: int
    by_month: tuple[MonthAttendance, ...]
    stories: tuple[Story, ...]
    aims: tuple[AimLine, ...]
    jobs: tuple[JobShare, ...]
    helpers_named: tuple[str, ...]
    helpers_unnamed: int
    practitioners: tuple[Thanks, ...]
    venues: tuple[str, ...]
    funders: tuple[str, ...]
    next_meetings: tuple[MeetingLine, ...]  # only while the year is still running
    good_things: tuple[GoodThingLine, ...] = ()
    good_things_total: int = 0
    began_on: date | None = None  # when the group began, if that was during this year

    @property
    def so_far(self) -> bool:
        return self.until < self.ends_on

    @property
    def quiet(self) -> bool:
        return self.activity.meetings_held == 0 and not self.stories


def year_period(year: int, *, start_month: int = 1) -> tuple[date, date, str]:
    """The first and last day of a calendar year (``start_month`` 1) or a financial year, and its name."""
    if not 1900 <= year <= 9998:
        raise ValidationError("year", "Please give a year such as 2025.")
    starts_on = date(year, start_month, 1)
    ends_on = date(year + 1, start_month, 1) - timedelta(days=1)
    if start_month == 1:
        return starts_on, ends_on, str(year)
    return starts_on, ends_on, f"{starts_on:%B %Y} to {ends_on:%B %Y}"


def celebration_data(
    group: GroupFile, *, year: int, financial: bool = False, today: date | None = None
) -> CelebrationData:
    """Everything the yearly celebration report prints, for a calendar year or the group's financial year."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        start_month = 1
        if financial:
            start_month = session.scalar(select(GroupProfile.financial_year_start_month).limit(1)) or 4
        starts_on, ends_on, label = year_period(year, start_month=start_month)
        privacy = Privacy(session, today, Document.CELEBRATION)
        until = min(ends_on, today)
        activity, meetings = _activity(session, starts_on, until, letterhead.count_only)
        named = _named_counts(session, meetings)

        by_month = []
        began_on = _began_on(session)
        began = max(starts_on, began_on or starts_on)  # no empty months before the group existed
        month_start = date(began.year, began.month, 1)
        while month_start <= until:
            in_month = [m for m in meetings if (m.held_on.year, m.held_on.month) == (month_start.year,
                                                                                   month_start.month)]
            by_month.append(MonthAttendance(
                year=month_start.year, month=month_start.month, label=MONTHS[month_start.month - 1],
                meetings=len(in_month), attendances=sum(_attendance(m, named[m.id]) for m in in_month),
            ))
            month_start = date(month_start.year + month_start.month // 12, month_start.month % 12 + 1, 1)
        if until < ends_on and by_month and by_month[-1].meetings == 0:
            by_month.pop()  # this month's meeting is still to come: no bar of 0 for it yet

        members = _members_where(session, belonging_on(until))
        new_members = sum(1 for member in members if member.joined_on >= starts_on)

        aims = []
        for aim in session.scalars(select(Aim).order_by(Aim.position, Aim.id)):
            closed_before = aim.status is not AimStatus.CURRENT and (aim.status_changed_on or ends_on) < starts_on
            if aim.set_on > ends_on or closed_before:
                continue
            status = aim.status if (aim.status_changed_on or starts_on) <= ends_on else AimStatus.CURRENT
            aims.append(AimLine(privacy.scrub(aim.text), stored_word(status),
                                privacy.scrub(aim.outcome_note) if status is not AimStatus.CURRENT else ""))

        turns = session.execute(
            select(Job.title, JobAssignment.member_id)
            .join(Job, Job.id == JobAssignment.job_id)
            .where(JobAssignment.status == AssignmentStatus.DONE,
                   func.coalesce(JobAssignment.done_on, JobAssignment.due_on) >= starts_on,
                   func.coalesce(JobAssignment.done_on, JobAssignment.due_on) <= ends_on)
        ).all()
        by_job: dict[str, list[int | None]] = defaultdict(list)
        for title, member_id in turns:
            by_job[privacy.scrub(title)].append(member_id)
        jobs = sorted(
            (JobShare(title, len(ids), len({i for i in ids if i is not None})) for title, ids in by_job.items()),
            key=lambda share: (-share.turns, share.title.casefold()),
        )
        helpers = {member_id for _, member_id in turns if member_id is not None}
        named_helpers = sorted((privacy.goes_by(i) for i in helpers if privacy.may_name(i)), key=fold)

        venue_ids = {meeting.venue_id for meeting in meetings if meeting.venue_id}
        venues = sorted((v.name for v in session.scalars(select(Venue).where(Venue.id.in_(venue_ids)))),
                        key=str.casefold)
        funders = sorted(set(session.scalars(
            select(Grant.funder).where(Grant.starts_on <= ends_on, Grant.ends_on >= starts_on)
        )), key=str.casefold)
        upcoming = session.scalars(
            select(Meeting).where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.PLANNED,
                                  Meeting.held_on > today, Meeting.held_on <= today + timedelta(days=183))
            .order_by(Meeting.held_on).limit(6)
        ).all() if until < ends_on else []  # "looking ahead" belongs to a year still running
        good, good_total = _good_things(session, privacy, meetings)
        return CelebrationData(
            letterhead=letterhead, period_label=label, starts_on=starts_on, ends_on=ends_on, until=until,
            activity=activity,
            members_at_end=len(members), new_members=new_members, by_month=tuple(by_month),
            stories=tuple(_stories(session, privacy, starts_on, until)), aims=tuple(aims), jobs=tuple(jobs),
            helpers_named=tuple(named_helpers), helpers_unnamed=len(helpers) - len(named_helpers),
            practitioners=tuple(_thanks(session, starts_on, ends_on)), venues=tuple(venues),
            funders=tuple(funders), next_meetings=tuple(_meeting_line(session, m, privacy) for m in upcoming),
            good_things=good, good_things_total=good_total,
            began_on=began_on if began_on is not None and starts_on < began_on <= until else None,
        )


GOOD_THINGS_SHOWN = 12


def _began_on(session: Session) -> date | None:
    """When the group began: the day it says it was founded, else its first meeting or first member."""
    founded = session.scalar(select(GroupProfile.founded_on).order_by(GroupProfile.id).limit(1))
    if founded is not None:
        return founded
    firsts = [session.scalar(select(func.min(Meeting.held_on)).where(Meeting.deleted_at.is_(None))),
              session.scalar(select(func.min(Member.joined_on)).where(Member.deleted_at.is_(None)))]
    return min((day for day in firsts if day is not None), default=None)


def _good_things(session: Session, privacy: Privacy, meetings: list[Meeting]) -> tuple[tuple[GoodThingLine, ...], int]:
    """Up to a dozen different good things from across the year (evenly spread), and how many were shared."""
    held_on = {meeting.id: meeting.held_on for meeting in meetings}
    rows = session.execute(
        select(GoodThing.meeting_id, GoodThing.text, GoodThing.shared_by_id, GoodThing.name_shareable)
        .where(GoodThing.meeting_id.in_(list(held_on)))
        .order_by(GoodThing.meeting_id, GoodThing.position)
    ).all() if held_on else []
    lines, seen = [], set()
    for meeting_id, text, by, shareable in sorted(rows, key=lambda row: held_on[row[0]]):
        said = privacy.scrub(text.strip())
        if said and said.casefold() not in seen:  # the same words shared twice are printed once
            seen.add(said.casefold())
            lines.append(GoodThingLine(said, privacy.said_by(by, shareable), held_on[meeting_id]))
    if len(lines) > GOOD_THINGS_SHOWN:
        step = len(lines) / GOOD_THINGS_SHOWN
        lines = [lines[int(i * step)] for i in range(GOOD_THINGS_SHOWN)]
    return tuple(lines), len(rows)

