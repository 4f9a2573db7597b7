"""Automatic, verified backups of a group file, and which of them to keep.

A backup is made with SQLite's online backup API into a hidden temporary file in the backup folder,
checked with ``integrity_check``, synced to disk and only then renamed to its real name
(``<group-stem>-YYYYMMDD-HHMMSS.group``). So a file under a backup's name is always complete and
verified; a backup cut short (crash, full disk) leaves at most a hidden ``.partial`` file, which the
next backup clears away.

Rotation keeps everything from today and yesterday, then the newest backup of each of the 12 most
recent earlier days that have one, then (older than those) the newest of each of 10 weeks, then (older
still) the newest of each of 9 months. Nothing is deleted while the newest backup fails its check.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from coordinator_app import paths

from . import migrate
from .disk import create_private, fsync_dir, owner_only
from .engine import make_engine
from .errors import GroupFileError
from .groupfile import GroupFile, inspect_file, upgrade_on_copy, writable_target
from .integrity import identity_on_disk
from .lock import pid_alive
from .reading import read_connection, readable
from .sqlite_errors import Trouble, trouble

BACKUP_SUFFIX = ".group"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9
BACKUP_INTERVAL = timedelta(minutes=30)
_PARTIAL = re.compile(r"^\..+\.partial-(\d+)$")


class BackupFailed(GroupFileError):
    """A backup could not be made; the group file itself is untouched."""

    exit_code = 4


def default_folder(folder: Path | None = None) -> Path:
    return Path(folder) if folder is not None else paths.backup_dir()


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def backup_name(group_path: Path, taken_at: datetime, serial: int = 0) -> str:
    tail = f"-{serial}" if serial else ""
    return f"{group_path.stem}-{taken_at.strftime(STAMP_FORMAT)}{tail}{BACKUP_SUFFIX}"


def _name_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(BACKUP_SUFFIX)}$")


@dataclass(frozen=True, order=True)
class BackupFile:
    taken_at: datetime
    serial: int
    path: Path


def _identity(path: Path) -> int | None:
    """The file identity in a readable SQLite header; None for a damaged or foreign file."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return None
        return identity_on_disk(path) or None
    except OSError:
        return None


def find_backups(group_path: Path, folder: Path | None = None) -> list[BackupFile]:
    """The backups of this group in ``folder``, newest first (hidden temporary files are never listed).

    Backups are found by name, and, while the group file's header can be read, only those carrying the
    same file identity count: two different groups that happen to share a file name never see (or
    rotate away) each other's backups. A damaged file falls back to the name alone.
    """
    folder = default_folder(folder)
    pattern = _name_pattern(group_path.stem)
    own = _identity(group_path)
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            taken_at = datetime.strptime(match.group(1), STAMP_FORMAT)
        except ValueError:
            continue
        if own is not None and _identity(entry) not in (own, None):
            continue
        found.append(BackupFile(taken_at, int(match.group(2) or 0), entry))
    return sorted(found, reverse=True)


def verify(path: Path) -> bool:
    """Whether ``path`` is a sound SQLite file holding a group (full ``integrity_check``)."""
    try:
        with read_connection(path) as conn:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                return False
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            return {"alembic_version", "group_profile"} <= tables
    except (sqlite3.Error, OSError):
        return False


def content_fingerprint(path: Path) -> str:
    """A hash of everything the file holds (schema and rows), to tell whether it changed since a backup."""
    digest = hashlib.sha256()
    with read_connection(path) as conn:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        for name, sql in tables:
            digest.update(f"{name}\n{sql}\n".encode())
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def _plain_failure(exc: BaseException) -> str:
    """The sentence for a backup that could not be written, chosen by the error's code, not its words."""
    kind = trouble(exc)
    if kind is Trouble.FULL:
        return "The backup could not be written because the disk is full. Free some space and try again."
    if kind is Trouble.DISK_FAILED:
        return "The backup could not be written: the disk refused it (it may be full). Free some space and try again."
    if kind is Trouble.READ_ONLY:
        return "The backup could not be written because the backup folder is read-only."
    if kind is Trouble.CANNOT_OPEN:
        return "The backup could not be written because the backup folder cannot be reached."
    return f"The backup could not be written ({exc})."


