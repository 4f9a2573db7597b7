"""Transactions for a financial year, any span of dates, or all of them, as CSV: UTF-8 with a byte-order
mark (so Excel shows £ and Zoë correctly), ISO dates, plain signed amounts, and formula-looking text neutralised."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from coordinator_app.db.disk import write_private
from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.money import transactions
from coordinator_app.services.money.amounts import format_plain
from coordinator_app.services.money.books import HEADING_LABELS
from coordinator_app.services.money.years import chosen_span

from .cells import csv_text

COLUMNS = ("Date", "Account", "Payee", "Description", "Reference", "Kind", "Category", "Heading", "Fund",
           "Restricted", "Money in", "Money out", "Amount", "Cleared")


def transaction_rows(group: GroupFile, *, year: int | None = None, start: date | None = None,
                     end: date | None = None) -> list[tuple[str, ...]]:
    """The rows as text, shared by anything that writes the lines as a table (see ``years.chosen_span``)."""
    span = chosen_span(group, year=year, start=start, end=end)
    rows = []
    for t in transactions.search_transactions(group, start=span.start, end=span.end):
        rows.append((
            t.on.isoformat(), t.account_name, t.payee, t.description, t.reference, t.kind.value,
            t.category_name or "", HEADING_LABELS[t.heading] if t.heading else "", t.fund_name,
            "yes" if t.fund_restricted else "no",
            format_plain(t.amount_pence) if t.amount_pence > 0 else "",
            format_plain(-t.amount_pence) if t.amount_pence < 0 else "",
            format_plain(t.amount_pence), "yes" if t.cleared else "no",
        ))
    return rows


def export_transactions_csv(group: GroupFile, *, path: Path, year: int | None = None, start: date | None = None,
                            end: date | None = None) -> int:
    """Write the transactions of the year or span to ``path``; returns how many were written."""
    rows = transaction_rows(group, year=year, start=start, end=end)
    text_columns = {COLUMNS.index(name) for name in ("Account", "Payee", "Description", "Reference", "Category",
                                                     "Heading", "Fund")}

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(COLUMNS)
            for row in rows:
                out.writerow([csv_text(cell) if i in text_columns else cell for i, cell in enumerate(row)])

    write_private(path, write)
    return len(rows)
