"""Opening, creating and closing a group file safely.

Every file is looked at read-only before anything touches it: an empty, foreign, damaged or
newer-version file is refused with one sentence and left byte-for-byte as it was. A file from an older
version is upgraded on a copy that replaces the original only once the upgrade has succeeded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from . import lock as locking
from . import migrate, reading
from .disk import create_private, fsync_dir, more_open_than_private, owner_only
from .engine import make_engine
from .errors import DamagedGroupFile, GroupFileError, GroupFileInUse, NewerGroupFile, NotAGroupFile, StaleLog
from .integrity import new_file_identity, stray_wal
from .reading import Readable, has_log, read_connection
from .sqlite_errors import Trouble, trouble

SQLITE_MAGIC = b"SQLite format 3\x00"
# Stamped into the SQLite header so the file is recognisably ours (``file`` shows it too).
APPLICATION_ID = 0x47434F4F  # "GCOO"


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
        with read_connection(path, one_look=True) as conn:
            problem = _first_problem(conn)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if problem is None and not {"alembic_version", "group_profile"} <= tables:
                raise NotAGroupFile(path, f"{name} is a database, but not a Group Coordinator group file.")
            row = None if problem else conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except OSError as exc:
        raise NotAGroupFile(path, f"{name} cannot be read: {exc.strerror or exc}.") from exc
    except sqlite3.DatabaseError as exc:
        if trouble(exc) is Trouble.CANNOT_OPEN:
            raise NotAGroupFile(path, f"{name} cannot be opened here ({_said(exc)}).") from exc
        if trouble(exc) is Trouble.BUSY:
            raise GroupFileInUse(path, f"{name} is busy in another program; try again in a moment.") from exc
        problem = str(exc)
    except UnicodeDecodeError:  # a damaged page quoted by the check, or a table's name, is not text
        problem = "some of its text cannot be read"
    if problem is not None:
        if has_log(path) and _sound_without_log(path):
            raise StaleLog(
                path, f"{name} is sound, but the log beside it ({name}-wal) is left from another copy of this "
                "group and does not fit it, so neither has been changed: set the log aside (coordinator-app "
                "set-aside-log, or open the file in the window) to open the file as it was last saved.")
        raise DamagedGroupFile(path, f"{name} is damaged ({_said(problem)}); it has not been changed.")
    if row is None:
        raise DamagedGroupFile(path, f"{name} has no schema version recorded; it has not been changed.")
    revision = str(row[0])
    if revision != migrate.SCHEMA_HEAD and revision not in migrate.known_revisions():
        raise NewerGroupFile(
            path,
            f"{name} was saved by a newer version of Group Coordinator; install the newest version to open it.",
        )
    return revision


def _first_problem(conn: sqlite3.Connection) -> str | None:
    """The first line ``quick_check`` reports, or ``None`` when the file is sound."""
    check = conn.execute("PRAGMA quick_check").fetchall()
    return None if [row[0] for row in check] == ["ok"] else str(check[0][0])


def _said(problem: object) -> str:
    """SQLite's words about a problem as part of one sentence: on one line (its reports and the schema it
    quotes span lines) and short."""
    text = " ".join(str(problem).replace("*** in database main ***", "").split())
    return text if len(text) <= 120 else text[:119] + "…"


def _sound_without_log(path: Path) -> bool:
    """Whether the file passes its check read on its own, ignoring the log beside it."""
    try:
        conn = sqlite3.connect(reading.uri(path, immutable=True), uri=True)
        try:
            return _first_problem(conn) is None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


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


def clear_leftovers(path: Path) -> list[Path]:
    """Remove the hidden copies a killed restore, upgrade or creation left beside ``path``; returns them.

    Called with the file's lock held, so no restore of it is running; each name carries its process id,
    and only those of processes that are gone are removed.
    """
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(?:restoring|upgrading|creating)-(\d+)(?:-wal|-shm|-journal)?$")
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            match = pattern.match(entry.name)
            if match and not locking.pid_alive(int(match.group(1))):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    if removed:
        logging.getLogger(__name__).info("removed leftovers of an interrupted restore: %s", removed)
    return removed


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


# Why a group file opened read-only, in words that finish "... so changes cannot be saved".
READ_ONLY_BECAUSE = {
    "asked": "it was opened only for reading",
    "held": "another copy of the app has it open",
    "media": "it is on read-only media (a locked memory stick, a CD or a read-only share)",
    "permission": "this computer does not allow you to change it (permission denied)",
}


class GroupFile:
    """One open group file: its engine, whether we may write, why not, and who else has it."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, lock: locking.GroupLock | None,
                 held_by: locking.LockOwner | None = None, read_only_because: str | None = None,
                 source: Readable | None = None) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.held_by = held_by
        self.read_only_because = read_only_because if read_only else None  # a key of READ_ONLY_BECAUSE
        self._lock = lock
        self._source = source
        self.tightened = False  # set when the file was found readable by others and made owner-only
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    @property
    def why_read_only(self) -> str | None:
        """Why changes cannot be saved, as a clause ("it is on read-only media ..."), or None if they can."""
        if not self.read_only:
            return None
        if self.held_by is not None:
            return f"{self.held_by.describe()} has it open"
        return READ_ONLY_BECAUSE.get(self.read_only_because or "asked")

    def close(self) -> None:
        """Fold the log into the file (so it can be copied as one file) and let go of the lock."""
        if not self.read_only:
            with contextlib.suppress(Exception), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()
        if self._source is not None:
            self._source.close()
        if self._lock:
            self._lock.release()

    def __enter__(self) -> GroupFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _why_not_writable(path: Path) -> str | None:
    """"media" or "permission" when nobody here may change the file; None when we may."""
    if reading.on_read_only_media(path):
        return "media"
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return "permission"
    return None


