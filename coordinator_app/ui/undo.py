"""Undo and redo for changes made through the services.

A change is done first (so a ValidationError reaches the form before anything is recorded), then
pushed onto the window's QUndoStack as a command that knows how to take it back and do it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, *, undo: Callable[[], Any], redo: Callable[[], Any],
                 after: Callable[[], None], report: Callable[[Exception], None]) -> None:
        super().__init__(text)
        self._undo = undo
        self._redo = redo
        self._after = after
        self._report = report
        self._done_already = True

    def _run(self, step: Callable[[], Any]) -> None:
        try:
            step()
        except Exception as error:  # the file may be read-only now, or the row gone; say so plainly
            self._report(error)
        self._after()

    def redo(self) -> None:
        if self._done_already:  # push() calls redo(); the change was already made
            self._done_already = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)


def do_undoable(stack: QUndoStack, text: str, *, do: Callable[[], Any], undo: Callable[[Any], Any],
                redo: Callable[[Any], Any] | None = None, after: Callable[[], None],
                report: Callable[[Exception], None]) -> Any:
    """Run ``do()`` now; on success record it so Ctrl+Z runs ``undo(result)`` and Ctrl+Shift+Z ``redo(result)``.

    ``redo`` defaults to doing it again; an "add" passes a redo that restores what undo took away.
    """
    result = do()
    again = redo or (lambda _result: do())
    stack.push(ServiceCommand(text, undo=lambda: undo(result), redo=lambda: again(result), after=after,
                              report=report))
    return result
