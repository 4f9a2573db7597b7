"""One account's register read a page at a time, for a window that shows twenty lines of seventy thousand.

The lines are in date order (then the order they were entered), as ``transactions.register`` gives them
all at once. A page is one ``LIMIT``/``OFFSET`` query along the ``(account_id, on, id, amount_pence)``
index, and the balance before it is one sum along the same index, so a page costs the same at the
first line as at the last and the same in a file of fifteen years as of one. Plain portable SQL, so a
group on a PostgreSQL server reads its register the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import AccountKind, Approval, Transaction, TransactionKind
from coordinator_app.services.uow import unit_of_work

from .books import account_row, approval_limit
from .transactions import RegisterLine, load_views, views_query


@dataclass(frozen=True)
class RegisterSummary:
    """How many lines the account has, and how many want attention (the counts under the register)."""

    lines: int
    uncategorised: int
    unapproved: int  # cash payments over the approval limit with fewer than two approvals


def register_summary(group: GroupFile, *, account_id: int) -> RegisterSummary:
    with unit_of_work(group, write=False) as session:
        account = account_row(session, account_id)
        lines = session.scalar(select(func.count()).where(Transaction.account_id == account_id))
        missing = session.scalar(select(func.count()).where(  # two counts, each along its own index
            Transaction.category_id.is_(None), Transaction.account_id == account_id,
            Transaction.kind != TransactionKind.TRANSFER))
        unapproved = 0
        if account.kind is AccountKind.CASH:
            approvals = (select(func.count()).where(Approval.transaction_id == Transaction.id)
                         .correlate(Transaction).scalar_subquery())
            unapproved = session.scalar(select(func.count()).where(
                Transaction.account_id == account_id, Transaction.kind == TransactionKind.PAYMENT,
                Transaction.amount_pence < -approval_limit(session), approvals < 2)) or 0
        return RegisterSummary(lines or 0, missing or 0, unapproved)


def register_page(group: GroupFile, *, account_id: int, offset: int, limit: int) -> list[RegisterLine]:
    """Lines ``offset`` to ``offset + limit - 1`` of the register, each with the balance after it."""
    with unit_of_work(group, write=False) as session:
        balance = account_row(session, account_id).opening_balance_pence
        if offset > 0:
            earlier = (select(Transaction.amount_pence).where(Transaction.account_id == account_id)
                       .order_by(Transaction.on, Transaction.id).limit(offset).subquery())
            balance += session.scalar(select(func.coalesce(func.sum(earlier.c.amount_pence), 0))) or 0
        page = (select(Transaction.id).where(Transaction.account_id == account_id)
                .order_by(Transaction.on, Transaction.id).limit(limit).offset(offset))
        views = load_views(session, views_query().where(Transaction.id.in_(page)))  # joins for this page only
        lines = []
        for view in views:
            balance += view.amount_pence
            lines.append(RegisterLine(view, balance))
        return lines


def register_position(group: GroupFile, *, account_id: int, transaction_id: int) -> int | None:
    """Where a line stands in its account's register (0 for the first), or None if it is not in it."""
    with unit_of_work(group, write=False) as session:
        row = session.get(Transaction, transaction_id)
        if row is None or row.account_id != account_id:
            return None
        return session.scalar(select(func.count()).where(
            Transaction.account_id == account_id,
            or_(Transaction.on < row.on, and_(Transaction.on == row.on, Transaction.id < row.id))))
