"""Read models for every printed document, and the privacy rules they all pass through.

Every document is made from one of these frozen dataclasses, never from the ORM, so the rules live here
once:

- confidential meeting notes and private member notes are never read into a read model;
- a member is named only while they have a current NAMED_IN_REPORTS consent, otherwise counted; their
  names are also taken out of any free text (stories, minutes, job titles, payees) before it is printed;
- an achievement about a member (a member story) is printed only with its consent to include; a photo
  or a quote only with that consent too, and a photo of a member only while they consent to photos;
- the contact list shows only members with a current SHARE_CONTACT_DETAILS consent.

Consents are judged as they stand on ``today`` (the day the document is printed).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Achievement,
    AchievementKind,
    AgreementVersion,
    Aim,
    AimStatus,
    AssignmentStatus,
    Attendance,
    AttendanceMode,
    Consent,
    ConsentKind,
    Contact,
    Decision,
    DecisionMethod,
    EsteemRole,
    Fund,
    FundTransfer,
    Grant,
    GrantBudgetLine,
    GrantOutcome,
    GroupProfile,
    Job,
    JobAssignment,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Member,
    SupportLogEntry,
    Transaction,
    TransactionKind,
    Venue,
)

from .errors import NotFound, ValidationError
from .uow import unit_of_work

UNNAMED = "a member"
UNNAMED_HELPER = "Someone who prefers not to be named"
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
ACHIEVEMENT_LABELS = {
    AchievementKind.MILESTONE: "Milestone",
    AchievementKind.MEMBER_STORY: "A member's story",
    AchievementKind.EVENT: "Event",
    AchievementKind.FUNDING: "Funding",
    AchievementKind.PROFILE: "Raising our profile",
    AchievementKind.PARTNERSHIP: "Partnership",
}
AIM_LABELS = {AimStatus.CURRENT: "Still working on it", AimStatus.ACHIEVED: "Achieved", AimStatus.RETIRED: "Set aside"}
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


class _Privacy:
    """Who may be named on ``on``, and free text with everyone else's names taken out."""

    def __init__(self, session: Session, on: date) -> None:
        current = (Consent.given_on <= on) & or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > on)
        self.consents: dict[int, set[ConsentKind]] = defaultdict(set)
        for member_id, kind in session.execute(select(Consent.member_id, Consent.kind).where(current)):
            self.consents[member_id].add(kind)
        self.members = {row.id: row for row in session.scalars(select(Member))}
        hidden: set[str] = set()
        for member in self.members.values():
            if self.may_name(member.id):
                continue
            for text in (member.name, member.preferred_name, *member.name.split()[:1]):
                if len(text.strip()) >= 2:
                    hidden.add(text.strip())
        self._hidden = (
            re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(hidden, key=len, reverse=True)))
            if hidden
            else None
        )

    def has(self, member_id: int | None, kind: ConsentKind) -> bool:
        member = self.members.get(member_id) if member_id is not None else None
        return member is not None and member.deleted_at is None and kind in self.consents.get(member.id, set())

    def may_name(self, member_id: int | None) -> bool:
        return self.has(member_id, ConsentKind.NAMED_IN_REPORTS)

    def name(self, member_id: int | None, otherwise: str = UNNAMED) -> str:
        return self.members[member_id].name if member_id is not None and self.may_name(member_id) else otherwise

    def scrub(self, text: str) -> str:
        """Free text with the names of members who have not agreed to be named replaced by "a member"."""
        if not text or self._hidden is None:
            return text

        def replace(match: re.Match[str]) -> str:
            before = text[:match.start()].rstrip(" \t\"“'(")
            starts_sentence = not before or before[-1] in ".!?\n"
            return UNNAMED[0].upper() + UNNAMED[1:] if starts_sentence else UNNAMED

        return self._hidden.sub(replace, text)


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


def _meeting_line(session: Session, meeting: Meeting, privacy: _Privacy) -> MeetingLine:
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


def _stories(session: Session, privacy: _Privacy, starts_on: date, ends_on: date) -> list[Story]:
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
            kind_label=ACHIEVEMENT_LABELS[row.kind],
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


def _current_members(session: Session, on: date) -> list[Member]:
    rows = session.scalars(
        select(Member).where(
            Member.deleted_at.is_(None), Member.joined_on <= on,
            or_(Member.left_on.is_(None), Member.left_on > on),
        )
    )
    return sorted(rows, key=lambda member: (_sort_key(member.name), member.id))


_UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Æ": "AE", "æ": "ae",
                               "Œ": "OE", "œ": "oe", "ß": "ss", "Þ": "Th", "þ": "th"})


def _sort_key(name: str) -> str:
    """Alphabetical as people expect: Séamus between Sarah and Sunita, Łukasz among the Ls, any case."""
    plain = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


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


