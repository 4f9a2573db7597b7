"""Property tests over random books: every penny is accounted for, the accounts agree with themselves,
and the spreadsheet export says exactly what the ledger says."""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import AccountKind, CategoryDirection, FundKind
from coordinator_app.exports.accounts_xlsx import RP_SHEET, export_accounts_xlsx
from coordinator_app.exports.transactions_xlsx import export_transactions_xlsx
from coordinator_app.services import group as group_service
from coordinator_app.services.money import books, transactions
from coordinator_app.services.money.register import register_page, register_position, register_summary
from coordinator_app.services.money.year_accounts import year_accounts

BOOKS_OPEN = date(2024, 4, 1)
YEAR = 2025  # 1 April 2025 to 31 March 2026; entries fall in it, the year before, or after it
OPENINGS = {"Bank": 50_000, "Cash tin": 2_000}
FUND_OPENINGS = {"General fund": 45_000, "Lottery grant": 7_000, "Befriending": 0}
RESTRICTED = {"Lottery grant", "Befriending"}
PAYEES = ["Tesco", "Zoë's café", '=HYPERLINK("http://x","Click")', "+44 7700 900123", "-5", "@SUM(A1)",
          "أحمد حسن", "Tom & Jerry <3", "St Mary's Church Hall"]


@dataclass(frozen=True)
class Entry:
    kind: str  # receipt, payment, transfer, move
    day: int  # days after the books opened
    pence: int
    first: str  # account (or fund, for a move)
    second: str  # fund (or account/fund moved to)
    payee: str
    categorised: bool


ENTRIES = st.lists(st.one_of(
    st.builds(Entry, st.sampled_from(["receipt", "payment"]), st.integers(0, 800), st.integers(1, 500_000),
              st.sampled_from(list(OPENINGS)), st.sampled_from(list(FUND_OPENINGS)),
              st.one_of(st.sampled_from(PAYEES), st.text(st.characters(exclude_categories=("Cs", "Cc")),
                                                         max_size=12)),
              st.booleans()),
    st.builds(Entry, st.just("transfer"), st.integers(0, 800), st.integers(1, 50_000), st.just("Bank"),
              st.just("Cash tin"), st.just(""), st.just(False)),
    st.builds(Entry, st.just("move"), st.integers(0, 800), st.integers(1, 20_000),
              st.sampled_from(list(FUND_OPENINGS)), st.sampled_from(list(FUND_OPENINGS)), st.just(""),
              st.just(False)),
), max_size=10)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A group with its books set up, copied for every example (creating a file each time is slow)."""
    path = tmp_path_factory.mktemp("money") / "template.group"
    group_service.create_group(path, name="Riverside Carers' Circle")
    group = open_group(path)
    try:
        for name, opening in OPENINGS.items():
            books.add_account(group, name=name, opened_on=BOOKS_OPEN, opening_balance_pence=opening,
                              kind=AccountKind.CASH if name == "Cash tin" else AccountKind.BANK)
        general = books.list_funds(group)[0].id
        books.update_fund(group, general, opening_balance_pence=FUND_OPENINGS["General fund"])
        for name in ("Lottery grant", "Befriending"):
            books.add_fund(group, name=name, kind=FundKind.RESTRICTED, opening_balance_pence=FUND_OPENINGS[name])
    finally:
        group.close()
    return path


class Books:
    def __init__(self, template: Path, folder: Path, number: int) -> None:
        self.path = folder / f"example-{number}.group"
        shutil.copy(template, self.path)
        self.group = open_group(self.path)
        self.accounts = {a.name: a.id for a in books.list_accounts(self.group)}
        self.funds = {f.name: f.id for f in books.list_funds(self.group)}
        self.receipt_category = books.find_category(self.group, "Donations", direction=CategoryDirection.RECEIPT).id
        self.payment_category = books.find_category(self.group, "Room hire", direction=CategoryDirection.PAYMENT).id

    def enter(self, entry: Entry) -> bool:
        """Record one entry as the treasurer would; False when it is one the app rightly refuses."""
        on = BOOKS_OPEN + timedelta(days=entry.day)
        if entry.kind == "receipt":
            transactions.record_receipt(self.group, account_id=self.accounts[entry.first], on=on,
                                        amount_pence=entry.pence, payee=entry.payee, fund_id=self.funds[entry.second],
                                        category_id=self.receipt_category if entry.categorised else None)
        elif entry.kind == "payment":
            transactions.record_payment(self.group, account_id=self.accounts[entry.first], on=on,
                                        amount_pence=entry.pence, payee=entry.payee, fund_id=self.funds[entry.second],
                                        category_id=self.payment_category if entry.categorised else None)
        elif entry.kind == "transfer":
            transactions.record_transfer(self.group, from_account_id=self.accounts["Bank"],
                                         to_account_id=self.accounts["Cash tin"], on=on, amount_pence=entry.pence)
        elif entry.first != entry.second:
            transactions.move_between_funds(self.group, from_fund_id=self.funds[entry.first],
                                            to_fund_id=self.funds[entry.second], on=on, amount_pence=entry.pence)
        else:
            return False
        return True


def _model_funds(entries: list[Entry], up_to: date) -> dict[str, int]:
    """Each fund's money computed straight from the entries: the oracle."""
    money = dict(FUND_OPENINGS)
    for e in entries:
        if BOOKS_OPEN + timedelta(days=e.day) > up_to:
            continue
        if e.kind == "receipt":
            money[e.second] += e.pence
        elif e.kind == "payment":
            money[e.second] -= e.pence
        elif e.kind == "move" and e.first != e.second:
            money[e.first] -= e.pence
            money[e.second] += e.pence
    return money


