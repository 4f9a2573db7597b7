"""Grants: the funder's money kept in its own restricted fund, a budget by line, spend against it, and the
days reports to the funder are due.

The budget lines should add up to the amount awarded; when they do not, the grant says so in one
sentence (``GrantView.budget_warning``) but nothing is refused, since a funder sometimes awards a
different sum from the one the budget was written for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Fund,
    FundKind,
    Grant,
    GrantBudgetLine,
    GrantReportDue,
    Transaction,
    TransactionKind,
)
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work
from coordinator_app.services.validate import optional_text, required_text

from .amounts import format_pence
from .books import ensure_books, fund_balances, fund_row, new_fund

_CHUNK = 400  # grants per IN (...): well inside SQLite's and PostgreSQL's parameter limits

_UNSET: object = object()


@dataclass(frozen=True)
class BudgetLineView:
    id: int
    name: str
    budget_pence: int
    spent_pence: int
    retired: bool = False

    @property
    def remaining_pence(self) -> int:
        return self.budget_pence - self.spent_pence


@dataclass(frozen=True)
class ReportDueView:
    id: int
    grant_id: int
    due_on: date
    sent_on: date | None


@dataclass(frozen=True)
class GrantView:
    id: int
    funder: str
    reference: str
    amount_pence: int
    awarded_on: date | None
    starts_on: date
    ends_on: date
    purpose: str
    fund_id: int
    fund_name: str
    received_pence: int  # receipts into the grant's fund
    spent_pence: int  # payments out of the grant's fund
    fund_balance_pence: int
    lines: tuple[BudgetLineView, ...]
    spent_off_budget_pence: int  # payments from the fund charged to no budget line
    reports: tuple[ReportDueView, ...] = ()
    closed_on: date | None = None

    @property
    def budget_pence(self) -> int:
        return sum(line.budget_pence for line in self.lines)

    @property
    def open_lines(self) -> tuple[BudgetLineView, ...]:
        """The budget lines a payment may still be charged to."""
        return tuple(line for line in self.lines if not line.retired)

    @property
    def report_due_on(self) -> date | None:
        """The next report not yet sent to the funder."""
        return next((r.due_on for r in self.reports if r.sent_on is None), None)

    @property
    def budget_warning(self) -> str | None:
        """A sentence when the budget lines do not add up to the award (a warning, never a refusal)."""
        if not self.lines:
            return None
        difference = self.amount_pence - self.budget_pence
        if difference == 0:
            return None
        which = "less" if difference > 0 else "more"
        return (f"The budget lines add up to {format_pence(self.budget_pence)}, {format_pence(abs(difference))} "
                f"{which} than the {format_pence(self.amount_pence)} awarded.")


@dataclass(frozen=True)
class ReportReminder:
    grant_id: int
    report_id: int
    funder: str
    reference: str
    due_on: date
    days_left: int  # negative once it is late

    @property
    def sentence(self) -> str:
        when = f"{self.due_on.day} {self.due_on:%B %Y}"
        if self.days_left < 0:
            return f"The report to {self.funder} ({self.reference}) was due on {when} and has not been sent."
        if self.days_left == 0:
            return f"The report to {self.funder} ({self.reference}) is due today."
        return f"The report to {self.funder} ({self.reference}) is due on {when}, in {self.days_left} days."


# ---- checks ---------------------------------------------------------------------------------------------

def _check_dates(starts_on: date, ends_on: date, reports: Sequence[date]) -> None:
    if ends_on < starts_on:
        raise ValidationError("ends_on", "The grant cannot end before it starts.")
    for due in reports:
        if due < starts_on:
            raise ValidationError("reports", f"A report cannot be due on {due:%d/%m/%Y}, before the grant starts "
                                             f"({starts_on:%d/%m/%Y}).")


def _check_amount(amount_pence: int) -> int:
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int) or amount_pence <= 0:
        raise ValidationError("amount", "The grant's amount must be more than £0.00.")
    return amount_pence


def _check_reference(session: Session, reference: str, *, except_id: int | None = None) -> str:
    clean = required_text("reference", reference, "the grant's reference", max_length=100)
    clash = session.scalar(select(Grant.id).where(func.lower(Grant.reference) == clean.lower()))
    if clash is not None and clash != except_id:
        raise ValidationError("reference", f"There is already a grant with the reference “{clean}”.")
    return clean


def _check_fund(session: Session, fund_id: int, *, except_grant: int | None = None) -> int:
    fund = fund_row(session, fund_id)
    if fund.kind is not FundKind.RESTRICTED:
        raise ValidationError("fund", "A grant's money must be kept in a restricted fund.")
    other = session.scalar(select(Grant).where(Grant.fund_id == fund_id, Grant.id != (except_grant or 0)))
    if other is not None:
        raise ValidationError("fund", f"The fund “{fund.name}” already holds the grant {other.reference}; each "
                                      "grant keeps its money in its own fund.")
    return fund.id


def _grant_row(session: Session, grant_id: int) -> Grant:
    row = session.get(Grant, grant_id)
    if row is None:
        raise NotFound(f"There is no grant number {grant_id}.")
    return row


# ---- grants ---------------------------------------------------------------------------------------------

def add_grant(group: GroupFile, *, funder: str, reference: str, amount_pence: int, starts_on: date, ends_on: date,
              purpose: str = "", awarded_on: date | None = None, reports_due: Sequence[date] = (),
              fund_id: int | None = None, fund_name: str = "", budget_lines: Sequence[tuple[str, int]] = ()) -> int:
    """Record a grant; without a fund, a restricted fund (named ``fund_name``, or after the funder) is made."""
    clean_funder = required_text("funder", funder, "the funder's name")
    amount = _check_amount(amount_pence)
    _check_dates(starts_on, ends_on, reports_due)
    with unit_of_work(group) as session:
        ensure_books(session)
        clean_ref = _check_reference(session, reference)
        if fund_id is None:
            fund_id = new_fund(session, name=fund_name.strip() or f"{clean_funder} ({clean_ref})",
                               kind=FundKind.RESTRICTED, purpose=purpose)
        else:
            _check_fund(session, fund_id)
        row = Grant(funder=clean_funder, reference=clean_ref, amount_pence=amount, awarded_on=awarded_on,
                    starts_on=starts_on, ends_on=ends_on, purpose=optional_text("purpose", purpose, "the purpose"),
                    fund_id=fund_id)
        session.add(row)
        session.flush()
        for position, (name, pence) in enumerate(budget_lines):
            _add_line(session, row.id, name, pence, position)
        session.add_all(GrantReportDue(grant_id=row.id, due_on=due) for due in sorted(set(reports_due)))
        return row.id


def update_grant(group: GroupFile, grant_id: int, *, funder: str | None = None, reference: str | None = None,
                 amount_pence: int | None = None, starts_on: date | None = None, ends_on: date | None = None,
                 purpose: str | None = None, awarded_on: date | None | object = _UNSET,
                 fund_id: int | None = None) -> GrantView:
    """Change a grant's details. Its fund can change only while no money has moved in the old one."""
    with unit_of_work(group) as session:
        row = _grant_row(session, grant_id)
        if funder is not None:
            row.funder = required_text("funder", funder, "the funder's name")
        if reference is not None:
            row.reference = _check_reference(session, reference, except_id=row.id)
        if amount_pence is not None:
            row.amount_pence = _check_amount(amount_pence)
        if purpose is not None:
            row.purpose = optional_text("purpose", purpose, "the purpose")
        if awarded_on is not _UNSET:
            row.awarded_on = awarded_on  # type: ignore[assignment]
        new_start, new_end = starts_on or row.starts_on, ends_on or row.ends_on
        reports = session.scalars(select(GrantReportDue.due_on).where(GrantReportDue.grant_id == row.id)).all()
        _check_dates(new_start, new_end, reports)
        row.starts_on, row.ends_on = new_start, new_end
        if fund_id is not None and fund_id != row.fund_id:
            used = session.scalar(select(func.count()).select_from(Transaction).where(
                Transaction.fund_id == row.fund_id))
            if used:
                old = fund_row(session, row.fund_id).name
                raise ValidationError("fund", f"Money has already moved in the fund “{old}”, so this grant's fund "
                                              "cannot change.")
            row.fund_id = _check_fund(session, fund_id, except_grant=row.id)
        session.flush()
        return grant_view(session, row)


