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
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from coordinator_app import paths
from coordinator_app.db.disk import write_private_text
from coordinator_app.db.errors import GroupFileError
from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services import backups, data_rights, erasure
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


class ConfirmErasure(QDialog):
    """Asks once, in plain words, before erasing a person, and offers to erase them from the backups too."""

    def __init__(self, parent: QWidget, name: str, backups_held: int, folder: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Erase {name}").format(name=name))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        self.question = note(tr("Erase {name} for good?").format(name=name))
        layout.addWidget(self.question)
        self.explained = note(tr(
            "Their name, contact details, notes, roles and consents are wiped from the group file, and every "
            "mention of them in minutes, notes and other text reads “a member”. This cannot be undone "
            "(Edit ▸ Undo also forgets the changes made before it). Meeting head-counts and the accounts stay "
            "as they are: a payment keeps its amount."))
        layout.addWidget(self.explained)
        self.from_backups = QCheckBox(tr("Also erase them from the {n} backups").format(n=backups_held)
                                      if backups_held != 1 else tr("Also erase them from the backup"))
        self.from_backups.setChecked(backups_held > 0)
        self.backups_note = note(tr(
            "The backups are in {folder}. Each is rewritten without them and checked. If you leave this "
            "unticked, the backups hold their details until they are replaced (within about a year).").format(
            folder=folder or paths.backup_dir()))
        for widget in (self.from_backups, self.backups_note):
            widget.setVisible(backups_held > 0)
            layout.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.addButton(tr("&Erase for good"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(600, layout.totalHeightForWidth(600))  # room for every wrapped line, at any text size


def erase_person(parent: QWidget, window: QWidget, group: GroupFile, member_id: int, name: str, *,
                 done: Callable[[erasure.ErasureReport], None]) -> ConfirmErasure:
    """Ask (the dialog is returned, already open), then erase the person in the background.

    ``done`` runs on success with what was done; the same service as ``coordinator-app erase``.
    """
    safekeeping = getattr(window, "safekeeping", None)
    folder = safekeeping.folder if safekeeping is not None else None
    try:
        held = len(backups.list_backups(group.path, folder=folder))
    except OSError:
        held = 0
    dialog = ConfirmErasure(parent, name, held, folder)

    def work() -> erasure.ErasureReport:
        with _paused(window):
            return erasure.erase_member(group, member_id, backups=dialog.from_backups.isChecked(),
                                        backup_folder=folder)

    def erased(report: erasure.ErasureReport) -> None:
        forget_undo(window)
        done(report)
        said = "\n".join(f"• {line}" for line in report.summary())
        QMessageBox.information(parent, tr("{name} has been erased").format(name=name), said)

    dialog.accepted.connect(lambda: run_in_background(
        work, on_success=erased,
        on_failure=lambda error: _tell(parent, tr("{name} was not erased").format(name=name), error)))
    dialog.open()
    return dialog


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

        def done(_report: erasure.ErasureReport) -> None:
            self.changed()
            self.refresh()
            self.status.setText(tr("{name} has been erased.").format(name=row.name))

        self.confirm = erase_person(self, self.window_, self.group, row.member_id, row.name, done=done)
