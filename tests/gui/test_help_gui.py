"""The Help menu: the shortcuts it lists are exactly the window's, the folders open, the guide and About show."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPushButton, QTextBrowser

from coordinator_app import __version__, paths

pytestmark = pytest.mark.gui

NATIVE = QKeySequence.SequenceFormat.NativeText


def help_item(window, text: str) -> QAction:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def listed(window) -> dict[str, str]:
    help_item(window, "Keyboard shortcuts").trigger()
    table = window.help_window.table
    return {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}


def test_the_shortcut_window_lists_exactly_the_windows_shortcuts(make_window, group_path):
    window = make_window(group_path)
    rows = listed(window)
    with_keys = {a for a in window.findChildren(QAction) if not a.shortcut().isEmpty() and a.associatedObjects()}
    assert len(rows) == len(with_keys) + 10  # every menu command with keys, and Ctrl+1 … Ctrl+0 for the pages
    assert rows["Edit ▸ Undo"] == QKeySequence(QKeySequence.StandardKey.Undo).toString(NATIVE)
    assert rows["File ▸ Open group…"] == QKeySequence(QKeySequence.StandardKey.Open).toString(NATIVE)
    assert rows["Go to the Money page"] == QKeySequence("Ctrl+8").toString(NATIVE)
    assert "Ctrl+Y" in rows["Edit ▸ Redo"].replace("⌘", "Ctrl+")
    window.help_window.done(0)

    file_menu = window.menuBar().actions()[0].menu()
    extra = file_menu.addAction("Print everything")
    extra.setShortcut(QKeySequence("Ctrl+Shift+F9"))
    assert listed(window)["File ▸ Print everything"] == QKeySequence("Ctrl+Shift+F9").toString(NATIVE)
    file_menu.removeAction(extra)
    assert "File ▸ Print everything" not in listed(window)


def test_where_are_my_files_opens_each_folder(make_window, group_path, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    paths.log_dir().mkdir(parents=True)
    paths.backup_dir().mkdir(parents=True)
    window = make_window(group_path)
    help_item(window, "Where are my files?").trigger()
    buttons = [b for b in window.help_window.findChildren(QPushButton) if b.text() == "Open"]
    assert len(buttons) == 5 and all(b.isEnabled() for b in buttons)
    for opener in buttons:
        opener.click()
    assert opened == [str(folder) for folder in (group_path.parent, paths.data_dir(), paths.backup_dir(),
                                                 Path.home(), paths.log_dir())]


def test_a_folder_not_made_yet_is_said_so_and_cannot_be_opened(make_window):
    window = make_window()
    help_item(window, "Where are my files?").trigger()
    texts = [box.text() for box in window.help_window.findChildren(QLineEdit)]
    assert f"{paths.log_dir()} (nothing there yet)" in texts
    opener = next(b for b in window.help_window.findChildren(QPushButton) if "logs" in b.accessibleName())
    assert not opener.isEnabled()


def test_the_guide_and_about_are_shown_in_the_app(make_window):
    window = make_window()
    help_item(window, "User guide").trigger()
    guide = window.help_window.findChild(QTextBrowser).toPlainText()
    assert "After a meeting" in guide and "Ctrl+Enter" in guide
    help_item(window, "About Group Coordinator").trigger()
    about = window.help_window.findChild(QTextBrowser).toPlainText()
    assert __version__ in about and "GNU General Public License" in about
    assert "SIL Open Font License" in about and "Bitstream" in about and "Apache License" in about