def close_grant(group: GroupFile, grant_id: int, *, today: date | None = None) -> GrantView:
    """The grant is finished with: it stops being offered for new spending and on the Home page."""
    with unit_of_work(group) as session:
        row = _grant_row(session, grant_id)
        if row.closed_on is not None:
            raise ValidationError("grant", f"The grant {row.reference} was already closed on {row.closed_on:%d/%m/%Y}.")
        row.closed_on = today or date.today()
        session.flush()
        return grant_view(session, row)


def reopen_grant(group: GroupFile, grant_id: int) -> GrantView:
    with unit_of_work(group) as session:
        row = _grant_row(session, grant_id)
        if row.closed_on is None:
            raise ValidationError("grant", f"The grant {row.reference} is open already.")
        row.closed_on = None
        session.flush()
        return grant_view(session, row)


# ---- reports due ----------------------------------------------------------------------------------------

def set_reports_due(group: GroupFile, grant_id: int, dates: Sequence[date]) -> None:
    """The days reports are due: reports already sent stay as they are; unsent ones become ``dates``."""
    with unit_of_work(group) as session:
        row = _grant_row(session, grant_id)
        _check_dates(row.starts_on, row.ends_on, dates)
        existing = session.scalars(select(GrantReportDue).where(GrantReportDue.grant_id == row.id)).all()
        wanted = set(dates)
        for report in existing:
            if report.sent_on is None and report.due_on not in wanted:
                session.delete(report)
            wanted.discard(report.due_on)
        session.add_all(GrantReportDue(grant_id=row.id, due_on=due) for due in sorted(wanted))