def _unreadable(source: Path, exc: BaseException) -> BackupFailed:
    """The group file itself could not be read: say so, rather than blame the backup folder."""
    why = getattr(exc, "strerror", None) or exc
    return BackupFailed(source, f"{source.name} could not be read to back it up ({why}); nothing was written.")


def clear_partials(folder: Path) -> None:
    """Remove temporary files left by backups whose process has died."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _PARTIAL.match(entry.name)
            if match and not pid_alive(int(match.group(1))):
                entry.unlink(missing_ok=True)
                Path(f"{entry}-journal").unlink(missing_ok=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy a consistent snapshot of ``source`` into a new self-contained file ``target`` and sync it.

    Readers and writers of ``source`` carry on meanwhile (it is read in one snapshot, never written), and
    a source on read-only media is read too. A source that cannot be read is a :class:`BackupFailed`;
    otherwise raises ``sqlite3.Error`` or ``OSError``, and ``target`` may then be half-written and must go.
    """
    try:
        reader = readable(source)
    except OSError as exc:
        raise _unreadable(source, exc) from exc
    try:
        try:
            src = sqlite3.connect(reader.uri, uri=True)
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise _unreadable(source, exc) from exc
        try:
            if not target.exists():
                create_private(target)  # owner-only before the first byte of the group is copied in
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                if dst.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                    raise sqlite3.DatabaseError("the copy failed its integrity check")
            finally:
                dst.close()
        finally:
            src.close()
    finally:
        reader.close()
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    owner_only(target)


def take_backup(group_path: Path, folder: Path | None = None, *, now: datetime | None = None) -> Path:
    """Back the group file up into ``folder`` (the backup folder by default) and return the backup's path."""
    group_path = Path(group_path)
    folder = default_folder(folder)
    taken_at = _now(now)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise BackupFailed(group_path, _plain_failure(exc)) from exc
    serial = 0
    while (folder / backup_name(group_path, taken_at, serial)).exists():
        serial += 1
    final = folder / backup_name(group_path, taken_at, serial)
    return _write_verified(group_path, final)


def backup_to(group_path: Path, target: Path) -> Path:
    """"Back up now…" to a file of the user's choosing: a new file, or an earlier backup (replaced only at the end).

    Like a restore, it writes only where a group file is or where nothing is (never over a document, a
    link's target, a device).
    """
    target = Path(target)
    if target.is_dir():
        target = target / backup_name(group_path, _now(None))
    target = writable_target(target, doing="back up")
    if target == Path(group_path).resolve():
        raise BackupFailed(group_path, "Choose a different file for the backup, not the group file itself.")
    return _write_verified(Path(group_path), target)


