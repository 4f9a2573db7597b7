"""The books' fixed parts: accounts (bank, cash), funds (unrestricted, restricted) and categories.

A new set of books gets a "General fund" and a default set of categories, each mapped to the Charity
Commission's receipts-and-payments heading (CC16) it is reported under, so the year's accounts come out
right without the treasurer knowing the headings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Account,
    AccountKind,
    AccountsHeading,
    Category,
    CategoryDirection,
    Fund,
    FundKind,
    FundTransfer,
    Setting,
    Transaction,
)
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work
from coordinator_app.services.validate import optional_text, required_text

GENERAL_FUND = "General fund"
DEFAULT_APPROVAL_LIMIT_PENCE = 10_000  # cash paid out over £100 wants two people's approval
_APPROVAL_LIMIT_KEY = "money.two_approvers_over_pence"

HEADING_LABELS: dict[AccountsHeading, str] = {
    AccountsHeading.DONATIONS: "Donations and gifts",
    AccountsHeading.GRANTS: "Grants",
    AccountsHeading.FUNDRAISING: "Fundraising and events",
    AccountsHeading.MEMBERS_CONTRIBUTIONS: "Members' contributions",
    AccountsHeading.INVESTMENT_INCOME: "Bank interest and investment income",
    AccountsHeading.OTHER_RECEIPTS: "Other receipts",
    AccountsHeading.CHARITABLE_ACTIVITIES: "Charitable activities (running the group)",
    AccountsHeading.GOVERNANCE: "Governance (examiner's fee and similar)",
    AccountsHeading.OTHER_PAYMENTS: "Other payments",
}

RECEIPT_HEADINGS = (
    AccountsHeading.DONATIONS, AccountsHeading.GRANTS, AccountsHeading.FUNDRAISING,
    AccountsHeading.MEMBERS_CONTRIBUTIONS, AccountsHeading.INVESTMENT_INCOME, AccountsHeading.OTHER_RECEIPTS,
)
PAYMENT_HEADINGS = (AccountsHeading.CHARITABLE_ACTIVITIES, AccountsHeading.GOVERNANCE, AccountsHeading.OTHER_PAYMENTS)

_R, _P = CategoryDirection.RECEIPT, CategoryDirection.PAYMENT
DEFAULT_CATEGORIES: tuple[tuple[str, CategoryDirection, AccountsHeading], ...] = (
    ("Donations", _R, AccountsHeading.DONATIONS),
    ("Grants received", _R, AccountsHeading.GRANTS),
    ("Fundraising events", _R, AccountsHeading.FUNDRAISING),
    ("Raffles and sales", _R, AccountsHeading.FUNDRAISING),
    ("Members' subscriptions", _R, AccountsHeading.MEMBERS_CONTRIBUTIONS),
    ("Meeting contributions", _R, AccountsHeading.MEMBERS_CONTRIBUTIONS),
    ("Bank interest", _R, AccountsHeading.INVESTMENT_INCOME),
    ("Other receipts", _R, AccountsHeading.OTHER_RECEIPTS),
    ("Room hire", _P, AccountsHeading.CHARITABLE_ACTIVITIES),
    ("Refreshments", _P, AccountsHeading.CHARITABLE_ACTIVITIES),
    ("Printing and stationery", _P, AccountsHeading.CHARITABLE_ACTIVITIES),
    ("Travel", _P, AccountsHeading.CHARITABLE_ACTIVITIES),
    ("Training", _P, AccountsHeading.CHARITABLE_ACTIVITIES),
    ("Speakers and activities", _P, AccountsHeading.CHARITABLE_ACTIVITIES),
    ("Insurance", _P, AccountsHeading.GOVERNANCE),
    ("Independent examiner's fee", _P, AccountsHeading.GOVERNANCE),
    ("Bank charges", _P, AccountsHeading.GOVERNANCE),
    ("Other payments", _P, AccountsHeading.OTHER_PAYMENTS),
)


@dataclass(frozen=True)
class AccountView:
    id: int
    name: str
    kind: AccountKind
    bank_details: str
    opened_on: date
    opening_balance_pence: int
    closed_on: date | None
    balance_pence: int
    cleared_balance_pence: int


@dataclass(frozen=True)
class FundView:
    id: int
    name: str
    kind: FundKind
    purpose: str
    opening_balance_pence: int
    balance_pence: int
    retired_on: date | None = None

    @property
    def restricted(self) -> bool:
        return self.kind is FundKind.RESTRICTED


@dataclass(frozen=True)
class CategoryView:
    id: int
    name: str
    direction: CategoryDirection
    heading: AccountsHeading
    active: bool

    @property
    def heading_label(self) -> str:
        return HEADING_LABELS[self.heading]


def ensure_books(session: Session) -> None:
    """Give a new set of books its general fund and default categories (once; the treasurer may edit them)."""
    if session.scalar(select(func.count()).select_from(Category)) == 0:
        session.add_all(Category(name=n, direction=d, heading=h) for n, d, h in DEFAULT_CATEGORIES)
    if session.scalar(select(Fund.id).where(Fund.kind == FundKind.UNRESTRICTED).limit(1)) is None:
        session.add(Fund(name=GENERAL_FUND, kind=FundKind.UNRESTRICTED, purpose="The group's general money."))
    session.flush()


def general_fund_id(session: Session) -> int:
    """The fund money goes to when nobody says otherwise: the first unrestricted fund."""
    ensure_books(session)
    fund_id = session.scalar(select(Fund.id).where(Fund.kind == FundKind.UNRESTRICTED).order_by(Fund.id).limit(1))
    assert fund_id is not None
    return fund_id


def set_up_books(group: GroupFile) -> None:
    with unit_of_work(group) as session:
        ensure_books(session)


# ---- accounts -------------------------------------------------------------------------------------------

def _account_sums(session: Session, as_at: date | None) -> tuple[dict[int, int], dict[int, int]]:
    # Grouped by the account alone, so the sums follow the register index with no sorting.
    query = select(Transaction.account_id, func.sum(Transaction.amount_pence),
                   func.sum(case((Transaction.cleared, Transaction.amount_pence), else_=0))
                   ).group_by(Transaction.account_id)
    if as_at is not None:
        query = query.where(Transaction.on <= as_at)
    total: dict[int, int] = {}
    cleared: dict[int, int] = {}
    for account_id, amount, amount_cleared in session.execute(query):
        total[account_id] = int(amount or 0)
        cleared[account_id] = int(amount_cleared or 0)
    return total, cleared


def _account_view(row: Account, total: dict[int, int], cleared: dict[int, int]) -> AccountView:
    return AccountView(
        id=row.id, name=row.name, kind=row.kind, bank_details=row.bank_details, opened_on=row.opened_on,
        opening_balance_pence=row.opening_balance_pence, closed_on=row.closed_on,
        balance_pence=row.opening_balance_pence + total.get(row.id, 0),
        cleared_balance_pence=row.opening_balance_pence + cleared.get(row.id, 0),
    )


def _check_account_name(session: Session, name: str, *, except_id: int | None = None) -> str:
    clean = required_text("name", name, "the account's name", max_length=100)
    clash = session.scalar(select(Account.id).where(func.lower(Account.name) == clean.lower()))
    if clash is not None and clash != except_id:
        raise ValidationError("name", f"There is already an account called “{clean}”.")
    return clean


def add_account(
    group: GroupFile,
    *,
    name: str,
    opened_on: date,
    kind: AccountKind = AccountKind.BANK,
    opening_balance_pence: int = 0,
    bank_details: str = "",
) -> int:
    """Add a bank or cash account; its opening balance is what it held on the day the books start."""
    with unit_of_work(group) as session:
        ensure_books(session)
        row = Account(
            name=_check_account_name(session, name), kind=AccountKind(kind), opened_on=opened_on,
            opening_balance_pence=int(opening_balance_pence),
            bank_details=optional_text("bank_details", bank_details, "the bank details", max_length=100),
        )
        session.add(row)
        session.flush()
        return row.id


def update_account(group: GroupFile, account_id: int, *, name: str | None = None, bank_details: str | None = None,
                   opening_balance_pence: int | None = None) -> AccountView:
    """Change an account's name, bank details or opening balance (closing one is ``closing.close_account``)."""
    with unit_of_work(group) as session:
        row = account_row(session, account_id)
        if name is not None:
            row.name = _check_account_name(session, name, except_id=row.id)
        if bank_details is not None:
            row.bank_details = optional_text("bank_details", bank_details, "the bank details", max_length=100)
        if opening_balance_pence is not None:
            row.opening_balance_pence = int(opening_balance_pence)
        session.flush()
        return _account_view(row, *_account_sums(session, None))


