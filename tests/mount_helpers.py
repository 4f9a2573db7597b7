"""Real file systems for tests of full and read-only disks: a small tmpfs, mounted for the test only.

Mounting needs root (CI runs as root); elsewhere the tests that use these skip, saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

WHY_NOT = "mounting a test file system needs root (CI runs these as root)"


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"{' '.join(command)} failed here ({done.stderr.strip()}); {WHY_NOT}")


@contextmanager
def tmpfs(folder: Path, *, size: str = "16m") -> Iterator[Path]:
    """``folder`` as a fresh tmpfs of ``size``; unmounted afterwards, whatever happened."""
    if not can_mount():
        pytest.skip(WHY_NOT)
    folder.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        with suppress(Exception):
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def remount_read_only(folder: Path) -> None:
    _run("mount", "-o", "remount,ro", str(folder))


def fill_up(folder: Path) -> None:
    """Write a filler file until the file system in ``folder`` has no space left."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with suppress(OSError):
            while True:
                os.write(fd, b"\0" * 65536)  # a short write near the end, then "no space left"
    finally:
        os.close(fd)
