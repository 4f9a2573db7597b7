"""The computer says no: disk full, read-only file or folder, busy. A plain sentence, and the data as before."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from backup_helpers import put_setting, settings_in, sha256
from sqlalchemy import event

from coordinator_app.db import engine as engine_module
from coordinator_app.db.backup import content_fingerprint
from coordinator_app.db.groupfile import open_group
from coordinator_app.services import member_import
from coordinator_app.services.errors import StorageError

DISK_FULL = "The disk is full, so the change was not saved. Free some space and try again."


def _fill_disk(group, spare_pages: int = 2) -> None:
    """Every new connection may grow the file by only a couple of pages: SQLite then reports a full disk."""
    with group.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(group.engine, "connect")
    def _limit(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")

    group.engine.dispose()  # pooled connections were made before the limit; start afresh


def test_disk_full_during_a_write_is_a_plain_message_and_keeps_the_data(group):
    put_setting(group, "kept", "Siobhán's notes")
    _fill_disk(group)
    before = content_fingerprint(group.path)
    with pytest.raises(StorageError) as caught:
        put_setting(group, "big", "x" * 200_000)
    assert str(caught.value) == DISK_FULL
    assert content_fingerprint(group.path) == before
    assert settings_in(group.path) == {"kept": "Siobhán's notes"}
    put_setting(group, "small", "still works")  # the app carries on
    assert settings_in(group.path)["small"] == "still works"


def test_disk_full_during_an_import_adds_nobody(group):
    _fill_disk(group)
    before = content_fingerprint(group.path)
    people = [member_import.NewMember(row=n + 2, name=f"Nguyễn Thị Hoa {n}", joined_on=date(2025, 1, 1),
                                      private_notes="n" * 2000) for n in range(300)]
    with pytest.raises(StorageError) as caught:
        member_import.import_members(group, members=people, today=date(2026, 1, 1))
    assert str(caught.value) == DISK_FULL
    assert content_fingerprint(group.path) == before


def test_busy_file_is_a_plain_message(group, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(group.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is in the middle of writing
    try:
        with pytest.raises(StorageError, match="busy in another program"):
            put_setting(group, "k", "v")
    finally:
        other.execute("ROLLBACK")
        other.close()
    put_setting(group, "k", "v")
    assert settings_in(group.path) == {"k": "v"}


AS_NOBODY = """
    import json, os, sys
    from pathlib import Path
    from coordinator_app.db.groupfile import open_group
    from coordinator_app.services import group as group_service
    from coordinator_app.services.errors import StorageError
    from coordinator_app.services.uow import unit_of_work
    from coordinator_app.db.models import Setting

    # Load everything while still root (the Python install is not readable by "nobody"), then drop.
    warm = Path(sys.argv[2]) / "warm.group"
    group_service.create_group(warm, name="warm-up")
    with open_group(warm) as g:
        group_service.get_profile(g)
    uid, gid = int(sys.argv[3]), int(sys.argv[4])
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)

    result = {}
    try:
        with open_group(sys.argv[1]) as group:
            result["read_only"] = group.read_only
            result["name"] = group_service.get_profile(group).name
            try:
                with unit_of_work(group) as session:
                    session.add(Setting(key="sneaky", value="write"))
            except StorageError as exc:
                result["write"] = str(exc)
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(result))
"""


@pytest.fixture
def nobody_tree(group_path: Path) -> Iterator[tuple[Path, pwd.struct_passwd]]:
    if os.geteuid() != 0:
        pytest.skip("needs root to hand the files to another user (run the suite as root, as CI does)")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("this system has no 'nobody' user to act as")
    with open_group(group_path) as group:  # used once, as a real file is: it is now in write-ahead-log mode
        put_setting(group, "k", "v")
    root = Path(tempfile.mkdtemp())
    root.chmod(0o755)
    try:
        yield root, nobody
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _as_nobody(target: Path, root: Path, nobody: pwd.struct_passwd) -> dict[str, object]:
    scratch = Path(tempfile.mkdtemp())
    try:
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(AS_NOBODY), str(target), str(scratch), str(nobody.pw_uid),
             str(nobody.pw_gid)], capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in folder.iterdir()}


READ_ONLY_WRITE = "This group file is open read-only, so the change was not saved."


def test_read_only_file_opens_read_only_and_writes_nothing(group_path, nobody_tree):
    root, nobody = nobody_tree
    folder = root / "writable folder"
    folder.mkdir()
    target = Path(shutil.copy2(group_path, folder / "Zoë's group.group"))
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    os.chown(target, nobody.pw_uid, nobody.pw_gid)
    target.chmod(0o400)
    before = _snapshot(folder)
    result = _as_nobody(target, root, nobody)
    assert result == {"read_only": True, "name": "Riverside Carers' Circle", "write": READ_ONLY_WRITE}
    assert _snapshot(folder) == before


def test_read_only_folder_opens_read_only_and_writes_nothing(group_path, nobody_tree):
    root, nobody = nobody_tree
    folder = root / "read-only folder"
    folder.mkdir()
    target = Path(shutil.copy2(group_path, folder / "group.group"))
    os.chown(target, nobody.pw_uid, nobody.pw_gid)
    target.chmod(0o600)
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    folder.chmod(0o555)
    before = _snapshot(folder)
    result = _as_nobody(target, root, nobody)
    assert result == {"read_only": True, "name": "Riverside Carers' Circle", "write": READ_ONLY_WRITE}
    assert _snapshot(folder) == before


def test_file_of_another_user_is_refused_in_one_sentence(group_path, nobody_tree):
    root, nobody = nobody_tree
    target = Path(shutil.copy2(group_path, root / "private.group"))
    target.chmod(0o600)  # root's, and only root's
    result = _as_nobody(target, root, nobody)
    assert result == {"error": "NotAGroupFile: private.group cannot be read: Permission denied."}


WRITE_IN_A_SMALL_DISK = """
    import resource, sys
    from coordinator_app.db.groupfile import open_group
    from coordinator_app.db.models import Setting
    from coordinator_app.services.errors import StorageError
    from coordinator_app.services.uow import unit_of_work

    with open_group(sys.argv[1]) as group:
        size = __import__("os").path.getsize(sys.argv[1])
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 8192, size + 8192))  # SIGXFSZ is ignored by Python
        try:
            with unit_of_work(group) as session:
                session.add(Setting(key="big", value="x" * 2_000_000))
        except StorageError as exc:
            print(exc)
"""


def test_file_size_limit_during_a_write_is_a_plain_message(group_path):
    before = content_fingerprint(group_path)
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(WRITE_IN_A_SMALL_DISK), str(group_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.strip() in {
        DISK_FULL,
        "The disk refused the change (it may be full or failing), so it was not saved. Free some space and try again.",
    }
    assert content_fingerprint(group_path) == before
    with open_group(group_path) as group:
        put_setting(group, "k", "fine again")
