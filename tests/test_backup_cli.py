"""``coordinator-app backup``, ``restore`` and ``export member-data`` from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from backup_helpers import put_setting, settings_in, sha256

from coordinator_app.cli import main
from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import Member
from coordinator_app.services.uow import unit_of_work


def test_backup_list_and_restore_round_trip(group_path: Path, tmp_path: Path, capsys):
    folder = tmp_path / "my backups"
    with open_group(group_path) as group:
        put_setting(group, "k", "before")
    assert main(["backup", "--group", str(group_path), "--folder", str(folder)]) == 0
    out = capsys.readouterr().out
    made = next(folder.iterdir())
    assert out == f"Backed up test.group to {made}.\n"
    with open_group(group_path) as group:
        put_setting(group, "k", "after")
    assert main(["backup", "--list", "--group", str(group_path), "--folder", str(folder)]) == 0
    listed = capsys.readouterr().out
    assert "members 0, meetings 0, transactions 0" in listed and str(made) in listed
    assert main(["restore", str(made), "--group", str(group_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Restored test.group from {made.name}.\nThe file it replaced is kept as ")
    assert settings_in(group_path) == {"k": "before"}
    kept = Path(out.splitlines()[1].removeprefix("The file it replaced is kept as ").removesuffix("."))
    assert settings_in(kept) == {"k": "after"}


def test_backup_to_a_chosen_file(group_path: Path, tmp_path: Path, capsys):
    out_file = tmp_path / "for the treasurer.group"
    assert main(["backup", "--group", str(group_path), "-o", str(out_file)]) == 0
    assert capsys.readouterr().out == f"Backed up test.group to {out_file}.\n"
    assert settings_in(out_file) == {}


def test_restore_of_a_missing_backup_is_one_sentence_and_changes_nothing(group_path: Path, tmp_path: Path, capsys):
    before = sha256(group_path)
    missing = tmp_path / "nowhere.group"
    assert main(["restore", str(missing), "--group", str(group_path)]) != 0
    out, err = capsys.readouterr()
    assert err == f"There is no backup at {missing}; nothing was changed.\n"
    assert sha256(group_path) == before


def test_backup_of_something_that_is_not_a_group_file_is_refused(tmp_path: Path, capsys):
    notes = tmp_path / "notes.group"
    notes.write_text("shopping list")
    assert main(["backup", "--group", str(notes)]) != 0
    assert capsys.readouterr().err == "notes.group is not a group file (it is some other kind of file).\n"


def test_export_member_data_writes_json_and_pdf(group_path: Path, tmp_path: Path, capsys):
    with open_group(group_path) as group, unit_of_work(group) as session:
        zoe = Member(name="Zoë & <Adams>", joined_on=date(2025, 1, 1))
        session.add(zoe)
        session.flush()
        member_id = zoe.id
    out_dir = tmp_path / "request"
    assert main(["export", "member-data", str(member_id), "--group", str(group_path), "-o", str(out_dir)]) == 0
    files = sorted(out_dir.iterdir())
    assert [p.suffix for p in files] == [".json", ".pdf"]
    assert json.loads(files[0].read_text(encoding="utf-8"))["about"] == "Zoë & <Adams>"
    assert "Zoë & <Adams>" in capsys.readouterr().out
