"""Reading a group file wherever reading works: a folder we may write, a read-only folder, read-only media.

SQLite reads a WAL-mode file (ours are) only by creating ``-shm`` (and ``-wal``) beside it, so a plain
read-only open fails in a folder nobody here may write (a locked memory stick, a CD, a read-only share).
So: a file we may write is read normally; one we may not, with no log beside it, is read as ``immutable``
(nothing here can change it, and nothing is created beside it); and one whose log must be read too in a
folder we may not write is copied, with its log, into a private temporary folder and read there. The
original is never written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

_LOGS = ("-wal", "-journal")


def has_log(path: Path) -> bool:
    """Whether a write-ahead log or rollback journal with something in it lies beside ``path``."""
    for suffix in _LOGS:
        with contextlib.suppress(OSError):
            if Path(f"{path}{suffix}").stat().st_size > 0:
                return True
    return False


def on_read_only_media(path: Path) -> bool:
    """Whether ``path``'s folder is on a file system mounted read-only (a locked stick, a CD, a ro share)."""
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # Windows has no statvfs
        return False


def folder_writable(path: Path) -> bool:
    """Whether SQLite may create its side files beside ``path``."""
    return os.access(path.parent, os.W_OK) and not on_read_only_media(path)


def uri(path: Path, *, immutable: bool = False) -> str:
    """A read-only ``file:`` URI; quoting keeps "#", "?" or "%" in a name part of the name."""
    return f"file:{quote(path.as_posix())}?mode=ro" + ("&immutable=1" if immutable else "")


@dataclass
class Readable:
    """What SQLite should open to read a group file: the file itself, or a private copy of it and its log."""

    path: Path
    immutable: bool
    copy_folder: Path | None = None

    @property
    def uri(self) -> str:
        return uri(self.path, immutable=self.immutable)

    def close(self) -> None:
        if self.copy_folder is not None:
            shutil.rmtree(self.copy_folder, ignore_errors=True)
            self.copy_folder = None


def private_copy(path: Path) -> Readable:
    """``path`` and its log copied into a new owner-only temporary folder, to be read (or upgraded) there."""
    folder = Path(tempfile.mkdtemp(prefix="group-coordinator-"))
    copy = folder / path.name
    try:
        for suffix in ("", *_LOGS):
            source = Path(f"{path}{suffix}")
            if suffix == "" or source.exists():
                shutil.copyfile(source, Path(f"{copy}{suffix}"))
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Readable(copy, immutable=False, copy_folder=folder)


def readable(path: Path, *, one_look: bool = False) -> Readable:
    """How to read ``path`` here. ``one_look``: a single quick read, so a closed file may be read immutable
    even where others could write it (no side files are left behind)."""
    logged = has_log(path)
    if folder_writable(path) and os.access(path, os.W_OK):
        return Readable(path, immutable=one_look and not logged)
    if not logged:  # nobody here may change it: read it as it lies, creating nothing beside it
        return Readable(path, immutable=True)
    if folder_writable(path):
        return Readable(path, immutable=False)  # the log is read in place
    return private_copy(path)


@contextlib.contextmanager
def read_connection(path: Path, *, one_look: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path`` that works wherever the file can be read; closed afterwards."""
    source = readable(path, one_look=one_look)
    try:
        conn = sqlite3.connect(source.uri, uri=True)
        try:
            yield conn
        finally:
            conn.close()
    finally:
        source.close()