def _open_read_only(path: Path, revision: str, *, read_only_because: str,
                    held_by: locking.LockOwner | None = None) -> GroupFile:
    """Read the file wherever reading works; an older version is upgraded on a private copy, the original kept."""
    if revision == migrate.SCHEMA_HEAD:
        source = reading.readable(path)
    else:
        source = reading.private_copy(path)
        try:
            upgrade_on_copy(source.path)
        except Exception as exc:
            source.close()
            logging.getLogger(__name__).exception("upgrading a copy of %s failed", path)
            raise GroupFileError(path, f"{path.name} is from an older version and could not be read ({exc}); "
                                       "it has not been changed.") from exc
    engine = make_engine(source.path, read_only=True, immutable=source.immutable)
    return GroupFile(path, engine, read_only=True, lock=None, held_by=held_by, read_only_because=read_only_because,
                     source=source)


def open_group(path: Path | str, *, read_only: bool = False) -> GroupFile:
    """Open an existing group file, upgrading it if it is from an older version.

    A file held by another copy of the app, or one we may not write (read-only media, no permission),
    opens read-only, and ``why_read_only`` says which. Reading works wherever the file can be read.
    """
    path = Path(path).resolve()
    revision = inspect_file(path)
    if read_only:
        return _open_read_only(path, revision, read_only_because="asked")
    because = _why_not_writable(path)
    if because:
        return _open_read_only(path, revision, read_only_because=because)
    lock = locking.GroupLock(path)
    try:
        held_by = lock.acquire()
    except OSError:
        return _open_read_only(path, revision, read_only_because="permission")
    if held_by is not None:
        return _open_read_only(path, revision, read_only_because="held", held_by=held_by)
    clear_leftovers(path)
    if revision != migrate.SCHEMA_HEAD:
        try:
            upgrade_on_copy(path)
        except Exception as exc:  # a failed upgrade of any kind leaves the original as it was
            logging.getLogger(__name__).exception("upgrading %s failed", path)
            lock.release()
            raise GroupFileError(path, f"{path.name} could not be updated ({exc}); it has not been changed.") \
                from exc
    engine = make_engine(path)
    group = GroupFile(path, engine, read_only=False, lock=lock)
    if more_open_than_private(path):
        owner_only(path)
        group.tightened = not more_open_than_private(path)
    return group


def writable_target(path: Path, *, doing: str) -> Path:
    """``path`` resolved, if a group file may be written there: where a group file is, or where nothing is.

    A symlink is refused (its target is never replaced), as are a folder, a device and a file of another
    program; each in one sentence, with nothing touched. A damaged group file may be replaced (that is what
    restoring is for); it is kept beside the restored one.
    """
    path = Path(os.path.abspath(path))
    if path.is_symlink():
        raise NotAGroupFile(path, f"{path} is a link to {os.readlink(path)}; to {doing}, name the group file "
                                  "itself, not a link to it. Nothing was changed.")
    try:
        info = path.stat()
    except FileNotFoundError:
        return path.parent.resolve() / path.name
    if stat.S_ISDIR(info.st_mode):
        raise NotAGroupFile(path, f"{path} is a folder, not a group file; nothing was changed.")
    if not stat.S_ISREG(info.st_mode):
        raise NotAGroupFile(path, f"{path} is a device or other special file, not a group file; nothing was changed.")
    try:
        inspect_file(path)
    except NotAGroupFile as exc:
        raise NotAGroupFile(path, f"{path.name} is not a group file, so it was left as it is; to {doing}, name a "
                                  "group file or a file that does not exist yet.") from exc
    except GroupFileError:
        pass  # a group file, damaged or from a newer version: it is kept aside, never destroyed
    return path.resolve()


def _link_new(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if nothing has that name (a hard link fails if it exists)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise GroupFileError(path, f"{path.name} already exists; choose another name.") from None
    except OSError:  # a file system without hard links (FAT, some shares)
        if os.path.lexists(path):
            raise GroupFileError(path, f"{path.name} already exists; choose another name.") from None
        os.replace(tmp, path)


def create_group_file(path: Path | str, initialise: Callable[[Session], None] | None = None) -> Path:
    """Make a new group file at ``path``: built beside it, filled by ``initialise``, then linked in.

    Only where nothing is: an existing file (or a link, even one pointing nowhere) is refused, and the
    final step never replaces a file that appeared meanwhile.
    """
    path = Path(os.path.abspath(path))
    if os.path.lexists(path):
        raise GroupFileError(path, f"{path.name} already exists; choose another name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path = path.parent.resolve() / path.name
    tmp = _temp_beside(path, "creating")
    try:
        _upgrade(tmp, initialise)
        _finish_copy(tmp)
        _link_new(tmp, path)
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