# ---------------------------------------------------------------- celebration report


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
class CelebrationData:
    letterhead: Letterhead
    period_label: str
    starts_on: date
    ends_on: date
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
    next_meetings: tuple[MeetingLine, ...]

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
        privacy = _Privacy(session, today)
        activity, meetings = _activity(session, starts_on, ends_on, letterhead.count_only)
        named = _named_counts(session, meetings)

        by_month = []
        month_start = starts_on
        while month_start <= ends_on:
            in_month = [m for m in meetings if (m.held_on.year, m.held_on.month) == (month_start.year,
                                                                                   month_start.month)]
            by_month.append(MonthAttendance(
                year=month_start.year, month=month_start.month, label=MONTHS[month_start.month - 1],
                meetings=len(in_month), attendances=sum(_attendance(m, named[m.id]) for m in in_month),
            ))
            month_start = date(month_start.year + month_start.month // 12, month_start.month % 12 + 1, 1)

        members = _current_members(session, ends_on)
        new_members = sum(1 for member in members if member.joined_on >= starts_on)

        aims = []
        for aim in session.scalars(select(Aim).order_by(Aim.position, Aim.id)):
            closed_before = aim.status is not AimStatus.CURRENT and (aim.status_changed_on or ends_on) < starts_on
            if aim.set_on > ends_on or closed_before:
                continue
            status = aim.status if (aim.status_changed_on or starts_on) <= ends_on else AimStatus.CURRENT
            aims.append(AimLine(privacy.scrub(aim.text), AIM_LABELS[status],
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
        named_helpers = sorted((privacy.name(i) for i in helpers if privacy.may_name(i)), key=_sort_key)

        venue_ids = {meeting.venue_id for meeting in meetings if meeting.venue_id}
        venues = sorted((v.name for v in session.scalars(select(Venue).where(Venue.id.in_(venue_ids)))),
                        key=str.casefold)
        funders = sorted(set(session.scalars(
            select(Grant.funder).where(Grant.starts_on <= ends_on, Grant.ends_on >= starts_on)
        )), key=str.casefold)
        upcoming = session.scalars(
            select(Meeting).where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.PLANNED,
                                  Meeting.held_on > ends_on, Meeting.held_on <= ends_on + timedelta(days=366))
            .order_by(Meeting.held_on)
        ).all()
        return CelebrationData(
            letterhead=letterhead, period_label=label, starts_on=starts_on, ends_on=ends_on, activity=activity,
            members_at_end=len(members), new_members=new_members, by_month=tuple(by_month),
            stories=tuple(_stories(session, privacy, starts_on, ends_on)), aims=tuple(aims), jobs=tuple(jobs),
            helpers_named=tuple(named_helpers), helpers_unnamed=len(helpers) - len(named_helpers),
            practitioners=tuple(_thanks(session, starts_on, ends_on)), venues=tuple(venues),
            funders=tuple(funders), next_meetings=tuple(_meeting_line(session, m, privacy) for m in upcoming),
        )


# ---------------------------------------------------------------- funding report


@dataclass(frozen=True)
class BudgetLine:
    name: str
    budget_pence: int
    spent_pence: int

    @property
    def variance_pence(self) -> int:
        """Positive when under budget (money left on the line), negative when overspent."""
        return self.budget_pence - self.spent_pence


@dataclass(frozen=True)
class Payment:
    paid_on: date
    payee: str
    description: str
    line: str
    amount_pence: int


@dataclass(frozen=True)
class OutcomeLine:
    text: str
    measure_label: str
    target: int | None
    achieved: int | None
    evidence: str


@dataclass(frozen=True)
class FundingData:
    letterhead: Letterhead
    funder: str
    reference: str
    amount_pence: int
    awarded_on: date | None
    starts_on: date
    ends_on: date
    purpose: str
    report_due_on: date | None
    fund_name: str
    as_of: date
    lines: tuple[BudgetLine, ...]
    payments: tuple[Payment, ...]
    received_pence: int
    spent_pence: int
    fund_balance_pence: int
    activity: Activity
    support: tuple[Thanks, ...]
    outcomes: tuple[OutcomeLine, ...]
    stories: tuple[Story, ...]
    quotes: tuple[Quote, ...]

    @property
    def unallocated_spent_pence(self) -> int:
        """Payments from the fund not put against any budget line."""
        return self.spent_pence - sum(line.spent_pence for line in self.lines)

    @property
    def left_pence(self) -> int:
        """How much of the grant is still to spend."""
        return self.amount_pence - self.spent_pence


def _measure(measure: str, activity: Activity, stories: int) -> int | None:
    return {
        "meetings": activity.meetings_held,
        "attendances": activity.attendances,
        "people": activity.distinct_people,
        "newcomers": activity.newcomers,
        "volunteers": activity.volunteers,
        "achievements": stories,
        "support": activity.support_sessions,
    }.get(measure.strip().lower())


def funding_data(group: GroupFile, *, reference: str, today: date | None = None) -> FundingData:
    """Everything the funding report for one grant prints, found by the grant's reference."""
    today = today or date.today()
    wanted = (reference or "").strip()
    if not wanted:
        raise ValidationError("grant", "Please give the grant's reference.")
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        grant = session.scalars(select(Grant).where(func.lower(Grant.reference) == wanted.lower())).first()
        if grant is None:
            raise NotFound(f"There is no grant with the reference “{wanted}”.")
        privacy = _Privacy(session, today)
        fund = session.get(Fund, grant.fund_id)
        budget = session.scalars(
            select(GrantBudgetLine).where(GrantBudgetLine.grant_id == grant.id)
            .order_by(GrantBudgetLine.position, GrantBudgetLine.id)
        ).all()
        line_names = {line.id: line.name for line in budget}
        movements = session.scalars(
            select(Transaction).where(Transaction.fund_id == grant.fund_id).order_by(Transaction.on, Transaction.id)
        ).all()
        spent_by_line: Counter[int] = Counter()
        payments = []
        for row in movements:
            if row.kind is not TransactionKind.PAYMENT:
                continue
            if row.budget_line_id in line_names:
                spent_by_line[row.budget_line_id] += -row.amount_pence
            payee = privacy.scrub(row.payee)
            if row.member_id is not None and not privacy.may_name(row.member_id):
                payee = "A member (expenses)"
            payments.append(Payment(row.on, payee, privacy.scrub(row.description),
                                    line_names.get(row.budget_line_id, ""), -row.amount_pence))
        received = sum(row.amount_pence for row in movements if row.kind is TransactionKind.RECEIPT)
        transfers = sum(
            amount if to_id == grant.fund_id else -amount
            for amount, to_id in session.execute(
                select(FundTransfer.amount_pence, FundTransfer.to_fund_id)
                .where(or_(FundTransfer.to_fund_id == grant.fund_id, FundTransfer.from_fund_id == grant.fund_id))
            )
        )
        balance = (fund.opening_balance_pence if fund else 0) + sum(row.amount_pence for row in movements) + transfers

        activity, _ = _activity(session, grant.starts_on, grant.ends_on, letterhead.count_only)
        stories = _stories(session, privacy, grant.starts_on, grant.ends_on)
        outcomes = [
            OutcomeLine(
                text=privacy.scrub(row.text), measure_label=MEASURE_LABELS.get(row.measure.strip().lower(), ""),
                target=row.target, achieved=_measure(row.measure, activity, len(stories)),
                evidence=privacy.scrub(row.evidence),
            )
            for row in session.scalars(
                select(GrantOutcome).where(GrantOutcome.grant_id == grant.id)
                .order_by(GrantOutcome.position, GrantOutcome.id)
            )
        ]
        return FundingData(
            letterhead=letterhead, funder=grant.funder, reference=grant.reference, amount_pence=grant.amount_pence,
            awarded_on=grant.awarded_on, starts_on=grant.starts_on, ends_on=grant.ends_on,
            purpose=privacy.scrub(grant.purpose), report_due_on=grant.report_due_on,
            fund_name=fund.name if fund else "", as_of=today,
            lines=tuple(BudgetLine(line.name, line.amount_pence, spent_by_line[line.id]) for line in budget),
            payments=tuple(payments), received_pence=received, spent_pence=sum(p.amount_pence for p in payments),
            fund_balance_pence=balance, activity=activity,
            support=tuple(_thanks(session, grant.starts_on, grant.ends_on)), outcomes=tuple(outcomes),
            stories=tuple(stories),
            quotes=tuple(Quote(s.quote, s.quote_by, s.achieved_on) for s in stories if s.quote),
        )


# ---------------------------------------------------------------- printables


@dataclass(frozen=True)
class SignInData:
    """Names are only those who agreed to be named; the others sign on the blank lines."""

    letterhead: Letterhead
    meeting: MeetingLine | None
    count_only: bool
    names: tuple[str, ...]
    unnamed_members: int
    blank_lines: int


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
        privacy = _Privacy(session, today)
        line = _meeting_line(session, meeting, privacy) if meeting else None
        if letterhead.count_only:
            return SignInData(letterhead, line, True, (), 0, 0)
        members = _current_members(session, on)
        names = tuple(member.name for member in members if privacy.may_name(member.id))
        unnamed = len(members) - len(names)
        return SignInData(letterhead, line, False, names, unnamed, max(8, unnamed + 6))


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
        privacy = _Privacy(session, today)
        members = _current_members(session, today)
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
        privacy = _Privacy(session, today)
        rows = session.execute(
            select(JobAssignment.due_on, Job.title, JobAssignment.member_id, JobAssignment.status, Job.id)
            .join(Job, Job.id == JobAssignment.job_id)
            .where(JobAssignment.due_on >= today, JobAssignment.due_on <= today + timedelta(weeks=weeks_ahead),
                   JobAssignment.status.in_([AssignmentStatus.ASSIGNED, AssignmentStatus.DONE]))
            .order_by(JobAssignment.due_on, Job.title, JobAssignment.id)
        ).all()
        turns = tuple(
            RotaTurn(due_on, privacy.scrub(title), privacy.name(member_id, UNNAMED_HELPER) if member_id else
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
        privacy = _Privacy(session, today)
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
        )

