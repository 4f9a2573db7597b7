"""Members' data rights from the window: export what the group holds about a person, erase a person, and
review former members whose details the group no longer needs to keep.

The work (writing the PDF, erasing and wiping the file) runs in the background; an erasure pauses the
automatic backups so they do not read the file while it is being rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QVBoxLayout, QWidget

from coordinator_app.db.disk import write_private_text
from coordinator_app.db.errors import GroupFileError
from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services import data_rights
from coordinator_app.services.data_rights import RetentionDue
from coordinator_app.services.errors import NotFound, StorageError, ValidationError

from .i18n import tr
from .jobs import run_in_background
from .pages.widgets import button, button_row, note
from .tables import Column, RowsModel, make_table, selected_row, show_date
from .undo import forget_undo

_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(name: str, today: date) -> str:
    """A file name for a person's export that every system accepts, keeping their name as typed."""
    safe = _NOT_IN_FILE_NAMES.sub(" ", name).strip(" .") or tr("member")
    return tr("Data held about {name} {day}").format(name=safe, day=today.isoformat())


def _paused(window: QWidget) -> AbstractContextManager[None]:
    safekeeping = getattr(window, "safekeeping", None)
    return safekeeping.auto.paused() if safekeeping is not None else nullcontext()


def _tell(parent: QWidget, title: str, error: Exception) -> None:
    if not isinstance(error, ValidationError | StorageError | NotFound | GroupFileError | OSError):
        raise error
    QMessageBox.warning(parent, title, str(error))


def export_person(parent: QWidget, group: GroupFile, member_id: int, name: str, *, today: date,
                  done: Callable[[list[Path]], None]) -> None:
    """Ask for a folder, then write everything held about the person there as a PDF and as JSON."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    chosen = QFileDialog.getExistingDirectory(
        parent, tr("Where should the data held about {name} be saved?").format(name=name), start)
    if not chosen:
        return
    stem = Path(chosen) / file_stem(name, today)

    def work() -> list[Path]:
        export = data_rights.subject_access_export(group, member_id, today=today)
        from coordinator_app.reports.subject_access import write_subject_access_pdf  # ReportLab only when used

        pdf = write_subject_access_pdf(export, stem.with_name(stem.name + ".pdf"))
        json_path = stem.with_name(stem.name + ".json")
        write_private_text(json_path, export.to_json())
        return [pdf, json_path]

    run_in_background(work, on_success=done,
                      on_failure=lambda error: _tell(parent, tr("The data was not exported"), error))


def confirm_erasure(parent: QWidget, name: str) -> bool:
    answer = QMessageBox.question(
        parent, tr("Erase {name}").format(name=name),
        tr("Erase {name} for good?\n\n"
           "Their name, contact details, notes, roles and consents are wiped from the group file, and this "
           "cannot be undone (Edit ▸ Undo also forgets the changes made before it). Meeting head-counts "
           "and the accounts stay as they are: a payment keeps its "
           "amount and is shown as from a “former member”.\n\n"
           "Backups made before now still hold their details until those backups are replaced in the usual "
           "rotation (within about a year).").format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def erase_person(parent: QWidget, window: QWidget, group: GroupFile, member_id: int, name: str, *,
                 done: Callable[[], None]) -> None:
    """After a clear confirmation, erase the person in the background; ``done`` runs on success."""
    if not confirm_erasure(parent, name):
        return

    def work() -> data_rights.ErasureReport:
        with _paused(window):
            return data_rights.erase_member(group, member_id)

    def erased(_report: data_rights.ErasureReport) -> None:
        forget_undo(window)
        done()

    run_in_background(work, on_success=erased,
                      on_failure=lambda error: _tell(parent, tr("{name} was not erased").format(name=name), error))


RETENTION_COLUMNS = (
    Column("Name", lambda r: r.name),
    Column("Left on", lambda r: show_date(r.left_on), sort_key=lambda r: r.left_on),
    Column("Months since", lambda r: str(r.months_since_leaving), sort_key=lambda r: r.months_since_leaving,
           align_right=True),
)


class RetentionDialog(QDialog):
    """People who left longer ago than the group keeps details for: export or erase each one."""

    def __init__(self, parent: QWidget, window: QWidget, group: GroupFile, *, today: date,
                 changed: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Review former members"))
        self.resize(640, 420)
        self.window_, self.group, self.today, self.changed = window, group, today, changed
        layout = QVBoxLayout(self)
        layout.addWidget(note(tr(
            "These people left the group longer ago than it keeps details for (see Settings). Unless the group "
            "still needs them, erase their details; you can export a copy for them first.")))
        self.model = RowsModel(RETENTION_COLUMNS, self)
        self.table = make_table(self.model, tr("Former members due for review"))
        self.table.setColumnWidth(0, 260)
        layout.addWidget(self.table, 1)
        self.status = note()
        layout.addWidget(self.status)
        self.export_button = button(tr("&Export their data…"), tr("A PDF and a JSON file of what the group holds"))
        self.erase_button = button(tr("E&rase them…"), tr("Wipe their personal details from the group file"))
        layout.addLayout(button_row(self.export_button, self.erase_button))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.export_button.clicked.connect(self.export)
        self.erase_button.clicked.connect(self.erase)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = data_rights.retention_review(self.group, today=self.today)
        except (StorageError, ValidationError) as error:
            rows = []
            self.status.setText(str(error))
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.status.setText(tr("{n} people to review, who left longest ago first.").format(n=len(rows))
                                if len(rows) > 1 else tr("One person to review."))
        else:
            self.status.setText(tr("Nobody is due for review: every former member left recently enough."))
        for widget in (self.export_button, self.erase_button):
            widget.setEnabled(bool(rows))

    def _chosen(self) -> RetentionDue | None:
        return selected_row(self.table)

    def export(self) -> None:
        row = self._chosen()
        if row is not None:
            export_person(self, self.group, row.member_id, row.name, today=self.today,
                          done=lambda made: self.status.setText(tr("Saved {files}.").format(
                              files=tr(" and ").join(str(path) for path in made))))

    def erase(self) -> None:
        row = self._chosen()
        if row is None:
            return

        def done() -> None:
            self.changed()
            self.refresh()
            self.status.setText(tr("{name} has been erased.").format(name=row.name))

        erase_person(self, self.window_, self.group, row.member_id, row.name, done=done)
