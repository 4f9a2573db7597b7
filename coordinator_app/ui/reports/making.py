"""Make a PDF in the background, then open it in the system's PDF viewer.

Shared by the Reports page and the print buttons on other pages, so every document is made the same way:
into the folder the user last chose (remembered between runs), under a plain name that never replaces an
existing file ("Sign-in sheet 12 March 2026 (2).pdf"), with the asking buttons disabled while it is made.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from coordinator_app.services.errors import NotFound, StorageError, ValidationError

from ..forms import explain
from ..i18n import tr
from ..jobs import run_in_background
from ..remembered import Remembered

FOLDER_KEY = "reports/folder"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def _settings(window: QWidget) -> QSettings:
    """The window's own memory (a test's or a portable copy's), else the app's."""
    remembered = getattr(window, "remembered", None)
    return (remembered if isinstance(remembered, Remembered) else Remembered()).settings


def report_folder(window: QWidget) -> Path:
    """Where documents are saved: the folder last chosen, else the user's Documents folder."""
    value = str(_settings(window).value(FOLDER_KEY, "") or "")
    if value and Path(value).is_dir():
        return Path(value)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def set_report_folder(window: QWidget, folder: Path) -> None:
    settings = _settings(window)
    settings.setValue(FOLDER_KEY, str(folder))
    settings.sync()


def file_name(title: str) -> str:
    """A file name any system accepts, from a title that may hold a grant reference or a date label."""
    cleaned = _UNSAFE.sub("-", title).strip(" .") or tr("Document")
    return f"{cleaned[:150]}.pdf"


def reserve(folder: Path, name: str) -> Path:
    """Create an empty file called ``name`` in ``folder``, or "name (2)", "name (3)"…: never one that exists."""
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while True:
        path = folder / (name if number == 1 else f"{stem} ({number}){suffix}")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # owner-only, like the PDF
            return path
        except FileExistsError:
            number += 1


def open_file(path: Path) -> bool:
    """Open ``path`` with the system's own program (the PDF viewer, or the file manager for a folder)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def say_why(window: QWidget, error: Exception, folder: Path) -> None:
    """One sentence for a document that was not made; a bug is re-raised to be logged."""
    if isinstance(error, OSError):
        error = StorageError(tr("The document could not be saved in {folder}: {why}.").format(
            folder=folder, why=error.strerror or error))
    if not isinstance(error, ValidationError | StorageError | NotFound):
        raise error
    explain(window, error)


def make_pdf(
    window: QWidget,
    *,
    title: str,
    make: Callable[[Path], object],
    busy: Iterable[QWidget] = (),
    on_made: Callable[[Path, bool], None] | None = None,
    on_over: Callable[[], None] | None = None,
) -> Path | None:
    """Make a PDF called ``title`` with ``make(path)`` in the background, then open it.

    ``busy`` widgets are disabled until it is over. ``on_made(path, opened)`` hears where it went and whether
    a viewer opened it; ``on_over()`` is called either way. Returns the path being written, or None when
    the folder cannot be written at all (the user has been told why).
    """
    folder = report_folder(window)
    try:
        path = reserve(folder, file_name(title))
    except OSError as error:
        say_why(window, error, folder)
        return None
    waiting = [widget for widget in busy if widget.isEnabled()]
    for widget in waiting:
        widget.setEnabled(False)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def finish() -> bool:
        """Undo the busy look; False if the page that asked has gone (its group was closed meanwhile)."""
        QApplication.restoreOverrideCursor()
        if not isValid(window) or not all(isValid(widget) for widget in waiting):
            return False
        for widget in waiting:
            widget.setEnabled(True)
        if on_over is not None:
            on_over()
        return True

    def made(_result: object) -> None:
        still_there = finish()
        opened = open_file(path)
        if on_made is not None and still_there:
            on_made(path, opened)

    def failed(error: Exception) -> None:
        path.unlink(missing_ok=True)  # never leave an empty or half-written document behind
        if finish():  # a job whose group was closed under it fails for that reason: nothing more to say
            say_why(window, error, folder)

    def work() -> Path:
        make(path)
        return path

    run_in_background(work, on_success=made, on_failure=failed)
    return path


def folder_words(folder: Path) -> str:
    """A folder as people know it: "your home folder", "Documents in your home folder", or the full path."""
    home = Path.home()
    if folder == home:
        return tr("your home folder")
    if folder.is_relative_to(home):
        return tr("“{folder}” in your home folder").format(folder=folder.relative_to(home))
    return str(folder)


def made_message(path: Path, opened: bool) -> str:
    """The sentence saying where a document went (and what to do if no viewer opened it)."""
    if opened:
        return tr("Saved “{name}” in {folder}.").format(name=path.name, folder=folder_words(path.parent))
    return tr("Saved “{name}” in {folder}, but no program to show PDF files opened it; open it from that "
              "folder.").format(name=path.name, folder=folder_words(path.parent))
