"""Small file-system steps that make a write durable and private.

Every file holding members' details (group files, backups, exports of every kind, PDFs, subject access
answers) is written through :func:`write_private`: a temporary file is created beside the target with
owner-only permissions *before* anything is written into it, filled, synced and only then renamed over
the target. So no moment exists when the data sits in a file others may read, and a failure (a full disk,
a crash) never leaves a truncated file under the real name.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

PRIVATE_MODE = 0o600


def owner_only(path: Path) -> None:
    """Group files and backups hold health-related details: only their owner may read them."""
    with contextlib.suppress(OSError):  # a file system without permissions (FAT, some network shares)
        path.chmod(PRIVATE_MODE)


def more_open_than_private(path: Path) -> bool:
    """Whether others (group or everyone) may read or write ``path``; False where modes mean nothing."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.name == "posix" and bool(stat.S_IMODE(mode) & 0o077)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut."""
    with contextlib.suppress(OSError):  # Windows cannot open a folder for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def create_private(path: Path) -> Path:
    """Create ``path`` as a new, empty, owner-only file (``FileExistsError`` if something is there)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
    return path


def private_temp_beside(path: Path, purpose: str = "writing") -> Path:
    """A new, empty, owner-only file in ``path``'s folder, named ``.<name>.<purpose>-…``, for filling then renaming.

    ``tempfile.mkstemp`` creates it with mode 0600 whatever the umask, so the data never sits in a file
    anyone else may open. Writers that need a file name (SQLite, openpyxl, ReportLab) write into it.
    """
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.{purpose}-", dir=path.parent)
    os.close(handle)
    return Path(name)


def _sync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def write_private(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Write a file holding members' data: owner-only from the first byte, and whole or not at all.

    ``write(tmp)`` fills a private temporary file beside ``path`` (opening it again for writing keeps its
    0600 mode); it is then synced and renamed over ``path``. A symlink at ``path`` is replaced, never
    followed. Raises the ``OSError`` (e.g. disk full) or whatever ``write`` raised; nothing is left behind.
    """
    path = Path(path)
    tmp = private_temp_beside(path)
    try:
        write(tmp)
        owner_only(tmp)  # in case ``write`` replaced the file rather than writing into it
        _sync_file(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        if exc.filename in (None, str(tmp)):
            exc.filename = str(path)  # the user knows the file they asked for, not our temporary one
        raise
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return path


def write_private_bytes(path: Path | str, data: bytes) -> Path:
    """:func:`write_private` for bytes already in memory."""
    return write_private(path, lambda tmp: tmp.write_bytes(data))


def write_private_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> Path:
    """:func:`write_private` for text already in memory."""
    return write_private(path, lambda tmp: tmp.write_text(text, encoding=encoding))
