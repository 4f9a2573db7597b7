"""Shared jobs: who is willing to do them, whose turn it is, what is done, and who has done what.

"Share the jobs around": every turn is an assignment (for a meeting or a date) that is assigned, done,
swapped to someone else, or missed. A turn counts towards someone's share when it is assigned or done.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

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
)

from .errors import NotFound, ValidationError
from .members import live_member, name_key, not_belonging_reason, unavailable_on
from .uow import unit_of_work
from .validate import optional_text, required_date, required_text, say_date

COUNTED = (AssignmentStatus.ASSIGNED, AssignmentStatus.DONE)
# "Recently": the turns the rota weighs and *Who has done what* shows are those of the last twelve months.
RECENT_DAYS = 365


def recent_since(today: date) -> date:
    """The first day of the recent window, the one place the rota and *Who has done what* both take it from."""
    return today - timedelta(days=RECENT_DAYS)


@dataclass(frozen=True)
class JobView:
    id: int
    title: str
    description: str
    frequency: JobFrequency
    active: bool
    volunteers: tuple[tuple[int, str], ...]
    from_meeting_id: int | None
    due_on: date | None


@dataclass(frozen=True)
class AssignmentView:
    id: int
    job_id: int
    job_title: str
    member_id: int | None
    member_name: str
    due_on: date
    meeting_id: int | None
    status: AssignmentStatus
    done_on: date | None
    swapped_with_name: str


@dataclass(frozen=True)
class ShareRow:
    member_id: int
    name: str
    turns: dict[str, int]
    total: int


def _job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"There is no job with id {job_id} in this group file.")
    return job


def _assignment(session: Session, assignment_id: int) -> JobAssignment:
    turn = session.get(JobAssignment, assignment_id)
    if turn is None:
        raise NotFound(f"There is no turn with id {assignment_id} in this group file.")
    return turn


def _frequency(value: object) -> JobFrequency:
    try:
        return JobFrequency(value)
    except ValueError as exc:
        raise ValidationError("frequency", "Please choose how often the job needs doing.") from exc


def add_job(group: GroupFile, *, title: str, description: str = "",
            frequency: JobFrequency = JobFrequency.EVERY_MEETING) -> int:
    job = Job(
        title=required_text("title", title, "the job's name"),
        description=optional_text("description", description, "the description"),
        frequency=_frequency(frequency),
        active=True,
    )
    with unit_of_work(group) as session:
        session.add(job)
        session.flush()
        return job.id


def update_job(group: GroupFile, job_id: int, **changes: object) -> None:
    """Change a job's title, description, frequency or due date."""
    unknown = set(changes) - {"title", "description", "frequency", "due_on"}
    if unknown:
        raise TypeError(f"unknown job fields: {sorted(unknown)}")
    with unit_of_work(group) as session:
        job = _job(session, job_id)
        if "title" in changes:
            job.title = required_text("title", str(changes["title"] or ""), "the job's name")
        if "description" in changes:
            job.description = optional_text("description", str(changes["description"] or ""), "the description")
        if "frequency" in changes:
            job.frequency = _frequency(changes["frequency"])
        if "due_on" in changes:
            due_on = changes["due_on"]
            if due_on is not None and not isinstance(due_on, date):
                raise ValidationError("due_on", "Please give the date the job is due as a date.")
            job.due_on = due_on


def retire_job(group: GroupFile, job_id: int) -> None:
    """The job is no longer needed: it leaves the rota, but its history stays."""
    with unit_of_work(group) as session:
        _job(session, job_id).active = False


def reinstate_job(group: GroupFile, job_id: int) -> None:
    with unit_of_work(group) as session:
        _job(session, job_id).active = True


def delete_job(group: GroupFile, job_id: int) -> None:
    """Take away a job added by mistake, as Undo of adding it; a job with turns is retired instead."""
    with unit_of_work(group) as session:
        job = _job(session, job_id)
        if session.scalars(select(JobAssignment.id).where(JobAssignment.job_id == job_id).limit(1)).first():
            raise ValidationError("job_id", f"“{job.title}” already has turns, so it can only be retired.")
        session.execute(delete(JobVolunteer).where(JobVolunteer.job_id == job_id))
        session.delete(job)


def _volunteers(session: Session, job_ids: list[int]) -> dict[int, tuple[tuple[int, str], ...]]:
    rows = session.execute(
        select(JobVolunteer.job_id, Member.id, Member.name)
        .join(Member, Member.id == JobVolunteer.member_id)
        .where(JobVolunteer.job_id.in_(job_ids), Member.deleted_at.is_(None))
    ).all()
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for job_id, member_id, name in rows:
        found[job_id].append((member_id, name))
    return {job_id: tuple(sorted(people, key=lambda p: (*name_key(p[1]), p[0]))) for job_id, people in found.items()}


