"""Every page on the demo group: each input can be named by a screen reader, and every table model is sound."""

from __future__ import annotations

import pytest
from gui_helpers import main_dialogs
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from coordinator_app.ui.main_window import PAGES
from coordinator_app.ui.tables import RowsModel, SearchProxy

pytestmark = pytest.mark.gui

INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton)


def inside(widget: QWidget, kinds: type | tuple) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent()
    return False


def unlabelled_inputs(root: QWidget) -> list[str]:
    """Inputs with neither an accessible name, nor a label pointing at them, nor text of their own."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS):
            continue
        if inside(widget, QAbstractSpinBox | QComboBox | QLineEdit):  # parts of a spin, combo or line edit
            continue
        if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
            continue  # parts of a table, named by the table
        own_text = isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip()
        if widget.accessibleName() or id(widget) in buddies or own_text:
            continue
        missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.window()).__name__}")
    return missing


def test_every_page_labels_every_input(qtbot, make_window, demo):
    window = make_window(demo)
    for key, _label, _target in PAGES:
        page = window.desktop.show_page(key)
        assert page is not None
        assert unlabelled_inputs(page) == [], key


def test_every_dialog_labels_every_input(qtbot, make_window, demo):
    window = make_window(demo)
    for name, dialog in main_dialogs(window):
        assert unlabelled_inputs(dialog) == [], name


def test_every_table_model_passes_the_model_tester(qtbot, qtmodeltester, make_window, demo):
    window = make_window(demo)
    checked = 0
    for key, _label, _target in PAGES:
        page = window.desktop.show_page(key)
        for model in page.findChildren(RowsModel) + page.findChildren(SearchProxy):
            if model.rowCount() == 0 and isinstance(model, RowsModel):
                continue
            qtmodeltester.check(model, force_py=True)
            checked += 1
            last = model
    assert checked >= 10
    # The tester watches the last model until teardown, after the window is gone: end on one this test owns.
    owned = RowsModel(last.columns if isinstance(last, RowsModel) else last.sourceModel().columns)
    owned.set_rows(last.rows if isinstance(last, RowsModel) else last.sourceModel().rows)
    qtmodeltester.check(owned, force_py=True)


def test_search_proxy_keeps_every_word_typed(qtmodeltester):
    from coordinator_app.ui.tables import Column

    model = RowsModel([Column("Name", str), Column("Length", lambda s: str(len(s)), sort_key=len)])
    model.set_rows(["Zoë Adams", "Łukasz Wójcik", "Nguyễn Thị Hoa", "أحمد حسن", "Tom & Jerry <3"])
    proxy = SearchProxy(model)
    proxy.set_search("  ZOE  ")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Zoë Adams"]
    proxy.set_search("hoa nguyen")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Nguyễn Thị Hoa"]
    proxy.set_search("")
    proxy.sort(1)
    assert proxy.index(0, 0).data() == "أحمد حسن"
    qtmodeltester.check(proxy, force_py=True)
