"""Bad files given to every command: one clear sentence, a non-zero exit, no traceback, nothing changed.

"Nothing changed" means the file's bytes are the same and no file has appeared beside it (no -wal, -shm,
lock or temporary copy).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from coordinator_app.cli import main
from coordinator_app.db.errors import GroupFileError
from coordinator_app.db.groupfile import open_group
from coordinator_app.services.demo import tiny_png

DATA = Path(__file__).parent / "data"
MEMBERS_CSV = DATA / "members_utf8_bom.csv"


def _missing(folder: Path, _source: Path) -> Path:
    return folder / "missing.group"


def _empty(folder: Path, _source: Path) -> Path:
    path = folder / "empty.group"
    path.write_bytes(b"")
    return path


def _png(folder: Path, _source: Path) -> Path:
    path = folder / "photo.group"
    path.write_bytes(tiny_png(8, 8, (255, 0, 0), (0, 0, 255)))
    return path


def _text(folder: Path, _source: Path) -> Path:
    path = folder / "notes.group"
    path.write_text("Shopping: milk, teabags, biscuits\n", encoding="utf-8")
    return path


def _half(folder: Path, source: Path) -> Path:
    data = source.read_bytes()
    path = folder / "half.group"
    path.write_bytes(data[: len(data) // 2])
    return path


def _three_pages(folder: Path, source: Path) -> Path:
    path = folder / "three-pages.group"
    path.write_bytes(source.read_bytes()[: 3 * 4096])
    return path


def _newer(folder: Path, source: Path) -> Path:
    path = folder / "newer.group"
    shutil.copyfile(source, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    return path


def _other_database(folder: Path, _source: Path) -> Path:
    path = folder / "address-book.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    return path


BAD: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "missing": (_missing, "There is no group file at"),
    "empty": (_empty, "empty.group is empty, so it is not a group file."),
    "png": (_png, "photo.group is not a group file"),
    "text": (_text, "notes.group is not a group file"),
    "truncated in half": (_half, "half.group is damaged"),
    "first three pages": (_three_pages, "three-pages.group is damaged"),
    "newer version": (_newer, "newer.group was saved by a newer version of Group Coordinator"),
    "another database": (_other_database, "is a database, but not a Group Coordinator group file."),
}

COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "check": lambda path: ["check", "--group", str(path)],
    "import members": lambda path: ["import", "members", str(MEMBERS_CSV), "--group", str(path)],
    "import members, group first": lambda path: ["--group", str(path), "import", "members", str(MEMBERS_CSV)],
}


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(params=list(BAD))
def bad_file(request, tmp_path: Path, used_group_file: Path) -> tuple[Path, str]:
    folder = tmp_path / "bad"
    folder.mkdir()
    make, message = BAD[request.param]
    return make(folder, used_group_file), message


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_a_bad_file_in_one_sentence_and_changes_nothing(bad_file, command, capsys):
    path, message = bad_file
    before = snapshot(path.parent)

    code = main(COMMANDS[command](path))

    out, err = capsys.readouterr()
    assert code != 0
    assert message in err
    assert err.count("\n") == 1 and err.rstrip().endswith(".")
    assert "Traceback" not in out + err
    assert snapshot(path.parent) == before


@pytest.mark.parametrize("read_only", [False, True])
def test_opening_a_bad_file_refuses_in_one_sentence_and_changes_nothing(bad_file, read_only):
    path, message = bad_file
    before = snapshot(path.parent)

    with pytest.raises(GroupFileError) as refused:
        open_group(path, read_only=read_only)

    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
    assert snapshot(path.parent) == before


def _no_csv(folder: Path) -> Path:
    return folder / "nowhere.csv"


def _empty_csv(folder: Path) -> Path:
    path = folder / "empty.csv"
    path.write_bytes(b"")
    return path


def _picture_csv(folder: Path) -> Path:
    path = folder / "photo.csv"
    path.write_bytes(tiny_png(4, 4, (0, 0, 0), (9, 9, 9)))
    return path


@pytest.mark.parametrize(("make", "message"), [
    (_no_csv, "There is no file at"),
    (lambda folder: folder, "is a folder, not a CSV file."),
    (_empty_csv, "The file is empty."),
    (_picture_csv, "This does not look like a CSV file"),
])
def test_a_bad_member_list_is_refused_in_one_sentence_and_the_group_is_untouched(
    group_path, tmp_path, capsys, make, message
):
    folder = tmp_path / "csv"
    folder.mkdir()
    csv_path = make(folder)
    before = hashlib.sha256(group_path.read_bytes()).hexdigest()

    code = main(["import", "members", str(csv_path), "--group", str(group_path)])

    err = capsys.readouterr().err
    assert code == 1
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert hashlib.sha256(group_path.read_bytes()).hexdigest() == before


def test_the_installed_command_refuses_a_bad_file_without_a_traceback(tmp_path, data_home):
    bad = _png(tmp_path, tmp_path)
    script = Path(sys.executable).with_name("coordinator-app")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "coordinator_app"]
    env = {**os.environ, "COORDINATOR_HOME": str(data_home), "QT_QPA_PLATFORM": "offscreen"}

    done = subprocess.run([*command, "check", "--group", str(bad)], capture_output=True, text=True, env=env,
                          timeout=60, check=False)

    assert done.returncode == 2
    assert done.stderr == "photo.group is not a group file (it is some other kind of file).\n"
    assert done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.group"]
