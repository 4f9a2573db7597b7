"""Read models for the sheets used at and between meetings: sign-in, agreement, contacts, rota, minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    AgreementVersion,
    AssignmentStatus,
    ConsentKind,
    Decision,
    DecisionMethod,
    GoodThing,
    Job,
    JobAssignment,
    Meeting,
    MeetingStatus,
)

from ..errors import ValidationError
from ..members import belonging_on, current_on
from ..privacy import UNNAMED_HELPER, Document, Privacy
from ..uow import unit_of_work
from ..validate import fold
from .common import (
    Letterhead,
    MeetingLine,
    _attendance,
    _letterhead,
    _meeting_line,
    _meeting_on,
    _members_where,
    _named_counts,
    _say,
)


@dataclass(frozen=True)
class SignInData:
    """Names are only those who agreed to be named; the others sign on the blank lines.

    ``names`` are the names people go by, in order; ``full_names`` beside them holds the full name where it
    differs (someone known as "Liz" finds "Elizabeth Taylor" too), else "".
    """

    letterhead: Letterhead
    meeting: MeetingLine | None
    count_only: bool
    names: tuple[str, ...]
    unnamed_members: int
    blank_lines: int
    full_names: tuple[str, ...] = ()


def sign_in_data(group: GroupFile, *, held_on: date | None = None, today: date | None = None) -> SignInData:
    """The sign-in sheet for the meeting on ``held_on``, or for the next planned meeting."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        if held_on is not None:
            meeting: Meeting | None = _meeting_on(session, held_on)
        else:
            meeting = session.scalars(
                select(Meeting).where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.PLANNED,
                                      Meeting.held_on >= today).order_by(Meeting.held_on, Meeting.id)
            ).first()
        on = meeting.held_on if meeting else today
        privacy = Privacy(session, today, Document.SIGN_IN)
        line = _meeting_line(session, meeting, privacy) if meeting else None
        if letterhead.count_only:
            return SignInData(letterhead, line, True, (), 0, 0)
        members = _members_where(session, belonging_on(on))
        listed = sorted(((privacy.goes_by(m.id), m.name) for m in members if privacy.may_name(m.id)),
                        key=lambda pair: (fold(pair[0]), fold(pair[1])))
        unnamed = len(members) - len(listed)
        return SignInData(letterhead, line, False, tuple(goes_by for goes_by, _ in listed), unnamed,
                          max(8, unnamed + 6), tuple("" if full == goes_by else full for goes_by, full in listed))


@dataclass(frozen=True)
class AgreementData:
    letterhead: Letterhead
    number: int
    effective_from: date
    text: str
    signature_lines: int


def agreement_data(group: GroupFile, *, today: date | None = None) -> AgreementData:
    """The confidentiality agreement in force today, to sign."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        version = session.scalars(
            select(AgreementVersion).where(AgreementVersion.effective_from <= today)
            .order_by(AgreementVersion.effective_from.desc(), AgreementVersion.number.desc())
        ).first()
        if version is None:
            raise ValidationError("agreement", "The group has not written down its confidentiality agreement yet.")
        return AgreementData(letterhead, version.number, version.effective_from, version.text, 12)


@dataclass(frozen=True)
class ContactRow:
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class ContactListData:
    letterhead: Letterhead
    rows: tuple[ContactRow, ...]
    not_sharing: int
    on: date


def contact_list_data(group: GroupFile, *, today: date | None = None) -> ContactListData:
    """Current members who agreed to share their contact details with the group, and how many did not."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        privacy = Privacy(session, today, Document.CONTACT_LIST)
        members = _members_where(session, current_on(today))
        rows = tuple(
            ContactRow(member.name, member.phone, member.email)
            for member in members if privacy.has(member.id, ConsentKind.SHARE_CONTACT_DETAILS)
        )
        return ContactListData(letterhead, rows, len(members) - len(rows), today)


@dataclass(frozen=True)
class RotaTurn:
    due_on: date
    job: str
    who: str
    done: bool


@dataclass(frozen=True)
class RotaData:
    letterhead: Letterhead
    turns: tuple[RotaTurn, ...]
    jobs_without_turns: tuple[str, ...]
    on: date


