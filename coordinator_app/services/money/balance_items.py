"""The non-cash lines of the statement of assets and liabilities, as at a financial year's end:
money owed to the group (other monetary assets), money the group owes (liabilities), and things it keeps
for its use (a laptop, a banner), which CC16 lists with a value only where one is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import BalanceItem, BalanceItemKind, Fund, FundKind
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work
from coordinator_app.services.validate import required_text

from .books import fund_row


@dataclass(frozen=True)
class BalanceItemView:
    id: int
    kind: BalanceItemKind
    description: str
    amount_pence: int | None
    as_at: date
    fund_id: int | None
    restricted: bool


def _check(kind: BalanceItemKind, description: str, amount_pence: int | None) -> tuple[BalanceItemKind, str]:
    kind = BalanceItemKind(kind)
    clean = required_text("description", description, "what it is", max_length=300)
    if amount_pence is None and kind is not BalanceItemKind.ASSET_FOR_USE:
        raise ValidationError("amount", "Please enter how much is owed.")
    if amount_pence is not None and amount_pence < 0:
        raise ValidationError("amount", "Enter the amount without a minus sign; the kind says which way it goes.")
    return kind, clean


def add_balance_item(group: GroupFile, *, kind: BalanceItemKind, description: str, as_at: date,
                     amount_pence: int | None = None, fund_id: int | None = None) -> int:
    """Something owed to the group, owed by it, or kept for its use, as at a financial year's end."""
    kind, clean = _check(kind, description, amount_pence)
    with unit_of_work(group) as session:
        if fund_id is not None:
            fund_row(session, fund_id)
        row = BalanceItem(kind=kind, description=clean, amount_pence=amount_pence, as_at=as_at, fund_id=fund_id)
        session.add(row)
        session.flush()
        return row.id


def list_balance_items(group: GroupFile, *, as_at: date) -> list[BalanceItemView]:
    with unit_of_work(group, write=False) as session:
        rows = session.execute(
            select(BalanceItem, Fund.kind).outerjoin(Fund, Fund.id == BalanceItem.fund_id)
            .where(BalanceItem.as_at == as_at).order_by(BalanceItem.kind, BalanceItem.id)
        ).all()
        return [BalanceItemView(id=r.id, kind=r.kind, description=r.description, amount_pence=r.amount_pence,
                                as_at=r.as_at, fund_id=r.fund_id, restricted=kind is FundKind.RESTRICTED)
                for r, kind in rows]


def update_balance_item(group: GroupFile, item_id: int, *, kind: BalanceItemKind, description: str, as_at: date,
                        amount_pence: int | None = None, fund_id: int | None = None) -> None:
    kind, clean = _check(kind, description, amount_pence)
    with unit_of_work(group) as session:
        row = session.get(BalanceItem, item_id)
        if row is None:
            raise NotFound(f"There is no balance line number {item_id}.")
        if fund_id is not None:
            fund_row(session, fund_id)
        row.kind, row.description, row.amount_pence, row.as_at, row.fund_id = kind, clean, amount_pence, as_at, fund_id


def remove_balance_item(group: GroupFile, item_id: int) -> None:
    with unit_of_work(group) as session:
        row = session.get(BalanceItem, item_id)
        if row is None:
            raise NotFound(f"There is no balance line number {item_id}.")
        session.delete(row)
