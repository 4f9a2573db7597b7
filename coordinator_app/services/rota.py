"""A fair-share rota for the next meetings: whose turn is it at each job?

For each job done at every meeting (and each monthly job, once per calendar month) the turn goes to a
willing volunteer who is in the group and not away that day, choosing, in order:
fewest recent turns at that job (done in the last twelve months, exactly as *Who has done what* counts
them, plus turns already planned), then the one whose last turn at it was longest ago (so recency
breaks a tie), then fewest recent turns at any job, then someone not already doing another job at that
meeting, then by name. So nobody is given a turn while a willing, free volunteer has had fewer recently,
and with everyone level each of k willing volunteers has a turn within k meetings. Counting only recent
turns means someone who did a job for years is not passed over for years after the others catch up.
Every proposed turn carries a sentence saying why that person was chosen.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    AssignmentStatus,
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
from .jobs import COUNTED, check_can_take, recent_since
from .members import belongs_on, live_member, name_key
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
        return belongs_on(self, day) and not any(start <= day <= end for start, end in self.away)


@dataclass(frozen=True)
class Turn:
    job_id: int
    meeting_id: int
    member_id: int | None  # None: no willing volunteer is free that day
    done_recently: int = 0  # the chosen person's turns done at this job in the recent window
    planned: int = 0  # their turns at this job already planned (saved, or earlier in this rota)
    why: str = ""


@dataclass(frozen=True)
class ProposedTurn:
    """One proposed turn; ``member_id`` is None (and the name empty) when nobody willing is free.

    ``done_recently`` is what *Who has done what* shows for this person and job; ``why`` says in words
    why they were chosen.
    """

    job_id: int
    job_title: str
    meeting_id: int
    held_on: date
    member_id: int | None
    member_name: str
    done_recently: int = 0
    planned: int = 0
    why: str = ""


def _times(n: int) -> str:
    return "no turns" if n == 0 else "1 turn" if n == 1 else f"{n} turns"


def _why(job: RotaJob, chosen: RotaPerson, free: Sequence[RotaPerson], done: int, planned: int,
         score: Callable[[RotaPerson], int], last: date | None, away: Sequence[RotaPerson]) -> str:
    """Why ``chosen`` has this turn, in words: their recent turns against the others free that day."""
    reason = _reason(job, chosen, free, done, planned, score, last)
    if away:
        names = ", ".join(sorted((p.name for p in away), key=name_key))
        reason += f" Not free that day: {names}."
    return reason


def _reason(job: RotaJob, chosen: RotaPerson, free: Sequence[RotaPerson], done: int, planned: int,
            score: Callable[[RotaPerson], int], last: date | None) -> str:
    mine = f"{_times(done)} at {job.title} in the last 12 months" + (f" and {planned} planned" if planned else "")
    others = [p for p in free if p.id != chosen.id]
    if not others:
        return f"{chosen.name}: the only volunteer for {job.title} free that day ({mine})."
    level = [p for p in others if score(p) == score(chosen)]
    lines = ", ".join(f"{p.name} {score(p)}" for p in sorted(others, key=lambda p: (score(p), *name_key(p.name))))
    if not level:
        return f"{chosen.name}: fewest recent turns of those free ({mine}; others: {lines})."
    since = f"last did it on {say_date(last)}" if last else "has not done it in the last 12 months"
    return f"{chosen.name}: level with others on recent turns ({mine}) and {since}, longest ago (others: {lines})."


def plan_rota(
    *,
    meetings: Sequence[RotaMeeting],
    jobs: Sequence[RotaJob],
    people: Mapping[int, RotaPerson],
    past_turns: Iterable[tuple[int, int, date]] = (),
    planned_turns: Iterable[tuple[int, int, date]] = (),
    existing: Iterable[tuple[int, int, int]] = (),
) -> list[Turn]:
    """The turns to fill, pure and deterministic.

    ``past_turns`` holds (job_id, member_id, day) for each turn done in the recent window, and
    ``planned_turns`` the same for turns already assigned from today on; both count towards a share.
    ``existing`` holds (job_id, meeting_id, member_id) for turns already given at these meetings:
    those slots are not filled again and make the member busy at that meeting. A monthly job whose month
    already has a turn at one of ``meetings`` is not given another that month.
    """
    done: Counter[tuple[int, int]] = Counter()
    planned: Counter[tuple[int, int]] = Counter()
    overall: Counter[int] = Counter()
    last: dict[tuple[int, int], date] = {}
    for job_id, member_id, day in past_turns:
        done[(job_id, member_id)] += 1
        overall[member_id] += 1
        last[(job_id, member_id)] = max(day, last.get((job_id, member_id), day))
    for job_id, member_id, day in planned_turns:
        planned[(job_id, member_id)] += 1
        overall[member_id] += 1
        last[(job_id, member_id)] = max(day, last.get((job_id, member_id), day))
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
                turns.append(Turn(job.id, meeting.id, None, why=f"Nobody who volunteers for {job.title} is free "
                                                                 "that day."))
                continue

            def score(p: RotaPerson, job: RotaJob = job) -> int:
                return done[(job.id, p.id)] + planned[(job.id, p.id)]

            chosen = min(free, key=lambda p, job=job, score=score: (
                score(p), last.get((job.id, p.id), date.min), overall[p.id], p.id in busy[meeting.id],
                *name_key(p.name), p.id,
            ))
            key = (job.id, chosen.id)
            away = [people[v] for v in job.volunteers if v in people and people[v] not in free
                    and belongs_on(people[v], day)]
            why = _why(job, chosen, free, done[key], planned[key], score, last.get(key), away)
            turns.append(Turn(job.id, meeting.id, chosen.id, done_recently=done[key], planned=planned[key], why=why))
            planned[key] += 1
            overall[chosen.id] += 1
            last[key] = day
            busy[meeting.id].add(chosen.id)
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
        since = recent_since(today)
        counted = session.execute(
            select(JobAssignment.job_id, JobAssignment.member_id, JobAssignment.meeting_id, JobAssignment.due_on,
                   JobAssignment.status)
            .join(Member, Member.id == JobAssignment.member_id)
            .outerjoin(Meeting, Meeting.id == JobAssignment.meeting_id)
            .where(JobAssignment.status.in_(COUNTED), Member.deleted_at.is_(None), Meeting.deleted_at.is_(None))
        ).all()
    meeting_ids = {m.id for m in meetings}
    turns = plan_rota(
        meetings=meetings,
        jobs=jobs,
        people=people,
        # As *Who has done what* counts them: done, due in the last twelve months.
        past_turns=[(job_id, member_id, due) for job_id, member_id, _m, due, status in counted
                    if status is AssignmentStatus.DONE and due >= since],
        planned_turns=[(job_id, member_id, due) for job_id, member_id, _m, due, status in counted
                       if status is AssignmentStatus.ASSIGNED and due >= today],
        existing=[(job_id, meeting_id, member_id) for job_id, member_id, meeting_id, _d, _s in counted
                  if meeting_id in meeting_ids],
    )
    held = {m.id: m.held_on for m in meetings}
    titles = {j.id: j.title for j in jobs}
    return [
        ProposedTurn(
            job_id=t.job_id, job_title=titles[t.job_id], meeting_id=t.meeting_id, held_on=held[t.meeting_id],
            member_id=t.member_id, member_name=people[t.member_id].name if t.member_id is not None else "",
            done_recently=t.done_recently, planned=t.planned, why=t.why,
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