def rota_data(group: GroupFile, *, today: date | None = None, weeks_ahead: int = 26) -> RotaData:
    """Turns planned from today, by date; someone who has not agreed to be named is not named."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        privacy = Privacy(session, today, Document.ROTA)
        rows = session.execute(
            select(JobAssignment.due_on, Job.title, JobAssignment.member_id, JobAssignment.status, Job.id)
            .join(Job, Job.id == JobAssignment.job_id)
            .where(JobAssignment.due_on >= today, JobAssignment.due_on <= today + timedelta(weeks=weeks_ahead),
                   JobAssignment.status.in_([AssignmentStatus.ASSIGNED, AssignmentStatus.DONE]))
            .order_by(JobAssignment.due_on, Job.title, JobAssignment.id)
        ).all()
        turns = tuple(
            RotaTurn(due_on, privacy.scrub(title), privacy.goes_by(member_id, UNNAMED_HELPER) if member_id else
                     "Not yet given out", status is AssignmentStatus.DONE)
            for due_on, title, member_id, status, _ in rows
        )
        with_turns = {job_id for *_, job_id in rows}
        idle = session.scalars(
            select(Job.title).where(Job.active.is_(True), Job.id.not_in(with_turns), Job.from_meeting_id.is_(None))
            .order_by(Job.title)
        ).all()
        return RotaData(letterhead, turns, tuple(privacy.scrub(title) for title in idle), today)


@dataclass(frozen=True)
class DecisionLine:
    text: str
    how: str


@dataclass(frozen=True)
class ActionLine:
    what: str
    who: str
    due_on: date | None


@dataclass(frozen=True)
class MinutesData:
    """Only what may leave the room: never the confidential notes; the minutes only if marked shareable."""

    letterhead: Letterhead
    meeting: MeetingLine
    speaker: str
    attendance: int
    newcomers: int
    guests: int
    decisions: tuple[DecisionLine, ...]
    minutes: str | None
    actions: tuple[ActionLine, ...]
    chair: str = ""  # empty when nobody was named as chair
    apologies: tuple[str, ...] = ()  # names of those who may be named; the rest counted in apologies_unnamed
    apologies_unnamed: int = 0
    good_things: tuple[str, ...] = ()  # "text" or "text (Name)" when the sharer agreed to be named with it
    next_meeting: MeetingLine | None = None  # the meeting after this one (held since, or planned), if any


def _how(decision: Decision) -> str:
    if decision.method is DecisionMethod.SHOW_OF_HANDS:
        return (f"Show of hands: {decision.votes_for or 0} for, {decision.votes_against or 0} against, "
                f"{decision.abstentions or 0} abstaining")
    return "Agreed by everyone"


def minutes_data(group: GroupFile, *, held_on: date, today: date | None = None) -> MinutesData:
    """The shareable record of the meeting held on ``held_on``."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        meeting = _meeting_on(session, held_on)
        if meeting.status is not MeetingStatus.HELD:
            raise ValidationError("meeting", f"The meeting on {_say(held_on)} has not been recorded yet, "
                                             "so there are no minutes to print.")
        privacy = Privacy(session, today, Document.MINUTES)
        named = _named_counts(session, [meeting])[meeting.id]
        actions = []
        for job in session.scalars(select(Job).where(Job.from_meeting_id == meeting.id).order_by(Job.id)):
            turn = session.scalars(
                select(JobAssignment).where(JobAssignment.job_id == job.id).order_by(JobAssignment.id)
            ).first()
            who = privacy.name(turn.member_id, UNNAMED_HELPER) if turn and turn.member_id else "Anyone"
            actions.append(ActionLine(privacy.scrub(job.title), who, job.due_on or (turn.due_on if turn else None)))
        return MinutesData(
            letterhead=letterhead, meeting=_meeting_line(session, meeting, privacy),
            speaker=privacy.scrub(meeting.speaker),
            attendance=_attendance(meeting, named), newcomers=meeting.newcomers_count, guests=meeting.guests_count,
            decisions=tuple(DecisionLine(privacy.scrub(d.text), _how(d)) for d in meeting.decisions),
            minutes=privacy.scrub(meeting.minutes.strip()) if meeting.minutes_shareable else None,
            actions=tuple(actions),
            chair=(privacy.name(meeting.chair_member_id, "") if meeting.chair_member_id is not None
                   else privacy.scrub(meeting.chair_name)),
            apologies=tuple(sorted(privacy.name(a.member_id) for a in meeting.apologies
                                   if privacy.may_name(a.member_id))),
            apologies_unnamed=sum(not privacy.may_name(a.member_id) for a in meeting.apologies),
            good_things=tuple(_good_thing(g, privacy) for g in meeting.good_things),
            next_meeting=_meeting_line(session, following, privacy) if (following := session.scalars(
                select(Meeting).where(Meeting.deleted_at.is_(None), Meeting.status != MeetingStatus.CANCELLED,
                                      Meeting.held_on > meeting.held_on).order_by(Meeting.held_on).limit(1)
            ).first()) else None,
        )


def _good_thing(good: GoodThing, privacy: Privacy) -> str:
    """A good thing as printed: anonymous unless its sharer agreed to be named with it and may be named."""
    text = privacy.scrub(good.text)
    by = privacy.said_by(good.shared_by_id, good.name_shareable)
    return f"{text} ({by})" if by else text