def _write_verified(group_path: Path, final: Path) -> Path:
    tmp = final.with_name(f".{final.name}.partial-{os.getpid()}")
    clear_partials(final.parent)
    try:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
        copy_database(group_path, tmp)
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except (sqlite3.Error, OSError) as exc:
        raise BackupFailed(group_path, _plain_failure(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}-journal").unlink(missing_ok=True)
    return final


_T = TypeVar("_T")


def rewrite_backup(backup: Path, change: Callable[[GroupFile], _T]) -> _T:
    """Apply ``change`` to a backup in place, keeping its name (so rotation treats it as before) and identity.

    The change is made on a hidden copy beside it, which must pass the same full check as a new backup
    before it replaces the original; until then the original is untouched. A backup from an older version
    is brought up to the current one first (restoring it would do the same). Raises :class:`BackupFailed`.
    """
    backup = Path(backup)
    tmp = backup.with_name(f".{backup.name}.partial-{os.getpid()}")
    try:
        copy_database(backup, tmp)
        if inspect_file(tmp) != migrate.SCHEMA_HEAD:
            upgrade_on_copy(tmp)
        engine = make_engine(tmp)
        copy = GroupFile(tmp, engine, read_only=False, lock=None)
        try:
            result = change(copy)
        finally:
            engine.dispose()
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file again, like every backup
        finally:
            conn.close()
        if not verify(tmp) or identity_on_disk(tmp) != identity_on_disk(backup):
            raise sqlite3.DatabaseError("the rewritten backup failed its check")
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, backup)
        fsync_dir(backup.parent)
    except (sqlite3.Error, OSError) as exc:
        raise BackupFailed(backup, f"{backup.name} could not be rewritten ({exc}), so it is as it was.") from exc
    except GroupFileError as exc:
        unread = f"{backup.name} could not be rewritten (it could not be read), so it is as it was."
        raise BackupFailed(backup, unread) from exc
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    return result


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def _newest_per_period(
    times: list[datetime], key: Callable[[date], object], how_many: int
) -> list[datetime]:
    """From ``times`` (newest first), the newest of each of the ``how_many`` most recent periods."""
    kept: list[datetime] = []
    seen: set[object] = set()
    for when in times:
        period = key(when.date())
        if period in seen:
            continue
        if len(seen) == how_many:
            break
        seen.add(period)
        kept.append(when)
    return kept


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which backups (by time taken) the rotation keeps: a pure rule, so it can be tested over years."""
    newest_first = sorted(set(times), reverse=True)
    cutoff = now.date() - timedelta(days=1)
    keep = {when for when in newest_first if when.date() >= cutoff}
    older = [when for when in newest_first if when.date() < cutoff]
    for key, how_many in ((lambda day: day, KEEP_DAILY), (_week, KEEP_WEEKLY), (_month, KEEP_MONTHLY)):
        picked = _newest_per_period(older, key, how_many)
        keep.update(picked)
        if picked:
            older = [when for when in older if when < picked[-1]]
    return keep


def prune(group_path: Path, folder: Path | None = None, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted.

    Nothing is deleted unless the newest backup passes its check, so a bad newest backup never costs
    the good older ones.
    """
    backups = find_backups(group_path, folder)
    if not backups or not verify(backups[0].path):
        return []
    by_time: dict[datetime, list[BackupFile]] = {}
    for backup in backups:
        by_time.setdefault(backup.taken_at, []).append(backup)
    keep = backups_to_keep(by_time, _now(now))
    deleted: list[Path] = []
    for when, same_second in by_time.items():
        if when in keep:
            continue
        for backup in same_second:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                deleted.append(backup.path)
    return deleted


class BackupScheduler:
    """Decides when the open group file is backed up. Plain Python: the window ticks it from a timer.

    ``on_open`` backs up if the file differs from its newest backup, ``tick`` at most every
    ``interval`` while the file keeps changing, ``on_close`` if anything changed since the last backup.
    Each returns the new backup's path, or ``None`` when no backup was needed. Each backup is followed
    by rotation.
    """

    def __init__(self, group_path: Path, *, folder: Path | None = None, interval: timedelta = BACKUP_INTERVAL) -> None:
        self.group_path = Path(group_path)
        self.folder = default_folder(folder)
        self.interval = interval
        self._backed_up: str | None = None
        self._last_look: datetime | None = None

    def _backup_if_changed(self, now: datetime) -> Path | None:
        self._last_look = now
        current = content_fingerprint(self.group_path)
        if current == self._backed_up:
            return None
        made = take_backup(self.group_path, self.folder, now=now)
        self._backed_up = current
        prune(self.group_path, self.folder, now=now)
        return made

    def on_open(self, *, now: datetime | None = None) -> Path | None:
        clear_partials(self.folder)  # left by a backup that was killed part-way
        backups = find_backups(self.group_path, self.folder)
        if backups and verify(backups[0].path):
            self._backed_up = content_fingerprint(backups[0].path)
        return self._backup_if_changed(_now(now))

    def due(self, *, now: datetime | None = None) -> bool:
        return self._last_look is None or _now(now) - self._last_look >= self.interval

    def tick(self, *, now: datetime | None = None) -> Path | None:
        if not self.due(now=now):
            return None
        return self._backup_if_changed(_now(now))

    def on_close(self, *, now: datetime | None = None) -> Path | None:
        return self._backup_if_changed(_now(now))
