"""The Help menu: the user guide shipped with the app, the keyboard shortcuts, where the files are, and About.

Everything is read from inside the app, so it works offline: the guide and the licences are files in
``coordinator_app/resources/`` shown in the app's own viewer, and the shortcuts are read from the
window's actions each time, so the list is always the one that works.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coordinator_app import APP_NAME, __version__, paths

from .i18n import tr
from .pages.widgets import button, note
from .reports.making import open_file, report_folder
from .safekeeping import backup_folder
from .screen_fit import sized_for_screen

NATIVE = QKeySequence.SequenceFormat.NativeText
LICENCE = "GNU General Public License, version 3 or later"
FONT_LICENCES = ("LICENSE-DejaVu.txt", "LICENSE-Noto.txt", "LICENSE-Droid.txt")


def resource_text(*parts: str) -> str:
    return importlib.resources.files("coordinator_app").joinpath("resources", *parts).read_text(encoding="utf-8")


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(sequence.toString(NATIVE) for sequence in sequences if not sequence.isEmpty())


def _menu_actions(menu: QMenu, path: str) -> list[tuple[str, QAction]]:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += _menu_actions(action.menu(), f"{path} ▸ {_plain(action.menu().title())}")
        elif not action.isSeparator():
            found.append((f"{path} ▸ {_plain(action.text())}", action))
    return found


def shortcut_list(window: QMainWindow) -> list[tuple[str, str]]:
    """(what, keys) for every menu command with keys, then every other window shortcut that says what it does."""
    rows = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            rows += [(what, _keys(action.shortcuts())) for what, action in _menu_actions(top.menu(), _plain(top.text()))
                     if _keys(action.shortcuts())]
    rows += [(shortcut.whatsThis(), _keys([shortcut.key()])) for shortcut in window.findChildren(QShortcut)
             if shortcut.whatsThis() and shortcut.isEnabled()]
    return rows


class _Window(QDialog):
    """A help window: a title, what it shows, and a Close button."""

    def __init__(self, parent: QWidget, title: str, body: QWidget, size: QSize) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        sized_for_screen(self, size)


def _viewer(markdown: str, name: str) -> QTextBrowser:
    viewer = QTextBrowser()
    viewer.setAccessibleName(name)
    viewer.setOpenExternalLinks(False)  # nothing here leaves the computer
    viewer.setMarkdown(markdown)
    return viewer


def shortcuts_window(window: QMainWindow) -> QDialog:
    rows = shortcut_list(window)
    table = QTableWidget(len(rows), 2)
    table.setAccessibleName(tr("Keyboard shortcuts"))
    table.setHorizontalHeaderLabels([tr("What it does"), tr("Keys")])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    for row, (what, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(what))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(note(tr("On every page and in every dialog, Alt and an underlined letter moves to that box "
                             "or presses that button.")))
    layout.addWidget(table, 1)
    dialog = _Window(window, tr("Keyboard shortcuts"), body, QSize(640, 560))
    dialog.table = table  # type: ignore[attr-defined]
    return dialog


def folders(window: QMainWindow) -> list[tuple[str, Path]]:
    """The folders this computer keeps the app's files in, the open group's own first."""
    group = getattr(window, "group", None)
    settings = getattr(window, "remembered", None)
    found = [(tr("The open group file"), group.path.parent)] if group is not None else []
    found += [(tr("Group files (the usual place)"), paths.data_dir()),
              (tr("Backups"), (backup_folder(settings) if settings else None) or paths.backup_dir()),
              (tr("Printed documents"), report_folder(window)),
              (tr("Problem reports (logs)"), paths.log_dir())]
    return found


def files_window(window: QMainWindow) -> QDialog:
    body = QWidget()
    grid = QGridLayout(body)
    grid.setColumnStretch(0, 1)
    row = 0
    for what, folder in folders(window):
        grid.addWidget(QLabel(f"<b>{what}</b>"), row, 0, 1, 2)
        where = QLineEdit(str(folder) if folder.is_dir() else tr("{folder} (nothing there yet)").format(folder=folder))
        where.setReadOnly(True)  # to copy from; a long path scrolls in its box
        where.setAccessibleName(what)
        where.setCursorPosition(0)
        grid.addWidget(where, row + 1, 0)
        opener = button(tr("Open"), tr("Show this folder in the file manager"))
        opener.setAccessibleName(tr("Open: {what}").format(what=what))
        opener.setEnabled(folder.is_dir())
        opener.clicked.connect(lambda _checked=False, f=folder: open_file(f))
        grid.addWidget(opener, row + 1, 1)
        row += 2
    grid.setRowStretch(row, 1)
    return _Window(window, tr("Where are my files?"), body, QSize(720, 480))


def about_window(window: QMainWindow) -> QDialog:
    fonts = "\n\n".join(f"## {name}\n\n```\n{resource_text('fonts', name).strip()}\n```" for name in FONT_LICENCES)
    text = (f"# {APP_NAME} {__version__}\n\n"
            + tr("Free software under the {licence}. Everything stays on this computer; nothing is sent anywhere.")
            .format(licence=LICENCE)
            + "\n\n" + resource_text("fonts", "README.md") + "\n\n" + fonts)
    return _Window(window, tr("About {app}").format(app=APP_NAME), _viewer(text, tr("About")), QSize(760, 600))


def guide_window(window: QMainWindow) -> QDialog:
    return _Window(window, tr("User guide"), _viewer(resource_text("guide", "user-guide.md"), tr("User guide")),
                   QSize(760, 640))


def add_help_menu(window: QMainWindow) -> None:
    """The Help menu; each window it opens is kept on ``window.help_window`` until the next one."""
    menu = window.menuBar().addMenu(tr("&Help"))
    window.help_window = None  # type: ignore[attr-defined]

    def show(make) -> None:
        window.help_window = make(window)  # type: ignore[attr-defined]
        window.help_window.open()  # type: ignore[attr-defined]

    for text, make, keys in ((tr("&User guide"), guide_window, QKeySequence.StandardKey.HelpContents),
                             (tr("&Keyboard shortcuts"), shortcuts_window, None),
                             (tr("&Where are my files?"), files_window, None),
                             (tr("&About {app}").format(app=APP_NAME), about_window, None)):
        action = menu.addAction(text)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False, m=make: show(m))
