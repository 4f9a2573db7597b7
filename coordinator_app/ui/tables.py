"""One table model for every list: rows are the services' frozen dataclasses, columns say how to show them.

Vorta-style: a QAbstractTableModel over a Python list, replaced wholesale on refresh (no widget per
row). Each row also carries a pre-folded search text so search-as-you-type compares plain strings,
and accents do not matter ("zoe" finds Zoë).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from coordinator_app.services.validate import fold

from .i18n import tr

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def show_date(value: date | None) -> str:
    return f"{value.day} {value.strftime('%b %Y')}" if value else ""


@dataclass(frozen=True)
class Column:
    """A column: its heading, the text shown for a row, and optionally a different sort key."""

    heading: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._texts: list[list[str]] = []
        self._search: list[str] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [[column.text(row) for column in self.columns] for row in self.rows]
        self._search = [fold(" ".join(texts)) for texts in self._texts]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[row][col]
        if role == ROW_ROLE:
            return self.rows[row]
        if role == SORT_ROLE:
            column = self.columns[col]
            if column.sort_key is None:
                return fold(self._texts[row][col])
            key = column.sort_key(self.rows[row])
            return key.isoformat() if isinstance(key, date) else key
        if role == SEARCH_ROLE:
            return self._search[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[col].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role in shown and horizontal and 0 <= section < len(self.columns):
            return tr(self.columns[section].heading, "Column")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def search_text(self, row: int) -> str:
        return self._search[row]


class SearchProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key and keeps rows whose folded text holds every word typed."""

    def __init__(self, source: RowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        haystack = model.search_text(source_row)
        return all(word in haystack for word in self._words)


def make_table(model: QAbstractTableModel | QSortFilterProxyModel, name: str, parent: QWidget | None = None,
               *, sortable: bool = True) -> QTableView:
    """A read-only, whole-row-selecting table view with an accessible name.

    A sortable table keeps the services' order until a heading is clicked.
    """
    view = QTableView(parent)
    if sortable and isinstance(model, RowsModel):
        model = SearchProxy(model, view)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(max(36, view.fontMetrics().height() + 16))
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    return view


def selected_row(view: QTableView) -> Any:
    """The dataclass behind the current row of ``view``, or None."""
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isRowSelected(index.row(), index.parent()):
        return None
    return index.siblingAtColumn(0).data(ROW_ROLE)
