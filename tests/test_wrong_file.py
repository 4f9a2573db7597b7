"""Restore, backup and create write only where a group file is or where nothing is, touching nothing else.

Also: the leftovers of a killed restore are cleared on the next open, a log left by another copy of the
same group is explained in one sentence with the safe choice, and a group file readable by others is
made private (and the user told).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from backup_helpers import put_setting, settings_in

from coordinator_app.cli import main
from coordinator_app.db.errors import GroupFileError, StaleLog
from coordinator_app.db.groupfile import create_group_file, inspect_file, open_group
from coordinator_app.services import backups
from coordinator_app.services import group as group_service


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a link's target, a file's hash, or "folder"."""
    seen = {}
    for entry in sorted(folder.rglob("*")):
        key = str(entry.relative_to(folder))
        if entry.is_symlink():
            seen[key] = "-> " + os.readlink(entry)
        elif entry.is_dir():
            seen[key] = "folder"
        else:
            seen[key] = hashlib.sha256(entry.read_bytes()).hexdigest() + oct(entry.stat().st_mode)
    return seen


@pytest.fixture
def backup(group_path: Path, tmp_path: Path) -> Path:
    with open_group(group_path) as group:
        put_setting(group, "from", "the backup")
    (tmp_path / "backups").mkdir()
    return backups.back_up_file(group_path, target=tmp_path / "backups" / "good.group")


def refused(capsys, *argv: str) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err.strip()
    assert code not in (0, 70), err
    assert "Something went wrong" not in err
    assert len(err.splitlines()) == 1, err
    return err


def test_restore_refuses_a_document_and_leaves_it_as_it_was(backup, tmp_path, capsys):
    work = tmp_path / "work"
    work.mkdir()
    (work / "thesis.docx").write_bytes(b"PK\x03\x04 my thesis, three years of it")
    before = snapshot(work)
    err = refused(capsys, "restore", str(backup), "--group", str(work / "thesis.docx"))
    assert err == ("thesis.docx is not a group file, so it was left as it is; to restore, name a group file or a "
                   "file that does not exist yet.")
    assert snapshot(work) == before


def test_restore_refuses_a_symlink_to_a_group_file_or_to_anything_else(group_path, backup, tmp_path, capsys):
    work = tmp_path / "work"
    work.mkdir()
    system_file = work / "passwd"
    system_file.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (work / "link-to-system").symlink_to(system_file)
    (work / "link-to-group").symlink_to(group_path)
    (work / "dangling").symlink_to(work / "nothing-here")
    before, group_before = snapshot(work), snapshot(group_path.parent)
    for link in ("link-to-system", "link-to-group", "dangling"):
        err = refused(capsys, "restore", str(backup), "--group", str(work / link))
        assert err.startswith(f"{work / link} is a link to ") and "Nothing was changed." in err
    assert snapshot(work) == before
    assert snapshot(group_path.parent) == group_before


def test_restore_refuses_a_folder_and_a_device(backup, tmp_path, capsys):
    folder = tmp_path / "a folder.group"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep")
    before = snapshot(tmp_path)
    assert refused(capsys, "restore", str(backup), "--group", str(folder)) == (
        f"{folder} is a folder, not a group file; nothing was changed.")
    assert refused(capsys, "restore", str(backup), "--group", "/dev/null") == (
        "/dev/null is a device or other special file, not a group file; nothing was changed.")
    assert snapshot(tmp_path) == before
    assert Path("/dev/null").is_char_device()


def test_restore_still_replaces_a_group_file_and_fills_an_empty_place(group_path, backup, tmp_path, capsys):
    with open_group(group_path) as group:
        put_setting(group, "from", "now")
    assert main(["restore", str(backup), "--group", str(group_path)]) == 0
    assert settings_in(group_path)["from"] == "the backup"
    fresh = tmp_path / "new place" / "restored.group"
    fresh.parent.mkdir()
    assert main(["restore", str(backup), "--group", str(fresh)]) == 0
    assert settings_in(fresh)["from"] == "the backup"


def test_backup_to_a_document_is_refused_and_the_document_kept(group_path, tmp_path, capsys):
    document = tmp_path / "notes.txt"
    document.write_text("my notes")
    err = refused(capsys, "backup", "-o", str(document), "--group", str(group_path))
    assert "notes.txt is not a group file, so it was left as it is; to back up" in err
    assert document.read_text() == "my notes"


