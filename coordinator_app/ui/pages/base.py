"""The page protocol: what every page in the sidebar is and what the main window expects of it.

A page is built lazily on its first visit, with a :class:`PageContext`; the main window calls
:meth:`Page.refresh` when it is shown if anything changed since it last read its data, so a page
always shows fresh data. After changing data, a page calls ``ctx.changed()`` (not its own refresh):
that re-reads the current page and marks every other page as behind.
Before leaving a page (or closing the window) the main window asks :meth:`Page.may_leave`, which is
where a page with unsaved edits asks the user what to do.
A page changes data only through ``ctx.change(text, do)``, which makes the change undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.ui.forms import explain
from coordinator_app.ui.undo import change

T = TypeVar("T")


@dataclass
class PageContext:
    """What a page may use: the open group, the shared undo stack and a few window services."""

    group: GroupFile
    undo: QUndoStack
    window: QWidget
    today: Callable[[], date]
    show_page: Callable[[str], Page | None]  # the page now shown, or None if the current one would not let go
    status: Callable[[str], None]
    changed: Callable[[], None]  # call after a data change made outside the page's own refresh

    def report(self, error: Exception) -> None:
        """Tell the user in one sentence why a change did not happen (a bug is re-raised)."""
        explain(self.window, error)

    def change(self, text: str, do: Callable[[], T]) -> T:
        """Run ``do()`` (a service call) as one undoable change labelled ``text``; return its result.

        Whatever ``do()`` changes in the file goes on the undo stack as one step ("Undo: {text}") and
        the pages are told; a ValidationError from ``do()`` propagates unchanged and nothing is pushed.
        """
        return change(self.undo, self.group, text, do, after=self.changed, report=self.report)


class Page(QWidget):
    """One page of the main window. Subclasses set ``title`` and build their widgets in ``__init__``."""

    title = ""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        """Read the page's data again; called when shown after a change, and after undo or redo."""

    def may_leave(self) -> bool:
        """Whether the user may move away now (a page with unsaved edits asks first)."""
        return True