def _model_accounts(entries: list[Entry], up_to: date) -> dict[str, int]:
    money = dict(OPENINGS)
    for e in entries:
        if BOOKS_OPEN + timedelta(days=e.day) > up_to:
            continue
        if e.kind in ("receipt", "payment"):
            money[e.first] += e.pence if e.kind == "receipt" else -e.pence
        elif e.kind == "transfer":
            money["Bank"] -= e.pence
            money["Cash tin"] += e.pence
    return money


_NUMBERS = itertools.count()
EXAMPLES = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@EXAMPLES
@given(entries=ENTRIES)
def test_funds_add_up_to_the_penny_and_the_two_statements_agree_on_cash(
        template, tmp_path, entries):
    ledger = Books(template, tmp_path, next(_NUMBERS))
    try:
        for entry in entries:
            ledger.enter(entry)
        accounts = year_accounts(ledger.group, year=YEAR)
        end = accounts.year.end
        expected = _model_funds(entries, end)
        for fund in accounts.funds:
            assert fund.end == fund.start + fund.receipts - fund.payments + fund.transfers
            assert fund.end == expected[fund.name]
            assert fund.start == _model_funds(entries, accounts.year.start - timedelta(days=1))[fund.name]
        assert {f.name: f.balance_pence for f in books.list_funds(ledger.group, as_at=end)} == expected
        restricted = sum(v for k, v in expected.items() if k in RESTRICTED)
        assert (accounts.cash_end.unrestricted, accounts.cash_end.restricted) == (
            sum(expected.values()) - restricted, restricted)
        # The receipts and payments account's closing cash equals the statement of assets and liabilities'.
        assert accounts.cash_end.total == accounts.cash_by_account_total
        assert {c.name: c.pence for c in accounts.cash_by_account} == _model_accounts(entries, accounts.year.end)
        assert accounts.cash_start.total + accounts.net.total + accounts.transfers.total == accounts.cash_end.total
        assert accounts.transfers.total == 0
        last_year = year_accounts(ledger.group, year=YEAR - 1)
        assert last_year.cash_end.total == accounts.cash_start.total == accounts.cash_end.last_year
        assert accounts.total_receipts.last_year == last_year.total_receipts.total
        uncategorised = sum(abs(t.amount_pence) for t in accounts.uncategorised)
        loose = [line.figures.total for line in (*accounts.receipts, *accounts.payments) if line.heading is None]
        assert sum(loose) == uncategorised
    finally:
        ledger.group.close()


