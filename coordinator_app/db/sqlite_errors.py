"""What kind of trouble an SQLite error is, told by its result code rather than by words in its message.

SQLite's messages change between versions and are not meant for matching; its result codes are stable
(Python 3.11 exposes them as ``sqlite_errorcode``). As qutebrowser does, the primary code (the low byte
of the extended code) decides whether an error is the computer's doing (full, read-only, busy, failing
disk) and so worth one plain sentence, or a bug to be logged.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import Enum


class Trouble(Enum):
    READ_ONLY = "read-only"
    FULL = "full"
    BUSY = "busy"
    CANNOT_OPEN = "cannot open"
    DISK_FAILED = "disk failed"
    DAMAGED = "damaged"


_BY_CODE = {
    sqlite3.SQLITE_READONLY: Trouble.READ_ONLY,
    sqlite3.SQLITE_PERM: Trouble.READ_ONLY,
    sqlite3.SQLITE_AUTH: Trouble.READ_ONLY,
    sqlite3.SQLITE_FULL: Trouble.FULL,
    sqlite3.SQLITE_BUSY: Trouble.BUSY,
    sqlite3.SQLITE_LOCKED: Trouble.BUSY,
    sqlite3.SQLITE_PROTOCOL: Trouble.BUSY,
    sqlite3.SQLITE_CANTOPEN: Trouble.CANNOT_OPEN,
    sqlite3.SQLITE_IOERR: Trouble.DISK_FAILED,
    sqlite3.SQLITE_CORRUPT: Trouble.DAMAGED,
    sqlite3.SQLITE_NOTADB: Trouble.DAMAGED,
}
_BY_ERRNO = {
    errno.ENOSPC: Trouble.FULL,
    errno.EDQUOT: Trouble.FULL,
    errno.EFBIG: Trouble.FULL,
    errno.EROFS: Trouble.READ_ONLY,
    errno.EACCES: Trouble.READ_ONLY,
    errno.EPERM: Trouble.READ_ONLY,
    errno.EIO: Trouble.DISK_FAILED,
    errno.ENOENT: Trouble.CANNOT_OPEN,
}


def sqlite_code(exc: BaseException) -> int | None:
    """The extended result code of an SQLite error, looking through SQLAlchemy's wrapper (``.orig``)."""
    inner = getattr(exc, "orig", None) or exc
    code = getattr(inner, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def trouble(exc: BaseException) -> Trouble | None:
    """What went wrong with the storage, or ``None`` when ``exc`` is not the computer's doing."""
    inner = getattr(exc, "orig", None) or exc
    if isinstance(inner, OSError) and not isinstance(inner, sqlite3.Error):
        return _BY_ERRNO.get(inner.errno or 0)
    code = sqlite_code(exc)
    if code is None:
        return None
    return _BY_CODE.get(code & 0xFF)
