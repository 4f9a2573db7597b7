"""Edits, backups, restores and reopenings in any order: the group file always equals a simple model."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from backup_helpers import put_setting
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from sqlalchemy import select

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import Member, Setting
from coordinator_app.services import backups
from coordinator_app.services import group as group_service
from coordinator_app.services.uow import unit_of_work

KEYS = st.sampled_from(["aims", "venue", "rota", "notes"])
TEXT = st.text(alphabet=st.sampled_from("Zoë Łukasz أحمد & <>'\"abc123"), max_size=30)
NAMES = st.sampled_from(["Zoë Adams", "Łukasz Wójcik", "Nguyễn Thị Hoa", "Siobhán Ó Briain", "أحمد حسن",
                         "Tom & Jerry Clarke"])


def _fast_folder() -> str | None:
    """A RAM disk when there is one: this test is about what the file holds, not about syncing to disk."""
    ram = Path("/dev/shm")
    return str(ram) if ram.is_dir() and os.access(ram, os.W_OK) else None


@functools.cache
def _template() -> Path:
    """One new group file, copied for each example (building the schema each time would be slow)."""
    path = Path(tempfile.mkdtemp(dir=_fast_folder())) / "template.group"
    atexit.register(shutil.rmtree, path.parent, True)
    return group_service.create_group(path, name="Riverside Carers' Circle")


class GroupFileMachine(RuleBasedStateMachine):
    backups_made = Bundle("backups")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(dir=_fast_folder()))
        self.path = Path(shutil.copyfile(_template(), self.folder / "group.group"))
        self.group = open_group(self.path)
        self.clock = datetime(2026, 1, 1, 9, 0)
        self.settings: dict[str, str] = {}
        self.members: list[str] = []

    def teardown(self) -> None:
        self.group.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(key=KEYS, value=TEXT)
    def edit(self, key: str, value: str) -> None:
        put_setting(self.group, key, value)
        self.settings[key] = value

    @rule(key=KEYS)
    def remove(self, key: str) -> None:
        with unit_of_work(self.group) as session:
            row = session.get(Setting, key)
            if row is not None:
                session.delete(row)
        self.settings.pop(key, None)

    @rule(name=NAMES)
    def add_member(self, name: str) -> None:
        with unit_of_work(self.group) as session:
            session.add(Member(name=name, joined_on=date(2025, 1, 1)))
        self.members.append(name)

    @rule(target=backups_made)
    def back_up(self) -> tuple[Path, dict[str, str], list[str]]:
        self.clock += timedelta(minutes=7)
        made = backups.back_up_now(self.group, folder=self.folder / "backups", now=self.clock)
        return made, dict(self.settings), list(self.members)

    @rule(backup=backups_made)
    def restore(self, backup: tuple[Path, dict[str, str], list[str]]) -> None:
        path, saved_settings, saved_members = backup
        self.group.close()
        self.clock += timedelta(minutes=1)
        result = backups.restore(self.path, path, now=self.clock)
        assert result.kept_as is not None and result.kept_as.exists()
        self.group = open_group(self.path)
        self.settings, self.members = dict(saved_settings), list(saved_members)

    @rule()
    def reopen(self) -> None:
        self.group.close()
        self.group = open_group(self.path)
        assert not self.group.read_only

    @invariant()
    def file_equals_model(self) -> None:
        with unit_of_work(self.group, write=False) as session:
            stored = {row.key: row.value for row in session.scalars(select(Setting))}
            names = sorted(session.scalars(select(Member.name)))
        assert stored == self.settings
        assert names == sorted(self.members)


GroupFileMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=12, deadline=None)
test_group_file_matches_its_model = GroupFileMachine.TestCase
