"""A group on a real PostgreSQL server: the same migrations and services, verified moves, server-enforced roles.

See tests/pg_server.py for where the server comes from; each test gets a database of its own.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from coordinator_app.cli import main
from coordinator_app.db import migrate
from coordinator_app.db.models import Base
from coordinator_app.db.server.address import BadServerAddress, parse_address, read_link, write_link
from coordinator_app.db.server.group import ServerUnavailable, open_server_group
from coordinator_app.db.server.transfer import TransferFailed, download, upload
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services.demo import write_demo_group

TODAY = date(2026, 3, 10)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.group"
    write_demo_group(path, today=TODAY)
    return path


def _address(url: str):
    return parse_address(url)


def _dump(path: Path) -> list[str]:
    """The file's whole content as SQL; sorted, since rows of tables without an integer key may come in any order."""
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.iterdump())
    finally:
        conn.close()


def test_the_migrations_build_on_postgresql_exactly_what_the_models_describe(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
    try:
        with engine.begin() as conn:
            migrate.upgrade_to_head(conn)
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                           Base.metadata)
            assert migrate.current_revision(conn) == migrate.SCHEMA_HEAD
    finally:
        engine.dispose()
    assert differences == []


def test_upload_then_download_gives_back_the_same_file(demo_file, pg_url, tmp_path):
    address = _address(pg_url)
    sent = upload(demo_file, address)
    assert sent.tables == len(Base.metadata.tables) and sent.rows > 500
    copy = tmp_path / "copy.group"
    received = download(address, copy)
    assert received.rows == sent.rows
    assert _dump(copy) == _dump(demo_file)
    assert oct(copy.stat().st_mode & 0o777) == oct(0o600)


def test_upload_refuses_a_database_that_is_not_empty_and_changes_nothing(demo_file, pg_url, tmp_path):
    address = _address(pg_url)
    upload(demo_file, address)
    engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM members")).scalar_one()
    with pytest.raises(TransferFailed, match="is not empty"):
        upload(demo_file, address)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM members")).scalar_one() == before
    engine.dispose()
    with pytest.raises(TransferFailed, match="already exists"):
        download(address, demo_file)


def test_services_work_unchanged_on_a_server_group(demo_file, pg_url):
    address = _address(pg_url)
    upload(demo_file, address)
    with open_server_group(address) as group:
        zoe = members_service.add_member(group, name="Zoë Ó Briain", joined_on=date(2026, 3, 1))
        meeting = meetings_service.plan_meeting(group, held_on=date(2026, 3, 3), start_time=time(19))
        meetings_service.record_meeting(group, meeting, present=[zoe], confidential_notes="Stays with us.",
                                        today=TODAY)
        record = meetings_service.get_meeting(group, meeting)
        assert set(record.present_ids) == {zoe} and record.confidential_notes == "Stays with us."
        names = [m.name for m in members_service.list_members(group, today=TODAY)]
        assert "Zoë Ó Briain" in names
    with open_server_group(address) as again:  # saved on the server, not only in a session
        assert meetings_service.get_meeting(again, meeting).confidential_notes == "Stays with us."


