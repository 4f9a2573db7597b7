"""Opening, creating and closing a group file safely.

Every file is looked at read-only before anything touches it: an empty, foreign, damaged or
newer-version file is refused with one sentence and left byte-for-byte as it was. A file from an older
version is upgraded on a copy that replaces the original only once the upgrade has succeeded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from . import lock as locking
from . import migrate
from .disk import create_private, fsync_dir, owner_only
from .engine import make_engine
from .errors import DamagedGroupFile, GroupFileError, GroupFileInUse, NewerGroupFile, NotAGroupFile
from .integrity import new_file_identity, stray_wal

SQLITE_MAGIC = b"SQLite format 3\x00"
# Stamped into the SQLite header so the file is recognisably ours (``file`` shows it too).
APPLICATION_ID = 0x47434F4F  # "GCOO"


def _ro_connect(path: Path) -> sqlite3.Connection:
    """Read-only. With no log beside the file (it is closed and whole), read it as immutable, so looking at a
    WAL-mode file leaves no -wal/-shm files behind; otherwise read it normally, log included."""
    in_use = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    flags = "mode=ro" if in_use else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{quote(path.as_posix())}?{flags}", uri=True)


def inspect_file(path: Path) -> str:
    """The file's schema revision, or a :class:`GroupFileError` explaining why it cannot be opened."""
    name = path.name
    if not path.exists():
        raise NotAGroupFile(path, f"There is no group file at {path}.")
    if path.is_dir():
        raise NotAGroupFile(path, f"{path} is a folder, not a group file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise NotAGroupFile(path, f"{name} cannot be read: {exc.strerror or exc}.") from exc
    if not header:
        raise NotAGroupFile(path, f"{name} is empty, so it is not a group file.")
    if not header.startswith(SQLITE_MAGIC):
        raise NotAGroupFile(path, f"{name} is not a group file (it is some other kind of file).")
    if stray_wal(path):
        raise DamagedGroupFile(
            path, f"{name} has a leftover log from a different file beside it; neither has been changed."
        )
    try:
        conn = _ro_connect(path)
    except sqlite3.Error as exc:
        raise NotAGroupFile(path, f"{name} cannot be opened: {exc}.") from exc
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
        if [row[0] for row in check] != ["ok"]:
            raise DamagedGroupFile(path, f"{name} is damaged ({check[0][0]}); it has not been changed.")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "group_profile"} <= tables:
            raise NotAGroupFile(path, f"{name} is a database, but not a Group Coordinator group file.")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DamagedGroupFile(path, f"{name} is damaged ({exc}); it has not been changed.") from exc
    finally:
        conn.close()
    if row is None:
        raise DamagedGroupFile(path, f"{name} has no schema version recorded; it has not been changed.")
    revision = str(row[0])
    if revision != migrate.SCHEMA_HEAD and revision not in migrate.known_revisions():
        raise NewerGroupFile(
            path,
            f"{name} was saved by a newer version of Group Coordinator; install the newest version to open it.",
        )
    return revision


def _finish_copy(tmp: Path) -> None:
    """Leave the copy as one self-contained file on disk, ready to be renamed into place."""
    conn = sqlite3.connect(tmp)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            conn.execute(f"PRAGMA user_version = {new_file_identity()}")
        conn.execute("PRAGMA journal_mode = DELETE")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DamagedGroupFile(tmp, "The upgraded copy failed its check; the original is untouched.")
    finally:
        conn.close()
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    owner_only(tmp)


def _upgrade(tmp: Path, initialise: Callable[[Session], None] | None = None) -> None:
    engine = make_engine(tmp)
    try:
        with engine.begin() as conn:
            migrate.upgrade_to_head(conn)
        if initialise is not None:
            with Session(engine) as session, session.begin():
                initialise(session)
    finally:
        engine.dispose()


