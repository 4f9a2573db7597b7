"""Start the desktop app: the QApplication, its names, the look, then the window on the right group."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from coordinator_app import desktop

from .main_window import MainWindow
from .remembered import Remembered
from .style import DEFAULT_TEXT_SIZE, apply_look

DESKTOP_FILE = "org.groupcoordinator.GroupCoordinator"


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
    return app


def open_window(group_path: Path | None) -> MainWindow:
    """The main window on ``group_path``, else on the last group used, else on the welcome screen.

    A file that cannot be opened is explained in a message box (by ``open_path``) and the welcome
    screen is shown instead.
    """
    remembered = Remembered()
    apply_look(QApplication.instance(), remembered.text_size(DEFAULT_TEXT_SIZE))  # type: ignore[arg-type]
    window = MainWindow(remembered=remembered)
    target = group_path or remembered.last_group()
    if target is not None and (group_path is not None or target.exists()):
        window.open_path(target)
    window.show()
    return window


def run_gui(group_path: Path | None) -> int:
    app = make_application()
    window = open_window(group_path)
    code = app.exec()
    del window
    return code
