"""One SQLAlchemy engine per open group file, with the pragmas every connection needs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Engine, create_engine, event

from .integrity import stamp_every_commit

BUSY_TIMEOUT_MS = 5000


def sqlite_url(path: Path, *, read_only: bool = False, immutable: bool = False) -> URL:
    # Built, not parsed, with the path quoted: a "#", "?" or "%" in the file's name stays part of the name.
    mode = "ro" if read_only else "rwc"
    query = {"mode": mode, "uri": "true"} | ({"immutable": "1"} if immutable else {})
    return URL.create("sqlite+pysqlite", database=f"file:{quote(path.as_posix())}", query=query)


def make_engine(path: Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine whose connections have foreign keys on, WAL, ``synchronous=FULL`` and a busy timeout.

    The pysqlite driver's own transaction handling is switched off so that SQLAlchemy's BEGIN is the
    only one (the documented recipe); that makes SAVEPOINTs and pragmas behave. ``immutable`` is for a
    file nobody here may change (read-only file or folder): SQLite then creates no -wal/-shm beside it.
    Connections are pooled (SQLAlchemy's default for a file): opening one costs 5-8 ms, about as much
    as the query behind a page refresh. ``GroupFile.close`` disposes of them.
    """
    engine = create_engine(sqlite_url(path, read_only=read_only, immutable=immutable))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no branch - tiny event hook
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")

    if not read_only:
        stamp_every_commit(engine)
    return engine
