"""The year's accounts as the Charity Commission's receipts-and-payments form (CC16) sets them out.

Receipts and payments account: receipts by heading, payments by heading, net receipts/(payments),
transfers between funds, and cash at the start and end of the year, in columns Unrestricted, Restricted,
Total and Last year. Then the statement of assets and liabilities at the year's end: cash in each
account and each fund, other monetary assets, liabilities and assets kept for the group's use.

Lines not yet categorised are counted under "Not yet categorised", listed for the treasurer, and block
nothing: the totals are always whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Account,
    AccountKind,
    AccountsHeading,
    BalanceItemKind,
    Category,
    Fund,
    FundKind,
    FundTransfer,
    Transaction,
    TransactionKind,
)
from coordinator_app.services.group import get_profile
from coordinator_app.services.uow import unit_of_work

from .amounts import format_pence
from .approvals import approval_warnings
from .balance_items import BalanceItemView, list_balance_items
from .books import HEADING_LABELS, PAYMENT_HEADINGS, RECEIPT_HEADINGS
from .transactions import TransactionView, load_views, views_query
from .years import FinancialYear, year_bounds

UNCATEGORISED = "Not yet categorised"


@dataclass(frozen=True)
class Figures:
    unrestricted: int = 0
    restricted: int = 0
    last_year: int | None = None

    @property
    def total(self) -> int:
        return self.unrestricted + self.restricted


@dataclass(frozen=True)
class AccountsLine:
    label: str
    heading: AccountsHeading | None  # None: not yet categorised
    figures: Figures


@dataclass(frozen=True)
class AccountCash:
    name: str
    kind: AccountKind
    pence: int
    last_year: int | None


@dataclass(frozen=True)
class FundMovement:
    name: str
    restricted: bool
    start: int
    receipts: int
    payments: int  # positive: money spent
    transfers: int
    end: int


@dataclass(frozen=True)
class YearAccounts:
    group_name: str
    year: FinancialYear
    receipts: tuple[AccountsLine, ...]
    total_receipts: Figures
    payments: tuple[AccountsLine, ...]  # positive amounts: money spent
    total_payments: Figures
    net: Figures
    transfers: Figures
    cash_start: Figures
    cash_end: Figures
    cash_by_account: tuple[AccountCash, ...]
    funds: tuple[FundMovement, ...]
    other_monetary_assets: tuple[BalanceItemView, ...]
    liabilities: tuple[BalanceItemView, ...]
    assets_for_use: tuple[BalanceItemView, ...]
    uncategorised: tuple[TransactionView, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def cash_by_account_total(self) -> int:
        return sum(line.pence for line in self.cash_by_account)

    @property
    def has_last_year(self) -> bool:
        return self.cash_start.last_year is not None


@dataclass(frozen=True)
class _FundRow:
    id: int
    name: str
    kind: FundKind
    opening_balance_pence: int


@dataclass(frozen=True)
class _AccountRow:
    id: int
    name: str
    kind: AccountKind
    opened_on: date
    opening_balance_pence: int


@dataclass
class _Columns:
    """Running sums by (unrestricted, restricted)."""

    sums: dict[object, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, key: object, restricted: bool, pence: int) -> None:
        self.sums[key][1 if restricted else 0] += pence

    def get(self, key: object) -> tuple[int, int]:
        u, r = self.sums.get(key, [0, 0])
        return u, r


@dataclass(frozen=True)
class _Sums:
    """What the accounts need from the lines, summed by the database: one grouped query for the two years'
    receipts and payments, one for the balances before each cut-off day (no line is read one by one)."""

    this_year: _Columns
    last_year: _Columns
    fund_receipts: dict[int, int]  # this year, by fund
    fund_payments: dict[int, int]  # this year, by fund: positive, money spent
    fund_before: dict[date, dict[int, int]]  # cut-off day -> fund -> the lines' sum before it
    account_to: dict[date, dict[int, int]]  # day -> account -> the lines' sum up to it


def _sums(session: Session, this: FinancialYear, last: FinancialYear, restricted: dict[int, bool]) -> _Sums:
    in_this = case((Transaction.on >= this.start, 1), else_=0)
    money_in = case((Transaction.amount_pence > 0, 1), else_=0)
    this_year, last_year = _Columns(), _Columns()
    fund_receipts: dict[int, int] = defaultdict(int)
    fund_payments: dict[int, int] = defaultdict(int)
    for now, heading, fund_id, kind, positive, pence in session.execute(
            select(in_this, Category.heading, Transaction.fund_id, Transaction.kind, money_in,
                   func.sum(Transaction.amount_pence))
            .outerjoin(Category, Category.id == Transaction.category_id)
            .where(Transaction.kind != TransactionKind.TRANSFER, Transaction.on >= last.start,
                   Transaction.on <= this.end)
            .group_by(in_this, Category.heading, Transaction.fund_id, Transaction.kind, money_in)):
        pence = int(pence)
        columns = this_year if now else last_year
        if positive:
            columns.add(("receipt", heading), restricted[fund_id], pence)
        else:
            columns.add(("payment", heading), restricted[fund_id], -pence)
        if now and kind is TransactionKind.RECEIPT:
            fund_receipts[fund_id] += pence
        elif now and kind is TransactionKind.PAYMENT:
            fund_payments[fund_id] -= pence
    before_last = func.sum(case((Transaction.on < last.start, Transaction.amount_pence), else_=0))
    before_this = func.sum(case((Transaction.on < this.start, Transaction.amount_pence), else_=0))
    fund_before: dict[date, dict[int, int]] = {day: defaultdict(int) for day in (last.start, this.start, _after(this))}
    account_to: dict[date, dict[int, int]] = {day: defaultdict(int) for day in (last.end, this.end)}
    for account_id, fund_id, early, earlier, whole in session.execute(
            select(Transaction.account_id, Transaction.fund_id, before_last, before_this,
                   func.sum(Transaction.amount_pence))
            .where(Transaction.on <= this.end).group_by(Transaction.account_id, Transaction.fund_id)):
        fund_before[last.start][fund_id] += int(early)
        fund_before[this.start][fund_id] += int(earlier)
        fund_before[_after(this)][fund_id] += int(whole)
        account_to[last.end][account_id] += int(earlier)
        account_to[this.end][account_id] += int(whole)
    return _Sums(this_year, last_year, fund_receipts, fund_payments, fund_before, account_to)


def _after(year: FinancialYear) -> date:
    return year.end + timedelta(days=1)


def _add_moves(columns: _Columns, moves: list[tuple[date, int, int, int]], restricted: dict[int, bool],
               year: FinancialYear) -> _Columns:
    for on, source, target, pence in moves:
        if on in year:
            columns.add("transfers", restricted[target], pence)
            columns.add("transfers", restricted[source], -pence)
    return columns


def _fund_totals(funds: list[_FundRow], sums: _Sums, moves: list[tuple[date, int, int, int]],
                 before: date) -> dict[int, int]:
    """Each fund's money at the start of ``before`` (the day itself not included)."""
    totals = {fund.id: fund.opening_balance_pence + sums.fund_before[before].get(fund.id, 0) for fund in funds}
    for on, source, target, pence in moves:
        if on < before:
            totals[source] -= pence
            totals[target] += pence
    return totals


