"""File ▸ Check this group file: the ``check`` command's service, run in the background, the answer in words."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.file_check import FileCheck, check_group

from .i18n import tr
from .jobs import run_in_background

SHOW_AT_MOST = 5


def describe(result: FileCheck) -> str:
    """The summary sentence, then (for a damaged file) the first few problems, for whoever helps."""
    lines = [result.summary()]
    if result.problems:
        lines.append("")
        lines += [f"• {problem}" for problem in result.problems[:SHOW_AT_MOST]]
        if len(result.problems) > SHOW_AT_MOST:
            lines.append(tr("… and {n} more.").format(n=len(result.problems) - SHOW_AT_MOST))
    return "\n".join(lines)


def check_open_group(window: QMainWindow, group: GroupFile, action: QAction) -> None:
    """Check ``group`` off the GUI thread, ``action`` disabled meanwhile, then say what was found."""
    action.setEnabled(False)
    window.statusBar().showMessage(tr("Checking the group file…"))

    def done(result: FileCheck) -> None:
        action.setEnabled(True)
        window.statusBar().clearMessage()
        title = tr("Check this group file")
        if result.sound:
            QMessageBox.information(window, title, describe(result))
        else:
            QMessageBox.warning(window, title, describe(result))

    def failed(error: Exception) -> None:
        action.setEnabled(True)
        window.statusBar().clearMessage()
        if not isinstance(error, OSError):
            raise error
        QMessageBox.warning(window, tr("Check this group file"),
                            tr("The group file could not be read to check it: {why}").format(
                                why=error.strerror or error))

    run_in_background(lambda: check_group(group), on_success=done, on_failure=failed)
