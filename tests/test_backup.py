"""Automatic backups: verified, owner-only, made at the right moments, rotated, and safe when cut short."""

from __future__ import annotations

import random
import signal
import stat
import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from backup_helpers import integrity, put_setting, settings_in, sha256

from coordinator_app.db import backup as backup_db
from coordinator_app.db.backup import BackupFailed, BackupScheduler, backups_to_keep
from coordinator_app.services import backups


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_backup_is_verified_owner_only_and_named_by_time(group, folder):
    put_setting(group, "greeting", "Zoë & Łukasz")
    made = backups.back_up_now(group, folder=folder, now=datetime(2026, 3, 1, 9, 5, 7))
    assert made == folder / "test-20260301-090507.group"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert integrity(made) == ["ok"]
    assert settings_in(made) == {"greeting": "Zoë & Łukasz"}
    assert [p.name for p in folder.iterdir()] == [made.name]  # no temporary files left behind


def test_two_backups_in_one_second_both_kept_under_distinct_names(group, folder):
    when = datetime(2026, 3, 1, 9, 0, 0)
    first = backups.back_up_now(group, folder=folder, now=when)
    put_setting(group, "k", "v")
    second = backups.back_up_now(group, folder=folder, now=when)
    assert first != second and first.exists() and second.exists()
    assert backups.list_backups(group.path, folder=folder)[0].path == second


def test_back_up_to_a_chosen_place(group, tmp_path):
    stick = tmp_path / "usb stick"
    stick.mkdir()
    made = backups.back_up_to(group, stick / "copy for Siobhán.group")
    assert made.exists() and integrity(made) == ["ok"]
    folder_made = backups.back_up_to(group, stick)
    assert folder_made.parent == stick and folder_made.name.startswith("test-")
    with pytest.raises(BackupFailed, match="not the group file itself"):
        backups.back_up_to(group, group.path)


def test_scheduler_backs_up_on_open_while_changing_and_on_close(group, folder):
    start = datetime(2026, 5, 4, 19, 0)
    scheduler = BackupScheduler(group.path, folder=folder)
    assert scheduler.on_open(now=start) is not None  # no backup yet
    again = BackupScheduler(group.path, folder=folder)
    assert again.on_open(now=start + timedelta(minutes=1)) is None  # unchanged since that backup
    put_setting(group, "k", "1")
    assert again.tick(now=start + timedelta(minutes=20)) is None  # not yet 30 minutes
    assert again.tick(now=start + timedelta(minutes=31)) is not None
    assert again.tick(now=start + timedelta(minutes=62)) is None  # nothing changed meanwhile
    put_setting(group, "k", "2")
    assert again.on_close(now=start + timedelta(minutes=70)) is not None
    assert again.on_close(now=start + timedelta(minutes=71)) is None
    newest = backups.list_backups(group.path, folder=folder)[0]
    assert settings_in(newest.path) == {"k": "2"}


def test_read_only_copy_makes_no_automatic_backups(group_path):
    from coordinator_app.db.groupfile import open_group

    with open_group(group_path, read_only=True) as ro:
        assert backups.scheduler_for(ro) is None


def _simulate(days: int, seed: int) -> tuple[set[datetime], dict[date, list[datetime]], datetime]:
    rng = random.Random(seed)
    kept: set[datetime] = set()
    made: dict[date, list[datetime]] = {}
    day = date(2025, 1, 1)
    now = datetime.combine(day, time(9))
    for _ in range(days):
        moment = datetime.combine(day, time(rng.randrange(8, 12), rng.randrange(60)))
        for _backup in range(rng.randrange(1, 6)):
            made.setdefault(day, []).append(moment)
            kept = backups_to_keep(kept | {moment}, moment)
            now = moment
            moment += timedelta(minutes=30 + rng.randrange(30))
        day += timedelta(days=1)
    return kept, made, now


def test_rotation_over_400_days_keeps_exactly_the_promised_set():
    kept, made, now = _simulate(400, seed=6)
    today = now.date()
    assert backups_to_keep(kept, now) == kept  # a fixed point: nothing more would go
    recent = {when for day in (today, today - timedelta(days=1)) for when in made[day]}
    assert recent <= kept  # everything from today and yesterday
    older = sorted(kept - recent, reverse=True)
    assert len(older) == 12 + 10 + 9
    daily, weekly, monthly = older[:12], older[12:22], older[22:]
    assert [when.date() for when in daily] == [today - timedelta(days=2 + i) for i in range(12)]
    assert all(when == max(made[when.date()]) for when in daily)  # the newest of each day
    weeks = [when.isocalendar()[:2] for when in weekly]
    assert len(set(weeks)) == 10
    first_week_start = daily[-1].date() - timedelta(days=1)
    expected_weeks = [(first_week_start - timedelta(weeks=i)).isocalendar()[:2] for i in range(10)]
    assert weeks == expected_weeks
    months = [(when.year, when.month) for when in monthly]
    assert len(set(months)) == 9
    as_index = [year * 12 + month for year, month in months]
    assert as_index == [as_index[0] - i for i in range(9)]  # nine months in a row
    assert as_index[0] in {weekly[-1].year * 12 + weekly[-1].month - step for step in (0, 1)}
    oldest_allowed = today - timedelta(days=14 + 7 * 11 + 31 * 10)
    assert min(kept).date() >= oldest_allowed


