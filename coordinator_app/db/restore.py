"""Choosing a backup, putting it back safely, and setting a damaged group file aside.

A restore never destroys anything: the backup is copied beside the group file and checked there first,
and the file it replaces is kept as ``<name>.before-restore-<stamp>`` (with its write-ahead log, so it
still holds every change). A damaged file is never written to: it is renamed to
``<name>.damaged-<stamp>`` and the newest backup that passes its check is offered in its place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import lock as locking
from .backup import STAMP_FORMAT, copy_database, find_backups, verify
from .disk import fsync_dir, owner_only
from .errors import DamagedGroupFile, GroupFileError, GroupFileInUse, StaleLog
from .groupfile import clear_leftovers, inspect_file, writable_target
from .reading import read_connection

_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the restore list shows it; a count is ``None`` when the backup cannot be read."""

    path: Path
    taken_at: datetime
    size: int
    members: int | None
    meetings: int | None
    transactions: int | None


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    kept_as: Path | None  # the file that was replaced, or None when there was none


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    for sql in (f'SELECT count(*) FROM "{table}" WHERE deleted_at IS NULL', f'SELECT count(*) FROM "{table}"'):
        with contextlib.suppress(sqlite3.Error):
            return int(conn.execute(sql).fetchone()[0])
    return None


def describe_backup(path: Path, taken_at: datetime) -> BackupInfo:
    counts: dict[str, int | None] = dict.fromkeys(("members", "meetings", "transactions"))
    with contextlib.suppress(sqlite3.Error, OSError), read_connection(path) as conn:
        for table in counts:
            counts[table] = _count(conn, table)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return BackupInfo(path, taken_at, size, counts["members"], counts["meetings"], counts["transactions"])


def list_backups(group_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """This group's backups, newest first, with their size and what they hold."""
    return [describe_backup(found.path, found.taken_at) for found in find_backups(Path(group_path), folder)]


def newest_verified_backup(group_path: Path, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes a full integrity check: the one to offer for a damaged file."""
    for found in find_backups(Path(group_path), folder):
        if verify(found.path):
            return describe_backup(found.path, found.taken_at)
    return None


def _aside_name(path: Path, label: str, now: datetime | None) -> Path:
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    serial = 1
    while any(Path(f"{candidate}{suffix}").exists() for suffix in ("", *_SIDE_FILES)):
        serial += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{serial}")
    return candidate


def _move_side_files(path: Path, target: Path) -> None:
    """Take the write-ahead log along (it belongs to that file alone); the shared-memory index is rebuilt."""
    for suffix in ("-wal", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    Path(f"{path}-shm").unlink(missing_ok=True)


def set_aside_damaged(path: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged group file (and its log) out of the way, unchanged; returns its new name."""
    path = Path(path)
    target = _aside_name(path, "damaged", now)
    os.replace(path, target)
    _move_side_files(path, target)
    fsync_dir(path.parent)
    return target


def set_aside_stale_log(path: Path, *, now: datetime | None = None) -> Path:
    """Rename a ``-wal`` that does not fit its (sound) group file out of the way, kept, not deleted.

    The file then opens as it was last saved. Refused while another copy of the app has the file open.
    """
    path = Path(path).resolve()
    wal = Path(f"{path}-wal")
    if not wal.exists():
        raise GroupFileError(path, f"There is no log beside {path.name}; nothing was changed.")
    try:
        inspect_file(path)
    except StaleLog:
        pass
    else:
        raise GroupFileError(path, f"The log beside {path.name} belongs to it (it holds recent changes), so it was "
                                   "left where it is.")
    lock = locking.GroupLock(path)
    holder = lock.acquire()
    if holder is not None:
        raise GroupFileInUse(path, f"{path.name} is open (by {holder.describe()}); close it there first.")
    try:
        target = _aside_name(path, "stale-log", now)
        os.replace(wal, target)
        owner_only(target)
        Path(f"{path}-shm").unlink(missing_ok=True)
        fsync_dir(path.parent)
        return target
    finally:
        lock.release()


def _checkpoint(path: Path) -> None:
    """Fold committed changes from the log into the file about to be kept, when it is healthy enough."""
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


def restore_backup(backup: Path, group_path: Path, *, now: datetime | None = None) -> RestoreResult:
    """Put ``backup`` in place of ``group_path``; the group file must not be open (close it first).

    The backup is verified on a copy beside the group file, then swapped in with a rename, so the group
    file is at every moment either the old one or the restored one.
    """
    backup, group_path = Path(backup), writable_target(Path(group_path), doing="restore")
    if not backup.is_file():
        raise GroupFileError(backup, f"There is no backup at {backup}; nothing was changed.")
    if not verify(backup):
        raise DamagedGroupFile(
            backup, f"The backup {backup.name} is damaged or not a group backup; nothing was changed."
        )
    group_path.parent.mkdir(parents=True, exist_ok=True)
    lock = locking.GroupLock(group_path)
    holder = locking.read_owner(group_path)
    if holder is None or holder.pid != os.getpid():
        holder = lock.acquire()
    if holder is not None:
        raise GroupFileInUse(
            group_path, f"{group_path.name} is still open (by {holder.describe()}); close it before restoring."
        )
    clear_leftovers(group_path)
    tmp = group_path.with_name(f".{group_path.name}.restoring-{os.getpid()}")
    try:
        for suffix in ("", *_SIDE_FILES):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        try:
            copy_database(backup, tmp)
        except (sqlite3.Error, OSError) as exc:
            raise GroupFileError(
                group_path, f"The backup could not be copied into place ({exc}); nothing was changed."
            ) from exc
        inspect_file(tmp)  # refuses a backup made by a newer version of the app
        kept: Path | None = None
        if group_path.exists():
            _checkpoint(group_path)
            kept = _aside_name(group_path, "before-restore", now)
            try:
                os.link(group_path, kept)
            except OSError:
                os.replace(group_path, kept)
            owner_only(kept)
            _move_side_files(group_path, kept)
        os.replace(tmp, group_path)
        owner_only(group_path)
        fsync_dir(group_path.parent)
        return RestoreResult(backup, kept)
    finally:
        for suffix in ("", *_SIDE_FILES):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        lock.release()