def year_accounts(group: GroupFile, *, year: int) -> YearAccounts:
    """The receipts and payments account and statement of assets and liabilities for one financial year."""
    profile = get_profile(group)
    this = year_bounds(profile.financial_year_start_month, year)
    last = this.previous()
    with unit_of_work(group, write=False) as session:
        funds = [_FundRow(f.id, f.name, f.kind, f.opening_balance_pence)
                 for f in session.scalars(select(Fund).order_by(Fund.kind.desc(), Fund.id))]
        accounts = [_AccountRow(a.id, a.name, a.kind, a.opened_on, a.opening_balance_pence)
                    for a in session.scalars(select(Account).order_by(Account.kind, Account.name))]
        moves = [(m.on, m.from_fund_id, m.to_fund_id, m.amount_pence) for m in session.scalars(select(FundTransfer))]
        restricted = {fund.id: fund.kind is FundKind.RESTRICTED for fund in funds}
        sums = _sums(session, this, last, restricted)
        uncategorised = tuple(load_views(session, views_query().where(
            Transaction.on >= this.start, Transaction.on <= this.end, Transaction.category_id.is_(None),
            Transaction.kind != TransactionKind.TRANSFER)))
    books_start = min((a.opened_on for a in accounts), default=this.start)
    has_last_year = books_start <= last.end
    now_cols = _add_moves(sums.this_year, moves, restricted, this)
    last_cols = _add_moves(sums.last_year, moves, restricted, last)

    def figures(key: object) -> Figures:
        u, r = now_cols.get(key)
        lu, lr = last_cols.get(key)
        return Figures(u, r, lu + lr if has_last_year else None)

    def section(direction: str, headings: tuple[AccountsHeading, ...]) -> tuple[tuple[AccountsLine, ...], Figures]:
        lines = []
        for heading in (*headings, None):
            f = figures((direction, heading))
            if f.unrestricted or f.restricted or f.last_year:
                lines.append(AccountsLine(HEADING_LABELS[heading] if heading else UNCATEGORISED, heading, f))
        total = Figures(sum(x.figures.unrestricted for x in lines), sum(x.figures.restricted for x in lines),
                        sum(x.figures.last_year or 0 for x in lines) if has_last_year else None)
        return tuple(lines), total

    receipts, total_receipts = section("receipt", RECEIPT_HEADINGS)
    payments, total_payments = section("payment", PAYMENT_HEADINGS)

    def minus(a: Figures, b: Figures) -> Figures:
        ly = None if a.last_year is None else a.last_year - (b.last_year or 0)
        return Figures(a.unrestricted - b.unrestricted, a.restricted - b.restricted, ly)

    def plus(a: Figures, b: Figures) -> Figures:
        ly = None if a.last_year is None else a.last_year + (b.last_year or 0)
        return Figures(a.unrestricted + b.unrestricted, a.restricted + b.restricted, ly)

    net = minus(total_receipts, total_payments)
    transfers = figures("transfers")

    def split(totals: dict[int, int]) -> tuple[int, int]:
        return (sum(v for k, v in totals.items() if not restricted[k]),
                sum(v for k, v in totals.items() if restricted[k]))

    start_totals = _fund_totals(funds, sums, moves, this.start)
    end_totals = _fund_totals(funds, sums, moves, _after(this))
    last_start = split(_fund_totals(funds, sums, moves, last.start))
    cash_start = Figures(*split(start_totals), sum(last_start) if has_last_year else None)
    cash_end = plus(plus(cash_start, net), transfers)

    def account_cash(account: _AccountRow, as_at: date) -> int:
        return account.opening_balance_pence + sums.account_to[as_at].get(account.id, 0)

    cash_by_account = tuple(
        AccountCash(a.name, a.kind, account_cash(a, this.end),
                    account_cash(a, last.end) if has_last_year and a.opened_on <= last.end else None)
        for a in accounts if a.opened_on <= this.end
    )
    fund_moves = []
    for fund in funds:
        receipts_in, paid = sums.fund_receipts.get(fund.id, 0), sums.fund_payments.get(fund.id, 0)
        moved = sum((p if t == fund.id else 0) - (p if s == fund.id else 0) for on, s, t, p in moves if on in this)
        fund_moves.append(FundMovement(fund.name, restricted[fund.id], start_totals[fund.id], receipts_in, paid,
                                       moved, end_totals[fund.id]))
    items = list_balance_items(group, as_at=this.end)
    notes = _notes(group, this, uncategorised, accounts, funds, fund_moves)
    return YearAccounts(
        group_name=profile.name, year=this, receipts=receipts, total_receipts=total_receipts, payments=payments,
        total_payments=total_payments, net=net, transfers=transfers, cash_start=cash_start, cash_end=cash_end,
        cash_by_account=cash_by_account, funds=tuple(fund_moves),
        other_monetary_assets=tuple(i for i in items if i.kind is BalanceItemKind.OTHER_MONETARY_ASSET),
        liabilities=tuple(i for i in items if i.kind is BalanceItemKind.LIABILITY),
        assets_for_use=tuple(i for i in items if i.kind is BalanceItemKind.ASSET_FOR_USE),
        uncategorised=uncategorised, notes=notes,
    )