def _temp_beside(path: Path, purpose: str) -> Path:
    tmp = path.with_name(f".{path.name}.{purpose}-{os.getpid()}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return create_private(tmp)  # owner-only before SQLite writes a byte into it


def upgrade_on_copy(path: Path) -> None:
    """Bring an older file up to the newest schema; the original is replaced only on success."""
    tmp = _temp_beside(path, "upgrading")
    try:
        src = sqlite3.connect(path)
        try:
            dst = sqlite3.connect(tmp)
            with dst:
                src.backup(dst)
            dst.close()
            _upgrade(tmp)
            _finish_copy(tmp)
            # Fold the original's write-ahead log in and drop it, so no stale log can be replayed
            # onto the replacement.
            src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            src.execute("PRAGMA journal_mode = DELETE")
        finally:
            src.close()
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)


class GroupFile:
    """One open group file: its engine, whether we may write, and who else has it."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, lock: locking.GroupLock | None,
                 held_by: locking.LockOwner | None = None) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.held_by = held_by
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    def close(self) -> None:
        """Fold the log into the file (so it can be copied as one file) and let go of the lock."""
        if not self.read_only:
            with contextlib.suppress(Exception), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()
        if self._lock:
            self._lock.release()

    def __enter__(self) -> GroupFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_group(path: Path | str, *, read_only: bool = False) -> GroupFile:
    """Open an existing group file, upgrading it if it is from an older version.

    A file held by another copy of the app, or one we may not write, opens read-only.
    """
    path = Path(path).resolve()
    revision = inspect_file(path)
    held_by: locking.LockOwner | None = None
    lock: locking.GroupLock | None = None
    immutable = False
    if not read_only:
        if not _writable(path):
            # Nobody here may change it, so read it as it lies, creating no side files; a log left
            # beside it still has to be read through.
            read_only = True
            immutable = not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
        else:
            lock = locking.GroupLock(path)
            try:
                held_by = lock.acquire()
            except OSError:
                held_by, lock, read_only = None, None, True
            if held_by is not None:
                lock, read_only = None, True
    if revision != migrate.SCHEMA_HEAD:
        if read_only:
            who = f" by {held_by.describe()}" if held_by else ""
            raise GroupFileInUse(
                path, f"{path.name} needs updating to this version, but it is open read-only{who}."
            )
        try:
            upgrade_on_copy(path)
        except Exception as exc:  # a failed upgrade of any kind leaves the original as it was
            logging.getLogger(__name__).exception("upgrading %s failed", path)
            if lock:
                lock.release()
            raise GroupFileError(path, f"{path.name} could not be updated ({exc}); it has not been changed.") \
                from exc
    engine = make_engine(path, read_only=read_only, immutable=immutable)
    return GroupFile(path, engine, read_only=read_only, lock=lock, held_by=held_by)


def create_group_file(path: Path | str, initialise: Callable[[Session], None] | None = None) -> Path:
    """Make a new group file at ``path``: built beside it, filled by ``initialise``, then renamed in."""
    path = Path(path).resolve()
    if path.exists():
        raise GroupFileError(path, f"{path.name} already exists; choose another name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(path, "creating")
    try:
        _upgrade(tmp, initialise)
        _finish_copy(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return path


def integrity_problems(group: GroupFile) -> list[str]:
    """Everything ``check`` reports: ``quick_check`` and foreign key problems, in plain words."""
    problems: list[str] = []
    with group.engine.connect() as conn:
        for (line,) in conn.execute(text("PRAGMA quick_check")):
            if line != "ok":
                problems.append(f"Storage check: {line}")
        for table, rowid, parent, _fk in conn.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"Table {table}, row {rowid}: refers to a missing row in {parent}.")
    return problems


@contextlib.contextmanager
def opened(path: Path | str, *, read_only: bool = False) -> Iterator[GroupFile]:
    group = open_group(path, read_only=read_only)
    try:
        yield group
    finally:
        group.close()
