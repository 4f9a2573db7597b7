"""The annual accounts in the Charity Commission's receipts-and-payments form (CC16), in the shared look.

Section A is the receipts and payments account (fund columns and last year's figures); section B the
statement of assets and liabilities at the year's end, then a signature block for the trustees. The
figures are the read model ``year_accounts``, the same the XLSX export writes. If anything needs the
treasurer's attention (lines not yet categorised, a restricted fund overspent), a last page says so,
clearly marked as not part of the accounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table, TableStyle

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.group import get_logo, get_profile
from coordinator_app.services.money.year_accounts import Figures, YearAccounts, year_accounts

from .fonts import REGULAR, markup
from .look import (
    ACCENT,
    CONTENT_WIDTH,
    INK,
    PALE,
    RULE,
    block_heading,
    build_document,
    data_table,
    gap,
    heading,
    keep_together,
    money_cell,
    note_box,
    para,
    rich,
)

WIDTHS = (0.32, 0.17, 0.17, 0.17, 0.17)


def _money(pence: int | None, *, bold: bool = False) -> Flowable:
    return money_cell(pence, brackets=True, bold=bold)


class _Sheet:
    """Rows of a CC16 table: section titles, lines, subtotals and totals, styled as the form is."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.rows: list[list[Any]] = [[rich(markup(c), "cell_head_right" if i else "cell_head")
                                       for i, c in enumerate(columns)]]
        self.style: list[tuple[Any, ...]] = []

    def section(self, title: str) -> None:
        self.rows.append([rich(f"<b>{markup(title)}</b>", "cell"), "", "", "", ""])
        self.style += [("SPAN", (0, len(self.rows) - 1), (-1, len(self.rows) - 1)),
                       ("BACKGROUND", (0, len(self.rows) - 1), (-1, len(self.rows) - 1), PALE)]

    def line(self, label: str, figures: Figures, *, total: bool = False) -> None:
        cells = [figures.unrestricted, figures.restricted, figures.total, figures.last_year]
        text = rich(f"<b>{markup(label)}</b>", "cell") if total else para(label, "cell")
        self.rows.append([text, *(_money(v, bold=total) for v in cells)])
        if total:
            self.style.append(("LINEABOVE", (1, len(self.rows) - 1), (-1, len(self.rows) - 1), 0.9, INK))

    def cells(self, label: str, values: Sequence[int | None], *, total: bool = False) -> None:
        text = rich(f"<b>{markup(label)}</b>", "cell") if total else para(label, "cell")
        self.rows.append([text, *(_money(v, bold=total) if v is not None or total else "" for v in values)])
        if total:
            self.style.append(("LINEABOVE", (1, len(self.rows) - 1), (-1, len(self.rows) - 1), 0.9, INK))

    def table(self) -> Table:
        table = Table(self.rows, colWidths=[CONTENT_WIDTH * w for w in WIDTHS], repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # empty cells too: never a base-14 font
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            *self.style,
        ]))
        return table


def _columns(accounts: YearAccounts, last: str = "Last year") -> tuple[str, ...]:
    return ("", "Unrestricted funds", "Restricted funds", f"Total funds {accounts.year.label}",
            f"{last} {accounts.year.previous().label}")


def _section_a(accounts: YearAccounts) -> list[Flowable]:
    sheet = _Sheet(_columns(accounts))
    sheet.section("A1 Receipts")
    for line in accounts.receipts:
        sheet.line(line.label, line.figures)
    if not accounts.receipts:
        sheet.cells("No receipts this year", [None] * 4)
    sheet.line("Total receipts", accounts.total_receipts, total=True)
    sheet.section("A2 Payments")
    for line in accounts.payments:
        sheet.line(line.label, line.figures)
    if not accounts.payments:
        sheet.cells("No payments this year", [None] * 4)
    sheet.line("Total payments", accounts.total_payments, total=True)
    sheet.line("Net of receipts/(payments)", accounts.net, total=True)
    sheet.line("A3 Transfers between funds", accounts.transfers)
    sheet.line("A4 Cash funds last year end", accounts.cash_start)
    sheet.line("Cash funds this year end", accounts.cash_end, total=True)
    return [heading("Section A: Receipts and payments"), sheet.table()]


