"""One session per user action: ``with unit_of_work(group) as session: ...`` commits or rolls back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.server.group import server_storage_message

from . import changes
from .errors import StorageError

_PLAIN = (
    ("readonly", "This group file is open read-only, so the change was not saved."),
    ("read-only", "This group file is open read-only, so the change was not saved."),
    ("disk is full", "The disk is full, so the change was not saved. Free some space and try again."),
    ("database or disk is full", "The disk is full, so the change was not saved. Free some space and try again."),
    ("locked", "The group file is busy in another program; the change was not saved. Try again in a moment."),
    ("busy", "The group file is busy in another program; the change was not saved. Try again in a moment."),
    ("unable to open", "The group file could not be reached, so the change was not saved."),
    ("disk i/o error", "The disk refused the change (it may be full or failing), so it was not saved. "
     "Free some space and try again."),
)


def plain_storage_message(exc: BaseException) -> str | None:
    text = str(getattr(exc, "orig", exc)).lower()
    for needle, message in _PLAIN:
        if needle in text:
            return message
    return None


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
