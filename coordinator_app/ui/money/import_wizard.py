"""The bank statement import wizard: choose the account and the file, see what would be added, import.

When the file's columns are not recognised, the wizard asks once which column is which; the import then
remembers that choice for the account, so next month's statement goes straight through. Reading and
importing run in the background; nothing is added until the treasurer presses Import, and then either
every new line is added or none is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.imports.bank import ROLE_NAMES, ROLES, ColumnsNotFound, check_mapping, import_statement
from coordinator_app.imports.bank import parse_statement as parse_csv
from coordinator_app.imports.csv_text import ImportProblem, read_bytes
from coordinator_app.imports.ofx import is_ofx, parse_ofx
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.money import books, statement_import
from coordinator_app.services.money.statement_import import ImportResult, PreviewLine

from ..forms import FieldForm, combo, line
from ..jobs import run_in_background
from ..pages.base import PageContext
from ..pages.widgets import button, button_row, note, section
from ..screen_fit import sized_for_screen
from ..tables import RowsModel, make_table
from .columns import PREVIEW_COLUMNS, counted

STEP_CHOOSE, STEP_COLUMNS, STEP_PREVIEW, STEP_DONE = range(4)


@dataclass(frozen=True)
class Preview:
    lines: tuple[PreviewLine, ...]

    @property
    def new(self) -> int:
        return sum(1 for p in self.lines if not p.already_there and p.line.amount_pence != 0)

    @property
    def already_there(self) -> int:
        return sum(1 for p in self.lines if p.already_there)


def read_preview(group: GroupFile, *, account_id: int, path: Path, mapping: Mapping[str, str] | None,
                 today: date) -> Preview:
    """What importing ``path`` would do, read the way ``import_statement`` reads it (for the background)."""
    data = read_bytes(path)
    if is_ofx(data):
        lines = parse_ofx(data)
    else:
        remembered = statement_import.remembered_mapping(group, account_id=account_id)
        try:
            lines = parse_csv(data, mapping=mapping or remembered, today=today).lines
        except ColumnsNotFound:
            if mapping or not remembered:
                raise
            lines = parse_csv(data, today=today).lines  # a different layout from last time
    return Preview(tuple(statement_import.preview(group, account_id=account_id, lines=lines)))


class ImportWizard(QDialog):
    def __init__(self, ctx: PageContext, account_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Import a bank statement"))
        sized_for_screen(self, QSize(960, 560))
        self.mapping: dict[str, str] | None = None  # chosen by hand in this wizard
        self.preview: Preview | None = None
        self.result_value: ImportResult | None = None
        self.busy = False
        layout = QVBoxLayout(self)
        self.steps = QStackedWidget()
        layout.addWidget(self.steps, 1)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.close_button = QPushButton(self.tr("Cancel"))
        row = QHBoxLayout()
        row.addStretch()
        for widget in (self.back_button, self.next_button, self.close_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.next_button.setDefault(True)

        # 1: the account and the file
        choose = QWidget()
        choose_layout = QVBoxLayout(choose)
        choose_layout.addWidget(section(self.tr("Step 1 of 3: the account and the file")))
        choose_layout.addWidget(note(self.tr(
            "Download the statement from your bank's website as a CSV (or OFX) file, then choose it here.")))
        self.choose_form = FieldForm()
        accounts = [(a.name, a.id) for a in books.list_accounts(ctx.group) if a.closed_on is None]
        self.account = self.choose_form.add("account", self.tr("Into &account"), combo(accounts, account_id))
        self.path = self.choose_form.add("path", self.tr("Statement &file"), line(
            placeholder=self.tr("Press Choose file… or type where the file is")))
        self.browse = button(self.tr("C&hoose file…"))
        choose_layout.addWidget(self.choose_form)
        choose_layout.addLayout(button_row(self.browse))
        choose_layout.addStretch()
        self.steps.addWidget(choose)

        # 2 (only when needed): which column is which
        columns = QWidget()
        columns_layout = QVBoxLayout(columns)
        columns_layout.addWidget(section(self.tr("Which column is which?")))
        columns_layout.addWidget(note(self.tr(
            "This file's columns were not recognised. Say which column holds each thing; you will not be asked "
            "again for this account. Choose either one amount column, or both paid in and paid out.")))
        self.columns_form = FieldForm()
        columns_layout.addWidget(self.columns_form)
        columns_layout.addStretch()
        self.steps.addWidget(columns)

        # 3: what would be added
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(section(self.tr("Step 2 of 3: check the lines")))
        self.preview_note = note()
        preview_layout.addWidget(self.preview_note)
        self.preview_model = RowsModel(PREVIEW_COLUMNS, self)
        self.preview_table = make_table(self.preview_model, self.tr("Lines in the statement"))
        preview_layout.addWidget(self.preview_table, 1)
        self.steps.addWidget(preview)

        # 4: done
        done = QWidget()
        done_layout = QVBoxLayout(done)
        done_layout.addWidget(section(self.tr("Step 3 of 3: imported")))
        self.done_note = note()
        done_layout.addWidget(self.done_note)
        done_layout.addStretch()
        self.steps.addWidget(done)

        self.browse.clicked.connect(self.choose_file)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.reject)
        self._update_buttons()

    # -- steps -----------------------------------------------------------------------------------------
    def step(self) -> int:
        return self.steps.currentIndex()

    def _go(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self._say("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        step = self.step()
        self.back_button.setEnabled(not self.busy and step in (STEP_COLUMNS, STEP_PREVIEW))
        self.back_button.setVisible(step != STEP_DONE)
        self.next_button.setVisible(step != STEP_DONE)
        self.next_button.setEnabled(not self.busy and (step != STEP_PREVIEW or bool(self.preview and
                                                                                     self.preview.new)))
        if step == STEP_PREVIEW:
            count = self.preview.new if self.preview else 0
            self.next_button.setText(counted(count, "&Import {n} new line", "&Import {n} new lines"))
        else:
            self.next_button.setText(self.tr("&Next >"))
        self.close_button.setText(self.tr("Close") if step == STEP_DONE else self.tr("Cancel"))
        self.close_button.setEnabled(not self.busy)

    def _say(self, text: str) -> None:
        self.error.setText(f"⚠ {text}" if text else "")
        self.error.setVisible(bool(text))

    def choose_file(self) -> None:
        kinds = self.tr("Bank statements (*.csv *.ofx *.qfx *.txt);;All files (*)")
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the bank statement"), "", kinds)
        if chosen:
            self.path.setText(chosen)

    def back(self) -> None:
        self._go(STEP_CHOOSE if self.step() == STEP_COLUMNS or self.mapping is None else STEP_COLUMNS)

    def next(self) -> None:
        if self.busy:
            return
        step = self.step()
        if step == STEP_CHOOSE:
            self.mapping = None
            if self._checked_choice():
                self._read()
        elif step == STEP_COLUMNS:
            try:
                self.mapping = check_mapping(self.columns_form.values())
            except ValidationError as error:
                self.columns_form.show_error(error)
                return
            self.columns_form.clear_errors()
            self._read()
        elif step == STEP_PREVIEW:
            self._import()

    def _checked_choice(self) -> bool:
        values = self.choose_form.values()
        if values["account"] is None:
            self.choose_form.show_error(ValidationError("account", self.tr("Add an account on the register tab "
                                                                           "first.")))
            return False
        if not values["path"].strip():
            self.choose_form.show_error(ValidationError("path", self.tr("Choose the statement file first.")))
            return False
        self.choose_form.clear_errors()
        return True

    def _account_id(self) -> int:
        return int(self.account.currentData())

    def _file(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def reject(self) -> None:
        if not self.busy:  # a statement being read or imported finishes first, so the page is never behind
            super().reject()

    # -- background work -------------------------------------------------------------------------------
    def _work(self, what: str, work: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self.busy = True
        self._update_buttons()
        self.error.hide()
        self.ctx.status(what)

        def failed(error: Exception) -> None:
            self.busy = False
            self._update_buttons()
            if isinstance(error, ColumnsNotFound) and self.step() != STEP_COLUMNS:
                self._ask_columns(error.headers)
                return
            if isinstance(error, ImportProblem | ValidationError | StorageError | NotFound):
                self._say(str(error))
                return
            raise error

        def succeeded(result: Any) -> None:
            self.busy = False
            on_success(result)
            self._update_buttons()

        run_in_background(work, on_success=succeeded, on_failure=failed)

    def _read(self) -> None:
        group, account_id, path, mapping, today = (self.ctx.group, self._account_id(), self._file(), self.mapping,
                                                   self.ctx.today())
        self._work(self.tr("Reading the statement…"),
                   lambda: read_preview(group, account_id=account_id, path=path, mapping=mapping, today=today),
                   self._show_preview)

    def _ask_columns(self, headers: tuple[str, ...]) -> None:
        form = FieldForm()
        for role in ROLES:
            choices = [(self.tr("(not in this file)"), "")] + [(h, h) for h in headers if h]
            form.add(role, self.tr(ROLE_NAMES[role].capitalize()), combo(choices))
        old = self.columns_form
        old.parentWidget().layout().replaceWidget(old, form)
        old.deleteLater()
        self.columns_form = form
        self._go(STEP_COLUMNS)

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.preview_model.set_rows(preview.lines)
        account = self.account.currentText()
        if preview.new:
            text = counted(preview.new, "{n} new line will be added to {account}.",
                           "{n} new lines will be added to {account}.", account=account)
        else:
            text = self.tr("Nothing new: every line is already in {account}.").format(account=account)
        if preview.already_there:
            text += " " + counted(preview.already_there,
                                  "{n} line is already in the books and will not be added twice.",
                                  "{n} lines are already in the books and will not be added twice.")
        self.preview_note.setText(text)
        self._go(STEP_PREVIEW)

    def _import(self) -> None:
        group, account_id, path, mapping, today = (self.ctx.group, self._account_id(), self._file(), self.mapping,
                                                   self.ctx.today())
        self._work(self.tr("Importing the statement…"),
                   lambda: import_statement(group, account_id=account_id, path=path, mapping=mapping, today=today),
                   self._imported)

    def _imported(self, result: ImportResult) -> None:
        self.result_value = result
        lines = [counted(result.added, "Added {n} line to {account}.", "Added {n} lines to {account}.",
                         account=self.account.currentText())]
        if result.already_there:
            lines.append(counted(result.already_there, "{n} line was already in the books, so it was not added again.",
                                 "{n} lines were already in the books, so they were not added again."))
        if result.categorised:
            lines.append(counted(result.categorised, "{n} was given a category from what you chose before.",
                                 "{n} were given a category from what you chose before."))
        if result.uncategorised:
            lines.append(counted(result.uncategorised, "⚠ {n} still needs a category: choose one on the register tab "
                                 "(Change category…).", "⚠ {n} still need a category: choose one on the register "
                                 "tab (Change category…)."))
        self.done_note.setText("\n".join(lines))
        self.ctx.status(lines[0])
        self._go(STEP_DONE)