def account_row(session: Session, account_id: int) -> Account:
    row = session.get(Account, account_id)
    if row is None:
        raise NotFound(f"There is no account number {account_id}.")
    return row


def list_accounts(group: GroupFile, *, as_at: date | None = None) -> list[AccountView]:
    """Every account with its balance (as at a day, or now) and its balance of cleared lines."""
    with unit_of_work(group, write=False) as session:
        sums = _account_sums(session, as_at)
        rows = session.scalars(select(Account).order_by(Account.kind, Account.name)).all()
        return [_account_view(row, *sums) for row in rows]


def find_account(group: GroupFile, name: str) -> AccountView:
    """The account with this name (any capitals), or a sentence listing the names there are."""
    accounts = list_accounts(group)
    for account in accounts:
        if account.name.casefold() == name.strip().casefold():
            return account
    names = ", ".join(f"“{a.name}”" for a in accounts) or "none yet"
    raise ValidationError("account", f"There is no account called “{name.strip()}” (accounts: {names}).")


# ---- funds ----------------------------------------------------------------------------------------------

def fund_balances(session: Session, *, as_at: date | None = None) -> dict[int, int]:
    """Each fund's money: opening balance, plus its transactions, plus transfers in, minus transfers out."""
    balances = {fid: opening for fid, opening in session.execute(select(Fund.id, Fund.opening_balance_pence))}
    tx = select(Transaction.fund_id, func.sum(Transaction.amount_pence)).group_by(Transaction.fund_id)
    moves_in = select(FundTransfer.to_fund_id, func.sum(FundTransfer.amount_pence)).group_by(FundTransfer.to_fund_id)
    moves_out = select(FundTransfer.from_fund_id, func.sum(FundTransfer.amount_pence)).group_by(
        FundTransfer.from_fund_id
    )
    if as_at is not None:
        tx = tx.where(Transaction.on <= as_at)
        moves_in = moves_in.where(FundTransfer.on <= as_at)
        moves_out = moves_out.where(FundTransfer.on <= as_at)
    for query, sign in ((tx, 1), (moves_in, 1), (moves_out, -1)):
        for fund_id, amount in session.execute(query):
            balances[fund_id] = balances.get(fund_id, 0) + sign * int(amount or 0)
    return balances


