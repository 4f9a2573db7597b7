"""Two copies of the app, stale locks, owner-only permissions and risky folders."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from backup_helpers import put_setting, sha256

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.lock import lock_path
from coordinator_app.services import backups
from coordinator_app.services.errors import StorageError

HOLDER = """
    import sys
    from coordinator_app.db.groupfile import open_group
    group = open_group(sys.argv[1])
    print("writing" if not group.read_only else "read-only", flush=True)
    sys.stdin.read()  # keep the file open until told to stop
    group.close()
"""


@pytest.fixture
def first_copy(group_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another copy of the app, in its own process, with the group file open for writing."""
    process = subprocess.Popen([sys.executable, "-c", textwrap.dedent(HOLDER), str(group_path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "writing"
    yield process
    if process.poll() is None:
        process.stdin.close()
        process.wait(timeout=30)


def test_second_copy_opens_read_only_and_names_the_first(group_path, first_copy):
    before = sha256(group_path)
    with open_group(group_path) as second:
        assert second.read_only
        assert second.held_by is not None and second.held_by.pid == first_copy.pid
        banner = second.held_by.describe()
        assert f"process {first_copy.pid}" in banner and "this computer" in banner
        with pytest.raises(StorageError, match="open read-only"):
            put_setting(second, "k", "v")
    assert sha256(group_path) == before
    assert backups.clear_stale_lock(group_path) is None  # a live lock is not cleared
    assert lock_path(group_path).exists()


def test_lock_of_a_killed_copy_is_found_stale_and_cleared(group_path, first_copy):
    first_copy.send_signal(signal.SIGKILL)
    first_copy.wait(timeout=30)
    holder = backups.lock_holder(group_path)
    assert holder is not None and holder.pid == first_copy.pid  # the lock is still there...
    cleared = backups.clear_stale_lock(group_path)
    assert cleared == holder  # ...and is recognised as stale and cleared
    assert not lock_path(group_path).exists()
    with open_group(group_path) as group:
        assert not group.read_only
        put_setting(group, "k", "v")


def test_opening_takes_over_a_stale_lock_by_itself(group_path, first_copy):
    first_copy.send_signal(signal.SIGKILL)
    first_copy.wait(timeout=30)
    with open_group(group_path) as group:
        assert not group.read_only
        assert backups.lock_holder(group_path).pid == os.getpid()
    assert not lock_path(group_path).exists()


def test_an_unreadable_lock_keeps_the_file_read_only_until_the_user_clears_it(group_path):
    lock_path(group_path).write_text("")  # torn by a crash in an older version, or a sync client
    with open_group(group_path) as group:
        assert group.read_only
    assert backups.clear_stale_lock(group_path) is None
    assert backups.clear_stale_lock(group_path, force=True) is not None
    with open_group(group_path) as group:
        assert not group.read_only


def test_lock_names_the_host_of_another_computer(group_path):
    lock_path(group_path).write_text(
        '{"host": "treasurer-laptop", "pid": 4242, "user": "Siobhán", "since": "2026-11-26 18:00"}'
    )
    assert socket.gethostname() != "treasurer-laptop"
    with open_group(group_path) as group:
        assert group.read_only
        assert group.held_by.describe() == (
            "Siobhán on the computer “treasurer-laptop” (process 4242, since 2026-11-26 18:00)"
        )
    assert backups.clear_stale_lock(group_path) is None  # cannot tell if it is still running there


def test_group_file_log_and_backups_are_owner_only(group, tmp_path):
    put_setting(group, "k", "v")
    backups.secure_permissions(group)
    for path in [group.path, *(Path(f"{group.path}{s}") for s in ("-wal", "-shm"))]:
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    made = backups.back_up_now(group, folder=tmp_path / "backups")
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(lock_path(group.path).stat().st_mode) == 0o600


@pytest.mark.parametrize("path, service", [
    ("/home/zoe/Dropbox/Group/our.group", "Dropbox"),
    ("/home/zoe/Dropbox (Personal)/our.group", "Dropbox"),
    ("C:\\Users\\Zoë\\OneDrive - Riverside\\Documents\\our.group", "OneDrive"),
    ("/Users/zoe/Library/Mobile Documents/com~apple~CloudDocs/our.group", "iCloud Drive"),
    ("/Users/zoe/Library/CloudStorage/GoogleDrive-zoe@example.org/My Drive/our.group", "Google Drive"),
    ("G:\\My Drive\\our.group", "Google Drive"),
])
def test_cloud_sync_folders_get_a_warning(path, service):
    warning = backups.location_warning(path, mounts=[])
    assert warning is not None and f"in {service}." in warning


@pytest.mark.parametrize("path, mounts", [
    ("\\\\office-nas\\groups\\our.group", []),
    ("/mnt/office/our.group", [("/", "ext4"), ("/mnt/office", "cifs")]),
    ("/srv/nfs/group/our.group", [("/", "ext4"), ("/srv/nfs", "nfs4")]),
])
def test_network_folders_get_a_warning(path, mounts):
    assert "network drive" in backups.location_warning(path, mounts=mounts)


def test_a_local_folder_gets_no_warning(tmp_path):
    assert backups.location_warning("/home/zoe/Documents/our.group", mounts=[("/", "ext4"), ("/mnt/x", "nfs")]) is None
    assert backups.location_warning(tmp_path / "our.group") is None  # this computer's real mount table
