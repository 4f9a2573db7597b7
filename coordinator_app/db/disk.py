"""Small file-system steps that make a write durable and private."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def owner_only(path: Path) -> None:
    """Group files and backups hold health-related details: only their owner may read them."""
    with contextlib.suppress(OSError):  # a file system without permissions (FAT, some network shares)
        path.chmod(0o600)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut."""
    with contextlib.suppress(OSError):  # Windows cannot open a folder for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
