"""A group on read-only media (a real read-only mount) can be checked, printed, exported, backed up and opened.

Two files are tested: one closed cleanly, and one copied while it was open, so its log must be read too.
Mounting needs root (CI runs as root); elsewhere the tests skip, saying why.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from backup_helpers import put_setting, settings_in
from mount_helpers import remount_read_only, tmpfs
from reports_helpers import Built, populate

from coordinator_app.cli import main
from coordinator_app.db.groupfile import open_group
from coordinator_app.services import group as group_service

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Media:
    clean: Path  # closed normally: no log beside it
    with_log: Path  # copied while open: its latest change is only in the log beside it
    built: Built


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Media]:
    with tmpfs(tmp_path / "stick") as stick:
        clean = stick / "Riverside.group"
        group_service.create_group(clean, name="Riverside Carers' Circle")
        with open_group(clean) as group:
            built = populate(group)
        with_log = stick / "Copied while open.group"
        shutil.copyfile(clean, with_log)
        group = open_group(with_log)
        put_setting(group, "latest", "only in the log")
        shutil.copyfile(with_log, stick / "snapshot")
        shutil.copyfile(f"{with_log}-wal", stick / "snapshot-wal")
        group.close()
        Path(f"{with_log}-wal").unlink(missing_ok=True)
        Path(f"{with_log}-shm").unlink(missing_ok=True)
        (stick / "snapshot").rename(with_log)
        (stick / "snapshot-wal").rename(f"{with_log}-wal")
        remount_read_only(stick)
        yield Media(clean, with_log, built)


def commands(built: Built, out: Path) -> dict[str, list[str]]:
    return {
        "check": ["check"],
        "celebration": ["report", "celebration", "--year", "2025", "-o", str(out / "celebration.pdf")],
        "funding": ["report", "funding", "--grant", built.grant_reference, "-o", str(out / "funding.pdf")],
        "sign-in": ["print", "sign-in", "--meeting", built.next_meeting_on.isoformat(), "-o", str(out / "s.pdf")],
        "agreement": ["print", "agreement", "-o", str(out / "agreement.pdf")],
        "contacts": ["print", "contacts", "-o", str(out / "contacts.pdf")],
        "rota": ["print", "rota", "-o", str(out / "rota.pdf")],
        "minutes": ["print", "minutes", "--meeting", built.shared_minutes_on.isoformat(), "-o", str(out / "m.pdf")],
        "accounts": ["report", "accounts", "--year", "2025", "-o", str(out / "accounts.pdf")],
        "accounts-xlsx": ["report", "accounts", "--year", "2025", "-o", str(out / "accounts.xlsx")],
        "transactions": ["export", "transactions", "--year", "2025", "-o", str(out / "transactions.csv")],
        "member-data": ["export", "member-data", str(built.members["tricky"]), "-o", str(out)],
        "backup": ["backup"],
        "backup-to": ["backup", "-o", str(out / "copy.group")],
    }


def test_check_every_report_export_and_backup_work_on_read_only_media(media, tmp_path, capsys):
    for group in (media.clean, media.with_log):
        out = tmp_path / group.stem
        out.mkdir()
        for name, command in commands(media.built, out).items():
            code = main([*command, "--group", str(group)])
            captured = capsys.readouterr()
            assert code == 0, f"{group.name}, {name}: {captured.err}"
        assert "The group file is sound." in main_output(capsys, ["check", "--group", str(group)])
    assert settings_in(tmp_path / media.with_log.stem / "copy.group")["latest"] == "only in the log"


def main_output(capsys, argv: list[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def test_changing_a_group_on_read_only_media_says_why_in_one_sentence(media, tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("Name\nZoë Adams\n", encoding="utf-8")
    assert main(["import", "members", str(people), "--group", str(media.clean)]) != 0
    assert capsys.readouterr().err.strip() == (
        "Riverside.group cannot be changed because it is on read-only media (a locked memory stick, a CD or a "
        "read-only share), so nothing was imported.")


def test_the_window_opens_a_group_on_read_only_media_and_says_so(media, make_window):
    for group in (media.clean, media.with_log):
        window = make_window(group)
        assert window.group.read_only
        banner = window.desktop.banner
        assert banner.isVisible()
        assert "read-only media" in banner.text()
        window.close_group()