def test_creating_a_group_never_follows_a_link_or_replaces_a_file(tmp_path):
    target = tmp_path / "elsewhere.txt"
    link = tmp_path / "new.group"
    link.symlink_to(target)  # points nowhere yet
    with pytest.raises(GroupFileError, match="already exists"):
        group_service.create_group(link, name="Riverside")
    assert not target.exists() and link.is_symlink()
    made = create_group_file(tmp_path / "fine.group")
    assert inspect_file(made)


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_the_hidden_copy_of_a_killed_restore_is_cleared_on_the_next_open(group_path):
    pid = _dead_pid()
    leftovers = [group_path.with_name(f".{group_path.name}.restoring-{pid}{s}") for s in ("", "-journal")]
    for leftover in leftovers:
        shutil.copyfile(group_path, leftover)
    mine = group_path.with_name(f".{group_path.name}.restoring-{os.getpid()}")  # a live process: left alone
    mine.write_bytes(b"in progress")
    with open_group(group_path):
        pass
    assert not any(p.exists() for p in leftovers)
    assert mine.exists()


def test_a_killed_backup_leaves_nothing_after_the_next_open(group_path, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    partial = folder / f".test-20260101-100000.group.partial-{_dead_pid()}"
    partial.write_bytes(b"half a backup")
    with open_group(group_path) as group:
        backups.scheduler_for(group, folder=folder).on_open()
    assert not partial.exists()


def _stale_log_beside(group_path: Path) -> None:
    """What copying an older copy of the group over the file, leaving its log, does."""
    with open_group(group_path) as group:
        put_setting(group, "k", "v0")
    older = group_path.with_name("older copy.group")
    shutil.copyfile(group_path, older)
    group = open_group(group_path)
    for n in range(300):
        put_setting(group, f"key {n}", "x" * 500)
    with group.engine.connect() as conn:  # those pages now live only in the newer main file...
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    for n in range(0, 300, 7):
        put_setting(group, f"key {n}", "y" * 300)  # ...and the log refers to them
    wal = Path(f"{group_path}-wal").read_bytes()
    group.close()
    shutil.copyfile(older, group_path)
    Path(f"{group_path}-wal").write_bytes(wal)


def test_a_log_left_by_another_copy_of_the_same_group_is_explained_with_the_safe_choice(group_path, capsys):
    _stale_log_beside(group_path)
    wal = Path(f"{group_path}-wal")
    if not (wal.exists() and wal.stat().st_size):
        pytest.skip("this SQLite removed the log on close, so there is no leftover to test with")
    conn = sqlite3.connect(f"file:{group_path}?mode=ro", uri=True)
    replayed = conn.execute("PRAGMA quick_check").fetchall()
    conn.close()
    if replayed == [("ok",)]:
        pytest.skip("the leftover log happened to fit this copy; nothing to explain")
    with pytest.raises(StaleLog):
        inspect_file(group_path)
    err = refused(capsys, "check", "--group", str(group_path))
    assert err == (f"{group_path.name} is sound, but the log beside it ({group_path.name}-wal) is left from another "
                   "copy of this group and does not fit it, so neither has been changed: set the log aside "
                   "(coordinator-app set-aside-log, or open the file in the window) to open the file as it was "
                   "last saved.")
    assert main(["set-aside-log", "--group", str(group_path)]) == 0
    assert "Put the log aside as test.group.stale-log-" in capsys.readouterr().out
    assert main(["check", "--group", str(group_path)]) == 0
    assert settings_in(group_path) == {"k": "v0"}
    assert list(group_path.parent.glob("test.group.stale-log-*"))  # kept, not deleted


def test_set_aside_log_refuses_a_log_that_belongs_to_the_file(group_path, capsys):
    group = open_group(group_path)
    put_setting(group, "recent", "change")
    try:
        if not Path(f"{group_path}-wal").exists():
            pytest.skip("no log while open")
        shutil.copyfile(f"{group_path}-wal", f"{group_path}-wal.copy")
    finally:
        group.close()
    os.replace(f"{group_path}-wal.copy", f"{group_path}-wal")
    err = refused(capsys, "set-aside-log", "--group", str(group_path))
    assert err.startswith("The log beside test.group belongs to it")
    assert Path(f"{group_path}-wal").exists()


def test_a_group_file_others_may_read_is_made_private_and_the_user_told(group_path, capsys):
    group_path.chmod(0o644)
    assert main(["import", "members", str(_members_csv(group_path.parent)), "--group", str(group_path)]) == 0
    assert "test.group could be read by other people on this computer; it is now private to you." in (
        capsys.readouterr().err)
    assert stat.S_IMODE(group_path.stat().st_mode) == 0o600


def _members_csv(folder: Path) -> Path:
    path = folder / "people.csv"
    path.write_text("Name,Joined\nZoë Adams,01/02/2024\n", encoding="utf-8")
    return path
