"""The ``coordinator-app`` command line: demo, check, where --group may go, and how failures are reported."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import MODULE as TEST_COMMANDS
from sqlalchemy import text

from coordinator_app import __version__, cli
from coordinator_app.cli import build_parser, main
from coordinator_app.commands import MODULES
from coordinator_app.db.groupfile import open_group
from coordinator_app.db.migrate import head_revision
from coordinator_app.db.models import MeetingStatus
from coordinator_app.services import group as group_service
from coordinator_app.services.demo import meeting_dates, write_demo_group
from coordinator_app.services.meetings import list_meetings
from coordinator_app.services.members import list_members

DEMO_TODAY = date(2026, 11, 26)
DATA = Path(__file__).parent / "data"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.group"
    assert main(["demo", str(path), "--today", DEMO_TODAY.isoformat()]) == 0
    return path


def scalar(path: Path, sql: str) -> object:
    with open_group(path, read_only=True) as group, group.engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def test_demo_then_check_exits_0_and_check_changes_nothing(demo_file, capsys):
    before = sha256(demo_file)

    code = main(["check", "--group", str(demo_file)])

    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert f"Schema version: {head_revision()}" in out
    assert "Storage check (quick_check): ok" in out
    assert "Links between records (foreign keys): ok" in out
    assert sha256(demo_file) == before


def test_demo_group_has_three_years_of_a_groups_life(demo_file):
    with open_group(demo_file, read_only=True) as group:
        members = list_members(group, include_former=True, today=DEMO_TODAY)
        past = list_meetings(group, when="past", today=DEMO_TODAY)
        upcoming = list_meetings(group, when="upcoming", today=DEMO_TODAY)
    names = {m.name for m in members}
    assert 38 <= len(members) <= 45
    assert {"Zoë Adams", "Łukasz Wójcik", "Nguyễn Thị Hoa", "Siobhán Ó Briain", "أحمد حسن", "Γιώργος Παπαδόπουλος",
            "Ольга Иванова", "Tom & Jerry Clarke"} <= names
    assert any(not m.is_current for m in members) and sum(m.is_current for m in members) >= 20
    assert {role for m in members for role in m.roles_now} >= {"coordinator", "treasurer", "welcomer"}
    assert sum(m.agreed_current for m in members if m.is_current) > sum(m.is_current for m in members) / 2

    assert len(past) == 36 and all(m.status is MeetingStatus.HELD and m.present_count > 0 for m in past)
    assert all(m.held_on.weekday() == 1 and 8 <= m.held_on.day <= 14 for m in past + upcoming)
    assert max(m.held_on for m in past) == date(2026, 11, 10)
    assert len(upcoming) == 3 and all(m.status is MeetingStatus.PLANNED for m in upcoming)

    assert scalar(demo_file, "SELECT count(*) FROM transactions") >= 250
    assert scalar(demo_file, "SELECT count(DISTINCT kind) FROM accounts") == 2
    assert scalar(demo_file, "SELECT f.kind FROM grants g JOIN funds f ON f.id = g.fund_id "
                             "WHERE g.reference = 'NLCF-2024-0173'") == "restricted"
    assert scalar(demo_file, "SELECT count(DISTINCT role) FROM contact_roles") == 5
    assert scalar(demo_file, "SELECT count(DISTINCT role) FROM support_log") >= 3
    assert scalar(demo_file, "SELECT count(*) FROM achievements") >= 10
    assert scalar(demo_file, "SELECT count(*) FROM achievements WHERE hex(substr(photo, 1, 8)) = "
                             "'89504E470D0A1A0A'") >= 2
    assert scalar(demo_file, "SELECT count(DISTINCT consent_to_include) FROM achievements WHERE quote != ''") == 2
    assert scalar(demo_file, "SELECT count(*) FROM agreement_versions") == 2
    assert scalar(demo_file, "SELECT count(*) FROM meetings WHERE confidential_notes != ''") == 2
    assert scalar(demo_file, "SELECT count(*) FROM job_assignments WHERE status = 'done'") > 36
    assert scalar(demo_file, "SELECT count(DISTINCT heading) FROM categories") >= 8
    assert scalar(demo_file, "SELECT min(amount_pence) FROM transactions") < 0 < scalar(
        demo_file, "SELECT max(amount_pence) FROM transactions")


def _dump(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return [
            *conn.execute("SELECT name, joined_on, left_on, email FROM members ORDER BY id"),
            *conn.execute("SELECT on_, amount_pence, payee FROM (SELECT \"on\" AS on_, amount_pence, payee, id "
                          "FROM transactions) ORDER BY id"),
            *conn.execute("SELECT meeting_id, member_id FROM attendance ORDER BY 1, 2"),
        ]


def test_the_same_seed_and_today_give_the_same_demo(tmp_path):
    first = write_demo_group(tmp_path / "a.group", seed=7, today=DEMO_TODAY)
    second = write_demo_group(tmp_path / "b.group", seed=7, today=DEMO_TODAY)
    other = write_demo_group(tmp_path / "c.group", seed=8, today=DEMO_TODAY)

    assert _dump(first.path) == _dump(second.path)
    assert _dump(first.path) != _dump(other.path)


def test_demo_never_overwrites_a_file(tmp_path, capsys):
    precious = tmp_path / "carers.group"
    precious.write_bytes(b"the only copy")

    code = main(["demo", str(precious)])

    assert code == 1
    assert capsys.readouterr().err == ("carers.group already exists; the demo is only written to a new file, "
                                       "so choose another name.\n")
    assert precious.read_bytes() == b"the only copy"


@pytest.mark.parametrize("today", [date(2026, 11, 10), date(2026, 11, 9), date(2027, 1, 1), date(2024, 2, 29)])
def test_demo_meetings_are_the_36_second_tuesdays_before_today_and_3_after(today):
    held, planned = meeting_dates(today)

    assert len(held) == 36 and len(planned) == 3
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in held + planned)
    assert held[-1] < today <= planned[0]
    months = [(d.year, d.month) for d in held + planned]
    assert len(set(months)) == 39
    assert held[-1] >= today - timedelta(days=35)


def test_check_lists_broken_links_and_exits_1(group_path, capsys):
    with sqlite3.connect(group_path) as conn:
        conn.execute("INSERT INTO attendance (meeting_id, member_id) VALUES (999, 998)")

    code = main(["check", "--group", str(group_path)])

    out, _ = capsys.readouterr()
    assert code == 1
    assert "Problems found:" in out
    assert "Table attendance, row" in out and "refers to a missing row in" in out


@pytest.mark.parametrize("place", ["before", "after", "environment"])
def test_group_option_goes_before_or_after_the_command_or_in_the_environment(group_path, place, monkeypatch, capsys):
    argv = {"before": ["--group", str(group_path), "check"], "after": ["check", "--group", str(group_path)],
            "environment": ["check"]}[place]
    if place == "environment":
        monkeypatch.setenv("COORDINATOR_GROUP", str(group_path))

    assert main(argv) == 0
    assert f"Group file: {group_path}" in capsys.readouterr().out


def test_a_new_command_module_gets_the_group_option_wherever_it_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "MODULES", [*MODULES, TEST_COMMANDS])
    target = tmp_path / "x.group"

    assert main(["export", "where", "--group", str(target)]) == 0
    assert main(["--group", str(target), "export", "where"]) == 0
    assert capsys.readouterr().out == f"{target}\n{target}\n"


def test_a_bug_is_logged_with_its_traceback_and_the_user_told_where(monkeypatch, capsys, data_home):
    monkeypatch.setattr(cli, "MODULES", [*MODULES, TEST_COMMANDS])

    code = main(["explode"])

    err = capsys.readouterr().err
    log = data_home / "logs" / "coordinator.log"
    assert code == 70
    assert err == f"Something went wrong that should not have; details are in {log}.\n"
    assert "Traceback" in log.read_text() and "a bug nobody expected" in log.read_text()


@pytest.mark.parametrize("argv", [[], ["--group", "carers.group"]])
def test_no_command_means_open_the_window(argv):
    args = build_parser().parse_args(argv)

    assert getattr(args, "handler", None) is None  # main() hands these to ui.app.run_gui


@pytest.mark.parametrize("argv", [["import"], ["frobnicate"], ["check", "--nonsense"], ["demo"]])
def test_usage_mistakes_are_explained_without_a_traceback(argv, capsys):
    code = main(argv)

    err = capsys.readouterr().err
    assert code == 2
    assert "usage: coordinator-app" in err and "Traceback" not in err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"coordinator-app {__version__}"


@pytest.mark.parametrize("name", ["Carers #2.group", "Tom & Jerry's 50% group?.group", "Zoë's grüp.group"])
def test_any_file_name_works(tmp_path, name, capsys):
    path = tmp_path / name
    group_service.create_group(path, name="Riverside Carers' Circle")

    assert main(["check", "--group", str(path)]) == 0, capsys.readouterr().err
    assert main(["import", "members", str(DATA / "members_utf8_bom.csv"), "--group", str(path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