def _fund_view(row: Fund, balances: dict[int, int]) -> FundView:
    return FundView(id=row.id, name=row.name, kind=row.kind, purpose=row.purpose,
                    opening_balance_pence=row.opening_balance_pence, balance_pence=balances.get(row.id, 0),
                    retired_on=row.retired_on)


def add_fund(group: GroupFile, *, name: str, kind: FundKind = FundKind.UNRESTRICTED, purpose: str = "",
             opening_balance_pence: int = 0) -> int:
    """A fund keeps money given for a purpose (restricted: usually a grant) apart from general money."""
    with unit_of_work(group) as session:
        ensure_books(session)
        return new_fund(session, name=name, kind=kind, purpose=purpose, opening_balance_pence=opening_balance_pence)


def new_fund(session: Session, *, name: str, kind: FundKind, purpose: str = "", opening_balance_pence: int = 0) -> int:
    clean = required_text("fund", name, "the fund's name")
    if session.scalar(select(Fund.id).where(func.lower(Fund.name) == clean.lower())) is not None:
        raise ValidationError("fund", f"There is already a fund called “{clean}”.")
    row = Fund(name=clean, kind=FundKind(kind), purpose=optional_text("purpose", purpose, "the fund's purpose"),
               opening_balance_pence=int(opening_balance_pence))
    session.add(row)
    session.flush()
    return row.id


def update_fund(group: GroupFile, fund_id: int, *, name: str | None = None, purpose: str | None = None,
                opening_balance_pence: int | None = None) -> FundView:
    with unit_of_work(group) as session:
        row = fund_row(session, fund_id)
        if name is not None:
            clean = required_text("fund", name, "the fund's name")
            clash = session.scalar(select(Fund.id).where(func.lower(Fund.name) == clean.lower()))
            if clash not in (None, row.id):
                raise ValidationError("fund", f"There is already a fund called “{clean}”.")
            row.name = clean
        if purpose is not None:
            row.purpose = optional_text("purpose", purpose, "the fund's purpose")
        if opening_balance_pence is not None:
            row.opening_balance_pence = int(opening_balance_pence)
        session.flush()
        return _fund_view(row, fund_balances(session))


def fund_row(session: Session, fund_id: int) -> Fund:
    row = session.get(Fund, fund_id)
    if row is None:
        raise NotFound(f"There is no fund number {fund_id}.")
    return row


