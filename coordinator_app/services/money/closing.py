"""Closing an account and retiring a fund, without losing a penny or a line of history.

An account can close only once it holds nothing: its balance is moved to another account (a transfer
on the closing day, made here when asked) or was already spent. A fund retires once it holds nothing,
and the general fund never does, since money goes there when nobody says otherwise.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Grant, Transaction, TransactionKind
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.uow import unit_of_work

from .amounts import format_pence
from .books import account_row, fund_balances, fund_row, general_fund_id


def close_account(group: GroupFile, account_id: int, *, closed_on: date, move_to_account_id: int | None = None,
                  today: date | None = None) -> None:
    """Close the account on ``closed_on``; what it still holds is first moved to ``move_to_account_id``."""
    today = today or date.today()
    if closed_on > today:
        raise ValidationError("closed_on", "An account cannot be closed on a day still to come.")
    with unit_of_work(group) as session:
        account = account_row(session, account_id)
        if account.closed_on is not None:
            raise ValidationError("account", f"“{account.name}” was already closed on {account.closed_on:%d/%m/%Y}.")
        if closed_on < account.opened_on:
            raise ValidationError("closed_on", f"“{account.name}” opened on {account.opened_on:%d/%m/%Y}, "
                                               "after that day.")
        later = session.scalar(select(func.min(Transaction.on)).where(Transaction.account_id == account.id,
                                                                      Transaction.on > closed_on))
        if later is not None:
            raise ValidationError("closed_on", f"“{account.name}” has lines after that day (the first on "
                                               f"{later:%d/%m/%Y}); close it on the day of its last line or later.")
        balance = account.opening_balance_pence + int(session.scalar(
            select(func.sum(Transaction.amount_pence)).where(Transaction.account_id == account.id)) or 0)
        if balance != 0:
            if move_to_account_id is None:
                raise ValidationError("move_to", f"“{account.name}” still holds {format_pence(balance)}; choose the "
                                                 "account to move it to before closing it.")
            target = account_row(session, move_to_account_id)
            if target.id == account.id or target.closed_on is not None:
                raise ValidationError("move_to", "Choose another open account to move the money to.")
            fund = general_fund_id(session)
            link = str(uuid.uuid4())
            text = f"Balance moved when “{account.name}” closed"
            session.add_all([
                Transaction(account_id=account.id, on=closed_on, amount_pence=-balance, kind=TransactionKind.TRANSFER,
                            payee=target.name, description=text, fund_id=fund, transfer_id=link),
                Transaction(account_id=target.id, on=closed_on, amount_pence=balance, kind=TransactionKind.TRANSFER,
                            payee=account.name, description=text, fund_id=fund, transfer_id=link),
            ])
        account.closed_on = closed_on


def reopen_account(group: GroupFile, account_id: int) -> None:
    with unit_of_work(group) as session:
        account = account_row(session, account_id)
        if account.closed_on is None:
            raise ValidationError("account", f"“{account.name}” is open already.")
        account.closed_on = None


def retire_fund(group: GroupFile, fund_id: int, *, today: date | None = None) -> None:
    """A fund whose money is all spent or moved is offered for no new lines; its history stays."""
    with unit_of_work(group) as session:
        fund = fund_row(session, fund_id)
        if fund.retired_on is not None:
            raise ValidationError("fund", f"“{fund.name}” was already retired on {fund.retired_on:%d/%m/%Y}.")
        if fund.id == general_fund_id(session):
            raise ValidationError("fund", f"“{fund.name}” is where money goes when no fund is chosen, so it "
                                          "cannot be retired.")
        grant = session.scalar(select(Grant).where(Grant.fund_id == fund.id, Grant.closed_on.is_(None)))
        if grant is not None:
            raise ValidationError("fund", f"“{fund.name}” holds the grant {grant.reference}, which is still open; "
                                          "close the grant first.")
        balance = fund_balances(session).get(fund.id, 0)
        if balance != 0:
            raise ValidationError("fund", f"“{fund.name}” still holds {format_pence(balance)}; spend it or move it "
                                          "to another fund before retiring it.")
        fund.retired_on = today or date.today()


def bring_back_fund(group: GroupFile, fund_id: int) -> None:
    with unit_of_work(group) as session:
        fund = fund_row(session, fund_id)
        if fund.retired_on is None:
            raise ValidationError("fund", f"“{fund.name}” is in use already.")
        fund.retired_on = None
