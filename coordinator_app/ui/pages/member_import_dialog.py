"""Import a member list from the window: choose the file, see every row and its problem, then confirm.

The same reading and rules as ``coordinator-app import members`` (``imports.members_csv``), so the
messages are the command line's. Nothing is saved until *Import* is pressed, and *Import* stays off
while any row has a problem: the list goes in whole or not at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coordinator_app.imports.csv_text import ImportProblem
from coordinator_app.imports.members_csv import MemberListPreview, PreviewRow, import_member_list, preview_members
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.member_import import ImportResult
from coordinator_app.services.validate import say_list

from ..jobs import run_in_background
from ..tables import Column, RowsModel, make_table, show_date
from .base import PageContext
from .widgets import button, note


def _what_happens(row: PreviewRow) -> str:
    if row.problem:
        return "⚠ " + row.problem[0].upper() + row.problem[1:]
    if row.already:
        return "Already in the group: left as it is"
    if row.possible_duplicate:
        return f"Will be added. Possibly the same person as {row.possible_duplicate}"
    return "Will be added" + ("" if row.joined_on else ", joining today")


PREVIEW_COLUMNS = (
    Column("Row", lambda r: str(r.row), sort_key=lambda r: r.row, align_right=True),
    Column("Name", lambda r: r.name),
    Column("Joined", lambda r: show_date(r.joined_on), sort_key=lambda r: r.joined_on or r.row),
    Column("What happens", _what_happens),
)


def _people(n: int) -> str:
    return "1 member" if n == 1 else f"{n} members"


class MemberImportDialog(QDialog):
    def __init__(self, parent: QWidget, ctx: PageContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: MemberListPreview | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import a member list"))
        self.setMinimumSize(760, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr(
            "Save the list from your spreadsheet as CSV, with a heading above each column (Name, Email, "
            "Joined…). You will see every row before anything is saved.")))
        self.choose_button = button(self.tr("&Choose the file…"))
        self.file_label = QLabel(self.tr("No file chosen yet."))
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        self.model = RowsModel(PREVIEW_COLUMNS, self)
        self.table = make_table(self.model, self.tr("Rows in the member list"))
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.summary = note()
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("&Import"))
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.choose_button.clicked.connect(self.choose)
        self.choose_button.setFocus()

    def choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the member list"), str(Path.home()),
            self.tr("Member lists (*.csv *.txt);;All files (*)"))
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        self.file_label.setText(path.name)
        self.summary.setText(self.tr("Reading {name}…").format(name=path.name))
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        group, today = self.ctx.group, self.ctx.today()
        run_in_background(lambda: preview_members(group, path.read_bytes(), today=today),
                          on_success=self._show, on_failure=self._failed)

    def _failed(self, error: Exception) -> None:
        self.choose_button.setEnabled(True)
        self.model.set_rows([])
        self.preview = None
        if isinstance(error, OSError):
            self.summary.setText(self.tr("That file could not be read ({why}). Nothing was imported.").format(
                why=error.strerror or error))
        elif isinstance(error, (ImportProblem, ValidationError, StorageError, NotFound)):
            self.summary.setText(self.tr("{problem} Nothing was imported.").format(problem=str(error)))
        else:
            raise error

    def _show(self, preview: MemberListPreview) -> None:
        self.choose_button.setEnabled(True)
        self.preview = preview
        self.model.set_rows(list(preview.rows))
        problems = preview.problems
        if problems:
            rows = say_list([str(r.row) for r in problems])
            self.summary.setText(self.tr(
                "⚠ {n} of {total} rows have a problem (row {rows}), so nothing will be imported. Put them right "
                "in the spreadsheet, save it again, and choose the file again.").format(
                n=len(problems), total=len(preview.rows), rows=rows))
        elif preview.to_add == 0:
            self.summary.setText(self.tr("Everyone on this list is already in the group; there is nothing to add."))
        else:
            self.summary.setText(self.tr("{people} will be added. Press Import to add them; nothing is saved "
                                         "before that.").format(people=_people(preview.to_add)))
        self.import_button.setEnabled(not problems and preview.to_add > 0)
        if self.import_button.isEnabled():
            self.import_button.setFocus()

    def accept(self) -> None:
        if self.preview is None or self.preview.member_list is None:
            return
        member_list, group, today = self.preview.member_list, self.ctx.group, self.ctx.today()
        try:
            self.result = self.ctx.change(
                self.tr("Import {people}").format(people=_people(self.preview.to_add)),
                lambda: import_member_list(group, member_list, today=today))
        except (ImportProblem, ValidationError) as error:
            self.summary.setText(self.tr("{problem} Nothing was imported.").format(problem=str(error)))
            return
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return
        super().accept()
