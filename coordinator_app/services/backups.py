"""Backups, restore and recovery for the window and the command line: thin calls over ``db.backup``.

The backup folder is ``paths.backup_dir()`` unless the caller passes ``folder`` (the window remembers
the user's choice per computer and passes it). Every failure is a ``GroupFileError`` whose text is the
sentence to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coordinator_app.db import backup as backup_db
from coordinator_app.db import lock as locking
from coordinator_app.db import restore as restore_db
from coordinator_app.db.backup import BackupFailed, BackupScheduler
from coordinator_app.db.disk import owner_only
from coordinator_app.db.groupfile import GroupFile, inspect_file
from coordinator_app.db.location import location_warning
from coordinator_app.db.restore import BackupInfo, RestoreResult

__all__ = [
    "BackupFailed", "BackupInfo", "BackupScheduler", "Recovery", "RestoreResult", "back_up_file", "back_up_now",
    "back_up_to", "clear_stale_lock", "difference_from_now", "list_backups", "location_warning", "lock_holder",
    "offer_for_damaged", "recover_damaged", "restore", "scheduler_for", "secure_permissions", "set_aside_stale_log",
]


@dataclass(frozen=True)
class Recovery:
    """What happened to a damaged group file: where it was put, and the backup now in its place."""

    set_aside_as: Path
    restored: BackupInfo | None


def back_up_now(group: GroupFile, *, folder: Path | None = None, now: datetime | None = None) -> Path:
    """A backup into the backup folder, then rotation."""
    made = backup_db.take_backup(group.path, folder, now=now)
    backup_db.prune(group.path, folder, now=now)
    return made


def back_up_file(
    group_path: Path | str, *, target: Path | str | None = None, folder: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Back up a group file that need not be open (the command line): it is checked first, never changed."""
    group_path = Path(group_path).resolve()
    inspect_file(group_path)
    if target is not None:
        made = backup_db.backup_to(group_path, Path(target))
        owner_only(made)
        return made
    made = backup_db.take_backup(group_path, folder, now=now)
    backup_db.prune(group_path, folder, now=now)
    return made


def back_up_to(group: GroupFile, target: Path | str) -> Path:
    """"Back up now…" to a file (or folder) of the user's choosing, e.g. a USB stick."""
    made = backup_db.backup_to(group.path, Path(target))
    owner_only(made)
    return made


def scheduler_for(group: GroupFile, *, folder: Path | None = None) -> BackupScheduler | None:
    """The automatic backups for an open file; ``None`` when it is open read-only (its writer backs it up)."""
    if group.read_only:
        return None
    return BackupScheduler(group.path, folder=folder)


def secure_permissions(group: GroupFile) -> None:
    """Owner-only permissions on the group file and its side files (health information lives there)."""
    if group.read_only:
        return
    for suffix in ("", "-wal", "-shm"):
        side = Path(f"{group.path}{suffix}")
        if side.exists():
            owner_only(side)


def list_backups(group_path: Path | str, *, folder: Path | None = None) -> list[BackupInfo]:
    return restore_db.list_backups(Path(group_path), folder)


def difference_from_now(group_path: Path | str, backup: BackupInfo) -> str:
    """What restoring ``backup`` would change, in counts: "2 fewer members, 1 more meeting" (or "the same")."""
    now = restore_db.describe_backup(Path(group_path), datetime.now())
    parts: list[str] = []
    for label, then, current in (
        ("member", backup.members, now.members),
        ("meeting", backup.meetings, now.meetings),
        ("transaction", backup.transactions, now.transactions),
    ):
        if then is None or current is None or then == current:
            continue
        gap = then - current
        parts.append(f"{abs(gap)} {'more' if gap > 0 else 'fewer'} {label}{'' if abs(gap) == 1 else 's'}")
    return ", ".join(parts) if parts else "the same numbers of members, meetings and transactions as now"


def restore(group_path: Path | str, backup: Path | str, *, now: datetime | None = None) -> RestoreResult:
    """Put a backup in place of the (closed) group file, keeping the file it replaces."""
    return restore_db.restore_backup(Path(backup), Path(group_path), now=now)


def offer_for_damaged(group_path: Path | str, *, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes its check, to offer when the group file is damaged."""
    return restore_db.newest_verified_backup(Path(group_path), folder)


def recover_damaged(
    group_path: Path | str, *, backup: Path | str | None = None, folder: Path | None = None,
    now: datetime | None = None,
) -> Recovery:
    """Set the damaged file aside (unchanged) and restore ``backup`` (default: the newest verified one)."""
    group_path = Path(group_path)
    chosen: BackupInfo | None
    if backup is None:
        chosen = offer_for_damaged(group_path, folder=folder)
    else:
        found = [info for info in list_backups(group_path, folder=folder) if info.path == Path(backup)]
        chosen = found[0] if found else restore_db.describe_backup(Path(backup), datetime.now())
    set_aside = restore_db.set_aside_damaged(group_path, now=now)
    if chosen is not None:
        restore_db.restore_backup(chosen.path, group_path, now=now)
    return Recovery(set_aside, chosen)


def set_aside_stale_log(group_path: Path | str, *, now: datetime | None = None) -> Path:
    """Put a log that does not fit the group file aside (kept as ``<name>.stale-log-<stamp>``); returns where."""
    return restore_db.set_aside_stale_log(Path(group_path), now=now)


def lock_holder(group_path: Path | str) -> locking.LockOwner | None:
    """Who has the file open for writing, if anyone (for the read-only banner)."""
    return locking.read_owner(Path(group_path).resolve())


def clear_stale_lock(group_path: Path | str, *, force: bool = False) -> locking.LockOwner | None:
    """Remove the lock left by a copy of the app that is no longer running; returns whose it was.

    ``force`` (after the user confirms no other computer has the file open) removes any lock.
    """
    return locking.clear_stale_lock(Path(group_path).resolve(), force=force)
