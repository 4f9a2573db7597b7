"""Factories for the members, meetings and jobs tests, and a fast way to get a fresh group file.

``fresh_group`` copies one template file made per test run instead of running the migrations each
time, which keeps the Hypothesis tests (one group file per example) quick.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from coordinator_app.db.groupfile import GroupFile, open_group
from coordinator_app.db.models import AttendanceMode
from coordinator_app.services import group as group_service
from coordinator_app.services import members

# A fixed "today" so no test depends on the clock.
TODAY = date(2026, 6, 1)
JOINED = date(2024, 1, 10)

NAMES = ("Zoë Adams", "Łukasz Nowak", "Nguyễn Thị Hoa", "Siobhán Ó Briain", "أحمد", "Tom & Jerry")


@functools.cache
def _template(mode: AttendanceMode) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="people-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return group_service.create_group(folder / "template.group", name="Template Group", attendance_mode=mode)


def scratch_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder, in memory where the system has one (/dev/shm), so saving costs no disk syncs."""
    shm = Path("/dev/shm")
    return tempfile.TemporaryDirectory(dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None)


def fresh_group(folder: Path | str, *, mode: AttendanceMode = AttendanceMode.BY_NAME) -> GroupFile:
    """A new, empty group file in ``folder``, opened for writing (the caller closes it)."""
    target = Path(folder) / f"group-{mode.value}.group"
    shutil.copyfile(_template(mode), target)
    return open_group(target)


def add_people(group: GroupFile, *names: str, joined_on: date = JOINED) -> list[int]:
    return [members.add_member(group, name=name, joined_on=joined_on) for name in names]

