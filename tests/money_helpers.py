"""Factories for the money tests: a group's books set up the way a treasurer would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import AccountKind, CategoryDirection
from coordinator_app.services.money import books


@dataclass(frozen=True)
class Books:
    bank: int
    cash: int
    general: int
    categories: dict[str, int]


def set_up(group: GroupFile, *, opened_on: date = date(2024, 4, 1), bank_opening: int = 100_000,
           cash_opening: int = 0) -> Books:
    bank = books.add_account(group, name="Community Account", opened_on=opened_on, opening_balance_pence=bank_opening,
                             bank_details="Lloyds 30-94-57 12345678")
    cash = books.add_account(group, name="Cash tin", kind=AccountKind.CASH, opened_on=opened_on,
                             opening_balance_pence=cash_opening)
    general = books.list_funds(group)[0].id
    books.update_fund(group, general, opening_balance_pence=bank_opening + cash_opening)
    categories = {c.name: c.id for c in books.list_categories(group)}
    return Books(bank=bank, cash=cash, general=general, categories=categories)


def category(group: GroupFile, name: str, direction: CategoryDirection) -> int:
    return books.find_category(group, name, direction=direction).id
