"""Telling a group file's own write-ahead log from a stray one.

SQLite replays whatever ``<name>-wal`` lies beside a file, even one left by a different file that once
had the same name, and the result can look healthy while mixing two groups' records. Each group file
therefore carries a random identity in its header's ``user_version``. A log that changes that identity
when replayed belongs to another file, and the file is treated as damaged (and left as it is).
"""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, event

from .reading import read_connection

_USER_VERSION_OFFSET = 60
_WAL_HEADER_SIZE = 32


def new_file_identity() -> int:
    return secrets.randbelow(2**31 - 1) + 1


def identity_on_disk(path: Path) -> int:
    """The identity in the main file's own header, ignoring any log."""
    with path.open("rb") as handle:
        handle.seek(_USER_VERSION_OFFSET)
        return int.from_bytes(handle.read(4), "big", signed=True)


def stray_wal(path: Path) -> bool:
    """Whether a log beside ``path`` comes from another file (it would replace this file's identity)."""
    wal = Path(f"{path}-wal")
    try:
        if wal.stat().st_size <= _WAL_HEADER_SIZE:
            return False
        own = identity_on_disk(path)
    except OSError:
        return False
    try:
        with read_connection(path) as conn:
            replayed = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except (sqlite3.Error, OSError):
        return False  # the usual checks report an unreadable file
    return replayed != own


def stamp_every_commit(engine: Engine) -> None:
    """Rewrite the identity in each writing transaction, so every commit in a log carries its file's identity.

    Costs one page per commit; in return :func:`stray_wal` can tell any foreign log, not only one
    that happened to touch the header page.
    """

    def _changes(conn: Connection) -> int:
        return conn.connection.dbapi_connection.total_changes  # type: ignore[union-attr]

    @event.listens_for(engine, "begin")
    def _note_changes(conn: Connection) -> None:
        conn.info["changes_at_begin"] = _changes(conn)

    @event.listens_for(engine, "commit")
    def _stamp(conn: Connection) -> None:
        if _changes(conn) == conn.info.get("changes_at_begin"):
            return  # nothing written: a reading transaction must not become a writing one
        identity = conn.info.get("file_identity")
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            if identity is None:
                identity = conn.info["file_identity"] = int(cursor.execute("PRAGMA user_version").fetchone()[0])
            cursor.execute(f"PRAGMA user_version = {int(identity)}")
        finally:
            cursor.close()