def mark_report_sent(group: GroupFile, report_id: int, *, sent_on: date | None) -> None:
    """Record the day the report went to the funder (None: it has not gone after all)."""
    with unit_of_work(group) as session:
        report = session.get(GrantReportDue, report_id)
        if report is None:
            raise NotFound(f"There is no report due number {report_id}.")
        report.sent_on = sent_on


def reports_due(group: GroupFile, *, today: date | None = None, within_days: int = 60) -> list[ReportReminder]:
    """Reports to funders not yet sent that are late or due within ``within_days`` (for the Home page)."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        rows = session.execute(
            select(GrantReportDue, Grant.funder, Grant.reference).join(Grant, Grant.id == GrantReportDue.grant_id)
            .where(GrantReportDue.sent_on.is_(None), Grant.closed_on.is_(None),
                   GrantReportDue.due_on <= today + timedelta(days=within_days))
            .order_by(GrantReportDue.due_on, GrantReportDue.id)
        ).all()
        return [ReportReminder(grant_id=r.grant_id, report_id=r.id, funder=funder, reference=reference,
                               due_on=r.due_on, days_left=(r.due_on - today).days) for r, funder, reference in rows]


# ---- budget lines ---------------------------------------------------------------------------------------

def _check_line_amount(amount_pence: int) -> int:
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int) or amount_pence < 0:
        raise ValidationError("budget", "A budget line cannot be less than £0.00.")
    return amount_pence


def _add_line(session: Session, grant_id: int, name: str, amount_pence: int, position: int) -> int:
    line = GrantBudgetLine(grant_id=grant_id, name=_line_name(session, grant_id, name),
                           amount_pence=_check_line_amount(amount_pence), position=position)
    session.add(line)
    session.flush()
    return line.id


def _line_name(session: Session, grant_id: int, name: str, *, except_id: int | None = None) -> str:
    clean = required_text("budget_line", name, "the budget line's name")
    clash = session.scalar(select(GrantBudgetLine.id).where(GrantBudgetLine.grant_id == grant_id,
                                                           func.lower(GrantBudgetLine.name) == clean.lower()))
    if clash is not None and clash != except_id:
        raise ValidationError("budget_line", f"This grant already has a budget line called “{clean}”.")
    return clean


def add_budget_line(group: GroupFile, grant_id: int, *, name: str, amount_pence: int) -> int:
    with unit_of_work(group) as session:
        _grant_row(session, grant_id)
        position = session.scalar(select(func.count()).where(GrantBudgetLine.grant_id == grant_id)) or 0
        return _add_line(session, grant_id, name, amount_pence, position)


def _line_row(session: Session, line_id: int) -> GrantBudgetLine:
    line = session.get(GrantBudgetLine, line_id)
    if line is None:
        raise NotFound(f"There is no budget line number {line_id}.")
    return line


def update_budget_line(group: GroupFile, line_id: int, *, name: str | None = None,
                       amount_pence: int | None = None) -> None:
    with unit_of_work(group) as session:
        line = _line_row(session, line_id)
        if name is not None:
            line.name = _line_name(session, line.grant_id, name, except_id=line.id)
        if amount_pence is not None:
            line.amount_pence = _check_line_amount(amount_pence)


def retire_budget_line(group: GroupFile, line_id: int, *, retired: bool = True) -> None:
    """A retired line keeps what was spent on it but is offered for no new payment (``retired=False``
    offers it again)."""
    with unit_of_work(group) as session:
        _line_row(session, line_id).retired = retired


# ---- reading --------------------------------------------------------------------------------------------

def grant_view(session: Session, row: Grant) -> GrantView:
    """What came in, what was spent (by budget line) and what is left: the one computation of grant spend,
    read by the Money page and the funding report alike."""
    return _grant_views(session, [row])[0]


def _grant_views(session: Session, rows: Sequence[Grant]) -> list[GrantView]:
    """The grants' views from a handful of grouped queries, however many grants there are (four queries
    per grant, each over the fund's lines, made the Funds and grants tab slow with many grants)."""
    if not rows:
        return []
    balances = fund_balances(session)
    funds = {row.fund_id for row in rows}
    grant_ids = [row.id for row in rows]
    flows: dict[tuple[int, TransactionKind], int] = {
        (fund_id, kind): int(total or 0) for fund_id, kind, total in session.execute(
            select(Transaction.fund_id, Transaction.kind, func.sum(Transaction.amount_pence))
            .where(Transaction.fund_id.in_(funds), Transaction.kind != TransactionKind.TRANSFER)
            .group_by(Transaction.fund_id, Transaction.kind))}
    by_line: dict[tuple[int, int | None], int] = {
        (fund_id, line_id): int(total or 0) for fund_id, line_id, total in session.execute(
            select(Transaction.fund_id, Transaction.budget_line_id, func.sum(Transaction.amount_pence))
            .where(Transaction.fund_id.in_(funds), Transaction.kind == TransactionKind.PAYMENT)
            .group_by(Transaction.fund_id, Transaction.budget_line_id))}
    lines: dict[int, list[GrantBudgetLine]] = {grant_id: [] for grant_id in grant_ids}
    reports: dict[int, list[GrantReportDue]] = {grant_id: [] for grant_id in grant_ids}
    for start in range(0, len(grant_ids), _CHUNK):
        chunk = grant_ids[start:start + _CHUNK]
        for line in session.scalars(select(GrantBudgetLine).where(GrantBudgetLine.grant_id.in_(chunk))
                                    .order_by(GrantBudgetLine.position, GrantBudgetLine.id)):
            lines[line.grant_id].append(line)
        for report in session.scalars(select(GrantReportDue).where(GrantReportDue.grant_id.in_(chunk))
                                      .order_by(GrantReportDue.due_on, GrantReportDue.id)):
            reports[report.grant_id].append(report)
    names = dict(session.execute(select(Fund.id, Fund.name).where(Fund.id.in_(funds))).all())
    return [GrantView(
        id=row.id, funder=row.funder, reference=row.reference, amount_pence=row.amount_pence,
        awarded_on=row.awarded_on, starts_on=row.starts_on, ends_on=row.ends_on, purpose=row.purpose,
        fund_id=row.fund_id, fund_name=names[row.fund_id],
        received_pence=flows.get((row.fund_id, TransactionKind.RECEIPT), 0),
        spent_pence=-flows.get((row.fund_id, TransactionKind.PAYMENT), 0),
        fund_balance_pence=balances.get(row.fund_id, 0),
        lines=tuple(BudgetLineView(id=line.id, name=line.name, budget_pence=line.amount_pence,
                                   spent_pence=-by_line.get((row.fund_id, line.id), 0), retired=line.retired)
                    for line in lines[row.id]),
        spent_off_budget_pence=-by_line.get((row.fund_id, None), 0),
        reports=tuple(ReportDueView(id=r.id, grant_id=r.grant_id, due_on=r.due_on, sent_on=r.sent_on)
                      for r in reports[row.id]),
        closed_on=row.closed_on,
    ) for row in rows]


