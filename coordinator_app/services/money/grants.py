"""Grants: the funder's money kept in its own restricted fund, a budget by line, and spend against it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Fund, FundKind, Grant, GrantBudgetLine, Transaction, TransactionKind
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work
from coordinator_app.services.validate import optional_text, required_text

from .books import ensure_books, fund_balances, fund_row, new_fund


@dataclass(frozen=True)
class BudgetLineView:
    id: int
    name: str
    budget_pence: int
    spent_pence: int

    @property
    def remaining_pence(self) -> int:
        return self.budget_pence - self.spent_pence


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
    report_due_on: date | None
    fund_id: int
    fund_name: str
    received_pence: int  # receipts into the grant's fund
    spent_pence: int  # payments out of the grant's fund
    fund_balance_pence: int
    lines: tuple[BudgetLineView, ...]
    spent_off_budget_pence: int  # payments from the fund charged to no budget line

    @property
    def budget_pence(self) -> int:
        return sum(line.budget_pence for line in self.lines)


def _check_grant(funder: str, reference: str, amount_pence: int, starts_on: date, ends_on: date
                 ) -> tuple[str, str]:
    clean_funder = required_text("funder", funder, "the funder's name")
    clean_ref = required_text("reference", reference, "the grant's reference", max_length=100)
    if amount_pence <= 0:
        raise ValidationError("amount", "The grant's amount must be more than £0.00.")
    if ends_on < starts_on:
        raise ValidationError("ends_on", "The grant cannot end before it starts.")
    return clean_funder, clean_ref


def add_grant(group: GroupFile, *, funder: str, reference: str, amount_pence: int, starts_on: date, ends_on: date,
              purpose: str = "", awarded_on: date | None = None, report_due_on: date | None = None,
              fund_id: int | None = None, budget_lines: Sequence[tuple[str, int]] = ()) -> int:
    """Record a grant; without a fund, a restricted fund named after the funder is made for it."""
    clean_funder, clean_ref = _check_grant(funder, reference, amount_pence, starts_on, ends_on)
    with unit_of_work(group) as session:
        ensure_books(session)
        if session.scalar(select(Grant.id).where(func.lower(Grant.reference) == clean_ref.lower())) is not None:
            raise ValidationError("reference", f"There is already a grant with the reference “{clean_ref}”.")
        if fund_id is None:
            fund_id = new_fund(session, name=f"{clean_funder} ({clean_ref})", kind=FundKind.RESTRICTED,
                               purpose=purpose)
        elif fund_row(session, fund_id).kind is not FundKind.RESTRICTED:
            raise ValidationError("fund", "A grant's money must be kept in a restricted fund.")
        row = Grant(funder=clean_funder, reference=clean_ref, amount_pence=amount_pence, awarded_on=awarded_on,
                    starts_on=starts_on, ends_on=ends_on, purpose=optional_text("purpose", purpose, "the purpose"),
                    report_due_on=report_due_on, fund_id=fund_id)
        session.add(row)
        session.flush()
        for position, (name, pence) in enumerate(budget_lines):
            _add_line(session, row.id, name, pence, position)
        return row.id


def _add_line(session: Session, grant_id: int, name: str, amount_pence: int, position: int) -> int:
    if amount_pence < 0:
        raise ValidationError("budget", "A budget line cannot be less than £0.00.")
    line = GrantBudgetLine(grant_id=grant_id, name=required_text("budget_line", name, "the budget line's name"),
                           amount_pence=amount_pence, position=position)
    session.add(line)
    session.flush()
    return line.id


def add_budget_line(group: GroupFile, grant_id: int, *, name: str, amount_pence: int) -> int:
    with unit_of_work(group) as session:
        _grant_row(session, grant_id)
        position = session.scalar(select(func.count()).where(GrantBudgetLine.grant_id == grant_id)) or 0
        return _add_line(session, grant_id, name, amount_pence, position)


def update_budget_line(group: GroupFile, line_id: int, *, name: str | None = None,
                       amount_pence: int | None = None) -> None:
    with unit_of_work(group) as session:
        line = session.get(GrantBudgetLine, line_id)
        if line is None:
            raise NotFound(f"There is no budget line number {line_id}.")
        if name is not None:
            line.name = required_text("budget_line", name, "the budget line's name")
        if amount_pence is not None:
            if amount_pence < 0:
                raise ValidationError("budget", "A budget line cannot be less than £0.00.")
            line.amount_pence = amount_pence


def _grant_row(session: Session, grant_id: int) -> Grant:
    row = session.get(Grant, grant_id)
    if row is None:
        raise NotFound(f"There is no grant number {grant_id}.")
    return row


def _grant_view(session: Session, row: Grant, balances: dict[int, int]) -> GrantView:
    flows = dict(session.execute(
        select(Transaction.kind, func.sum(Transaction.amount_pence))
        .where(Transaction.fund_id == row.fund_id, Transaction.kind != TransactionKind.TRANSFER)
        .group_by(Transaction.kind)
    ).all())
    by_line = dict(session.execute(
        select(Transaction.budget_line_id, func.sum(Transaction.amount_pence))
        .where(Transaction.fund_id == row.fund_id, Transaction.kind == TransactionKind.PAYMENT)
        .group_by(Transaction.budget_line_id)
    ).all())
    lines = tuple(
        BudgetLineView(id=line.id, name=line.name, budget_pence=line.amount_pence,
                       spent_pence=-int(by_line.get(line.id, 0) or 0))
        for line in session.scalars(select(GrantBudgetLine).where(GrantBudgetLine.grant_id == row.id)
                                    .order_by(GrantBudgetLine.position, GrantBudgetLine.id))
    )
    fund = session.get(Fund, row.fund_id)
    assert fund is not None
    return GrantView(
        id=row.id, funder=row.funder, reference=row.reference, amount_pence=row.amount_pence,
        awarded_on=row.awarded_on, starts_on=row.starts_on, ends_on=row.ends_on, purpose=row.purpose,
        report_due_on=row.report_due_on, fund_id=row.fund_id, fund_name=fund.name,
        received_pence=int(flows.get(TransactionKind.RECEIPT, 0) or 0),
        spent_pence=-int(flows.get(TransactionKind.PAYMENT, 0) or 0),
        fund_balance_pence=balances.get(row.fund_id, 0), lines=lines,
        spent_off_budget_pence=-int(by_line.get(None, 0) or 0),
    )


def get_grant(group: GroupFile, grant_id: int) -> GrantView:
    with unit_of_work(group, write=False) as session:
        return _grant_view(session, _grant_row(session, grant_id), fund_balances(session))


def list_grants(group: GroupFile) -> list[GrantView]:
    """Every grant with what has come in, what has been spent by budget line, and what is left."""
    with unit_of_work(group, write=False) as session:
        balances = fund_balances(session)
        rows = session.scalars(select(Grant).order_by(Grant.starts_on.desc(), Grant.id)).all()
        return [_grant_view(session, row, balances) for row in rows]