def list_jobs(group: GroupFile, *, include_retired: bool = False) -> list[JobView]:
    """Jobs by title; a one-off job (an action from a meeting) retires itself once done."""
    with unit_of_work(group, write=False) as session:
        query = select(Job)
        if not include_retired:
            query = query.where(Job.active.is_(True))
        jobs = sorted(session.scalars(query), key=lambda j: (*name_key(j.title), j.id))
        volunteers = _volunteers(session, [j.id for j in jobs])
        return [
            JobView(id=j.id, title=j.title, description=j.description, frequency=j.frequency, active=j.active,
                    volunteers=volunteers.get(j.id, ()), from_meeting_id=j.from_meeting_id, due_on=j.due_on)
            for j in jobs
        ]


def volunteer(group: GroupFile, job_id: int, member_id: int) -> None:
    """The member is willing to take turns at the job (saying so twice changes nothing)."""
    with unit_of_work(group) as session:
        job = _job(session, job_id)
        if not job.active:
            raise ValidationError("job_id", f"“{job.title}” is no longer needed, so nobody can volunteer for it.")
        live_member(session, member_id)
        exists = session.scalars(select(JobVolunteer).where(
            JobVolunteer.job_id == job_id, JobVolunteer.member_id == member_id
        )).first()
        if exists is None:
            session.add(JobVolunteer(job_id=job_id, member_id=member_id))


def stop_volunteering(group: GroupFile, job_id: int, member_id: int) -> None:
    """The member no longer takes turns at the job; turns already given to them stay."""
    with unit_of_work(group) as session:
        _job(session, job_id)
        for row in session.scalars(select(JobVolunteer).where(
            JobVolunteer.job_id == job_id, JobVolunteer.member_id == member_id
        )):
            session.delete(row)


def check_can_take(session: Session, member: Member, day: date, field: str) -> None:
    """Raise if the member was not in the group, or is away, on the day of the turn."""
    reason = not_belonging_reason(member, day)
    if reason:
        raise ValidationError(field, reason)
    away = unavailable_on(session, member.id, day)
    if away is not None:
        raise ValidationError(
            field, f"{member.name} is away from {say_date(away.starts_on)} to {say_date(away.ends_on)}."
        )


def assign(group: GroupFile, job_id: int, member_id: int, *, due_on: date, meeting_id: int | None = None) -> int:
    """Give a member a turn at a job, for a meeting or by a date."""
    due_on = required_date("due_on", due_on, "the date the turn is due")
    with unit_of_work(group) as session:
        job = _job(session, job_id)
        if not job.active:
            raise ValidationError("job_id", f"“{job.title}” is no longer needed, so it cannot be given to anyone.")
        member = live_member(session, member_id)
        if meeting_id is not None:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None or meeting.deleted_at is not None:
                raise NotFound(f"There is no meeting with id {meeting_id} in this group file.")
            if meeting.status is MeetingStatus.CANCELLED:
                raise ValidationError("meeting_id", "That meeting was cancelled; please choose another.")
        check_can_take(session, member, due_on, "member_id")
        turn = JobAssignment(job_id=job.id, member_id=member.id, due_on=due_on, meeting_id=meeting_id,
                             status=AssignmentStatus.ASSIGNED)
        session.add(turn)
        session.flush()
        return turn.id


def mark_done(group: GroupFile, assignment_id: int, *, done_on: date) -> None:
    done_on = required_date("done_on", done_on, "the date it was done")
    with unit_of_work(group) as session:
        turn = _assignment(session, assignment_id)
        if turn.status is AssignmentStatus.SWAPPED:
            raise ValidationError("status", "This turn was swapped to someone else; mark their turn done instead.")
        turn.status = AssignmentStatus.DONE
        turn.done_on = done_on
        job = _job(session, turn.job_id)
        if job.frequency is JobFrequency.ONE_OFF:
            job.active = False


def swap(group: GroupFile, assignment_id: int, *, with_member_id: int) -> int:
    """Hand a turn to someone else: the original is marked swapped and the other member gets a new turn."""
    with unit_of_work(group) as session:
        turn = _assignment(session, assignment_id)
        if turn.status is not AssignmentStatus.ASSIGNED:
            raise ValidationError("status", "Only a turn that is still to be done can be swapped.")
        if turn.member_id == with_member_id:
            raise ValidationError("with_member_id", "Please choose someone else to swap with.")
        other = live_member(session, with_member_id)
        check_can_take(session, other, turn.due_on, "with_member_id")
        turn.status = AssignmentStatus.SWAPPED
        turn.swapped_with_id = other.id
        new = JobAssignment(job_id=turn.job_id, member_id=other.id, due_on=turn.due_on, meeting_id=turn.meeting_id,
                            status=AssignmentStatus.ASSIGNED)
        session.add(new)
        session.flush()
        return new.id


def mark_not_done(group: GroupFile, assignment_id: int) -> None:
    """Take back marking a turn done, as Undo does: it is still to do, and a one-off job is open again."""
    with unit_of_work(group) as session:
        turn = _assignment(session, assignment_id)
        if turn.status is not AssignmentStatus.DONE:
            raise ValidationError("status", "This turn is not marked done.")
        turn.status = AssignmentStatus.ASSIGNED
        turn.done_on = None
        job = _job(session, turn.job_id)
        if job.frequency is JobFrequency.ONE_OFF:
            job.active = True


