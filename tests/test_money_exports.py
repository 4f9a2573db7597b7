"""Exports a treasurer can hand on: Excel opens them cleanly and a formula-looking payee stays text."""

from __future__ import annotations

import csv
from datetime import date

from money_helpers import set_up
from openpyxl import load_workbook

from coordinator_app.exports.accounts_xlsx import RP_SHEET, SAL_SHEET, export_accounts_xlsx
from coordinator_app.exports.transactions_csv import COLUMNS, export_transactions_csv
from coordinator_app.exports.transactions_xlsx import SUMMARY, export_transactions_xlsx
from coordinator_app.services.money import transactions

DANGEROUS = ['=HYPERLINK("http://evil.example","Click")', "+44 7700 900123", "-5", "@SUM(A1:A9)"]


def _books_with_dangerous_payees(group):
    acct = set_up(group)
    for number, payee in enumerate(DANGEROUS):
        transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 1 + number), amount_pence=1_000,
                                    payee=payee, category_id=acct.categories["Refreshments"])
    transactions.record_receipt(group, account_id=acct.cash, on=date(2025, 6, 1), amount_pence=2_345,
                                payee="Zoë & Łukasz – raffle", description="Nguyễn Thị Hoa's stall")
    return acct


def test_csv_is_utf8_with_bom_iso_dates_and_formula_looking_cells_are_neutralised(group, tmp_path):
    _books_with_dangerous_payees(group)
    out = tmp_path / "transactions.csv"
    assert export_transactions_csv(group, year=2025, path=out) == 5
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == COLUMNS
    assert [row["Payee"] for row in rows[:4]] == ["'" + payee for payee in DANGEROUS]
    assert rows[0]["Date"] == "2025-05-01" and rows[0]["Amount"] == "-10.00" and rows[0]["Money out"] == "10.00"
    assert rows[4]["Payee"] == "Zoë & Łukasz – raffle" and rows[4]["Description"] == "Nguyễn Thị Hoa's stall"
    assert rows[4]["Money in"] == "23.45" and rows[4]["Restricted"] == "no"
    assert not list(tmp_path.glob(".*writing*"))


def test_xlsx_keeps_formula_looking_payees_as_text_with_a_sheet_per_account_and_a_summary(group, tmp_path):
    _books_with_dangerous_payees(group)
    out = tmp_path / "transactions.xlsx"
    export_transactions_xlsx(group, year=2025, path=out)
    book = load_workbook(out)
    assert book.sheetnames == [SUMMARY, "Community Account", "Cash tin"]
    bank = book["Community Account"]
    assert bank.freeze_panes == "A2"
    payees = [bank.cell(row=r, column=2) for r in range(2, 6)]
    assert [c.value for c in payees] == DANGEROUS
    assert all(c.data_type == "s" for c in payees)
    assert bank.cell(row=2, column=1).is_date and bank.cell(row=2, column=1).value.date() == date(2025, 5, 1)
    assert bank.cell(row=2, column=8).value == 10 and bank.cell(row=2, column=8).number_format.startswith('"£"')
    assert bank.cell(row=5, column=9).value == 960  # £1,000 opening less four £10 payments
    summary = {row[0].value: [c.value for c in row[1:6]] for row in book[SUMMARY].iter_rows(min_row=4)
               if row[0].value}
    assert summary["Community Account"] == [1000, 0, 40, 960, 4]
    assert summary["Cash tin"] == [0, 23.45, 0, 23.45, 1]


def test_accounts_xlsx_has_the_cc16_sections_and_lists_uncategorised_lines(group, tmp_path):
    _books_with_dangerous_payees(group)
    out = tmp_path / "accounts.xlsx"
    figures = export_accounts_xlsx(group, year=2025, path=out)
    book = load_workbook(out)
    assert book.sheetnames[:3] == [RP_SHEET, SAL_SHEET, "Funds"]
    assert "Not yet categorised" in book.sheetnames and "Notes for the treasurer" in book.sheetnames
    labels = [row[0].value for row in book[RP_SHEET].iter_rows(min_row=4) if row[0].value]
    assert labels == ["Receipts", "Not yet categorised", "Total receipts", "Payments",
                      "Charitable activities (running the group)", "Total payments", "Net receipts/(payments)",
                      "Transfers between funds", "Cash funds at the start of the year",
                      "Cash funds at the end of the year"]
    assert figures.cash_end.total == 100_000 - 4_000 + 2_345
    sal = [row[0].value for row in book[SAL_SHEET].iter_rows(min_row=4) if row[0].value]
    assert sal[:4] == ["Cash funds", "Community Account", "Cash tin", "Total cash funds"]
    assert "Liabilities" in sal and "Assets retained for the group's own use" in sal
