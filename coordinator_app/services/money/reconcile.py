"""Bank reconciliation: does the cash book agree with the bank's statement?

The treasurer enters the statement's date and closing balance, ticks the lines that appear on it, and
sees the difference between the statement and the ticked (cleared) lines. Only at a difference of
exactly zero can the statement be marked reconciled; after that its lines are fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import BankStatement, Transaction
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work

from .amounts import format_pence
from .books import account_row
from .transactions import TransactionView, load_views, views_query


@dataclass(frozen=True)
class Reconciliation:
    statement_id: int
    account_id: int
    account_name: str
    statement_date: date
    statement_balance_pence: int
    cleared_balance_pence: int
    lines: tuple[TransactionView, ...]  # lines up to the statement date not yet on an earlier statement
    reconciled_on: date | None

    @property
    def difference_pence(self) -> int:
        return self.statement_balance_pence - self.cleared_balance_pence


@dataclass(frozen=True)
class StatementView:
    id: int
    account_id: int
    statement_date: date
    closing_balance_pence: int
    reconciled_on: date | None


def _statement(session: Session, statement_id: int) -> BankStatement:
    row = session.get(BankStatement, statement_id)
    if row is None:
        raise NotFound(f"There is no bank statement number {statement_id}.")
    return row


def _cleared_balance(session: Session, statement: BankStatement) -> int:
    account = account_row(session, statement.account_id)
    cleared = session.scalar(select(func.sum(Transaction.amount_pence)).where(
        Transaction.account_id == account.id, Transaction.cleared.is_(True)))
    return account.opening_balance_pence + int(cleared or 0)


def start_statement(group: GroupFile, *, account_id: int, statement_date: date, closing_balance_pence: int) -> int:
    """Begin reconciling a statement (or carry on with the open one for this account). A new statement
    starts with the lines imported from the bank up to its date already ticked: the bank listed them."""
    with unit_of_work(group) as session:
        account_row(session, account_id)
        open_one = session.scalar(select(BankStatement).where(
            BankStatement.account_id == account_id, BankStatement.reconciled_on.is_(None)))
        last = session.scalar(select(func.max(BankStatement.statement_date)).where(
            BankStatement.account_id == account_id, BankStatement.reconciled_on.is_not(None)))
        if last is not None and statement_date <= last:
            raise ValidationError("statement_date", f"A statement up to {last:%d/%m/%Y} is already reconciled; "
                                                    "choose a later date.")
        if open_one is not None:
            open_one.statement_date, open_one.closing_balance_pence = statement_date, int(closing_balance_pence)
            return open_one.id
        row = BankStatement(account_id=account_id, statement_date=statement_date,
                            closing_balance_pence=int(closing_balance_pence))
        session.add(row)
        session.flush()
        for line in session.scalars(select(Transaction).where(
                Transaction.account_id == account_id, Transaction.import_key.is_not(None),
                Transaction.statement_id.is_(None), Transaction.on <= statement_date)):
            line.cleared, line.statement_id = True, row.id
        return row.id


def reconciliation(group: GroupFile, statement_id: int) -> Reconciliation:
    with unit_of_work(group, write=False) as session:
        statement = _statement(session, statement_id)
        account = account_row(session, statement.account_id)
        query = views_query().where(
            Transaction.account_id == account.id, Transaction.on <= statement.statement_date,
            or_(Transaction.statement_id.is_(None), Transaction.statement_id == statement.id),
        )
        if statement.reconciled_on is not None:
            query = views_query().where(Transaction.statement_id == statement.id)
        return Reconciliation(
            statement_id=statement.id, account_id=account.id, account_name=account.name,
            statement_date=statement.statement_date, statement_balance_pence=statement.closing_balance_pence,
            cleared_balance_pence=_cleared_balance(session, statement), lines=tuple(load_views(session, query)),
            reconciled_on=statement.reconciled_on,
        )


def tick(group: GroupFile, statement_id: int, transaction_ids: Iterable[int], *, cleared: bool = True
         ) -> Reconciliation:
    """Mark lines as on (or, with ``cleared=False``, not on) this statement."""
    with unit_of_work(group) as session:
        statement = _statement(session, statement_id)
        if statement.reconciled_on is not None:
            raise ValidationError("statement", "This statement is already reconciled; its lines are fixed.")
        for transaction_id in transaction_ids:
            row = session.get(Transaction, transaction_id)
            if row is None or row.account_id != statement.account_id:
                raise ValidationError("transaction", "That line is not in this statement's account.")
            if row.statement_id not in (None, statement.id):
                raise ValidationError("transaction", "That line is already on an earlier statement.")
            if row.on > statement.statement_date:
                raise ValidationError("transaction", f"The line dated {row.on:%d/%m/%Y} is after the statement date.")
            row.cleared = cleared
            row.statement_id = statement.id if cleared else None
    return reconciliation(group, statement_id)


def finish(group: GroupFile, statement_id: int, *, today: date | None = None) -> Reconciliation:
    """Mark the statement reconciled: only when the ticked lines agree with it to the penny."""
    current = reconciliation(group, statement_id)
    if current.difference_pence != 0:
        raise ValidationError("difference", (
            f"The ticked lines come to {format_pence(current.cleared_balance_pence)} but the statement says "
            f"{format_pence(current.statement_balance_pence)}: a difference of "
            f"{format_pence(current.difference_pence)}. Find it before marking the statement reconciled."))
    with unit_of_work(group) as session:
        _statement(session, statement_id).reconciled_on = today or date.today()
    return reconciliation(group, statement_id)


def reopen_statement(group: GroupFile, statement_id: int) -> Reconciliation:
    """Undo "Mark reconciled" for the account's latest statement, so its lines can be corrected."""
    with unit_of_work(group) as session:
        statement = _statement(session, statement_id)
        if statement.reconciled_on is None:
            raise ValidationError("statement", "This statement is not reconciled yet, so its lines can change.")
        later = session.scalar(select(BankStatement).where(
            BankStatement.account_id == statement.account_id, BankStatement.id != statement.id,
            or_(BankStatement.statement_date > statement.statement_date, BankStatement.reconciled_on.is_(None))))
        if later is not None:
            raise ValidationError("statement", f"The statement to {later.statement_date:%d/%m/%Y} comes after this "
                                               "one; only the latest statement can be reopened.")
        statement.reconciled_on = None
    return reconciliation(group, statement_id)


def list_statements(group: GroupFile, *, account_id: int) -> list[StatementView]:
    with unit_of_work(group, write=False) as session:
        rows = session.scalars(select(BankStatement).where(BankStatement.account_id == account_id)
                               .order_by(BankStatement.statement_date))
        return [StatementView(id=r.id, account_id=r.account_id, statement_date=r.statement_date,
                              closing_balance_pence=r.closing_balance_pence, reconciled_on=r.reconciled_on)
                for r in rows]
