"""A server group's address, ``postgresql://USER@HOST[:PORT]/DB``, and the link file that holds one.

A password never goes in the address or in a link file: it is asked for, or taken from the system keyring.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import GroupFileError

LINK_SUFFIX = ".group-link"
SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DEFAULT_PORT = 5432


class BadServerAddress(GroupFileError):
    pass


@dataclass(frozen=True)
class ServerAddress:
    user: str
    host: str
    port: int
    database: str

    def __str__(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def where(self) -> str:
        """How the address reads in a sentence: ``carers on db.example.org``."""
        return f"{self.database} on {self.host}" + (f":{self.port}" if self.port != DEFAULT_PORT else "")

    def url(self, password: str | None = None) -> URL:
        return URL.create("postgresql+psycopg", username=self.user, password=password, host=self.host,
                          port=self.port, database=self.database)


def looks_like_server(text: str | Path) -> bool:
    """Whether ``--group`` names a server (an address or a link file) rather than a group file."""
    words = str(text)
    return words.split("://", 1)[0].lower() in SCHEMES and "://" in words or words.endswith(LINK_SUFFIX)


def parse_address(text: str) -> ServerAddress:
    """Check ``text`` is ``postgresql://USER@HOST[:PORT]/DB`` with no password, or say what is wrong."""
    words = text.strip()
    try:
        url = make_url(words)
    except ArgumentError:
        raise BadServerAddress(words, f"“{words}” is not a server address; write it like "
                                      "postgresql://margaret@db.example.org/carers.") from None
    if url.drivername not in SCHEMES:
        raise BadServerAddress(words, f"“{words}” is not a PostgreSQL address; it should start with postgresql://.")
    if url.password:
        raise BadServerAddress(words, "Leave the password out of the server address; you will be asked for it "
                                      "and it can be remembered in this computer's keyring.")
    missing = [part for part, value in (("your user name", url.username), ("the server's name", url.host),
                                        ("the group's database", url.database)) if not value]
    if missing:
        raise BadServerAddress(words, f"The address “{words}” has no {' or '.join(missing)}; write it like "
                                      "postgresql://margaret@db.example.org/carers.")
    return ServerAddress(user=str(url.username), host=str(url.host), port=url.port or DEFAULT_PORT,
                         database=str(url.database))


def read_link(path: Path) -> ServerAddress:
    """The address in a ``.group-link`` file (a small JSON file that opens like a group file)."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        address = content["server"]
    except FileNotFoundError:
        raise BadServerAddress(path, f"{path.name} was not found.") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise BadServerAddress(path, f"{path.name} is not a group link (it should hold the server's address).") \
            from None
    return parse_address(str(address))


def write_link(path: Path, address: ServerAddress) -> Path:
    """Write a link file for ``address``: it holds where the group is, never how to get in."""
    from ..disk import write_private_text

    return write_private_text(path, json.dumps({"server": str(address), "kind": "Group Coordinator server group"},
                                               indent=2) + "\n")


def resolve(text: str | Path) -> ServerAddress:
    """An address from ``--group``: written out, or in a link file."""
    words = str(text)
    return read_link(Path(words).expanduser()) if words.endswith(LINK_SUFFIX) else parse_address(words)
