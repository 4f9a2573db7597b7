"""A real PostgreSQL server for the tests that need one, and a fresh database for each of those tests.

Where the server comes from, in order: the address in ``COORDINATOR_TEST_POSTGRES`` (for example
``postgresql://postgres@127.0.0.1:5432/postgres``); else the local server on 127.0.0.1:5432 if one answers;
else a throwaway cluster made with the installed ``initdb``/``pg_ctl`` in a temporary folder. With none of
these the tests skip, saying why, unless ``COORDINATOR_REQUIRE_POSTGRES=1`` (set by .ci/run) turns that into
a failure, so CI always runs them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ENV_ADDRESS = "COORDINATOR_TEST_POSTGRES"
ENV_REQUIRE = "COORDINATOR_REQUIRE_POSTGRES"


@dataclass(frozen=True)
class Server:
    address: str  # postgresql://USER@HOST:PORT/postgres, a superuser's maintenance database
    how: str  # which of the three ways it was found, for the report

    def database(self, name: str) -> str:
        return make_url(self.address).set(database=name).render_as_string(hide_password=False)

    def admin(self, sql: str, *, database: str = "postgres") -> None:
        import psycopg

        url = make_url(self.database(database))
        with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                             dbname=url.database, autocommit=True) as conn:
            conn.execute(sql)


def _answers(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def _binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


@contextlib.contextmanager
def _throwaway_cluster() -> Iterator[Server | None]:
    binaries = _binaries()
    if binaries is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="coordinator-pg-"))
    data, port = folder / "data", 54329
    user = "postgres"
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: hand the folder to an ordinary account
        shutil.chown(folder, "postgres" if _has_user("postgres") else "nobody")
        as_postgres = ["runuser", "-u", "postgres" if _has_user("postgres") else "nobody", "--"]
    subprocess.run([*as_postgres, str(binaries / "initdb"), "-D", str(data), "-U", user, "--auth=trust"],
                   check=True, capture_output=True, cwd=folder)
    subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"),
                    "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"],
                   check=True, capture_output=True, cwd=folder)
    try:
        yield Server(f"postgresql://{user}@127.0.0.1:{port}/postgres", "a throwaway cluster started with initdb")
    finally:
        subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@contextlib.contextmanager
def find_server() -> Iterator[Server | None]:
    if os.environ.get(ENV_ADDRESS):
        yield Server(os.environ[ENV_ADDRESS], f"the server in ${ENV_ADDRESS}")
    elif _answers("127.0.0.1", 5432):
        yield Server("postgresql://postgres@127.0.0.1:5432/postgres", "the local server on 127.0.0.1:5432")
    else:
        with _throwaway_cluster() as server:
            yield server


def unavailable(reason: str) -> None:
    if os.environ.get(ENV_REQUIRE) == "1":
        pytest.fail(f"{reason}, and {ENV_REQUIRE}=1 says PostgreSQL tests must run", pytrace=False)
    pytest.skip(reason)


def fresh_database(server: Server) -> Iterator[str]:
    """A new, empty database on ``server`` for one test; dropped afterwards with everything in it."""
    name = f"coordinator_test_{secrets.token_hex(6)}"
    server.admin(f'CREATE DATABASE "{name}"')
    try:
        yield server.database(name)
    finally:
        server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # Logins made by a test are cluster-wide: drop the ones named after this database.
        server.admin(f"""DO $$DECLARE r record; BEGIN
            FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '{name}%' LOOP
                EXECUTE format('DROP ROLE %I', r.rolname); END LOOP; END$$""")
