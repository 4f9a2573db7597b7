"""Errors the services raise, each with a sentence fit to show the user."""

from __future__ import annotations


class ValidationError(ValueError):
    """Input that breaks a rule. ``field`` names the form field (or CSV column) it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(LookupError):
    """The thing asked for is not in this group file (perhaps deleted meanwhile)."""


class StorageError(RuntimeError):
    """The computer would not let us save (disk full, read-only, busy). Nothing was changed."""


class ChangeConflict(RuntimeError):
    """Undo or redo refused: a row it would put back has changed since. Nothing was changed."""
