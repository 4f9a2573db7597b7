"""What a group file holds, as one hash: equal before and after means a refused file changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path


def dump_hash(path: Path) -> str:
    """The SHA-256 of the file's SQL dump (sorted: a re-inserted row of a table without an integer key gets a
    new rowid), which, unlike the bytes, does not change when SQLite merely checkpoints its log."""
    with closing(sqlite3.connect(path)) as conn:
        return hashlib.sha256("\n".join(sorted(conn.iterdump())).encode()).hexdigest()
