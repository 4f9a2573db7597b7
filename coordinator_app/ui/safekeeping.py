"""Keeping the group safe from the window: automatic backups, Back up now, Restore, damaged files, stale locks.

The main window owns one :class:`Safekeeping`. It adds the backup actions to the File menu, backs the
open group up on open (in the background), every few minutes while it changes and on close, and offers
the newest checked backup when a group file turns out to be damaged. The backup folder is remembered
per computer (QSettings) and passed to the services as ``folder=``.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coordinator_app import paths
from coordinator_app.db.errors import GroupFileError, GroupFileInUse, NewerGroupFile, StaleLog
from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services import backups as backups_service
from coordinator_app.services.backups import BackupInfo, BackupScheduler

from .i18n import tr
from .jobs import run_in_background
from .pages.widgets import note
from .remembered import Remembered
from .tables import Column, RowsModel, make_table, selected_row

if TYPE_CHECKING:
    from .main_window import MainWindow

FOLDER_KEY = "backup/folder"
TICK_MS = 5 * 60 * 1000  # the scheduler itself decides whether 30 minutes have passed and anything changed


def backup_folder(remembered: Remembered) -> Path | None:
    """The backup folder chosen on this computer, or None for the usual one."""
    value = remembered.settings.value(FOLDER_KEY, "")
    return Path(str(value)) if value else None


def set_backup_folder(remembered: Remembered, folder: Path | None) -> None:
    remembered.settings.setValue(FOLDER_KEY, str(folder) if folder else "")


def shown_when(info: BackupInfo) -> str:
    return f"{info.taken_at.day} {info.taken_at.strftime('%b %Y, %H:%M')}"


def shown_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _count(value: int | None) -> str:
    return tr("unreadable") if value is None else str(value)


@dataclass(frozen=True)
class ListedBackup:
    """A backup as the restore list shows it, with what restoring it would change."""

    info: BackupInfo
    change: str


BACKUP_COLUMNS = (
    Column("Taken", lambda b: shown_when(b.info), sort_key=lambda b: b.info.taken_at),
    Column("Size", lambda b: shown_size(b.info.size), sort_key=lambda b: b.info.size, align_right=True),
    Column("Members", lambda b: _count(b.info.members), align_right=True),
    Column("Meetings", lambda b: _count(b.info.meetings), align_right=True),
    Column("Transactions", lambda b: _count(b.info.transactions), align_right=True),
    Column("Restoring it would give", lambda b: tr("the same numbers as now") if b.change.startswith("the same")
           else b.change),
)


def _alive(obj: QObject) -> bool:
    """Whether a widget still exists (a background job may finish after its window has gone)."""
    return shiboken6.isValid(obj)


class AutoBackups(QObject):
    """The open group's automatic backups. One backup at a time: a lock keeps the timer, the close and
    an erasure from running over each other."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.scheduler: BackupScheduler | None = None
        self.lock = threading.Lock()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self, group: GroupFile, folder: Path | None) -> None:
        with suppress(OSError):  # a file system without permissions (a USB stick): nothing more to do
            backups_service.secure_permissions(group)
        self.scheduler = backups_service.scheduler_for(group, folder=folder)
        if self.scheduler is None:
            return
        self._run(self.scheduler, BackupScheduler.on_open)
        self.timer.start()

    def tick(self) -> None:
        if self.scheduler is not None:
            self._run(self.scheduler, BackupScheduler.tick)

    def _run(self, scheduler: BackupScheduler, step: Callable[[BackupScheduler], Path | None]) -> None:
        def work() -> Path | None:
            if not self.lock.acquire(blocking=False):
                return None  # a backup is already being made
            try:
                # The group may have closed (or been restored) while this waited for a thread.
                return step(scheduler) if self.scheduler is scheduler else None
            finally:
                self.lock.release()

        run_in_background(work, on_success=lambda _made: None, on_failure=self._failed)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, GroupFileError | OSError):
            raise error
        if _alive(self.window_):
            self.window_.statusBar().showMessage(
                tr("The automatic backup could not be made: {error}").format(error=error))

    def stop(self) -> None:
        """The last backup, as the group closes (waiting for one already under way)."""
        self.timer.stop()
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is None:
            return
        # Closing must never be stopped by a failed backup; the one from opening is still there.
        with self.lock, suppress(GroupFileError, OSError):
            scheduler.on_close()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No automatic backup runs inside this block (an erasure rewrites the file)."""
        with self.lock:
            yield


class RestoreDialog(QDialog):
    """The group's backups, newest first, with their date, size and what restoring each would change."""

    def __init__(self, parent: QWidget, group_path: Path, folder: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Restore from a backup"))
        self.resize(900, 480)
        self.chosen: BackupInfo | None = None
        layout = QVBoxLayout(self)
        where = folder or paths.backup_dir()
        layout.addWidget(note(tr(
            "Choose the backup to go back to. The group file as it is now is kept beside it, so nothing is lost. "
            "Backups are kept in {folder}.").format(folder=where)))
        self.model = RowsModel(BACKUP_COLUMNS, self)
        self.table = make_table(self.model, tr("Backups"))
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.status = note(tr("Looking at the backups…"))
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(tr("&Restore this backup…"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.doubleClicked.connect(lambda _index: self.accept())

        def look() -> list[ListedBackup]:
            return [ListedBackup(info, backups_service.difference_from_now(group_path, info))
                    for info in backups_service.list_backups(group_path, folder=folder)]

        run_in_background(look, on_success=self._listed, on_failure=self._not_listed)

    def _listed(self, rows: list[ListedBackup]) -> None:
        if not _alive(self):
            return
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.status.setText(tr("{n} backups, newest first.").format(n=len(rows)) if len(rows) > 1
                                else tr("One backup."))
            self.restore_button.setEnabled(True)
        else:
            self.status.setText(tr("There are no backups of this group yet."))

    def _not_listed(self, error: Exception) -> None:
        if not isinstance(error, GroupFileError | OSError):
            raise error
        if _alive(self):
            self.status.setText(tr("The backups could not be read: {error}").format(error=error))

    def accept(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        self.chosen = row.info
        super().accept()


class Safekeeping(QObject):
    """Backups, restore and recovery for one main window."""

    def __init__(self, window: MainWindow, file_menu: QMenu) -> None:
        super().__init__(window)
        self.window_ = window
        self.auto = AutoBackups(window)
        self.dialog: QDialog | None = None
        self.back_up_action = file_menu.addAction(tr("&Back up now"))
        self.back_up_action.triggered.connect(lambda _checked=False: self.back_up_now())
        self.restore_action = file_menu.addAction(tr("R&estore from a backup…"))
        self.restore_action.triggered.connect(lambda _checked=False: self.choose_backup())
        file_menu.addAction(tr("Backup &folder…")).triggered.connect(lambda _checked=False: self.choose_folder())
        self._enable(False)

    @property
    def folder(self) -> Path | None:
        return backup_folder(self.window_.remembered)

    def _enable(self, on: bool) -> None:
        self.back_up_action.setEnabled(on)
        self.restore_action.setEnabled(on)

    # -- the window's hooks ------------------------------------------------------------------------
    def opened(self, group: GroupFile) -> None:
        """A group has just opened: back it up, warn once about a risky folder, offer to clear a stale lock."""
        self._enable(True)
        self.auto.start(group, self.folder)
        warning = backups_service.location_warning(group.path)
        if group.tightened:
            self.window_.statusBar().showMessage(tr(
                "{name} could be read by other people on this computer; it is now private to you.").format(
                name=group.path.name), 15000)
        if warning:
            self.window_.statusBar().showMessage(warning)
            banner = self.window_.desktop.banner if self.window_.desktop else None
            if banner is not None and not banner.isVisibleTo(self.window_):
                banner.setText("ⓘ " + warning)
                banner.show()
        if group.read_only and group.held_by is not None and self._may_be_stale(group):
            self._offer_open_anyway(group)

    def closing(self) -> None:
        """The group is about to close: its last backup (quick: only when something changed)."""
        self.auto.stop()
        self._enable(False)

    def offer_recovery(self, path: Path, error: GroupFileError) -> bool:
        """When a group file cannot be opened, offer its newest checked backup; True if the user was asked."""
        path = Path(path)
        if isinstance(error, StaleLog):
            return self._offer_setting_log_aside(path, error)
        if isinstance(error, GroupFileInUse | NewerGroupFile) or not path.is_file():
            return False
        try:
            offer = backups_service.offer_for_damaged(path.resolve(), folder=self.folder)
        except (GroupFileError, OSError):
            return False
        if offer is None:
            return False
        answer = QMessageBox.question(
            self.window_, tr("The group file cannot be opened"),
            tr("{error}\n\nThere is a checked backup from {when} ({members} members, {meetings} meetings). "
               "Put it in place of the damaged file? The damaged file is kept beside it, unchanged, so someone "
               "can look at it later.").format(error=error, when=shown_when(offer), members=_count(offer.members),
                                               meetings=_count(offer.meetings)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return True
        target, folder = path.resolve(), self.folder
        self.window_.statusBar().showMessage(tr("Putting the backup in place…"))

        def done(recovery: backups_service.Recovery) -> None:
            if not _alive(self.window_):
                return
            if self.window_.open_path(target):
                self.window_.statusBar().showMessage(tr(
                    "The backup from {when} is in place. The damaged file was kept as {aside}.").format(
                    when=shown_when(offer), aside=recovery.set_aside_as.name))

        run_in_background(lambda: backups_service.recover_damaged(target, backup=offer.path, folder=folder),
                          on_success=done, on_failure=self._failed(tr("The backup was not put in place")))
        return True

    # -- File menu ---------------------------------------------------------------------------------
    def _offer_setting_log_aside(self, path: Path, error: GroupFileError) -> bool:
        """The file is sound but a leftover log from another copy lies beside it: offer the safe choice."""
        answer = QMessageBox.question(
            self.window_, tr("The group file cannot be opened"),
            tr("{error}\n\nSet the log aside now? It is kept beside the file under another name, not deleted.")
            .format(error=error),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return True
        try:
            kept = backups_service.set_aside_stale_log(path)
        except (GroupFileError, OSError) as failure:
            QMessageBox.warning(self.window_, tr("The log was not set aside"), str(failure))
            return True
        if self.window_.open_path(path):
            self.window_.statusBar().showMessage(tr("The leftover log was kept as {kept}.").format(kept=kept.name))
        return True

    def back_up_now(self) -> None:
        group = self.window_.group
        if group is None:
            return
        folder = self.folder
        self.back_up_action.setEnabled(False)
        self.window_.statusBar().showMessage(tr("Backing up…"))

        def work() -> Path:
            with self.auto.paused():
                return backups_service.back_up_now(group, folder=folder)

        def done(made: Path) -> None:
            if _alive(self.window_):
                self.back_up_action.setEnabled(self.window_.group is not None)
                self.window_.statusBar().showMessage(
                    tr("Backed up and checked: {file}").format(file=made), 15000)

        def failed(error: Exception) -> None:
            if _alive(self.window_):
                self.back_up_action.setEnabled(self.window_.group is not None)
            self._failed(tr("The backup was not made"))(error)

        run_in_background(work, on_success=done, on_failure=failed)

    def choose_backup(self) -> None:
        group = self.window_.group
        if group is None:
            return
        dialog = RestoreDialog(self.window_, group.path, self.folder)
        dialog.accepted.connect(lambda: self.restore(dialog.chosen))
        self.dialog = dialog
        dialog.open()

    def restore(self, chosen: BackupInfo | None) -> None:
        """Close the group, put the chosen backup in its place (in the background), and open it again."""
        group = self.window_.group
        desktop = self.window_.desktop
        page_now = desktop.current_page() if desktop else None
        if chosen is None or group is None or (page_now is not None and not page_now.may_leave()):
            return
        change = backups_service.difference_from_now(group.path, chosen)
        answer = QMessageBox.question(
            self.window_, tr("Restore from a backup"),
            tr("Go back to the backup from {when}? Restoring it would give {change}. The group file as it is now "
               "is kept beside it, so nothing is lost.").format(when=shown_when(chosen), change=change),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        path, page = group.path, self.window_.desktop.current_key if self.window_.desktop else None
        self.window_.close_group()
        self.window_.statusBar().showMessage(tr("Restoring…"))

        def done(result: backups_service.RestoreResult) -> None:
            if not _alive(self.window_):
                return
            if self.window_.open_path(path, page=page):
                kept = tr(" The file it replaced was kept as {name}.").format(name=result.kept_as.name) \
                    if result.kept_as else ""
                self.window_.statusBar().showMessage(
                    tr("Restored the backup from {when}.").format(when=shown_when(chosen)) + kept)

        def failed(error: Exception) -> None:
            if _alive(self.window_):
                self.window_.open_path(path, page=page)
            self._failed(tr("The backup was not restored"))(error)

        run_in_background(lambda: backups_service.restore(path, chosen.path), on_success=done, on_failure=failed)

    def choose_folder(self) -> None:
        current = self.folder or paths.backup_dir()
        chosen = QFileDialog.getExistingDirectory(self.window_, tr("Where should backups be kept?"), str(current))
        if not chosen:
            return
        folder = Path(chosen)
        set_backup_folder(self.window_.remembered, None if folder == paths.backup_dir() else folder)
        group = self.window_.group
        if group is not None:  # back up into the new folder from now on
            self.auto.stop()
            self.auto.start(group, self.folder)
        self.window_.statusBar().showMessage(tr("Backups will be kept in {folder}.").format(folder=folder), 15000)

    # -- helpers -----------------------------------------------------------------------------------
    def _failed(self, title: str):
        def say(error: Exception) -> None:
            if not isinstance(error, GroupFileError | OSError):
                raise error
            if _alive(self.window_):
                self.window_.statusBar().clearMessage()
                QMessageBox.warning(self.window_, title, str(error))

        return say

    @staticmethod
    def _may_be_stale(group: GroupFile) -> bool:
        """A lock from another computer (or an unreadable one) may be left over; one from a copy running
        here is not (a dead one here is taken over when the file opens)."""
        owner = group.held_by
        return owner is not None and (owner.host != socket.gethostname() or owner.pid <= 0)

    def _offer_open_anyway(self, group: GroupFile) -> None:
        desktop = self.window_.desktop
        if desktop is None:
            return
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 0, 8, 4)
        row.addWidget(QLabel(tr("If that copy of the app is no longer running (its computer was switched off, "
                                "or it stopped), you can open the file anyway.")), 1)
        self.open_anyway_button = QPushButton(tr("&Open it anyway…"))
        row.addWidget(self.open_anyway_button)
        desktop.layout().insertWidget(1, bar)
        bar.show()  # a widget added to a window already on screen is shown only when asked
        self.open_anyway_button.clicked.connect(lambda: self.open_anyway(group.path))

    def open_anyway(self, path: Path) -> None:
        answer = QMessageBox.question(
            self.window_, tr("Open it anyway"),
            tr("Only do this if nobody else has this group open right now: two copies changing the same file can "
               "lose each other's changes. Open it anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        page = self.window_.desktop.current_key if self.window_.desktop else None
        self.window_.close_group()
        backups_service.clear_stale_lock(path, force=True)
        self.window_.open_path(path, page=page)