def test_a_report_command_reads_a_server_group_by_address_and_by_link_file(demo_file, pg_url, tmp_path, capsys):
    upload(demo_file, _address(pg_url))
    out = tmp_path / "celebration.pdf"
    assert main(["report", "celebration", "--year", "2025", "-o", str(out), "--group", pg_url]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
    link = tmp_path / "carers.group-link"
    assert main(["server", "link", pg_url, "-o", str(tmp_path / "carers")]) == 0
    assert read_link(link) == _address(pg_url)
    assert "password" not in link.read_text().lower() or "://" in link.read_text()
    out2 = tmp_path / "again.pdf"
    assert main(["report", "celebration", "--year", "2025", "-o", str(out2), "--group", str(link)]) == 0


def test_addresses_and_link_files_are_checked_in_one_sentence(tmp_path):
    with pytest.raises(BadServerAddress, match="Leave the password out"):
        parse_address("postgresql://margaret:secret@db.example.org/carers")
    with pytest.raises(BadServerAddress, match="has no the group's database|has no"):
        parse_address("postgresql://margaret@db.example.org")
    with pytest.raises(BadServerAddress, match="is not a PostgreSQL address"):
        parse_address("mysql://margaret@db.example.org/carers")
    bad = tmp_path / "x.group-link"
    bad.write_text("not json")
    with pytest.raises(BadServerAddress, match="is not a group link"):
        read_link(bad)
    good = write_link(tmp_path / "ok.group-link", parse_address("postgresql://margaret@db.example.org:5433/carers"))
    assert str(read_link(good)) == "postgresql://margaret@db.example.org:5433/carers"


def test_an_unreachable_server_is_said_plainly(capsys):
    with pytest.raises(ServerUnavailable, match="could not be reached"):
        open_server_group(parse_address("postgresql://nobody@127.0.0.1:1/none"))
    assert main(["print", "rota", "-o", "/tmp/never.pdf", "--group", "postgresql://nobody@127.0.0.1:1/none"]) != 0
    err = capsys.readouterr().err
    assert "could not be reached" in err and "Traceback" not in err and "Something went wrong" not in err


def _psql(url: str, login: str, password: str, sql: str) -> subprocess.CompletedProcess[str]:
    parts = make_url(url)
    env = {**os.environ, "PGPASSWORD": password}
    return subprocess.run(["psql", "-h", str(parts.host), "-p", str(parts.port), "-U", login, "-d", str(parts.database),
                           "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], capture_output=True, text=True, env=env)


def test_the_server_itself_keeps_confidential_notes_from_a_treasurer(demo_file, pg_url):
    address = _address(pg_url)
    upload(demo_file, address)
    database = address.database
    assert main(["server", "init", pg_url]) == 0
    login = f"{database}_pat"
    done = subprocess.run([sys.executable, "-m", "coordinator_app", "server", "add-person", pg_url, login,
                           "--role", "treasurer", "--password-stdin"], input="a long secret\n", capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr

    refused = _psql(pg_url, login, "a long secret", "SELECT confidential_notes FROM meetings")
    assert refused.returncode != 0 and "permission denied" in refused.stderr
    refused = _psql(pg_url, login, "a long secret", "SELECT private_notes FROM members")
    assert refused.returncode != 0 and "permission denied" in refused.stderr
    allowed = _psql(pg_url, login, "a long secret", "SELECT count(*) FROM transactions")
    assert allowed.returncode == 0 and int(allowed.stdout) > 0

    # The window's services still list meetings and members for the treasurer: the secret columns are not read.
    as_treasurer = parse_address(str(address).replace(f"{address.user}@", f"{login}@"))
    with open_server_group(as_treasurer, password="a long secret") as group:
        assert meetings_service.list_meetings(group, when="past", today=TODAY)
        assert members_service.list_members(group, today=TODAY)


def test_a_helper_has_meetings_but_no_money(demo_file, pg_url):
    upload(demo_file, _address(pg_url))
    assert main(["server", "init", pg_url]) == 0
    database = make_url(pg_url).database
    login = f"{database}_sam"
    done = subprocess.run([sys.executable, "-m", "coordinator_app", "server", "add-person", pg_url, login,
                           "--role", "helper", "--password-stdin"], input="another secret\n", capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert _psql(pg_url, login, "another secret", "SELECT count(*) FROM meetings").returncode == 0
    money = _psql(pg_url, login, "another secret", "SELECT count(*) FROM transactions")
    assert money.returncode != 0 and "permission denied" in money.stderr
    notes = _psql(pg_url, login, "another secret", "SELECT private_notes FROM members")
    assert notes.returncode != 0 and "permission denied" in notes.stderr


def test_a_change_the_login_may_not_make_is_refused_in_one_sentence(demo_file, pg_url):
    from coordinator_app.services.errors import StorageError

    address = _address(pg_url)
    upload(demo_file, address)
    assert main(["server", "init", pg_url]) == 0
    login = f"{address.database}_kim"
    done = subprocess.run([sys.executable, "-m", "coordinator_app", "server", "add-person", pg_url, login,
                           "--role", "helper", "--password-stdin"], input="helper secret\n", capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    as_helper = parse_address(str(address).replace(f"{address.user}@", f"{login}@"))
    from coordinator_app.services.money import books

    with open_server_group(as_helper, password="helper secret") as group, \
            pytest.raises(StorageError, match="may not make this change"):
        books.add_account(group, name="Secret tin", opened_on=TODAY)


def test_check_a_server_group(demo_file, pg_url, capsys):
    upload(demo_file, _address(pg_url))
    assert main(["check", "--group", pg_url]) == 0
    assert "The server group is sound." in capsys.readouterr().out