@dataclass(frozen=True)
class BudgetLineChoice:
    """A budget line as the entry panel offers it: which grant's, and the fund its payments come from."""

    id: int
    funder: str
    name: str
    fund_id: int


def budget_line_choices(group: GroupFile) -> list[BudgetLineChoice]:
    """Every grant's budget lines, in the order of ``list_grants``, without the sums it works out."""
    with unit_of_work(group, write=False) as session:
        return [BudgetLineChoice(line_id, funder, name, fund_id) for line_id, funder, name, fund_id in session.execute(
            select(GrantBudgetLine.id, Grant.funder, GrantBudgetLine.name, Grant.fund_id)
            .join(Grant, Grant.id == GrantBudgetLine.grant_id)
            .order_by(Grant.starts_on.desc(), Grant.id, GrantBudgetLine.position, GrantBudgetLine.id))]


@dataclass(frozen=True)
class GrantChoice:
    """A grant as a list to choose from shows it (the Reports page's funding report)."""

    reference: str
    funder: str
    starts_on: date
    ends_on: date


def grant_choices(group: GroupFile) -> list[GrantChoice]:
    """Every grant in the order of ``list_grants``, without the sums it works out."""
    with unit_of_work(group, write=False) as session:
        return [GrantChoice(*row) for row in session.execute(
            select(Grant.reference, Grant.funder, Grant.starts_on, Grant.ends_on)
            .order_by(Grant.starts_on.desc(), Grant.id))]


def get_grant(group: GroupFile, grant_id: int) -> GrantView:
    with unit_of_work(group, write=False) as session:
        return grant_view(session, _grant_row(session, grant_id))


def list_grants(group: GroupFile, *, include_closed: bool = True) -> list[GrantView]:
    """Every grant with what has come in, what has been spent by budget line, and what is left."""
    with unit_of_work(group, write=False) as session:
        query = select(Grant).order_by(Grant.starts_on.desc(), Grant.id)
        if not include_closed:
            query = query.where(Grant.closed_on.is_(None))
        return _grant_views(session, session.scalars(query).all())
