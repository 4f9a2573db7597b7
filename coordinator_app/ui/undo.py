"""Undo and redo in the window: a QUndoStack of change sets recorded by the data layer.

``change(stack, group, text, do, ...)`` runs ``do()`` (a call into a service) while
``services.changes`` records every row it inserts, updates or deletes, then pushes that change set
labelled ``text``. Undo puts exactly those rows back and redo re-applies them; if any of them moved on
since, the data layer refuses with one sentence and the stack stays where it was. No page writes undo
code of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.changes import ChangeSet, recording, redo_change, undo_change
from coordinator_app.services.errors import ChangeConflict, NotFound, StorageError

T = TypeVar("T")


class ChangeCommand(QUndoCommand):
    """One action's change set on the stack."""

    def __init__(self, text: str, group: GroupFile, change_set: ChangeSet, *, after: Callable[[], None],
                 report: Callable[[Exception], None]) -> None:
        super().__init__(text)
        self.group = group
        self.change_set = change_set
        self._after = after
        self._report = report
        self._done = True  # push() calls redo(); the change was made already

    def step(self, back: bool) -> bool:
        """Undo (``back``) or redo the change in the file; False, after saying why, if it was refused."""
        if self._done is not back:
            return True
        try:
            (undo_change if back else redo_change)(self.group, self.change_set)
        except (ChangeConflict, StorageError, NotFound) as error:
            self._report(error)
            return False
        self._done = not back
        self._after()
        return True

    def undo(self) -> None:
        self.step(back=True)

    def redo(self) -> None:
        self.step(back=False)


class ChangeStack(QUndoStack):
    """A QUndoStack whose undo and redo stay put when the data layer refuses (a row moved on)."""

    def undo(self) -> None:
        command = self.command(self.index() - 1)
        if isinstance(command, ChangeCommand) and not command.step(back=True):
            return
        super().undo()

    def redo(self) -> None:
        command = self.command(self.index())
        if isinstance(command, ChangeCommand) and not command.step(back=False):
            return
        super().redo()


def forget_undo(window: QObject) -> None:
    """Empty the window's undo stack after a change that cannot be undone (erasing a person).

    Undo cannot step back past it, and the change sets that still hold the person's details are let go.
    """
    for stack in window.findChildren(QUndoStack):
        stack.clear()


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys plus Ctrl+Shift+Z and Ctrl+Y, each once (a key listed twice is ambiguous)."""
    keys: list[QKeySequence] = []
    for key in (*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z"),
                QKeySequence("Ctrl+Y")):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


def change(stack: QUndoStack, group: GroupFile, text: str, do: Callable[[], T], *, after: Callable[[], None],
           report: Callable[[Exception], None]) -> T:
    """Run ``do()`` while recording; push what it changed as ``text`` and call ``after()``; return its result.

    An error from ``do()`` (a ValidationError for a form, say) propagates unchanged; whatever units of
    work had already committed before it are still pushed, so they can be undone too.
    """
    change_set = ChangeSet()
    try:
        with recording(group) as change_set:
            return do()
    finally:
        if change_set:
            stack.push(ChangeCommand(text, group, change_set, after=after, report=report))
            after()

