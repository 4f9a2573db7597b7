"""Meetings: planning them (one at a time or on a repeating schedule) and recording what happened.

Recording is the coordinator's two-minute job after a meeting: who came (by name, or just numbers in
count-only groups), who chaired and who sent apologies, newcomers and guests, decisions and how they were
made, good things shared, confidential notes, minutes, and actions, which become one-off jobs.

A newcomer who gives their name becomes a member who joined that day and is marked present; the newcomers
count is for those who did not give one (or in count-only groups, everyone new).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, time, timedelta
from typing import Any, Literal

from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Apology,
    AssignmentStatus,
    Attendance,
    AttendanceMode,
    Decision,
    DecisionMethod,
    GoodThing,
    GroupProfile,
    Job,
    JobAssignment,
    JobFrequency,
    Meeting,
    MeetingKind,
    MeetingSchedule,
    MeetingStatus,
    Member,
    ScheduleRule,
    Venue,
)
from coordinator_app.db.models.base import utcnow

from . import schedule as rules
from .errors import NotFound, ValidationError
from .members import live_member, not_belonging_reason
from .uow import unit_of_work
from .validate import fold, non_negative, optional_text, required_date, required_text, say_date

# When an action names nobody's deadline and no later meeting is planned, it is due four weeks on.
DEFAULT_ACTION_WEEKS = 4


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    held_on: date
    start_time: time | None
    end_time: time | None
    venue_id: int | None
    venue_name: str
    kind: MeetingKind
    topic: str
    status: MeetingStatus
    present_count: int
    newcomers: int
    guests: int
    total_attendance: int
    recorded: bool


@dataclass(frozen=True)
class DecisionInput:
    text: str
    method: DecisionMethod = DecisionMethod.CONSENSUS
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None


@dataclass(frozen=True)
class GoodThingInput:
    """``name_shareable``: the sharer agreed their name may be printed with it (otherwise it is anonymous)."""

    text: str
    shared_by_id: int | None = None
    name_shareable: bool = False


@dataclass(frozen=True)
class ActionInput:
    """An action agreed at a meeting. ``job_id`` is set when re-recording an action recorded before."""

    title: str
    member_id: int | None = None
    due_on: date | None = None
    job_id: int | None = None


@dataclass(frozen=True)
class ActionView:
    job_id: int
    title: str
    member_id: int | None
    member_name: str
    due_on: date | None
    assignment_id: int | None
    done: bool

    def as_input(self) -> ActionInput:
        """The action as it would be passed back to ``record_meeting`` when re-recording."""
        return ActionInput(title=self.title, member_id=self.member_id, due_on=self.due_on, job_id=self.job_id)


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    held_on: date
    start_time: time | None
    end_time: time | None
    venue_id: int | None
    venue_name: str
    kind: MeetingKind
    topic: str
    status: MeetingStatus
    present_count: int
    newcomers: int
    guests: int
    total_attendance: int
    recorded: bool
    speaker: str
    present_ids: frozenset[int]
    members_count: int | None
    decisions: tuple[DecisionInput, ...]
    good_things: tuple[GoodThingInput, ...]
    confidential_notes: str
    minutes: str
    minutes_shareable: bool
    actions: tuple[ActionView, ...]
    chair_member_id: int | None = None
    chair_name: str = ""
    apology_ids: frozenset[int] = frozenset()

    @property
    def summary(self) -> MeetingSummary:
        return MeetingSummary(**{f.name: getattr(self, f.name) for f in fields(MeetingSummary)})


# ---------------------------------------------------------------------------------------------- helpers


def live_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFound(f"There is no meeting with id {meeting_id} in this group file.")
    return meeting


def _count_only(session: Session) -> bool:
    mode = session.scalars(select(GroupProfile.attendance_mode).order_by(GroupProfile.id).limit(1)).first()
    return mode is AttendanceMode.COUNT_ONLY


def _present_counts(session: Session, meeting_ids: Iterable[int]) -> dict[int, int]:
    ids = list(meeting_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Attendance.meeting_id, func.count())
        .join(Member, Member.id == Attendance.member_id)
        .where(Attendance.meeting_id.in_(ids), Member.deleted_at.is_(None))
        .group_by(Attendance.meeting_id)
    )
    return dict(rows.all())


# What a summary reads of a meeting, as plain columns: making ORM objects of thousands of meetings (with
# their minutes) to list them was most of the Meetings and Reports pages' time in a large group.
_SUMMARY_COLUMNS = (Meeting.id, Meeting.held_on, Meeting.start_time, Meeting.end_time, Meeting.venue_id,
                    Meeting.kind, Meeting.topic, Meeting.status, Meeting.members_count, Meeting.newcomers_count,
                    Meeting.guests_count, Meeting.recorded_at)


def _summaries(session: Session, meetings: Sequence[Meeting | Row[Any]]) -> list[MeetingSummary]:
    """Summaries of meetings given as ORM objects or as rows of ``_SUMMARY_COLUMNS`` (the same names)."""
    counts = _present_counts(session, (m.id for m in meetings if m.members_count is None))  # only those wanted
    venues = dict(session.execute(select(Venue.id, Venue.name)).all())
    out = []
    for m in meetings:
        present = m.members_count if m.members_count is not None else counts.get(m.id, 0)
        out.append(MeetingSummary(
            id=m.id, held_on=m.held_on, start_time=m.start_time, end_time=m.end_time, venue_id=m.venue_id,
            venue_name=venues.get(m.venue_id, "") if m.venue_id is not None else "", kind=m.kind, topic=m.topic,
            status=m.status, present_count=present, newcomers=m.newcomers_count, guests=m.guests_count,
            total_attendance=present + m.newcomers_count + m.guests_count, recorded=m.recorded_at is not None,
        ))
    return out


def _check_venue(session: Session, venue_id: int | None) -> int | None:
    if venue_id is not None and session.get(Venue, venue_id) is None:
        raise ValidationError("venue_id", "That venue is no longer in this group file; please choose another.")
    return venue_id


def _check_times(start_time: time | None, end_time: time | None) -> None:
    for field, value in (("start_time", start_time), ("end_time", end_time)):
        if value is not None and not isinstance(value, time):
            raise ValidationError(field, "Please give the time as hours and minutes.")
    if start_time is not None and end_time is not None and end_time <= start_time:
        raise ValidationError("end_time", "The meeting must end after it starts.")


def _check_kind(kind: MeetingKind) -> MeetingKind:
    try:
        return MeetingKind(kind)
    except ValueError as exc:
        raise ValidationError("kind", "Please choose what kind of meeting this is.") from exc


# ---------------------------------------------------------------------------------------------- planning


def plan_meeting(
    group: GroupFile,
    *,
    held_on: date,
    start_time: time | None = None,
    end_time: time | None = None,
    venue_id: int | None = None,
    kind: MeetingKind = MeetingKind.REGULAR,
    topic: str = "",
    speaker: str = "",
) -> int:
    held_on = required_date("held_on", held_on, "the meeting's date")
    _check_times(start_time, end_time)
    meeting = Meeting(
        held_on=held_on, start_time=start_time, end_time=end_time, kind=_check_kind(kind),
        topic=optional_text("topic", topic, "the topic", max_length=300),
        speaker=optional_text("speaker", speaker, "the speaker's name", max_length=200),
        status=MeetingStatus.PLANNED,
    )
    with unit_of_work(group) as session:
        meeting.venue_id = _check_venue(session, venue_id)
        session.add(meeting)
        session.flush()
        return meeting.id


_EDITABLE = {"held_on", "start_time", "end_time", "venue_id", "kind", "topic", "speaker"}


def update_meeting(group: GroupFile, meeting_id: int, *, today: date | None = None, **changes: object) -> None:
    """Change when, where or what a meeting is; a recorded meeting cannot move into the future or
    to a day when someone marked present was not a member."""
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    today = today or date.today()
    with unit_of_work(group) as session:
        m = live_meeting(session, meeting_id)
        if "held_on" in changes:
            held_on = required_date("held_on", changes["held_on"], "the meeting's date")
            if m.recorded_at is not None:
                if held_on > today:
                    raise ValidationError("held_on", "This meeting has been recorded, so it cannot move to the future.")
                for member in _present_members(session, m.id):
                    reason = not_belonging_reason(member, held_on)
                    if reason:
                        raise ValidationError("held_on", f"{reason} They are marked present at this meeting.")
            m.held_on = held_on
        if "start_time" in changes:
            m.start_time = changes["start_time"]  # type: ignore[assignment]
        if "end_time" in changes:
            m.end_time = changes["end_time"]  # type: ignore[assignment]
        _check_times(m.start_time, m.end_time)
        if "venue_id" in changes:
            m.venue_id = _check_venue(session, changes["venue_id"])  # type: ignore[arg-type]
        if "kind" in changes:
            m.kind = _check_kind(changes["kind"])  # type: ignore[arg-type]
        if "topic" in changes:
            m.topic = optional_text("topic", str(changes["topic"] or ""), "the topic", max_length=300)
        if "speaker" in changes:
            m.speaker = optional_text("speaker", str(changes["speaker"] or ""), "the speaker's name", max_length=200)


@dataclass(frozen=True)
class DroppedTurn:
    """A turn at a job that cancelling a meeting dropped, kept so Undo can give it back."""

    job_id: int
    member_id: int | None
    due_on: date


def cancel_meeting(group: GroupFile, meeting_id: int) -> tuple[DroppedTurn, ...]:
    """Mark a planned meeting cancelled; the turns planned for it are dropped, as nobody will take them."""
    with unit_of_work(group) as session:
        m = live_meeting(session, meeting_id)
        if m.status is MeetingStatus.HELD:
            raise ValidationError("status", "This meeting was recorded as held, so it cannot be cancelled.")
        m.status = MeetingStatus.CANCELLED
        dropped = session.scalars(select(JobAssignment).where(
            JobAssignment.meeting_id == m.id, JobAssignment.status == AssignmentStatus.ASSIGNED
        ).order_by(JobAssignment.id)).all()
        kept = tuple(DroppedTurn(job_id=t.job_id, member_id=t.member_id, due_on=t.due_on) for t in dropped)
        session.execute(delete(JobAssignment).where(JobAssignment.id.in_([t.id for t in dropped])))
        return kept


def reopen_meeting(group: GroupFile, meeting_id: int, *, turns: Sequence[DroppedTurn] = ()) -> None:
    """Make a cancelled meeting planned again with the turns its cancelling dropped, as Undo of cancelling it."""
    with unit_of_work(group) as session:
        m = live_meeting(session, meeting_id)
        if m.status is not MeetingStatus.CANCELLED:
            raise ValidationError("status", "This meeting is not cancelled.")
        m.status = MeetingStatus.PLANNED
        for turn in turns:
            session.add(JobAssignment(job_id=turn.job_id, member_id=turn.member_id, due_on=turn.due_on,
                                      meeting_id=m.id, status=AssignmentStatus.ASSIGNED))


def delete_meeting(group: GroupFile, meeting_id: int) -> None:
    with unit_of_work(group) as session:
        live_meeting(session, meeting_id).deleted_at = utcnow()


def restore_meeting(group: GroupFile, meeting_id: int) -> None:
    with unit_of_work(group) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"There is no meeting with id {meeting_id} in this group file.")
        meeting.deleted_at = None


def add_schedule(
    group: GroupFile,
    *,
    rule: ScheduleRule,
    weekday: int,
    nth: int | None = None,
    starts_on: date,
    ends_on: date | None = None,
    start_time: time | None = None,
    end_time: time | None = None,
    venue_id: int | None = None,
    kind: MeetingKind = MeetingKind.REGULAR,
    months_ahead: int = 12,
) -> tuple[int, list[int]]:
    """Save a repeating schedule and plan its meetings for ``months_ahead`` months from ``starts_on``.

    Days that already have a meeting are skipped, so adding the same schedule twice plans nothing new.
    """
    rule, weekday, nth = rules.check_rule(rule, weekday, nth)
    starts_on = required_date("starts_on", starts_on, "the first day of the schedule")
    if ends_on is not None and required_date("ends_on", ends_on, "the last day of the schedule") < starts_on:
        raise ValidationError("ends_on", "The schedule cannot end before it starts.")
    if not 1 <= months_ahead <= 60:
        raise ValidationError("months_ahead", "Plan between 1 and 60 months ahead.")
    _check_times(start_time, end_time)
    kind = _check_kind(kind)
    until = rules.add_months(starts_on, months_ahead) - timedelta(days=1)
    if ends_on is not None:
        until = min(until, ends_on)
    with unit_of_work(group) as session:
        _check_venue(session, venue_id)
        sched = MeetingSchedule(
            rule=rule, weekday=weekday, nth=nth, starts_on=starts_on, ends_on=ends_on, start_time=start_time,
            end_time=end_time, venue_id=venue_id, kind=kind,
        )
        session.add(sched)
        session.flush()
        taken = set(session.scalars(select(Meeting.held_on).where(
            Meeting.deleted_at.is_(None), Meeting.held_on >= starts_on, Meeting.held_on <= until
        )))
        planned = []
        for day in rules.occurrences(rule, weekday, nth, starts_on, until):
            if day in taken:
                continue
            meeting = Meeting(
                held_on=day, start_time=start_time, end_time=end_time, venue_id=venue_id, schedule_id=sched.id,
                kind=kind, status=MeetingStatus.PLANNED,
            )
            session.add(meeting)
            session.flush()
            planned.append(meeting.id)
        return sched.id, planned


# ---------------------------------------------------------------------------------------------- recording


def _present_members(session: Session, meeting_id: int) -> list[Member]:
    return list(session.scalars(
        select(Member).join(Attendance, Attendance.member_id == Member.id).where(Attendance.meeting_id == meeting_id)
    ))


def _check_present(session: Session, present: Iterable[int], held_on: date) -> set[int]:
    ids = set(present)
    for member_id in sorted(ids):
        member = session.get(Member, member_id)
        if member is None or member.deleted_at is not None:
            raise ValidationError("present", "One of the people marked present is no longer in this group file.")
        reason = not_belonging_reason(member, held_on)
        if reason:
            raise ValidationError("present", f"{reason} They cannot be marked present at this meeting.")
    return ids


def _check_decisions(decisions: Sequence[DecisionInput]) -> list[Decision]:
    rows = []
    for number, d in enumerate(decisions, start=1):
        text = (d.text or "").strip()
        if not text:
            raise ValidationError("decisions", f"Decision {number} has no words; write what was decided or remove it.")
        try:
            method = DecisionMethod(d.method)
        except ValueError as exc:
            raise ValidationError("decisions", f"Please say how decision {number} was made.") from exc
        votes: tuple[int | None, int | None, int | None] = (None, None, None)
        if method is DecisionMethod.SHOW_OF_HANDS:
            if d.votes_for is None or d.votes_against is None:
                raise ValidationError(
                    "decisions", f"Decision {number} was by show of hands, so please give the votes for and against."
                )
            if min(d.votes_for, d.votes_against, d.abstentions or 0) < 0:
                raise ValidationError("decisions", f"The votes for decision {number} cannot be less than zero.")
            votes = (d.votes_for, d.votes_against, d.abstentions)
        rows.append(Decision(position=number, text=text, method=method, votes_for=votes[0], votes_against=votes[1],
                             abstentions=votes[2]))
    return rows


def _check_good_things(session: Session, good_things: Sequence[GoodThingInput]) -> list[GoodThing]:
    rows = []
    for number, g in enumerate(good_things, start=1):
        text = (g.text or "").strip()
        if not text:
            raise ValidationError("good_things", f"Good thing {number} has no words; write it or remove it.")
        if g.shared_by_id is not None:
            sharer = session.get(Member, g.shared_by_id)
            if sharer is None or sharer.deleted_at is not None:
                raise ValidationError("good_things", f"The person who shared good thing {number} is no longer here.")
        if g.name_shareable and g.shared_by_id is None:
            raise ValidationError("good_things", f"Good thing {number} may be shared with a name, "
                                                 "so please say who shared it.")
        rows.append(GoodThing(position=number, text=text, shared_by_id=g.shared_by_id,
                              name_shareable=bool(g.name_shareable)))
    return rows


def _check_chair(session: Session, member_id: int | None, name: str) -> tuple[int | None, str]:
    name = optional_text("chair", name, "the chair's name", max_length=200)
    if member_id is not None and name:
        raise ValidationError("chair", "Please give the chair as a member or as a typed name, not both.")
    if member_id is not None:
        member = session.get(Member, member_id)
        if member is None or member.deleted_at is not None:
            raise ValidationError("chair", "The member chosen as chair is no longer in this group file.")
    return member_id, name


def _check_apologies(session: Session, apologies: Iterable[int], present: set[int], held_on: date) -> list[int]:
    ids = sorted(set(apologies))
    for member_id in ids:
        member = session.get(Member, member_id)
        if member is None or member.deleted_at is not None:
            raise ValidationError("apologies", "One of the people who sent apologies is no longer in this group file.")
        if member_id in present:
            raise ValidationError("apologies", f"{member.name} is ticked as present, so cannot also have sent "
                                               "apologies.")
        reason = not_belonging_reason(member, held_on)
        if reason:
            raise ValidationError("apologies", f"{reason} They cannot have sent apologies for this meeting.")
    return ids


def _add_newcomers(session: Session, names: Sequence[str], held_on: date) -> list[int]:
    """Newcomers who gave their name, as members who joined on the day of the meeting."""
    current = {fold(m.name): m.name for m in session.scalars(select(Member).where(Member.deleted_at.is_(None)))
               if m.left_on is None}
    added: list[Member] = []
    seen: set[str] = set()
    for number, raw in enumerate(names, start=1):
        name = required_text("newcomer_names", raw, f"the name of newcomer {number}")
        if fold(name) in current:
            raise ValidationError("newcomer_names", f"{current[fold(name)]} is already a member; "
                                                    "tick them under Who came instead.")
        if fold(name) in seen:
            raise ValidationError("newcomer_names", f"{name} is in the newcomers twice.")
        seen.add(fold(name))
        added.append(Member(name=name, joined_on=held_on))
    session.add_all(added)
    session.flush()
    return [m.id for m in added]


def _default_due(session: Session, meeting: Meeting) -> date:
    """An action is due by the next meeting, or four weeks on when none is planned."""
    following = session.scalars(select(Meeting.held_on).where(
        Meeting.held_on > meeting.held_on, Meeting.deleted_at.is_(None), Meeting.status != MeetingStatus.CANCELLED,
    ).order_by(Meeting.held_on).limit(1)).first()
    return following or meeting.held_on + timedelta(weeks=DEFAULT_ACTION_WEEKS)


def _action_assignments(session: Session, job_id: int) -> list[JobAssignment]:
    return list(session.scalars(select(JobAssignment).where(JobAssignment.job_id == job_id)))


def _save_actions(session: Session, meeting: Meeting, actions: Sequence[ActionInput]) -> None:
    """Make (or, when re-recording, update) one one-off job per action, assigned to the member named.

    Actions recorded before but no longer listed are removed, unless someone already did them.
    """
    existing = {j.id: j for j in session.scalars(select(Job).where(Job.from_meeting_id == meeting.id))}
    checked = []
    for number, a in enumerate(actions, start=1):
        title = (a.title or "").strip()
        if not title:
            raise ValidationError("actions", f"Action {number} has no words; write what needs doing or remove it.")
        if len(title) > 200:
            raise ValidationError("actions", f"Action {number} is too long (at most 200 characters).")
        if a.job_id is not None and a.job_id not in existing:
            raise ValidationError("actions", f"Action {number} belongs to another meeting.")
        if a.member_id is not None:
            try:
                live_member(session, a.member_id)
            except NotFound as exc:
                raise ValidationError("actions", f"The person given action {number} is no longer here.") from exc
        if a.due_on is not None and not isinstance(a.due_on, date):
            raise ValidationError("actions", f"Please give the date action {number} is due as a date.")
        checked.append((title, a))
    kept = {a.job_id for _t, a in checked if a.job_id is not None}
    for job_id, job in existing.items():
        if job_id in kept:
            continue
        turns = _action_assignments(session, job_id)
        if any(t.status is AssignmentStatus.DONE for t in turns):
            continue
        session.delete(job)
    for title, a in checked:
        due = a.due_on or _default_due(session, meeting)
        job = existing.get(a.job_id) if a.job_id is not None else None
        if job is None:
            job = Job(title=title, frequency=JobFrequency.ONE_OFF, from_meeting_id=meeting.id, active=True)
            session.add(job)
            session.flush()
        job.title, job.due_on = title, due
        turns = [t for t in _action_assignments(session, job.id) if t.status is not AssignmentStatus.SWAPPED]
        if any(t.status is AssignmentStatus.DONE for t in turns):
            continue  # already done: what happened stays as it was
        for t in turns:
            if t.member_id != a.member_id:
                session.delete(t)
            else:
                t.due_on = due
        if a.member_id is not None and not any(t.member_id == a.member_id for t in turns):
            session.add(JobAssignment(job_id=job.id, member_id=a.member_id, due_on=due))


def record_meeting(
    group: GroupFile,
    meeting_id: int,
    *,
    present: Iterable[int] = (),
    members_count: int | None = None,
    newcomers: int = 0,
    guests: int = 0,
    decisions: Sequence[DecisionInput] = (),
    good_things: Sequence[GoodThingInput] = (),
    confidential_notes: str = "",
    minutes: str = "",
    minutes_shareable: bool = False,
    actions: Sequence[ActionInput] = (),
    chair_member_id: int | None = None,
    chair_name: str = "",
    apologies: Iterable[int] = (),
    newcomer_names: Sequence[str] = (),
    today: date | None = None,
) -> MeetingRecord:
    """Record what happened; the meeting becomes held. Recording again replaces the earlier record.

    ``newcomer_names`` are added as members joining that day and marked present (by-name groups only).
    """
    today = today or date.today()
    with unit_of_work(group) as session:
        meeting = live_meeting(session, meeting_id)
        if meeting.held_on > today:
            raise ValidationError(
                "held_on", f"This meeting is on {say_date(meeting.held_on)}, so it cannot be recorded until then."
            )
        present_ids = set(present)
        if _count_only(session):
            if present_ids:
                raise ValidationError(
                    "present", "This group records attendance as numbers only, so please give a count, not names."
                )
            meeting.members_count = non_negative("members_count", members_count, "the number of members present")
        else:
            if members_count is not None:
                raise ValidationError(
                    "members_count", "This group records attendance by name, so please tick who came instead."
                )
            present_ids = _check_present(session, present_ids, meeting.held_on)
            meeting.members_count = None
        apology_ids = _check_apologies(session, apologies, present_ids, meeting.held_on)
        meeting.chair_member_id, meeting.chair_name = _check_chair(session, chair_member_id, chair_name)
        if newcomer_names and _count_only(session):
            raise ValidationError("newcomer_names", "This group records attendance as numbers only, so please "
                                                    "count newcomers instead of naming them.")
        meeting.newcomers_count = non_negative("newcomers", newcomers, "the number of newcomers")
        meeting.guests_count = non_negative("guests", guests, "the number of guests")
        decision_rows = _check_decisions(decisions)
        good_rows = _check_good_things(session, good_things)
        meeting.confidential_notes = optional_text("confidential_notes", confidential_notes, "the confidential notes")
        meeting.minutes = optional_text("minutes", minutes, "the minutes")
        meeting.minutes_shareable = bool(minutes_shareable)
        present_ids |= set(_add_newcomers(session, newcomer_names, meeting.held_on))
        meeting.attendance = [Attendance(member_id=i) for i in sorted(present_ids)]
        meeting.apologies = [Apology(member_id=i) for i in apology_ids]
        meeting.decisions = decision_rows
        meeting.good_things = good_rows
        session.flush()
        _save_actions(session, meeting, actions)
        meeting.status = MeetingStatus.HELD
        meeting.recorded_at = utcnow()
        session.flush()
        return _record(session, meeting)


def unrecord_meeting(group: GroupFile, meeting_id: int) -> None:
    """Take back a record, so Undo can return a meeting to planned as it was before it was recorded.

    Attendance, counts, decisions, good things and confidential notes go, and so do the jobs its
    actions made, unless someone already did them; the minutes, written separately, stay.
    """
    with unit_of_work(group) as session:
        meeting = live_meeting(session, meeting_id)
        meeting.attendance = []
        meeting.apologies = []
        meeting.chair_member_id, meeting.chair_name = None, ""
        meeting.decisions = []
        meeting.good_things = []
        meeting.members_count = None
        meeting.newcomers_count = meeting.guests_count = 0
        meeting.confidential_notes = ""
        session.flush()
        _save_actions(session, meeting, ())
        meeting.status = MeetingStatus.PLANNED
        meeting.recorded_at = None


def _actions(session: Session, meeting: Meeting) -> tuple[ActionView, ...]:
    views = []
    jobs = session.scalars(select(Job).where(Job.from_meeting_id == meeting.id).order_by(Job.id))
    for job in jobs:
        turns = [t for t in _action_assignments(session, job.id) if t.status is not AssignmentStatus.SWAPPED]
        turn = turns[0] if turns else None
        member = session.get(Member, turn.member_id) if turn and turn.member_id is not None else None
        views.append(ActionView(
            job_id=job.id, title=job.title, member_id=member.id if member else None,
            member_name=member.name if member else "", due_on=job.due_on,
            assignment_id=turn.id if turn else None, done=bool(turn and turn.status is AssignmentStatus.DONE),
        ))
    return tuple(views)


def _record(session: Session, m: Meeting) -> MeetingRecord:
    summary = _summaries(session, [m])[0]
    present_ids = frozenset(member.id for member in _present_members(session, m.id) if member.deleted_at is None)
    return MeetingRecord(
        **{f.name: getattr(summary, f.name) for f in fields(MeetingSummary)},
        speaker=m.speaker, present_ids=present_ids, members_count=m.members_count,
        decisions=tuple(
            DecisionInput(text=d.text, method=d.method, votes_for=d.votes_for, votes_against=d.votes_against,
                          abstentions=d.abstentions)
            for d in m.decisions
        ),
        good_things=tuple(GoodThingInput(text=g.text, shared_by_id=g.shared_by_id, name_shareable=g.name_shareable)
                          for g in m.good_things),
        confidential_notes=m.confidential_notes, minutes=m.minutes, minutes_shareable=m.minutes_shareable,
        actions=_actions(session, m), chair_member_id=m.chair_member_id, chair_name=m.chair_name,
        apology_ids=frozenset(a.member_id for a in m.apologies),
    )


# ---------------------------------------------------------------------------------------------- reading


def get_meeting(group: GroupFile, meeting_id: int) -> MeetingRecord:
    with unit_of_work(group, write=False) as session:
        return _record(session, live_meeting(session, meeting_id))


def _listing(columns: tuple[Any, ...], when: str, today: date | None, year: int | None) -> Any:
    if when not in ("upcoming", "past", "all"):
        raise ValidationError("when", "Please choose upcoming, past or all meetings.")
    today = today or date.today()
    query = select(*columns).where(Meeting.deleted_at.is_(None))
    if when == "upcoming":
        query = query.where(Meeting.held_on >= today).order_by(Meeting.held_on, Meeting.start_time, Meeting.id)
    else:
        if when == "past":
            query = query.where(Meeting.held_on < today)
        query = query.order_by(Meeting.held_on.desc(), Meeting.start_time.desc(), Meeting.id.desc())
    if year is not None:
        query = query.where(Meeting.held_on >= date(year, 1, 1), Meeting.held_on <= date(year, 12, 31))
    return query


def list_meetings(
    group: GroupFile,
    *,
    when: Literal["upcoming", "past", "all"] = "all",
    today: date | None = None,
    year: int | None = None,
) -> list[MeetingSummary]:
    """Upcoming meetings (today onwards) soonest first; past and all meetings newest first."""
    query = _listing(_SUMMARY_COLUMNS, when, today, year)
    with unit_of_work(group, write=False) as session:
        return _summaries(session, session.execute(query).all())


@dataclass(frozen=True)
class MeetingDay:
    held_on: date
    topic: str
    status: MeetingStatus
    recorded: bool


def meeting_days(group: GroupFile, *, when: Literal["upcoming", "past", "all"] = "all",
                 today: date | None = None) -> list[MeetingDay]:
    """The meetings in ``list_meetings``' order, without counting who came: for choosing one of thousands."""
    query = _listing((Meeting.held_on, Meeting.topic, Meeting.status, Meeting.recorded_at), when, today, None)
    with unit_of_work(group, write=False) as session:
        return [MeetingDay(held_on, topic, status, recorded_at is not None)
                for held_on, topic, status, recorded_at in session.execute(query)]


