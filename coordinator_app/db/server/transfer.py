"""Moving a group between a file and a server, verified table by table.

``upload`` fills an empty database from a group file and ``download`` writes a group file from a server
group. Either checks, before it is done, that every table holds the same number of rows with the same
contents on both sides (a checksum over each row's values, read back through the engine that stores them),
and otherwise leaves nothing behind: the upload's whole transaction is rolled back (PostgreSQL's schema
changes are transactional too), the download's file is never renamed into place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Integer, Table, inspect, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from .. import migrate
from ..engine import make_engine
from ..errors import GroupFileError
from ..groupfile import create_group_file, inspect_file
from ..models import Base
from .address import ServerAddress
from .group import explain_connection_error, make_server_engine

BATCH = 2000
VERSION_TABLE = "alembic_version"


class TransferFailed(GroupFileError):
    pass


@dataclass(frozen=True)
class TableCheck:
    rows: int
    checksum: str


@dataclass(frozen=True)
class Transfer:
    tables: int
    rows: int


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before the rows that refer to them


def _value(value: object) -> str:
    """One value written the same way whichever engine it came back from."""
    if value is None:
        return "\u2205"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(getattr(value, "value", value))  # an enum member as the text it is stored as


def _rows(conn: Connection, table: Table) -> Iterator[tuple[object, ...]]:
    order = list(table.primary_key.columns) or list(table.columns)
    yield from conn.execute(select(*table.columns).order_by(*order))


def table_checks(conn: Connection) -> dict[str, TableCheck]:
    """Each table's row count and a checksum of its contents in primary-key order."""
    checks = {}
    for table in _tables():
        digest, count = hashlib.sha256(), 0
        for row in _rows(conn, table):
            digest.update("\x1f".join(_value(v) for v in row).encode() + b"\x1e")
            count += 1
        checks[table.name] = TableCheck(count, digest.hexdigest())
    return checks


def _copy(source: Connection, target: Connection) -> int:
    copied = 0
    for table in _tables():
        batch: list[dict[str, object]] = []
        for row in source.execute(select(*table.columns)).mappings():
            batch.append(dict(row))
            if len(batch) >= BATCH:
                target.execute(table.insert(), batch)
                copied, batch = copied + len(batch), []
        if batch:
            target.execute(table.insert(), batch)
            copied += len(batch)
    return copied


def _differences(expected: dict[str, TableCheck], found: dict[str, TableCheck]) -> list[str]:
    return [f"{name} ({expected[name].rows} rows here, {found[name].rows} there)" if expected[name].rows !=
            found[name].rows else f"{name} (the same rows, different contents)"
            for name in expected if expected[name] != found.get(name)]


def _restart_numbering(conn: Connection) -> None:
    """Rows were copied with their ids: move each table's id sequence past the highest one."""
    for table in _tables():
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
                              f"COALESCE((SELECT max({keys[0].name}) FROM {table.name}), 0) + 1, false)"))


def _connect(engine: Engine, address: ServerAddress) -> Connection:
    try:
        return engine.connect()
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise explain_connection_error(address, exc) from exc


def upload(path: Path, address: ServerAddress, *, password: str | None = None) -> Transfer:
    """Copy the group file at ``path`` into the empty database at ``address``, verified, or change nothing."""
    path = Path(path).resolve()
    revision = inspect_file(path)  # refuses what is not a group file, in one sentence
    if revision != migrate.SCHEMA_HEAD:
        raise TransferFailed(path, f"{path.name} is from an older version: open it once in this version, then "
                                   "upload it.")
    source_engine = make_engine(path, read_only=True)
    target_engine = make_server_engine(address, password)
    try:
        with source_engine.connect() as source, _connect(target_engine, address) as target:
            existing = inspect(target).get_table_names()
            target.rollback()  # end the look-around, so the upload is one transaction of its own
            if existing:
                raise TransferFailed(str(address), f"The database {address.database} is not empty (it has "
                                                   f"{len(existing)} tables), so nothing was uploaded. Upload "
                                                   "into a new, empty database.")
            with target.begin():
                migrate.upgrade_to_head(target)
                rows = _copy(source, target)
                _restart_numbering(target)
                expected, found = table_checks(source), table_checks(target)
                if expected != found:
                    raise TransferFailed(str(address), "The copy on the server did not match the file, so "
                                         f"nothing was uploaded: {', '.join(_differences(expected, found))}.")
    finally:
        source_engine.dispose()
        target_engine.dispose()
    return Transfer(tables=len(expected), rows=rows)


def download(address: ServerAddress, path: Path, *, password: str | None = None) -> Transfer:
    """Write the server group at ``address`` to a new group file at ``path``, verified against the server."""
    path = Path(path).resolve()
    if path.exists():
        raise TransferFailed(path, f"{path.name} already exists; choose a new name for the downloaded copy.")
    server_engine = make_server_engine(address, password)
    copied = {"rows": 0}
    try:
        # One snapshot: the file is the group as it stood at one moment.
        with _connect(server_engine, address) as server, server.begin():
            server.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            if migrate.current_revision(server) != migrate.SCHEMA_HEAD:
                raise TransferFailed(str(address), f"The group on {address.where} is at another version of "
                                                   "the app; open it once with this version first.")

            def fill(session: Session) -> None:
                copied["rows"] = _copy(server, session.connection())

            create_group_file(path, fill)
            expected = table_checks(server)
        file_engine = make_engine(path, read_only=True)
        try:
            with file_engine.connect() as copy:
                found = table_checks(copy)
        finally:
            file_engine.dispose()
        if expected != found:
            path.unlink(missing_ok=True)
            raise TransferFailed(path, "The downloaded file did not match the server, so it was not kept: "
                                       f"{', '.join(_differences(expected, found))}.")
    finally:
        server_engine.dispose()
    return Transfer(tables=len(expected), rows=copied["rows"])
