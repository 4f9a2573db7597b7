"""The year end: choose the financial year, see the receipts and payments account and the lines still
without a category, and save the transactions (CSV, Excel) and the accounts (PDF, Excel).

The figures come from ``year_accounts.year_accounts``, the same read model the PDF and the Excel accounts
print, so what the treasurer sees here is what the examiner gets. Files are written in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from coordinator_app.services.errors import StorageError, ValidationError
from coordinator_app.services.money import books, years
from coordinator_app.services.money.year_accounts import Figures, YearAccounts, year_accounts

from ..forms import combo
from ..jobs import run_in_background
from ..pages.base import PageContext
from ..pages.widgets import button, button_row, note, section
from ..tables import RowsModel, make_table
from .columns import SUMMARY_COLUMNS, UNCATEGORISED_COLUMNS


@dataclass(frozen=True)
class SummaryRow:
    label: str
    figures: Figures | None = None


def summary_rows(accounts: YearAccounts, tr: Callable[[str], str]) -> list[SummaryRow]:
    """The receipts and payments account as rows: headings, lines, totals, net, transfers and cash."""
    rows = [SummaryRow(tr("Receipts"))]
    rows += [SummaryRow(f"    {line.label}", line.figures) for line in accounts.receipts]
    rows.append(SummaryRow(tr("Total receipts"), accounts.total_receipts))
    rows.append(SummaryRow(tr("Payments")))
    rows += [SummaryRow(f"    {line.label}", line.figures) for line in accounts.payments]
    rows.append(SummaryRow(tr("Total payments"), accounts.total_payments))
    rows.append(SummaryRow(tr("Net receipts (or payments)"), accounts.net))
    rows.append(SummaryRow(tr("Transfers between funds"), accounts.transfers))
    rows.append(SummaryRow(tr("Cash at the start of the year"), accounts.cash_start))
    rows.append(SummaryRow(tr("Cash at the end of the year"), accounts.cash_end))
    return rows


# What each save button writes: (button text, file dialog title, file filter, suffix, writer's module:function)
SAVES = (
    ("transactions_csv", "Transactions as &CSV…", "Save the year's transactions", "CSV files (*.csv)", ".csv",
     "coordinator_app.exports.transactions_csv:export_transactions_csv"),
    ("transactions_xlsx", "Transactions as E&xcel…", "Save the year's transactions", "Excel files (*.xlsx)", ".xlsx",
     "coordinator_app.exports.transactions_xlsx:export_transactions_xlsx"),
    ("accounts_pdf", "The accounts as &PDF…", "Save the year's accounts", "PDF files (*.pdf)", ".pdf",
     "coordinator_app.reports.accounts:make_accounts_report"),
    ("accounts_xlsx", "The accounts as Exce&l…", "Save the year's accounts", "Excel files (*.xlsx)", ".xlsx",
     "coordinator_app.exports.accounts_xlsx:export_accounts_xlsx"),
)


def _writer(target: str) -> Callable[..., Any]:
    import importlib  # the writers pull in ReportLab and openpyxl: load them only when a file is saved

    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


class YearEndTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.accounts: YearAccounts | None = None
        self.saving: set[str] = set()
        layout = QVBoxLayout(self)
        choose = QHBoxLayout()
        self.year = combo([])
        self.year.setAccessibleName(self.tr("Financial year"))
        year_label = QLabel(self.tr("Financial &year:"))
        year_label.setBuddy(self.year)
        choose.addWidget(year_label)
        choose.addWidget(self.year)
        choose.addStretch()
        layout.addLayout(choose)
        self.buttons: dict[str, Any] = {}
        for key, text, *_rest in SAVES:
            self.buttons[key] = button(self.tr(text))
            self.buttons[key].clicked.connect(lambda _c=False, key=key: self.save(key))
        layout.addWidget(note(self.tr("Save for the examiner or the funder:")))
        layout.addLayout(button_row(*self.buttons.values()))

        self.summary_model = RowsModel(SUMMARY_COLUMNS, self)
        self.summary_table = make_table(self.summary_model, self.tr("Receipts and payments"), sortable=False)
        self.uncategorised_model = RowsModel(UNCATEGORISED_COLUMNS, self)
        self.uncategorised_table = make_table(self.uncategorised_model, self.tr("Lines not yet categorised"))
        self.summary_title = section(self.tr("Receipts and payments"))
        self.notes = note()
        self.uncategorised_title = section(self.tr("Lines not yet categorised"))
        layout.addWidget(self.summary_title)
        layout.addWidget(self.summary_table, 3)
        layout.addWidget(self.uncategorised_title)
        layout.addWidget(self.notes)
        layout.addWidget(self.uncategorised_table, 1)
        self.year.currentIndexChanged.connect(lambda _i: self._load())

    def refresh(self) -> None:
        today = self.ctx.today()
        current = years.current_financial_year(self.ctx.group, today=today)
        first = min((a.opened_on for a in books.list_accounts(self.ctx.group)), default=today)
        start_month = current.start.month
        first_year = years.year_containing(first, start_month).year
        keep = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in range(current.year, first_year - 1, -1):
            bounds = years.year_bounds(start_month, year)
            self.year.addItem(f"{bounds.label} ({bounds.start.day} {bounds.start:%b %Y} – "
                              f"{bounds.end.day} {bounds.end:%b %Y})", year)
        default = current.year - 1 if current.year > first_year else current.year  # the year just ended
        self.year.setCurrentIndex(max(0, self.year.findData(keep if keep is not None else default)))
        self.year.blockSignals(False)
        self._load()

    def _load(self) -> None:
        year = self.year.currentData()
        if year is None:
            return
        self.accounts = year_accounts(self.ctx.group, year=year)
        self.summary_title.setText(self.tr("Receipts and payments: {label}").format(
            label=self.accounts.year.ended_label))
        self.summary_model.set_rows(summary_rows(self.accounts, self.tr))
        self.uncategorised_model.set_rows(self.accounts.uncategorised)
        count = len(self.accounts.uncategorised)
        self.uncategorised_table.setVisible(count > 0)
        if not count:
            self.uncategorised_title.setText(self.tr("✓ Every line has a category"))
        else:
            self.uncategorised_title.setText((self.tr("⚠ {n} line not yet categorised") if count == 1 else
                                              self.tr("⚠ {n} lines not yet categorised")).format(n=count))
        extra = ([self.tr("Choose a category for each on the register tab; until then they show as "
                          "“Not yet categorised” in the accounts.")] if count else [])
        self.notes.setText("\n".join(list(self.accounts.notes) + extra))

    def save(self, key: str) -> None:
        year = self.year.currentData()
        if year is None or key in self.saving:
            return
        _key, _text, title, kinds, suffix, target = next(s for s in SAVES if s[0] == key)
        label = years.financial_year(self.ctx.group, year).label.replace("/", "-")
        name = ("transactions" if key.startswith("transactions") else "accounts") + f"-{label}{suffix}"
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr(title), str(Path.home() / name), self.tr(kinds))
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(suffix) else Path(chosen + suffix)
        group = self.ctx.group
        self.saving.add(key)
        self.buttons[key].setEnabled(False)
        self.ctx.status(self.tr("Saving {file}…").format(file=path.name))

        def done(_result: object) -> None:
            self._finished(key)
            self.ctx.status(self.tr("Saved {file}.").format(file=path.name))

        def failed(error: Exception) -> None:
            self._finished(key)
            if isinstance(error, OSError):
                error = StorageError(self.tr("{file} could not be saved: {why}.").format(
                    file=path.name, why=error.strerror or error))
            if isinstance(error, ValidationError | StorageError):
                QMessageBox.warning(self, self.tr("Not saved"), str(error))
                return
            raise error

        run_in_background(lambda: _writer(target)(group, year=year, path=path), on_success=done, on_failure=failed)

    def _finished(self, key: str) -> None:
        self.saving.discard(key)
        self.buttons[key].setEnabled(True)
