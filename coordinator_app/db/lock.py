"""A lock file beside the group file naming the host and process that has it open for writing.

A second copy of the app (here, or on another machine through a shared folder) finds the lock and
opens the file read-only. A lock left by a process on this host that no longer runs is stale and is
taken over.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class LockOwner:
    host: str
    pid: int
    user: str
    since: str

    def describe(self) -> str:
        where = "this computer" if self.host == socket.gethostname() else f"the computer “{self.host}”"
        who = f"{self.user} on " if self.user else ""
        return f"{who}{where} (process {self.pid}, since {self.since})"


def lock_path(group_path: Path) -> Path:
    return group_path.with_name(group_path.name + ".lock")


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_owner(group_path: Path) -> LockOwner | None:
    try:
        data = json.loads(lock_path(group_path).read_text(encoding="utf-8"))
        return LockOwner(str(data["host"]), int(data["pid"]), str(data.get("user", "")), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # An unreadable lock is treated as held by an unknown owner: safer than ignoring it.
        return LockOwner("unknown", -1, "", "unknown")


def is_stale(owner: LockOwner) -> bool:
    return owner.host == socket.gethostname() and not pid_alive(owner.pid)


def _write_synced(fd: int, text: str) -> None:
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _create_whole(path: Path, text: str) -> bool:
    """Create ``path`` holding ``text`` in one step (False if it exists), so a crash never leaves a torn lock.

    The text is written to a private file first and hard-linked into place; where hard links are not
    possible (FAT drives, some shares) the lock is created exclusively and written.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        _write_synced(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), text)
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        _write_synced(fd, text)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def clear_stale_lock(group_path: Path, *, force: bool = False) -> LockOwner | None:
    """Remove the lock of a copy of the app that is no longer running here; returns whose it was.

    ``force`` removes any lock (the user has checked that no other computer has the file open).
    """
    owner = read_owner(group_path)
    if owner is None or not (force or is_stale(owner)):
        return None
    lock_path(group_path).unlink(missing_ok=True)
    return owner


class GroupLock:
    """Holds the lock for one open group file until :meth:`release`."""

    def __init__(self, group_path: Path) -> None:
        self.group_path = group_path
        self.path = lock_path(group_path)
        self.held = False

    def acquire(self) -> LockOwner | None:
        """Take the lock. Returns ``None`` on success, or the live owner that holds it."""
        for _attempt in range(2):
            owner = LockOwner(
                host=socket.gethostname(),
                pid=os.getpid(),
                user=os.environ.get("USER") or os.environ.get("USERNAME") or "",
                since=datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M"),
            )
            if not _create_whole(self.path, json.dumps(owner.__dict__)):
                current = read_owner(self.group_path)
                if current is None:
                    continue
                if current.host == owner.host and current.pid == owner.pid:
                    self.held = True
                    return None
                if is_stale(current):
                    self.path.unlink(missing_ok=True)
                    continue
                return current
            self.held = True
            return None
        return read_owner(self.group_path)

    def release(self) -> None:
        if self.held:
            current = read_owner(self.group_path)
            if current and current.pid == os.getpid() and current.host == socket.gethostname():
                self.path.unlink(missing_ok=True)
            self.held = False
