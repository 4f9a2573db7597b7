"""A fair-share rota for the next meetings: whose turn is it at each job?

For each job done at every meeting (and each monthly job, once per calendar month) the turn goes to a
willing volunteer who is in the group and not away that day, choosing, in order:
fewest turns at that job so far (done or assigned, the planned ones included), then fewest turns at any
job, then someone not already doing another job at that meeting, then by name. So nobody gets a second
turn at a job while a willing, available volunteer has had none.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Job,
    JobAssignment,
    JobFrequency,
    JobVolunteer,
    Meeting,
    MeetingStatus,
    Member,
    Unavailability,
)

from .errors import NotFound, ValidationError
from .jobs import COUNTED, check_can_take
from .members import live_member, name_key
from .uow import unit_of_work
from .validate import say_date

ROTA_FREQUENCIES = (JobFrequency.EVERY_MEETING, JobFrequency.MONTHLY)


@dataclass(frozen=True)
class RotaMeeting:
    id: int
    held_on: date


@dataclass(frozen=True)
class RotaJob:
    id: int
    title: str
    frequency: JobFrequency
    volunteers: tuple[int, ...]


@dataclass(frozen=True)
class RotaPerson:
    id: int
    name: str
    joined_on: date
    left_on: date | None
    away: tuple[tuple[date, date], ...] = ()

    def can_take(self, day: date) -> bool:
        in_group = self.joined_on <= day and (self.left_on is None or day <= self.left_on)
        return in_group and not any(start <= day <= end for start, end in self.away)


@dataclass(frozen=True)
class Turn:
    job_id: int
    meeting_id: int
    member_id: int | None  # None: no willing volunteer is free that day


@dataclass(frozen=True)
class ProposedTurn:
    """One proposed turn; ``member_id`` is None (and the name empty) when nobody willing is free."""

    job_id: int
    job_title: str
    meeting_id: int
    held_on: date
    member_id: int | None
    member_name: str


def plan_rota(
    *,
    meetings: Sequence[RotaMeeting],
    jobs: Sequence[RotaJob],
    people: Mapping[int, RotaPerson],
    past_turns: Iterable[tuple[int, int]] = (),
    existing: Iterable[tuple[int, int, int]] = (),
) -> list[Turn]:
    """The turns to fill, pure and deterministic.

    ``past_turns`` holds one (job_id, member_id) pair per turn already counted (done or assigned, at any
    job). ``existing`` holds (job_id, meeting_id, member_id) for turns already given at these meetings:
    those slots are not filled again and make the member busy at that meeting. A monthly job whose month
    already has a turn at one of ``meetings`` is not given another that month.
    """
    at_job: Counter[tuple[int, int]] = Counter(past_turns)
    overall: Counter[int] = Counter()
    for (_job, member), n in at_job.items():
        overall[member] += n
    busy: dict[int, set[int]] = defaultdict(set)
    filled: set[tuple[int, int]] = set()
    when = {m.id: m.held_on for m in meetings}
    months_done: set[tuple[int, int, int]] = set()
    for job_id, meeting_id, member_id in existing:
        busy[meeting_id].add(member_id)
        filled.add((job_id, meeting_id))
        if meeting_id in when:
            months_done.add((job_id, when[meeting_id].year, when[meeting_id].month))
    ordered_jobs = sorted(
        (j for j in jobs if j.frequency in ROTA_FREQUENCIES), key=lambda j: (*name_key(j.title), j.id)
    )
    turns: list[Turn] = []
    for meeting in sorted(meetings, key=lambda m: (m.held_on, m.id)):
        day = meeting.held_on
        for job in ordered_jobs:
            if (job.id, meeting.id) in filled:
                continue
            month = (job.id, day.year, day.month)
            if job.frequency is JobFrequency.MONTHLY:
                if month in months_done:
                    continue
                months_done.add(month)
            free = [people[v] for v in job.volunteers if v in people and people[v].can_take(day)]
            if not free:
                turns.append(Turn(job.id, meeting.id, None))
                continue
            chosen = min(free, key=lambda p: (
                at_job[(job.id, p.id)], overall[p.id], p.id in busy[meeting.id], *name_key(p.name), p.id
            ))
            at_job[(job.id, chosen.id)] += 1
            overall[chosen.id] += 1
            busy[meeting.id].add(chosen.id)
            turns.append(Turn(job.id, meeting.id, chosen.id))
    return turns


def propose_rota(group: GroupFile, *, meetings_ahead: int = 12, today: date | None = None) -> list[ProposedTurn]:
    """The rota for the next ``meetings_ahead`` planned meetings from today, soonest first. Nothing is saved."""
    if not 1 <= meetings_ahead <= 104:
        raise ValidationError("meetings_ahead", "Plan the rota for between 1 and 104 meetings.")
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        meetings = [
            RotaMeeting(m.id, m.held_on)
            for m in session.scalars(
                select(Meeting)
                .where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.PLANNED, Meeting.held_on >= today)
                .order_by(Meeting.held_on, Meeting.start_time, Meeting.id)
                .limit(meetings_ahead)
            )
        ]
        willing: dict[int, list[int]] = defaultdict(list)
        for job_id, member_id in session.execute(select(JobVolunteer.job_id, JobVolunteer.member_id)):
            willing[job_id].append(member_id)
        jobs = [
            RotaJob(j.id, j.title, j.frequency, tuple(willing[j.id]))
            for j in session.scalars(select(Job).where(Job.active.is_(True), Job.frequency.in_(ROTA_FREQUENCIES)))
        ]
        away: dict[int, list[tuple[date, date]]] = defaultdict(list)
        for member_id, start, end in session.execute(
            select(Unavailability.member_id, Unavailability.starts_on, Unavailability.ends_on)
        ):
            away[member_id].append((start, end))
        people = {
            m.id: RotaPerson(m.id, m.name, m.joined_on, m.left_on, tuple(away[m.id]))
            for m in session.scalars(select(Member).where(Member.deleted_at.is_(None)))
        }
        counted = session.execute(
            select(JobAssignment.job_id, JobAssignment.member_id, JobAssignment.meeting_id)
            .join(Member, Member.id == JobAssignment.member_id)
            .outerjoin(Meeting, Meeting.id == JobAssignment.meeting_id)
            .where(JobAssignment.status.in_(COUNTED), Member.deleted_at.is_(None), Meeting.deleted_at.is_(None))
        ).all()
    meeting_ids = {m.id for m in meetings}
    turns = plan_rota(
        meetings=meetings,
        jobs=jobs,
        people=people,
        past_turns=[(job_id, member_id) for job_id, member_id, _m in counted],
        existing=[(job_id, meeting_id, member_id) for job_id, member_id, meeting_id in counted
                  if meeting_id in meeting_ids],
    )
    held = {m.id: m.held_on for m in meetings}
    titles = {j.id: j.title for j in jobs}
    return [
        ProposedTurn(
            job_id=t.job_id, job_title=titles[t.job_id], meeting_id=t.meeting_id, held_on=held[t.meeting_id],
            member_id=t.member_id, member_name=people[t.member_id].name if t.member_id is not None else "",
        )
        for t in turns
    ]


def apply_rota(group: GroupFile, proposal: Iterable[ProposedTurn]) -> list[int]:
    """Save the proposed turns as assignments, all or nothing.

    Turns without a member, and slots that meanwhile got a turn (say, applying twice), are skipped.
    """
    ids: list[int] = []
    with unit_of_work(group) as session:
        for turn in proposal:
            if turn.member_id is None:
                continue
            taken = session.scalars(select(JobAssignment.id).join(Member, Member.id == JobAssignment.member_id).where(
                JobAssignment.job_id == turn.job_id, JobAssignment.meeting_id == turn.meeting_id,
                JobAssignment.status.in_(COUNTED), Member.deleted_at.is_(None),
            )).first()
            if taken is not None:
                continue
            job = session.get(Job, turn.job_id)
            meeting = session.get(Meeting, turn.meeting_id)
            if job is None or meeting is None or meeting.deleted_at is not None:
                raise NotFound("A job or meeting in this rota is no longer in the group file; please make it again.")
            if not job.active or meeting.status is not MeetingStatus.PLANNED:
                raise ValidationError(
                    "proposal",
                    f"“{job.title}” or the meeting on {say_date(meeting.held_on)} changed; please make the rota again.",
                )
            check_can_take(session, live_member(session, turn.member_id), meeting.held_on, "proposal")
            row = JobAssignment(job_id=job.id, member_id=turn.member_id, meeting_id=meeting.id,
                                due_on=meeting.held_on)
            session.add(row)
            session.flush()
            ids.append(row.id)
    return ids
