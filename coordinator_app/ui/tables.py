"""One table model for every list: rows are the services' frozen dataclasses, columns say how to show them.

Vorta-style: a QAbstractTableModel over a Python list, replaced wholesale on refresh (no widget per
row). Each row also carries a pre-folded search text so search-as-you-type compares plain strings,
and accents do not matter ("zoe" finds Zoë).

Sorting is by value, not by the text shown: a column's ``sort_key`` (a date, pence, a count, a tuple
of them) is compared in Python by ``SearchProxy.lessThan``, because QSortFilterProxyModel cannot
compare Python values itself. A column without one sorts by its folded text, numbers in it by value
("9 items" before "10 items"). Any model can offer its values the same way, under ``SORT_ROLE``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
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
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the Python value a cell sorts by (PySide passes it through as is)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
MAX_COLUMN_CHARACTERS = 24  # beyond this a column is cut short, the whole text in its tooltip
CONTENT_ROWS = 200  # a column is as wide as the rows in sight and this many more (a long register stays quick)


def show_date(value: date | None) -> str:
    return f"{value.day} {value.strftime('%b %Y')}" if value else ""


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Folded text with its runs of digits compared as numbers, so "row 9" comes before "row 10"."""
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in _DIGITS.split(fold(text)) if part)


def _before(left: Any, right: Any) -> bool:
    """``left < right`` for sort keys of any kind; a missing value (None) sorts after every value."""
    if left is None or right is None:
        return left is not None and right is None
    if isinstance(left, tuple) and isinstance(right, tuple):
        for a, b in zip(left, right, strict=False):
            if a != b:
                return _before(a, b)
        return len(left) < len(right)
    try:
        return bool(left < right)
    except TypeError:  # keys of different kinds: keep them apart, in a fixed order
        return type(left).__name__ < type(right).__name__


@dataclass(frozen=True)
class Column:
    """A column: its heading, the text shown for a row, and optionally the value it sorts by."""

    heading: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False


class ColumnsModel(QAbstractTableModel):
    """What every table model here shares: its columns' headings, read-only selectable cells."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.columns)

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


class RowsModel(ColumnsModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self.rows: list[Any] = []
        self._texts: list[list[str]] = []
        self._search: list[str] = []
        self._keys: dict[int, list[Any]] = {}

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [[column.text(row) for column in self.columns] for row in self.rows]
        self._search = [fold(" ".join(texts)) for texts in self._texts]
        self._keys: dict[int, list[Any]] = {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[row][col]
        if role == ROW_ROLE:
            return self.rows[row]
        if role == SORT_ROLE:
            return self.sort_value(row, col)
        if role == SEARCH_ROLE:
            return self._search[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[col].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def search_text(self, row: int) -> str:
        return self._search[row]

    def sort_value(self, row: int, column: int) -> Any:
        """What ``row`` sorts by in ``column``: the column's ``sort_key``, else its text in natural order."""
        keys = self._keys.get(column)
        if keys is None:  # worked out once per column, when it is first sorted
            sort_key = self.columns[column].sort_key
            keys = self._keys[column] = [natural_key(texts[column]) if sort_key is None else sort_key(item)
                                         for item, texts in zip(self.rows, self._texts, strict=True)]
        return keys[row]


class SearchProxy(QSortFilterProxyModel):
    """Sorts by each column's value and keeps rows whose folded text holds every word typed.

    Rows with equal values keep the services' order, so a sort never shuffles them.
    """

    def __init__(self, source: RowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self._words: list[str] = []

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None and b is None:  # a model that offers no values: its text, in natural order
            a, b = natural_key(str(left.data() or "")), natural_key(str(right.data() or ""))
        elif a is None or b is None:  # a blank cell goes last, whichever way the column is sorted
            return (a is None) == (self.sortOrder() == Qt.SortOrder.DescendingOrder)
        if _before(a, b):
            return True
        if _before(b, a):
            return False
        return left.row() < right.row()

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


class Table(QTableView):
    """A table whose columns are as wide as what they hold (up to a limit, beyond which the tooltip shows all)
    and whose rows are as tall as the text, both again whenever the text size changes."""

    def fit_to_text(self) -> None:
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(max(36, metrics.height() + 16))
        self.horizontalHeader().setMaximumSectionSize(metrics.averageCharWidth() * MAX_COLUMN_CHARACTERS)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_text()


def make_table(model: QAbstractTableModel | QSortFilterProxyModel, name: str, parent: QWidget | None = None,
               *, sortable: bool = True) -> QTableView:
    """A read-only, whole-row-selecting table view with an accessible name, its columns sized by their contents.

    The last column takes the room left over. A sortable table keeps the services' order until a heading is clicked.
    """
    view = Table(parent)
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
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(CONTENT_ROWS)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.fit_to_text()
    view.setSortingEnabled(sortable)
    return view


def source_row(index: Index) -> int:
    """The row in the list behind a (possibly sorted or filtered) view's ``index``."""
    while isinstance(index.model(), QAbstractProxyModel):
        index = index.model().mapToSource(index)
    return index.row()


def select_where(view: QTableView, wanted: Callable[[Any], bool]) -> bool:
    """Make the first row whose dataclass is ``wanted`` current and selected, wherever sorting has put it."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if wanted(index.data(ROW_ROLE)):
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            return True
    return False


def selected_row(view: QTableView) -> Any:
    """The dataclass behind the current row of ``view``, or None."""
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isRowSelected(index.row(), index.parent()):
        return None
    return index.siblingAtColumn(0).data(ROW_ROLE)
