"""Importing a member list from the window: a preview of every row, a bad row refused by number, then confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import TODAY, back_to, focused, modal, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from coordinator_app.db.groupfile import opened
from coordinator_app.services import members as members_service

pytestmark = pytest.mark.gui

DATA = Path(__file__).parent.parent / "data"
ALT = Qt.KeyboardModifier.AltModifier


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def open_import(qtbot, make_window, group_path):
    window = make_window(group_path, page="members")
    window.desktop.current_page().search.setFocus()
    press(qtbot, Qt.Key.Key_B, ALT)  # Import a mem&ber list…
    dialog = modal(qtbot)
    assert focused() is dialog.choose_button
    return window, dialog


def test_a_bad_row_is_refused_with_its_number_and_nothing_is_saved(qtbot, make_window, group_path, monkeypatch):
    choose_file(monkeypatch, DATA / "members_bad_date_row7.csv")
    window, dialog = open_import(qtbot, make_window, group_path)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 7)
    problems = [dialog.model.index(r, 3).data() for r in range(7) if dialog.model.rows[r].problem]
    assert problems == ['⚠ Row 7, column "joined": "31/02/2024" is not a date (use DD/MM/YYYY).']
    assert "(row 7)" in dialog.summary.text() and "nothing will be imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with opened(group_path) as group:
        assert members_service.list_members(group, today=TODAY) == []


def test_the_sample_list_is_previewed_then_imported_on_confirming(qtbot, make_window, group_path, monkeypatch):
    choose_file(monkeypatch, DATA / "members_utf8_bom.csv")
    window, dialog = open_import(qtbot, make_window, group_path)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    rows = dialog.model.rowCount()
    assert rows > 0 and f"{rows} members will be added" in dialog.summary.text()
    with opened(group_path) as group:
        assert members_service.list_members(group, today=TODAY) == []  # nothing saved before Import
    assert focused() is dialog.import_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    with opened(group_path) as group:
        names = {m.name for m in members_service.list_members(group, include_former=True, today=TODAY)}
    assert len(names) == rows and "Łukasz Wójcik" in names
    assert window.desktop.current_page().count_label.text() == f"{rows} members"