def _notes(group: GroupFile, year: FinancialYear, uncategorised: tuple[TransactionView, ...],
           accounts: list[_AccountRow], funds: list[_FundRow], fund_moves: list[FundMovement]) -> tuple[str, ...]:
    """Things the treasurer should know before handing the accounts to the examiner."""
    notes = []
    if uncategorised:
        total = sum(abs(v.amount_pence) for v in uncategorised)
        notes.append(f"{len(uncategorised)} line{'s' if len(uncategorised) != 1 else ''} "
                     f"({format_pence(total)}) not yet categorised: shown as “{UNCATEGORISED}” until you choose "
                     "a category.")
    account_openings = sum(a.opening_balance_pence for a in accounts)
    fund_openings = sum(f.opening_balance_pence for f in funds)
    if account_openings != fund_openings:
        notes.append(f"The accounts' opening balances come to {format_pence(account_openings)} but the funds' "
                     f"opening balances come to {format_pence(fund_openings)}; cash in the accounts and in the "
                     "funds will differ until they agree.")
    for fund in fund_moves:
        if fund.restricted and fund.end < 0:
            notes.append(f"The restricted fund “{fund.name}” is overspent by {format_pence(-fund.end)}; move "
                         "money into it from general funds (a transfer between funds).")
    notes.extend(w.message for w in approval_warnings(group, start=year.start, end=year.end))
    return tuple(notes)