def next_meeting(group: GroupFile, *, today: date | None = None) -> MeetingSummary | None:
    """The next planned (not cancelled, not yet recorded) meeting from today on."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        m = session.scalars(
            select(Meeting)
            .where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.PLANNED, Meeting.held_on >= today)
            .order_by(Meeting.held_on, Meeting.start_time, Meeting.id)
            .limit(1)
        ).first()
        return _summaries(session, [m])[0] if m else None


def unrecorded_past_meetings(group: GroupFile, *, today: date | None = None) -> list[MeetingSummary]:
    """Planned meetings up to and including today that nobody has recorded yet, oldest first."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        meetings = session.scalars(
            select(Meeting)
            .where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.PLANNED, Meeting.held_on <= today)
            .order_by(Meeting.held_on, Meeting.start_time, Meeting.id)
        ).all()
        return _summaries(session, meetings)


def attendance_history(group: GroupFile, member_id: int) -> list[date]:
    """The dates of the held meetings the member came to, oldest first."""
    with unit_of_work(group, write=False) as session:
        live_member(session, member_id)
        return list(session.scalars(
            select(Meeting.held_on)
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(Attendance.member_id == member_id, Meeting.deleted_at.is_(None),
                   Meeting.status == MeetingStatus.HELD)
            .order_by(Meeting.held_on)
        ))