def undo_swap(group: GroupFile, assignment_id: int) -> None:
    """Give a swapped turn back to its first holder, as Undo does; the turn handed over goes."""
    with unit_of_work(group) as session:
        turn = _assignment(session, assignment_id)
        if turn.status is not AssignmentStatus.SWAPPED:
            raise ValidationError("status", "This turn was not swapped.")
        handed = session.scalars(select(JobAssignment).where(
            JobAssignment.id != turn.id, JobAssignment.job_id == turn.job_id,
            JobAssignment.member_id == turn.swapped_with_id, JobAssignment.due_on == turn.due_on,
        ).order_by(JobAssignment.id.desc()).limit(1)).first()
        if handed is not None and handed.status is not AssignmentStatus.ASSIGNED:
            raise ValidationError("status", "The turn was already done or swapped again, so the swap stays.")
        if handed is not None:
            session.delete(handed)
        turn.status = AssignmentStatus.ASSIGNED
        turn.swapped_with_id = None


def remove_turns(group: GroupFile, assignment_ids: Iterable[int]) -> None:
    """Take away turns still to do, all or none, as Undo of saving a rota."""
    with unit_of_work(group) as session:
        turns = [_assignment(session, assignment_id) for assignment_id in assignment_ids]
        if any(turn.status is not AssignmentStatus.ASSIGNED for turn in turns):
            raise ValidationError("status", "Some of these turns were done or swapped since, so they stay.")
        for turn in turns:
            session.delete(turn)


def _views(session: Session, query) -> list[AssignmentView]:
    rows = session.scalars(
        query.outerjoin(Meeting, Meeting.id == JobAssignment.meeting_id)
        .outerjoin(Member, Member.id == JobAssignment.member_id)
        .where(Meeting.deleted_at.is_(None), Member.deleted_at.is_(None))
    ).all()
    names = dict(session.execute(select(Member.id, Member.name)).all())
    titles = dict(session.execute(select(Job.id, Job.title)).all())
    views = [
        AssignmentView(
            id=t.id, job_id=t.job_id, job_title=titles.get(t.job_id, ""), member_id=t.member_id,
            member_name=names.get(t.member_id, "") if t.member_id is not None else "", due_on=t.due_on,
            meeting_id=t.meeting_id, status=t.status, done_on=t.done_on,
            swapped_with_name=names.get(t.swapped_with_id, "") if t.swapped_with_id is not None else "",
        )
        for t in rows
    ]
    views.sort(key=lambda v: (v.due_on, *name_key(v.job_title), *name_key(v.member_name), v.id))
    return views


def list_assignments(group: GroupFile, *, from_date: date | None = None, to_date: date | None = None,
                     status: AssignmentStatus | None = None) -> list[AssignmentView]:
    """Turns due between the dates (inclusive), soonest first; turns of deleted members or meetings are hidden."""
    query = select(JobAssignment)
    if from_date is not None:
        query = query.where(JobAssignment.due_on >= from_date)
    if to_date is not None:
        query = query.where(JobAssignment.due_on <= to_date)
    if status is not None:
        query = query.where(JobAssignment.status == AssignmentStatus(status))
    with unit_of_work(group, write=False) as session:
        return _views(session, query)


def jobs_due(group: GroupFile, *, today: date | None = None, within_days: int = 14) -> list[AssignmentView]:
    """Turns still to do that fall due within the next ``within_days`` days, overdue ones included."""
    today = today or date.today()
    if within_days < 0:
        raise ValidationError("within_days", "Please look at least zero days ahead.")
    query = select(JobAssignment).where(
        JobAssignment.status == AssignmentStatus.ASSIGNED, JobAssignment.due_on <= today + timedelta(days=within_days)
    )
    with unit_of_work(group, write=False) as session:
        return _views(session, query)


def share_of_jobs(group: GroupFile, *, since: date | None = None) -> list[ShareRow]:
    """Who has done what: turns done per member and job since a date, by name."""
    query = select(JobAssignment).where(JobAssignment.status == AssignmentStatus.DONE)
    if since is not None:
        query = query.where(JobAssignment.due_on >= since)
    with unit_of_work(group, write=False) as session:
        done = _views(session, query)
    per_member: dict[int, Counter[str]] = defaultdict(Counter)
    names: dict[int, str] = {}
    for v in done:
        if v.member_id is None:
            continue
        per_member[v.member_id][v.job_title] += 1
        names[v.member_id] = v.member_name
    rows = [
        ShareRow(member_id=mid, name=names[mid], turns=dict(sorted(turns.items(), key=lambda kv: name_key(kv[0]))),
                 total=sum(turns.values()))
        for mid, turns in per_member.items()
    ]
    rows.sort(key=lambda r: (*name_key(r.name), r.member_id))
    return rows
