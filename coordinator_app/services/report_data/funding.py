"""The funding report's read model: one grant, its spending and what it achieved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Achievement,
    AchievementKind,
    Grant,
    GrantOutcome,
    GrantOutcomeDocument,
    GrantOutcomeEvidence,
    GrantReportDue,
    Meeting,
    Transaction,
    TransactionKind,
)

from ..errors import NotFound, ValidationError
from ..labels import stored_word
from ..money.grants import BudgetLineView, grant_view
from ..privacy import Document, Privacy
from ..uow import unit_of_work
from .common import (
    MEASURE_LABELS,
    Activity,
    Letterhead,
    Quote,
    Story,
    Thanks,
    _activity,
    _letterhead,
    _stories,
    _thanks,
)


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
    outcome_id: int = 0


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
    lines: tuple[BudgetLineView, ...]  # the Money page's own: budget, spent and remaining by line
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


def _measure(row: GrantOutcome, activity: Activity, stories: list[Story]) -> int | None:
    """What the records count for an outcome within the grant's dates; by hand, the figure typed in."""
    measure = row.measure.strip().lower()
    if measure == "achievements" and row.achievement_kind:
        label = stored_word(AchievementKind(row.achievement_kind))
        return sum(1 for story in stories if story.kind_label == label)
    return {
        "meetings": activity.meetings_held,
        "attendances": activity.attendances,
        "people": activity.distinct_people,
        "newcomers": activity.newcomers,
        "volunteers": activity.volunteers,
        "achievements": len(stories),
        "support": activity.support_sessions,
    }.get(measure, row.achieved)


def _outcome_label(row: GrantOutcome) -> str:
    if row.measure == "achievements" and row.achievement_kind:
        return f"achievements ({stored_word(AchievementKind(row.achievement_kind)).lower()})"
    return MEASURE_LABELS.get(row.measure.strip().lower(), "")


def _outcome_evidence(session: Session, row: GrantOutcome, privacy: Privacy) -> str:
    """The treasurer's evidence text, then the meetings, achievements and documents it points to."""
    parts = [privacy.scrub(row.evidence)] if row.evidence.strip() else []
    meetings = session.scalars(
        select(Meeting.held_on).join(GrantOutcomeEvidence, GrantOutcomeEvidence.meeting_id == Meeting.id)
        .where(GrantOutcomeEvidence.outcome_id == row.id, Meeting.deleted_at.is_(None)).order_by(Meeting.held_on)
    ).all()
    if meetings:
        parts.append("Meetings: " + ", ".join(f"{d.day} {d:%b %Y}" for d in meetings) + ".")
    titles = session.scalars(
        select(Achievement.title).join(GrantOutcomeEvidence, GrantOutcomeEvidence.achievement_id == Achievement.id)
        .where(GrantOutcomeEvidence.outcome_id == row.id, Achievement.deleted_at.is_(None))
        .order_by(Achievement.achieved_on)
    ).all()
    if titles:
        parts.append("Achievements: " + "; ".join(privacy.scrub(t) for t in titles) + ".")
    documents = session.scalars(select(GrantOutcomeDocument.filename)
                                .where(GrantOutcomeDocument.outcome_id == row.id)
                                .order_by(GrantOutcomeDocument.id)).all()
    if documents:
        parts.append("Documents kept: " + ", ".join(documents) + ".")
    return " ".join(parts)


def _outcome_lines(session: Session, grant: Grant, privacy: Privacy, activity: Activity,
                   stories: list[Story]) -> list[OutcomeLine]:
    return [
        OutcomeLine(text=privacy.scrub(row.text), measure_label=_outcome_label(row), target=row.target,
                    achieved=_measure(row, activity, stories), evidence=_outcome_evidence(session, row, privacy),
                    outcome_id=row.id)
        for row in session.scalars(select(GrantOutcome).where(GrantOutcome.grant_id == grant.id)
                                   .order_by(GrantOutcome.position, GrantOutcome.id))
    ]


def _next_report(session: Session, grant_id: int) -> date | None:
    """The next report to the funder not yet sent (or, all sent, the last one)."""
    dates = session.execute(select(GrantReportDue.due_on, GrantReportDue.sent_on)
                            .where(GrantReportDue.grant_id == grant_id).order_by(GrantReportDue.due_on)).all()
    return next((due for due, sent in dates if sent is None), dates[-1][0] if dates else None)


def outcome_figures(group: GroupFile, *, grant_id: int, today: date | None = None) -> list[OutcomeLine]:
    """The grant's outcomes as the funding report prints them (for the window, so both always agree)."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        grant = session.get(Grant, grant_id)
        if grant is None:
            raise NotFound(f"There is no grant number {grant_id}.")
        privacy = Privacy(session, today, Document.FUNDING)
        activity, _ = _activity(session, grant.starts_on, grant.ends_on, _letterhead(session).count_only)
        return _outcome_lines(session, grant, privacy, activity,
                              _stories(session, privacy, grant.starts_on, grant.ends_on))


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
        privacy = Privacy(session, today, Document.FUNDING)
        figures = grant_view(session, grant)
        line_names = {line.id: line.name for line in figures.lines}
        payments = []
        for row in session.scalars(
            select(Transaction).where(Transaction.fund_id == grant.fund_id, Transaction.kind == TransactionKind.PAYMENT)
            .order_by(Transaction.on, Transaction.id)
        ):
            payee = privacy.scrub(row.payee)
            if row.member_id is not None and not privacy.may_name(row.member_id):
                payee = "A member (expenses)"
            payments.append(Payment(row.on, payee, privacy.scrub(row.description),
                                    line_names.get(row.budget_line_id, ""), -row.amount_pence))

        activity, _ = _activity(session, grant.starts_on, grant.ends_on, letterhead.count_only)
        stories = _stories(session, privacy, grant.starts_on, grant.ends_on)
        outcomes = _outcome_lines(session, grant, privacy, activity, stories)
        return FundingData(
            letterhead=letterhead, funder=grant.funder, reference=grant.reference, amount_pence=grant.amount_pence,
            awarded_on=grant.awarded_on, starts_on=grant.starts_on, ends_on=grant.ends_on,
            purpose=privacy.scrub(grant.purpose), report_due_on=_next_report(session, grant.id),
            fund_name=figures.fund_name, as_of=today,
            lines=figures.lines,
            payments=tuple(payments), received_pence=figures.received_pence, spent_pence=figures.spent_pence,
            fund_balance_pence=figures.fund_balance_pence, activity=activity,
            support=tuple(_thanks(session, grant.starts_on, grant.ends_on)), outcomes=tuple(outcomes),
            stories=tuple(stories),
            quotes=tuple(Quote(s.quote, s.quote_by, s.achieved_on) for s in stories if s.quote),
        )