def _section_b(accounts: YearAccounts) -> list[Flowable]:
    columns = ("", "Unrestricted funds", "Restricted funds", "Total funds", "Last year")
    cash = _Sheet(columns)
    cash.section("B1 Cash funds")
    for line in accounts.cash_by_account:
        cash.cells(f"{line.name} ({line.kind.value})", [None, None, line.pence, line.last_year])
    cash.cells("Total cash funds", [accounts.cash_end.unrestricted, accounts.cash_end.restricted,
                                    accounts.cash_by_account_total, accounts.cash_end.last_year], total=True)
    by_fund = _Sheet(columns)
    by_fund.section("Cash funds held in each fund")
    for fund in accounts.funds:
        by_fund.cells(fund.name, [None if fund.restricted else fund.end, fund.end if fund.restricted else None,
                                  fund.end, None])
    others = _Sheet(columns)
    for code, title, items in (("B2", "Other monetary assets", accounts.other_monetary_assets),
                               ("B3", "Liabilities", accounts.liabilities)):
        others.section(f"{code} {title}")
        if not items:
            others.cells("None", [None] * 4)
        for item in items:
            amount = item.amount_pence
            others.cells(item.description, [None if item.restricted else amount,
                                            amount if item.restricted else None, amount, None])
    end = accounts.year.end
    story: list[Flowable] = [
        CondPageBreak(70 * mm),
        keep_together(block_heading(f"Section B: Statement of assets and liabilities at {end.day} {end:%B %Y}"),
                      cash.table()), gap(3), keep_together(by_fund.table()), gap(3), keep_together(others.table()),
        gap(4),
    ]
    if accounts.assets_for_use:
        rows = [(item.description, _money(item.amount_pence) if item.amount_pence is not None
                 else para("not valued", "cell_right")) for item in accounts.assets_for_use]
        story.append(keep_together(para("B4 Assets retained for the group's own use", "h2"),
                                   data_table(("Description", "Value (where known)"), rows, widths=(0.7, 0.3),
                                              right=(1,))))
    else:
        story += [para("B4 Assets retained for the group's own use", "h2"), para("None.")]
    if accounts.cash_by_account_total != accounts.cash_end.total:
        story.append(note_box("The cash in the accounts does not agree with the cash in the funds: the opening "
                              "balances need checking (see the notes for the treasurer)."))
    return story


def _signatures(accounts: YearAccounts) -> list[Flowable]:
    labels = ("Signed by one or two trustees on behalf of all the trustees", "Signature", "Print name",
              "Date of approval")
    data = [[para(label, "cell"), "", ""] for label in labels]
    table = Table(data, colWidths=[CONTENT_WIDTH * w for w in (0.34, 0.33, 0.33)], rowHeights=[None, 28, 18, 18],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("SPAN", (0, 0), (-1, 0)),
                               ("LINEBELOW", (1, 1), (-1, -1), 0.6, INK),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return [gap(8), keep_together(para("Approval", "h2"), table)]


def _for_the_treasurer(accounts: YearAccounts) -> list[Flowable]:
    if not accounts.notes:
        return []
    story: list[Flowable] = [PageBreak(), heading("For the treasurer (not part of the accounts)"),
                             para("Please look at these before the accounts go to the independent examiner.")]
    story += [para(f"• {note}") for note in accounts.notes]
    if accounts.uncategorised:
        rows = [(t.on.strftime("%d/%m/%Y"), t.account_name, t.payee or t.description, _money(t.amount_pence))
                for t in accounts.uncategorised]
        story += [para("Lines not yet categorised", "h2"),
                  data_table(("Date", "Account", "Payee", "Amount"), rows, widths=(0.15, 0.25, 0.42, 0.18),
                             right=(3,))]
    return story


def make_accounts_report(group: GroupFile, *, year: int, path: Path) -> YearAccounts:
    """Write the year's accounts PDF to ``path``; returns the figures printed."""
    accounts, story = accounts_story(group, year=year)
    profile = get_profile(group)
    title = f"Receipts and payments accounts for the {accounts.year.ended_label}"
    build_document(path, title=title, story=story, group_name=profile.name, logo_png=get_logo(group))
    return accounts


def accounts_story(group: GroupFile, *, year: int) -> tuple[YearAccounts, list[Flowable]]:
    """The year's accounts as flowables (for the accounts PDF and the AGM pack), with the figures they print."""
    accounts = year_accounts(group, year=year)
    profile = get_profile(group)
    story: list[Flowable] = [
        para(profile.name, "title"),
        para(f"Receipts and payments accounts for the period {accounts.year.start.day} "
             f"{accounts.year.start:%B %Y} to {accounts.year.end.day} {accounts.year.end:%B %Y}", "subtitle"),
        para("All amounts in pounds sterling. Figures in brackets are payments or shortfalls. Restricted funds "
             "are money given for a particular purpose, such as a grant.", "small"),
        *_section_a(accounts),
        *_section_b(accounts),
        *_signatures(accounts),
        *_for_the_treasurer(accounts),
    ]
    return accounts, story
