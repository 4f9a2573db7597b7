"""One session per user action: ``with unit_of_work(group) as session: ...`` commits or rolls back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.server.group import server_storage_message
from coordinator_app.db.sqlite_errors import Trouble, trouble

from . import changes
from .errors import StorageError

_SAVED_NOT = "so the change was not saved"
_PLAIN = {
    Trouble.READ_ONLY: f"This group file is open read-only, {_SAVED_NOT}.",
    Trouble.FULL: f"The disk is full, {_SAVED_NOT}. Free some space and try again.",
    Trouble.BUSY: "The group file is busy in another program; the change was not saved. Try again in a moment.",
    Trouble.CANNOT_OPEN: f"The group file could not be reached, {_SAVED_NOT}.",
    Trouble.DISK_FAILED: "The disk refused the change (it may be full or failing), so it was not saved. "
                         "Free some space and try again.",
}


def plain_storage_message(exc: BaseException) -> str | None:
    """The sentence for a storage failure, chosen by SQLite's result code; ``None`` for anything else (a bug)."""
    kind = trouble(exc)
    return _PLAIN.get(kind) if kind else None


@contextmanager
def unit_of_work(group: GroupFile, *, write: bool = True) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on any error.

    Environmental failures (disk full, read-only, busy) become a :class:`StorageError` with a plain
    sentence; the transaction is rolled back, so nothing is half-saved.
    """
    if write and group.read_only:
        raise StorageError("This group file is open read-only, so the change was not saved.")
    session = group.session()
    if write:
        changes.watch(group, session)  # records the change set while the window records an action
    try:
        yield session
        if write:
            session.commit()
        else:
            session.rollback()
    except (OperationalError, sqlite3.OperationalError) as exc:
        session.rollback()
        message = plain_storage_message(exc) or server_storage_message(exc)
        if message is None:
            raise
        raise StorageError(message) from exc
    except DBAPIError as exc:  # a server group: a refused privilege, a lost serialisation race
        session.rollback()
        message = server_storage_message(exc)
        if message is None:
            raise
        raise StorageError(message) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
