"""Start the desktop app: the QApplication, its names, the look, then the window on the right group."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from coordinator_app import APP_NAME, __version__, desktop, paths

from .fonts import register_shipped_fonts
from .main_window import MainWindow
from .remembered import Remembered
from .style import DEFAULT_TEXT_SIZE, apply_look

DESKTOP_FILE = "org.groupcoordinator.GroupCoordinator"
BUG_LOG = "coordinator.log"  # the same log the command line writes


def make_application() -> QApplication:
    """The one QApplication, named so the desktop (and QSettings) know which app this is."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Group Coordinator")
    app.setOrganizationName("Group Coordinator")
    app.setOrganizationDomain("groupcoordinator.org")
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    icon = QIcon()
    for size in desktop.ICON_SIZES:
        icon.addFile(str(desktop.icon_png(size)))
    app.setWindowIcon(icon)  # the title bar and task bar show the app's own icon
    register_shipped_fonts()  # names in any script show even where the computer has no font for them
    return app


def open_window(group_path: Path | None) -> MainWindow:
    """The main window on ``group_path``, else on the last group used, else on the welcome screen.

    A file that cannot be opened is explained in a message box (by ``open_path``) and the welcome
    screen is shown instead.
    """
    remembered = Remembered()
    apply_look(QApplication.instance(), remembered.text_size(DEFAULT_TEXT_SIZE),  # type: ignore[arg-type]
               remembered.colours())
    window = MainWindow(remembered=remembered)
    target = group_path or remembered.last_group()
    if target is not None and (group_path is not None or target.exists()):
        window.open_path(target)
    window.show()
    return window


def _log_bug(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> Path:
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / BUG_LOG
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {APP_NAME} {__version__} (window)\n")
        handle.write("".join(traceback.format_exception(kind, error, trace)))
    return log


def report_bugs_plainly() -> None:
    """An error nobody expected (a bug) is logged with its traceback and explained in one sentence.

    The window keeps running: each change is saved by its own service call, so nothing half-done remains.
    """

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        try:
            where = _log_bug(kind, error, trace)
            sentence = f"Something went wrong that should not have. Nothing was half-saved; details are in {where}."
        except OSError:
            sentence = "Something went wrong that should not have, and the details could not be logged."
        QMessageBox.critical(QApplication.activeWindow(), APP_NAME, sentence)

    sys.excepthook = hook


def run_gui(group_path: Path | None) -> int:
    app = make_application()
    report_bugs_plainly()
    window = open_window(group_path)
    code = app.exec()
    # Let background work (the backup taken on close, a report being written) finish before Python
    # tears down the objects its answers would be delivered to.
    QThreadPool.globalInstance().waitForDone()
    del window
    return code