@EXAMPLES
@given(entries=ENTRIES)
def test_the_xlsx_read_back_with_openpyxl_equals_the_ledger(template, tmp_path, entries):
    ledger = Books(template, tmp_path, next(_NUMBERS))
    try:
        for entry in entries:
            ledger.enter(entry)
        out = ledger.path.with_suffix(".transactions.xlsx")
        export_transactions_xlsx(ledger.group, year=YEAR, path=out)
        book = load_workbook(out)
        span = year_accounts(ledger.group, year=YEAR).year
        for name, account_id in ledger.accounts.items():
            sheet = book[name]
            assert sheet.freeze_panes == "A2"
            want = [(line.transaction.on, line.transaction.payee, line.transaction.amount_pence, line.balance_pence)
                    for line in transactions.register(ledger.group, account_id=account_id, start=span.start,
                                                      end=span.end)]
            got = []
            for row in sheet.iter_rows(min_row=2):
                money_in, money_out = row[6].value, row[7].value
                amount = round((money_in or 0) * 100) - round((money_out or 0) * 100)
                assert row[0].is_date and (row[1].value is None or row[1].data_type == "s")
                assert row[8].number_format.startswith('"£"')
                got.append((row[0].value.date(), row[1].value or "", amount, round(row[8].value * 100)))
            assert got == want
        accounts_out = ledger.path.with_suffix(".accounts.xlsx")
        figures = export_accounts_xlsx(ledger.group, year=YEAR, path=accounts_out)
        rp = load_workbook(accounts_out)[RP_SHEET]
        cells = {row[0].value: [None if c.value is None else round(c.value * 100) for c in row[1:5]]
                 for row in rp.iter_rows(min_row=4) if row[0].value}
        end = figures.cash_end
        assert cells["Cash funds at the end of the year"] == [end.unrestricted, end.restricted, end.total,
                                                              end.last_year]
        assert cells["Total receipts"][2] == figures.total_receipts.total
        assert cells["Total payments"][2] == figures.total_payments.total
    finally:
        ledger.group.close()


@EXAMPLES
@given(entries=ENTRIES, page=st.integers(1, 4))
def test_the_register_read_a_page_at_a_time_is_the_ledger_line_by_line(template, tmp_path, entries, page):
    ledger = Books(template, tmp_path, next(_NUMBERS))
    try:
        for entry in entries:
            ledger.enter(entry)
        for name, account_id in ledger.accounts.items():
            lines = []  # (day, pence) as the register orders them: by day, then in the order entered
            for e in entries:
                on = BOOKS_OPEN + timedelta(days=e.day)
                if e.kind in ("receipt", "payment") and e.first == name:
                    lines.append((on, e.pence if e.kind == "receipt" else -e.pence))
                elif e.kind == "transfer":
                    lines.append((on, -e.pence if name == "Bank" else e.pence))
            lines.sort(key=lambda line: line[0])
            balances = itertools.accumulate((pence for _on, pence in lines), initial=OPENINGS[name])
            expected = [(on, pence, balance) for (on, pence), balance in zip(lines, list(balances)[1:], strict=True)]
            summary = register_summary(ledger.group, account_id=account_id)
            got = [line for offset in range(0, summary.lines + page, page)
                   for line in register_page(ledger.group, account_id=account_id, offset=offset, limit=page)]
            assert [(ln.transaction.on, ln.transaction.amount_pence, ln.balance_pence) for ln in got] == expected
            assert got == transactions.register(ledger.group, account_id=account_id)
            assert summary.lines == len(expected)
            assert summary.uncategorised == sum(ln.transaction.uncategorised for ln in got)
            assert summary.unapproved == sum(ln.transaction.needs_second_approver for ln in got)
            for position, line in enumerate(got):
                assert register_position(ledger.group, account_id=account_id,
                                         transaction_id=line.transaction.id) == position
    finally:
        ledger.group.close()
