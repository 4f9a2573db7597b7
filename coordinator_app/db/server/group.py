"""Opening a group that lives on a PostgreSQL server: the same services, sessions and migrations as a file."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .. import migrate
from ..errors import GroupFileError, NewerGroupFile
from .address import ServerAddress

APPLICATION = "Group Coordinator"
CONNECT_TIMEOUT_S = 10


class ServerUnavailable(GroupFileError):
    """The server could not be reached, or would not let us in; the sentence says which."""

    exit_code = 3


class PasswordNeeded(ServerUnavailable):
    """The server asks for a password nobody gave yet: the caller may ask the person and try again."""


def make_server_engine(address: ServerAddress, password: str | None = None) -> Engine:
    """Pooled connections that ask for TLS when the server offers it (libpq's ``prefer``)."""
    return create_engine(
        address.url(password), pool_pre_ping=True,
        connect_args={"application_name": APPLICATION, "connect_timeout": CONNECT_TIMEOUT_S, "sslmode": "prefer"},
    )


def explain_connection_error(address: ServerAddress, exc: BaseException) -> ServerUnavailable:
    """One sentence for why connecting failed, told apart by PostgreSQL's SQLSTATE code where there is one."""
    original = getattr(exc, "orig", exc)
    code = getattr(original, "sqlstate", None)
    text = str(original).strip().splitlines()[0] if str(original).strip() else ""
    if code == "28P01" or "password authentication failed" in text:
        sentence = f"The server for {address.where} did not accept the password for {address.user}."
    elif "no password supplied" in text:
        return PasswordNeeded(str(address), f"The server for {address.where} needs {address.user}'s password.")
    elif code == "28000" or "role" in text and "does not exist" in text:
        sentence = f"The server for {address.where} has no login called {address.user}; ask whoever looks after it."
    elif code == "3D000":
        sentence = f"The server at {address.host} has no database called {address.database}."
    else:
        why = text or "no answer"
        sentence = (f"The group's server at {address.host}:{address.port} could not be reached ({why}). "
                    "Check the address and the network, or open the copy kept on this computer.")
    return ServerUnavailable(str(address), sentence)


class ServerGroup:
    """A group on a server, used by the services exactly like an open group file."""

    path = None  # no file: backups of a server group are downloads (``server download``)
    held_by = None  # several people may have a server group open at once

    def __init__(self, address: ServerAddress, engine: Engine, *, read_only: bool = False) -> None:
        self.address = address
        self.engine = engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> ServerGroup:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_server_group(address: ServerAddress, *, password: str | None = None, read_only: bool = False) -> ServerGroup:
    """Connect, check the group's schema, and bring an older one up to date inside one transaction."""
    engine = make_server_engine(address, password)
    try:
        with engine.connect() as conn:
            revision = migrate.current_revision(conn)
            empty = revision is None and not inspect(conn).get_table_names()
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise explain_connection_error(address, exc) from exc
    if empty:
        engine.dispose()
        raise GroupFileError(str(address), f"The database {address.database} holds no group yet; put one there with "
                                           "“coordinator-app server upload FILE ADDRESS”.")
    if revision not in migrate.known_revisions():
        engine.dispose()
        raise NewerGroupFile(str(address), f"The group on {address.where} was set up by a newer version of "
                                           "Group Coordinator; update this computer's copy first.")
    if revision != migrate.SCHEMA_HEAD and not read_only:
        with engine.begin() as conn:  # PostgreSQL's DDL is transactional: the upgrade happens whole or not at all
            migrate.upgrade_to_head(conn)
    return ServerGroup(address, engine, read_only=read_only)


def server_storage_message(exc: BaseException) -> str | None:
    """A plain sentence for what a server refused during a change, told apart by SQLSTATE; None if not known."""
    code = getattr(getattr(exc, "orig", exc), "sqlstate", None) or ""
    if code == "42501":
        return "Your login to the group's server may not make this change, so it was not saved."
    if code in ("40001", "40P01"):
        return "Someone else changed the same records at the same moment; nothing was saved. Please try again."
    if code.startswith("08") or code in ("57P01", "57P02", "57P03"):
        return "The connection to the group's server was lost, so the change was not saved. Try again shortly."
    if code == "53100":
        return "The group's server has run out of disk space, so the change was not saved."
    return None
