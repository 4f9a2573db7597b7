"""Transactions for a financial year, any span of dates, or all of them, as an Excel workbook: a summary
sheet, then a sheet per account with
the running balance. Amounts are numbers with a £ format and dates are real dates, so the treasurer
can sort, filter and total them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from coordinator_app.db.disk import write_private
from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.group import get_profile
from coordinator_app.services.money import books, transactions
from coordinator_app.services.money.years import chosen_span

from .cells import sheet_title
from .xlsx_style import header, put, widths

SUMMARY = "Summary"
ACCOUNT_COLUMNS = ("Date", "Payee", "Description", "Reference", "Category", "Fund", "Money in", "Money out",
                   "Balance")


def export_transactions_xlsx(group: GroupFile, *, path: Path, year: int | None = None, start: date | None = None,
                             end: date | None = None) -> int:
    """Write the transactions of the year or span to ``path``; returns how many lines were written."""
    span = chosen_span(group, year=year, start=start, end=end)
    accounts = [a for a in books.list_accounts(group) if a.opened_on <= span.end]
    at_start = {a.id: a.balance_pence for a in books.list_accounts(group, as_at=span.start - timedelta(days=1))}
    funds = books.list_funds(group, as_at=span.end)
    funds_start = {f.id: f.balance_pence for f in books.list_funds(group, as_at=span.start - timedelta(days=1))}
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY
    taken = {SUMMARY}
    put(summary, 1, 1, f"{get_profile(group).name}: transactions for {span.label}", bold=True)
    header(summary, ("Account", "At the start", "Money in", "Money out", "At the end", "Lines"), row=3)
    written = 0
    row = 4
    for account in accounts:
        lines = transactions.register(group, account_id=account.id, start=span.start, end=span.end)
        money_in = sum(line.transaction.amount_pence for line in lines if line.transaction.amount_pence > 0)
        money_out = -sum(line.transaction.amount_pence for line in lines if line.transaction.amount_pence < 0)
        start = at_start.get(account.id, account.opening_balance_pence)
        for column, value in enumerate((start, money_in, money_out, start + money_in - money_out), start=2):
            put(summary, row, column, value, money=True)
        put(summary, row, 1, account.name)
        put(summary, row, 6, len(lines))
        row += 1
        sheet = book.create_sheet(sheet_title(account.name, taken))
        header(sheet, ACCOUNT_COLUMNS)
        widths(sheet, (12, 32, 32, 14, 24, 24, 13, 13, 13))
        for number, line in enumerate(lines, start=2):
            t = line.transaction
            for column, value in enumerate((t.on, t.payee, t.description, t.reference, t.category_name or "",
                                            t.fund_name), start=1):
                put(sheet, number, column, value)
            put(sheet, number, 7, t.amount_pence if t.amount_pence > 0 else None, money=True)
            put(sheet, number, 8, -t.amount_pence if t.amount_pence < 0 else None, money=True)
            put(sheet, number, 9, line.balance_pence, money=True)
        written += len(lines)
    row += 1
    header(summary, ("Fund", "At the start", "", "", "At the end", "Restricted"), row=row, freeze=False)
    for fund in funds:
        row += 1
        put(summary, row, 1, fund.name)
        put(summary, row, 2, funds_start.get(fund.id, 0), money=True)
        put(summary, row, 5, fund.balance_pence, money=True)
        put(summary, row, 6, "yes" if fund.restricted else "no")
    widths(summary, (34, 16, 14, 14, 16, 10))
    write_private(path, book.save)
    return written
