"""Restoring a backup and recovering from a damaged group file: nothing is ever overwritten or lost."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from backup_helpers import integrity, put_setting, settings_in, sha256

from coordinator_app.db import backup as backup_db
from coordinator_app.db.errors import GroupFileError, GroupFileInUse
from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import Meeting, Member
from coordinator_app.services import backups
from coordinator_app.services import group as group_service
from coordinator_app.services.uow import unit_of_work

T0 = datetime(2026, 2, 10, 20, 0)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_list_shows_date_size_and_counts(group, folder):
    backups.back_up_now(group, folder=folder, now=T0)
    with unit_of_work(group) as session:
        session.add_all([Member(name="Zoë Adams", joined_on=date(2025, 1, 1)),
                         Member(name="أحمد حسن", joined_on=date(2025, 1, 1))])
        session.add(Meeting(held_on=date(2026, 2, 10)))
    backups.back_up_now(group, folder=folder, now=T0 + timedelta(hours=1))
    newest, oldest = backups.list_backups(group.path, folder=folder)
    assert (newest.taken_at, oldest.taken_at) == (T0 + timedelta(hours=1), T0)
    assert (newest.members, newest.meetings, newest.transactions) == (2, 1, 0)
    assert (oldest.members, oldest.meetings, oldest.transactions) == (0, 0, 0)
    assert newest.size == newest.path.stat().st_size > 0
    assert backups.difference_from_now(group.path, oldest) == "2 fewer members, 1 fewer meeting"
    assert backups.difference_from_now(group.path, newest) == (
        "the same numbers of members, meetings and transactions as now"
    )


def test_restore_puts_the_backup_back_and_keeps_the_replaced_file(group_path, folder):
    with open_group(group_path) as group:
        put_setting(group, "k", "backed up")
        made = backups.back_up_now(group, folder=folder, now=T0)
        put_setting(group, "k", "later change")
    result = backups.restore(group_path, made, now=T0 + timedelta(days=1))
    assert settings_in(group_path) == {"k": "backed up"}
    assert result.kept_as == group_path.with_name("test.group.before-restore-20260211-200000")
    assert settings_in(result.kept_as) == {"k": "later change"}  # nothing lost
    for path in (group_path, result.kept_as):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    leftovers = [p.name for p in group_path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    with open_group(group_path) as reopened:
        assert not reopened.read_only
        assert group_service.get_profile(reopened).name == "Riverside Carers' Circle"


def test_restore_keeps_changes_still_in_the_log_of_the_replaced_file(group_path, folder):
    made = backup_db.take_backup(group_path, folder, now=T0)
    with open_group(group_path) as group:
        group_service.get_profile(group)  # the first connection switches the file to write-ahead logging
        reader = sqlite3.connect(group_path)  # keeps the log from being folded in on close
        reader.execute("SELECT 1 FROM settings").fetchall()
        put_setting(group, "k", "only in the log")
        assert Path(f"{group_path}-wal").stat().st_size > 0
        assert settings_in(group_path) == {"k": "only in the log"}
    reader.close()
    result = backups.restore(group_path, made, now=T0)
    assert settings_in(result.kept_as) == {"k": "only in the log"}
    assert settings_in(group_path) == {}


def test_restore_refuses_while_the_file_is_open_and_changes_nothing(group, folder):
    made = backups.back_up_now(group, folder=folder, now=T0)
    put_setting(group, "k", "v")
    before = sha256(group.path)
    with pytest.raises(GroupFileInUse, match="close it before restoring"):
        backups.restore(group.path, made)
    assert sha256(group.path) == before


def test_a_damaged_backup_is_refused(group_path, tmp_path):
    bad = tmp_path / "test-20260101-000000.group"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    before = sha256(group_path)
    with pytest.raises(GroupFileError, match="damaged or not a group backup"):
        backups.restore(group_path, bad)
    assert sha256(group_path) == before


def _zero_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 200)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _stray_wal(path: Path) -> None:
    """A log left by another group file that once had this name."""
    other = group_service.create_group(path.with_name("other.group"), name="Another group")
    with open_group(other) as group:
        group_service.get_profile(group)  # the first connection switches the file to write-ahead logging
        holder = sqlite3.connect(other)  # so the log outlives the write
        holder.execute("SELECT 1 FROM settings").fetchall()
        with unit_of_work(group) as session:
            session.add_all(Member(name=f"Other person {n}", joined_on=date(2024, 1, 1)) for n in range(40))
        shutil.copyfile(f"{other}-wal", f"{path}-wal")
        holder.close()


@pytest.mark.parametrize("damage", [_zero_header, _truncate, _garbage, _empty, _stray_wal],
                         ids=["zeroed header", "truncated", "garbage", "empty", "stray log"])
def test_damaged_file_is_detected_never_overwritten_and_a_verified_backup_offered(group_path, folder, damage):
    with open_group(group_path) as group:
        with unit_of_work(group) as session:
            session.add_all(Member(name=f"Member {n}", joined_on=date(2025, 1, 1)) for n in range(60))
        good = backups.back_up_now(group, folder=folder, now=T0)
        newer_bad = backups.back_up_now(group, folder=folder, now=T0 + timedelta(hours=1))
    _zero_header(newer_bad)  # the newest backup is bad too: the good one must be offered
    damage(group_path)
    damaged_bytes = group_path.read_bytes()
    with pytest.raises(GroupFileError):
        open_group(group_path).close()
    assert group_path.read_bytes() == damaged_bytes  # looking did not change it
    offered = backups.offer_for_damaged(group_path, folder=folder)
    assert offered is not None and offered.path == good and offered.members == 60
    recovery = backups.recover_damaged(group_path, folder=folder, now=T0 + timedelta(days=1))
    assert recovery.set_aside_as.read_bytes() == damaged_bytes  # kept, byte for byte
    assert recovery.set_aside_as.name == "test.group.damaged-20260211-200000"
    assert recovery.restored == offered
    with open_group(group_path) as restored, unit_of_work(restored, write=False) as session:
        assert session.query(Member).count() == 60
    assert integrity(group_path) == ["ok"]


def test_no_verified_backup_means_nothing_is_offered(group_path, folder):
    _garbage(group_path)
    assert backups.offer_for_damaged(group_path, folder=folder) is None
