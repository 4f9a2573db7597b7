"""Small helpers shared by the backup, crash and data-rights tests: real files, no stand-ins."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Setting
from coordinator_app.services.uow import unit_of_work


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def put_setting(group: GroupFile, key: str, value: str) -> None:
    with unit_of_work(group) as session:
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value


def settings_in(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT key, value FROM settings"))
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def run_python(code: str, *, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter with this project importable."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, **kwargs
    )