def list_funds(group: GroupFile, *, as_at: date | None = None) -> list[FundView]:
    with unit_of_work(group, write=False) as session:
        balances = fund_balances(session, as_at=as_at)
        rows = session.scalars(select(Fund).order_by(Fund.kind.desc(), Fund.id)).all()
        return [_fund_view(row, balances) for row in rows]


# ---- categories -----------------------------------------------------------------------------------------

def _category_view(row: Category) -> CategoryView:
    return CategoryView(id=row.id, name=row.name, direction=row.direction, heading=row.heading, active=row.active)


def _check_heading(direction: CategoryDirection, heading: AccountsHeading) -> None:
    allowed = RECEIPT_HEADINGS if direction is CategoryDirection.RECEIPT else PAYMENT_HEADINGS
    if heading not in allowed:
        raise ValidationError(
            "heading", f"“{HEADING_LABELS[heading]}” is not a heading for {direction.value}s in the accounts."
        )


def add_category(group: GroupFile, *, name: str, direction: CategoryDirection, heading: AccountsHeading) -> int:
    direction, heading = CategoryDirection(direction), AccountsHeading(heading)
    _check_heading(direction, heading)
    with unit_of_work(group) as session:
        ensure_books(session)
        clean = required_text("category", name, "the category's name", max_length=100)
        clash = session.scalar(
            select(Category.id).where(func.lower(Category.name) == clean.lower(), Category.direction == direction)
        )
        if clash is not None:
            raise ValidationError("category", f"There is already a {direction.value} category called “{clean}”.")
        row = Category(name=clean, direction=direction, heading=heading)
        session.add(row)
        session.flush()
        return row.id


def update_category(group: GroupFile, category_id: int, *, name: str | None = None,
                    heading: AccountsHeading | None = None, active: bool | None = None) -> CategoryView:
    """Rename a category, move it under another CC16 heading, or retire it (``active=False``): a retired
    category keeps its lines but is offered for no new ones."""
    with unit_of_work(group) as session:
        row = session.get(Category, category_id)
        if row is None:
            raise NotFound(f"There is no category number {category_id}.")
        if name is not None:
            clean = required_text("category", name, "the category's name", max_length=100)
            clash = session.scalar(select(Category.id).where(func.lower(Category.name) == clean.lower(),
                                                             Category.direction == row.direction))
            if clash not in (None, row.id):
                raise ValidationError("category", f"There is already a {row.direction.value} category called "
                                                  f"“{clean}”.")
            row.name = clean
        if heading is not None:
            _check_heading(row.direction, AccountsHeading(heading))
            row.heading = AccountsHeading(heading)
        if active is not None:
            row.active = active
        return _category_view(row)


def list_categories(group: GroupFile, *, direction: CategoryDirection | None = None,
                    include_inactive: bool = False) -> list[CategoryView]:
    with unit_of_work(group, write=False) as session:
        query = select(Category).order_by(Category.direction, Category.name)
        if direction is not None:
            query = query.where(Category.direction == CategoryDirection(direction))
        if not include_inactive:
            query = query.where(Category.active.is_(True))
        return [_category_view(row) for row in session.scalars(query)]


def find_category(group: GroupFile, name: str, *, direction: CategoryDirection) -> CategoryView:
    for category in list_categories(group, direction=direction, include_inactive=True):
        if category.name.casefold() == name.strip().casefold():
            return category
    raise ValidationError("category", f"There is no {CategoryDirection(direction).value} category called “{name}”.")


# ---- the group's money rules ----------------------------------------------------------------------------

def approval_limit(session: Session) -> int:
    """Cash paid out over this many pence wants two signatories' approval (a group setting, £100 at first)."""
    text = session.scalar(select(Setting.value).where(Setting.key == _APPROVAL_LIMIT_KEY))
    return int(text) if text and text.isdigit() else DEFAULT_APPROVAL_LIMIT_PENCE


def get_approval_limit(group: GroupFile) -> int:
    with unit_of_work(group, write=False) as session:
        return approval_limit(session)


def set_approval_limit(group: GroupFile, pence: int) -> None:
    if isinstance(pence, bool) or not isinstance(pence, int) or pence < 0:
        raise ValidationError("approval_limit", "The amount needing two approvals must be £0.00 or more.")
    with unit_of_work(group) as session:
        row = session.get(Setting, _APPROVAL_LIMIT_KEY)
        if row is None:
            session.add(Setting(key=_APPROVAL_LIMIT_KEY, value=str(pence)))
        else:
            row.value = str(pence)
