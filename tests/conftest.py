"""Shared fixtures: every test gets its own data folder and, when it asks, its own group file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from coordinator_app.db.groupfile import GroupFile, open_group  # noqa: E402
from coordinator_app.services import group as group_service  # noqa: E402


@pytest.fixture(autouse=True)
def data_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private platformdirs home per test, so no test sees another's files or the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COORDINATOR_HOME", str(home))
    monkeypatch.delenv("COORDINATOR_GROUP", raising=False)
    return home


@pytest.fixture
def group_path(tmp_path: Path) -> Path:
    path = tmp_path / "test.group"
    group_service.create_group(path, name="Riverside Carers' Circle", about="Carers supporting carers")
    return path


@pytest.fixture
def group(group_path: Path) -> Iterator[GroupFile]:
    opened = open_group(group_path)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def books_path(group_path: Path) -> Path:
    """A group file with the treasurer's books set up (``money_helpers.set_up``), closed."""
    from money_helpers import set_up

    group = open_group(group_path)
    try:
        set_up(group)
    finally:
        group.close()
    return group_path


@pytest.fixture(scope="module")
def used_group_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A group file as the app leaves it after use: some data, closed, in WAL mode."""
    from datetime import date

    from coordinator_app.services.members import add_member

    path = tmp_path_factory.mktemp("source") / "used.group"
    group_service.create_group(path, name="Riverside Carers' Circle")
    with open_group(path) as group:
        for number in range(40):
            add_member(group, name=f"Member {number}", joined_on=date(2024, 1, 1), private_notes="x" * 500)
    with path.open("rb") as handle:
        assert handle.read(20)[18:20] == b"\x02\x02"  # WAL: reading it carelessly would leave -wal/-shm files
    return path


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server the server-group tests use (see tests/pg_server.py for where it comes from)."""
    from pg_server import find_server, unavailable

    with find_server() as server:
        if server is None:
            unavailable("no PostgreSQL server: none at $COORDINATOR_TEST_POSTGRES or 127.0.0.1:5432, and no initdb")
        yield server


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:
    """The address of a new, empty PostgreSQL database of this test's own."""
    from pg_server import fresh_database

    yield from fresh_database(pg_server)
