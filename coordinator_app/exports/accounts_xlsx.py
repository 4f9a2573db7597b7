"""The year's accounts (receipts and payments account, statement of assets and liabilities) as an Excel
workbook, with the same figures as the PDF: both read the one read model, ``year_accounts``."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from coordinator_app.db.disk import write_private
from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.money.year_accounts import Figures, YearAccounts, year_accounts

from .xlsx_style import header, put, widths

RP_SHEET = "Receipts and payments"
SAL_SHEET = "Assets and liabilities"


def _figures_row(sheet: Worksheet, row: int, label: str, figures: Figures, *, bold: bool = False) -> None:
    put(sheet, row, 1, label, bold=bold)
    for column, value in enumerate((figures.unrestricted, figures.restricted, figures.total, figures.last_year),
                                   start=2):
        put(sheet, row, column, value, money=True, bold=bold)


def _receipts_and_payments(sheet: Worksheet, accounts: YearAccounts) -> None:
    put(sheet, 1, 1, f"{accounts.group_name}: receipts and payments account for the {accounts.year.ended_label}",
        bold=True)
    header(sheet, ("", "Unrestricted funds", "Restricted funds", f"Total {accounts.year.label}",
                   f"Last year {accounts.year.previous().label}"), row=3)
    row = 4
    for title, lines, total in (("Receipts", accounts.receipts, accounts.total_receipts),
                                ("Payments", accounts.payments, accounts.total_payments)):
        put(sheet, row, 1, title, bold=True)
        row += 1
        for line in lines:
            _figures_row(sheet, row, line.label, line.figures)
            row += 1
        _figures_row(sheet, row, f"Total {title.lower()}", total, bold=True)
        row += 2
    for label, figures in (("Net receipts/(payments)", accounts.net), ("Transfers between funds", accounts.transfers),
                           ("Cash funds at the start of the year", accounts.cash_start),
                           ("Cash funds at the end of the year", accounts.cash_end)):
        _figures_row(sheet, row, label, figures, bold=label.startswith("Cash funds at the end"))
        row += 1
    widths(sheet, (44, 18, 18, 18, 18))


def _assets_and_liabilities(sheet: Worksheet, accounts: YearAccounts) -> None:
    put(sheet, 1, 1, f"{accounts.group_name}: statement of assets and liabilities at {accounts.year.end:%d %B %Y}",
        bold=True)
    header(sheet, ("", "Unrestricted funds", "Restricted funds", "Total", "Last year"), row=3)
    row = 4
    put(sheet, row, 1, "Cash funds", bold=True)
    row += 1
    for cash in accounts.cash_by_account:
        put(sheet, row, 1, cash.name)
        put(sheet, row, 4, cash.pence, money=True)
        put(sheet, row, 5, cash.last_year, money=True)
        row += 1
    put(sheet, row, 1, "Total cash funds", bold=True)
    put(sheet, row, 2, accounts.cash_end.unrestricted, money=True, bold=True)
    put(sheet, row, 3, accounts.cash_end.restricted, money=True, bold=True)
    put(sheet, row, 4, accounts.cash_by_account_total, money=True, bold=True)
    put(sheet, row, 5, accounts.cash_end.last_year, money=True, bold=True)
    row += 2
    put(sheet, row, 1, "Cash by fund", bold=True)
    row += 1
    for fund in accounts.funds:
        put(sheet, row, 1, fund.name)
        put(sheet, row, 3 if fund.restricted else 2, fund.end, money=True)
        put(sheet, row, 4, fund.end, money=True)
        row += 1
    for title, items in (("Other monetary assets", accounts.other_monetary_assets),
                         ("Liabilities", accounts.liabilities),
                         ("Assets retained for the group's own use", accounts.assets_for_use)):
        row += 1
        put(sheet, row, 1, title, bold=True)
        row += 1
        if not items:
            put(sheet, row, 1, "None")
            row += 1
        for item in items:
            put(sheet, row, 1, item.description)
            if item.amount_pence is not None:
                put(sheet, row, 3 if item.restricted else 2, item.amount_pence, money=True)
                put(sheet, row, 4, item.amount_pence, money=True)
            row += 1
    widths(sheet, (44, 18, 18, 18, 18))


def export_accounts_xlsx(group: GroupFile, *, year: int, path: Path) -> YearAccounts:
    """Write the year's accounts to ``path``; returns the figures written."""
    accounts = year_accounts(group, year=year)
    book = Workbook()
    rp = book.active
    rp.title = RP_SHEET
    _receipts_and_payments(rp, accounts)
    _assets_and_liabilities(book.create_sheet(SAL_SHEET), accounts)
    funds = book.create_sheet("Funds")
    header(funds, ("Fund", "Restricted", "At start", "Receipts", "Payments", "Transfers", "At end"))
    for row, fund in enumerate(accounts.funds, start=2):
        put(funds, row, 1, fund.name)
        put(funds, row, 2, "yes" if fund.restricted else "no")
        for column, value in enumerate((fund.start, fund.receipts, fund.payments, fund.transfers, fund.end), start=3):
            put(funds, row, column, value, money=True)
    widths(funds, (36, 11, 14, 14, 14, 14, 14))
    if accounts.uncategorised:
        loose = book.create_sheet("Not yet categorised")
        header(loose, ("Date", "Account", "Payee", "Description", "Amount"))
        for row, t in enumerate(accounts.uncategorised, start=2):
            for column, value in enumerate((t.on, t.account_name, t.payee, t.description), start=1):
                put(loose, row, column, value)
            put(loose, row, 5, t.amount_pence, money=True)
        widths(loose, (12, 20, 34, 34, 14))
    if accounts.notes:
        notes = book.create_sheet("Notes for the treasurer")
        header(notes, ("Note",))
        for row, note in enumerate(accounts.notes, start=2):
            put(notes, row, 1, note)
        widths(notes, (120,))
    write_private(path, book.save)
    return accounts
