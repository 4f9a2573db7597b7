"""Problems with the group file itself, each carrying one plain sentence for the user."""

from __future__ import annotations

from pathlib import Path


class GroupFileError(Exception):
    """The file cannot be used as it is. ``str(error)`` is the sentence to show."""

    exit_code = 2

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class NotAGroupFile(GroupFileError):
    pass


class DamagedGroupFile(GroupFileError):
    exit_code = 1


class StaleLog(DamagedGroupFile):
    """The file is sound but the ``-wal`` beside it does not fit it (left by another copy of the same group)."""


class NewerGroupFile(GroupFileError):
    pass


class GroupFileInUse(GroupFileError):
    """Raised only when writing is required and another copy of the app holds the lock."""

    exit_code = 3


class ReadOnlyGroupFile(GroupFileError):
    exit_code = 3
