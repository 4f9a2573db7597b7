"""The register's table model: one account's lines, read from the database a page at a time.

Loading every line into a list model cost the whole account on each visit (68,000 lines in an umbrella
group's file, seconds). This model asks only how many lines there are, then reads the pages the view
shows (``services.money.register``), so opening the register costs the same at any size.

Searching, and sorting by any column but the date, need every line: the model reads them once into an
index (each line with its folded text, as ``ui.tables`` folds it, so "zoe" finds "Zoë") and keeps it
until the next change. A short register is indexed at once; a long one off the window's thread, while
the window stays in use (``indexing`` is true until it lands, and ``arranged`` says when it has).
Columns sort by their ``sort_key`` as every other table does, blanks last either way; lines with the
same value keep their date order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from shiboken6 import Shiboken

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.money import transactions
from coordinator_app.services.money.register import (
    RegisterSummary,
    register_page,
    register_position,
    register_summary,
)
from coordinator_app.services.money.transactions import RegisterLine
from coordinator_app.services.validate import fold

from ..jobs import run_in_background
from ..tables import ROW_ROLE, SEARCH_ROLE, SORT_ROLE, Column, ColumnsModel, Index, natural_key
from .columns import REG_DATE

PAGE = 200  # lines read at once: a few screens' worth
KEPT_PAGES = 50  # pages kept while scrolling about; older ones are read again if wanted
SMALL = 2_000  # a register this short is indexed at once (a few milliseconds)
_ASCENDING = Qt.SortOrder.AscendingOrder
_NO_LINES = RegisterSummary(0, 0, 0)


@dataclass(frozen=True)
class RegisterIndex:
    """Every line of an account in date order, with the folded text a search looks in."""

    lines: list[RegisterLine]
    texts: list[str]


def build_index(group: GroupFile, account_id: int, columns: Sequence[Column]) -> RegisterIndex:
    """Read and fold every line (no widgets here: this may run off the window's thread)."""
    lines = transactions.register(group, account_id=account_id)
    folded: dict[str, str] = {}  # payees, dates and categories repeat: fold each text once

    def fold_once(text: str) -> str:
        found = folded.get(text)
        if found is None:
            found = folded[text] = fold(text)
        return found

    # fold(a + " " + b) == fold(a) + " " + fold(b): folding works letter by letter
    texts = [" ".join([fold_once(column.text(line)) for column in columns]) for line in lines]
    return RegisterIndex(lines, texts)


class RegisterModel(ColumnsModel):
    arranged = Signal()  # the lines shown changed: a search or sort landed, or indexing began
    failed = Signal(object)  # reading the index failed (the error, to report)

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self.group: GroupFile | None = None
        self.account_id: int | None = None
        self.summary = _NO_LINES
        self.indexing = False
        self._pages: dict[int, list[RegisterLine]] = {}
        self._index: RegisterIndex | None = None
        self._shown: list[int] | None = None  # positions in the index, when searching or sorted
        self._words: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, _ASCENDING)
        self._loads = 0  # which load an index being built belongs to

    # -- what is shown -----------------------------------------------------------------------------
    def load(self, group: GroupFile, account_id: int | None) -> None:
        """Show ``account_id``'s register as it is now (after any change), keeping the search and sort."""
        self.beginResetModel()
        self.group, self.account_id = group, account_id
        self.summary = register_summary(group, account_id=account_id) if account_id else _NO_LINES
        self._pages.clear()
        self._index, self._shown, self.indexing = None, None, False
        self._loads += 1
        self.endResetModel()
        self._arrange()

    def set_search(self, text: str) -> None:
        """Show only the lines whose text holds every word typed (accents and capitals aside)."""
        words = fold(text).split()
        if words != self._words:
            self._words = words
            self._arrange()

    def sort(self, column: int, order: Qt.SortOrder = _ASCENDING) -> None:
        if (column, order) != self._sort:
            self._sort = (column, order)
            self._arrange()

    @property
    def searching(self) -> bool:
        return bool(self._words)

    def line(self, row: int) -> RegisterLine | None:
        if not 0 <= row < self.rowCount():
            return None
        if self._index is not None:
            return self._index.lines[row if self._shown is None else self._shown[row]]
        number, at = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            if len(self._pages) >= KEPT_PAGES:
                self._pages.pop(next(iter(self._pages)))
            assert self.group is not None and self.account_id is not None
            page = self._pages[number] = register_page(self.group, account_id=self.account_id,
                                                       offset=number * PAGE, limit=PAGE)
        return page[at] if at < len(page) else None

    def row_of(self, transaction_id: int) -> int | None:
        """The row showing this line, or None (another account's, or hidden by the search)."""
        if self._index is not None:
            rows = range(len(self._index.lines)) if self._shown is None else self._shown
            for row, position in enumerate(rows):
                if self._index.lines[position].transaction.id == transaction_id:
                    return row
            return None
        if self.group is None or self.account_id is None:
            return None
        return register_position(self.group, account_id=self.account_id, transaction_id=transaction_id)

    # -- searching and sorting -----------------------------------------------------------------------
    def _natural(self) -> bool:
        return not self._words and self._sort in ((-1, _ASCENDING), (REG_DATE, _ASCENDING))

    def _arrange(self) -> None:
        if self._natural():
            if self._shown is not None:
                self.beginResetModel()
                self._shown = None
                self.endResetModel()
                self.arranged.emit()
            return
        if self._index is None:
            self._read_index()
            return
        index, (column, order) = self._index, self._sort
        shown = [p for p, text in enumerate(index.texts) if all(w in text for w in self._words)] if self._words \
            else list(range(len(index.lines)))
        descending = order == Qt.SortOrder.DescendingOrder
        if column == REG_DATE or column < 0:
            if descending:
                shown.reverse()
        else:
            keys = {p: self._sort_value(index.lines[p], column) for p in shown}
            present = sorted((p for p in shown if keys[p] is not None), key=keys.__getitem__, reverse=descending)
            shown = present + [p for p in shown if keys[p] is None]
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()
        self.arranged.emit()

    def _read_index(self) -> None:
        if self.indexing or self.group is None or self.account_id is None:
            return
        group, account_id, load = self.group, self.account_id, self._loads
        if self.summary.lines <= SMALL:
            self._index = build_index(group, account_id, self.columns)
            self._arrange()
            return
        self.indexing = True
        self.arranged.emit()
        run_in_background(lambda: build_index(group, account_id, self.columns),
                          on_success=lambda index: self._indexed(load, index),
                          on_failure=lambda error: self._indexed(load, None, error))

    def _indexed(self, load: int, index: RegisterIndex | None, error: Exception | None = None) -> None:
        if not Shiboken.isValid(self) or load != self._loads:
            return  # the page has gone, or the register was read again since
        self.indexing = False
        if index is None:
            self.arranged.emit()
            self.failed.emit(error)
            return
        self._index = index
        self._arrange()

    def _sort_value(self, line: RegisterLine, column: int) -> Any:
        sort_key = self.columns[column].sort_key
        return natural_key(self.columns[column].text(line)) if sort_key is None else sort_key(line)

    # -- Qt's model interface -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        if parent.isValid():
            return 0
        return self.summary.lines if self._shown is None else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column.align_right else None
        if role not in _ROLES:
            return None
        line = self.line(index.row())
        if line is None:
            return None
        if role == ROW_ROLE:
            return line
        if role == SORT_ROLE:
            return self._sort_value(line, index.column())
        if role == SEARCH_ROLE:
            return " ".join(fold(c.text(line)) for c in self.columns)
        return column.text(line)


_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole, ROW_ROLE,
          SORT_ROLE, SEARCH_ROLE)