def test_rotation_deletes_old_backups_but_not_while_the_newest_is_bad(group, folder):
    start = datetime(2026, 1, 1, 10, 0)
    for day in range(40):
        backup_db.take_backup(group.path, folder, now=start + timedelta(days=day))
    newest = backups.list_backups(group.path, folder=folder)[0].path
    data = bytearray(newest.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    newest.write_bytes(bytes(data))
    assert backup_db.prune(group.path, folder, now=start + timedelta(days=39)) == []
    assert len(backups.list_backups(group.path, folder=folder)) == 40
    newest.unlink()
    deleted = backup_db.prune(group.path, folder, now=start + timedelta(days=38))
    assert deleted and len(backups.list_backups(group.path, folder=folder)) == 39 - len(deleted)


def test_backup_while_another_thread_writes_passes_its_check(group, folder):
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        n = 0
        while not stop.is_set():
            put_setting(group, f"row-{n:05d}", "Nguyễn Thị Hoa " * 20)
            written.append(n)
            n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        made = []
        while len(made) < 6 or len(written) < 30:
            made.append(backup_db.take_backup(group.path, folder))
    finally:
        stop.set()
        thread.join()
    for path in made:
        assert integrity(path) == ["ok"]
        rows = settings_in(path)
        # A consistent snapshot: some prefix of the writes, never a torn one.
        assert sorted(rows) == [f"row-{n:05d}" for n in range(len(rows))]
    assert len(settings_in(made[-1])) > 0


CHILD_BACKUP = """
    import resource, signal, sys
    from pathlib import Path
    from coordinator_app.db.backup import take_backup, BackupFailed
    signal.signal(signal.SIGXFSZ, signal.SIG_{action})
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
    try:
        take_backup(Path(sys.argv[1]), Path(sys.argv[2]))
    except BackupFailed as exc:
        print(exc)
        sys.exit(9)
"""


def _child_backup(group_path: Path, folder: Path, action: str):
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(CHILD_BACKUP).replace("{action}", action)
    return subprocess.run([sys.executable, "-c", code, str(group_path), str(folder)],
                          capture_output=True, text=True, timeout=60)


def test_backup_killed_halfway_never_appears_under_a_backup_name(group, folder):
    put_setting(group, "notes", "x" * 200_000)
    before = sha256(group.path)
    result = _child_backup(group.path, folder, "DFL")  # the kernel kills it mid-write
    assert result.returncode == -signal.SIGXFSZ
    assert backups.list_backups(group.path, folder=folder) == []
    assert any(p.name.startswith(".") for p in folder.iterdir())  # only a hidden partial file is left
    assert sha256(group.path) == before
    made = backup_db.take_backup(group.path, folder)  # the next backup clears the dead one's leftovers
    assert sorted(p.name for p in folder.iterdir()) == [made.name]


def test_disk_full_during_a_backup_is_a_plain_message_and_changes_nothing(group, folder):
    put_setting(group, "notes", "x" * 200_000)
    before = sha256(group.path)
    result = _child_backup(group.path, folder, "IGN")  # writes fail with "file too large"
    assert result.returncode == 9, result.stderr
    assert result.stdout.strip() in {
        "The backup could not be written because the disk is full. Free some space and try again.",
        "The backup could not be written: the disk refused it (it may be full). Free some space and try again.",
    }
    assert "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []
    assert sha256(group.path) == before


def test_backup_folder_that_cannot_be_made_is_a_plain_message(group, tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    with pytest.raises(BackupFailed) as caught:
        backup_db.take_backup(group.path, blocker / "backups")
    assert "backup could not be written" in str(caught.value)


def test_two_groups_with_the_same_file_name_keep_their_own_backups(tmp_path, folder):
    """Two "my-group.group" files in different folders share the backup folder but not their backups."""
    from coordinator_app.db.groupfile import open_group
    from coordinator_app.services import group as group_service

    paths = []
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        paths.append(group_service.create_group(tmp_path / name / "my-group.group", name=f"The {name} group"))
    start = datetime(2026, 1, 1, 9, 0)
    with open_group(paths[0]) as first:
        ours = backups.back_up_now(first, folder=folder, now=start)
    with open_group(paths[1]) as second:
        # Three hundred days of the other group's backups: its rotation must leave ours alone.
        for day in range(300):
            backups.back_up_now(second, folder=folder, now=start + timedelta(days=day, hours=1))
    assert ours.exists()
    assert [info.path for info in backups.list_backups(paths[0], folder=folder)] == [ours]
    assert ours not in [info.path for info in backups.list_backups(paths[1], folder=folder)]
