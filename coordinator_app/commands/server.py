"""``coordinator-app server ...``: put a group on a PostgreSQL server, take a copy back, and give people logins.

Passwords are never arguments: the server's own ways apply (``PGPASSWORD``, ``~/.pgpass``), and where it still
needs one the command asks for it (when run by a person at a terminal). A new person's password is asked twice,
or read from standard input with ``--password-stdin``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from coordinator_app.db.server.address import ServerAddress, resolve
from coordinator_app.db.server.group import PasswordNeeded, ServerUnavailable

from .common import CommandLine

T = TypeVar("T")


def register(cli: CommandLine) -> None:
    server = cli.group("server")
    parser = cli.add(server, "upload", handler=_upload,
                     help="copy a group file into an empty database on a server, and check the copy")
    parser.add_argument("file", type=Path, metavar="FILE", help="the group file")
    parser.add_argument("address", metavar="ADDRESS", help="postgresql://USER@HOST[:PORT]/DATABASE")

    parser = cli.add(server, "download", handler=_download,
                     help="write a server group to a new group file (a backup, or a copy to keep offline)")
    parser.add_argument("address", metavar="ADDRESS", help="postgresql://USER@HOST[:PORT]/DATABASE or a link file")
    parser.add_argument("file", type=Path, metavar="FILE", help="the new group file to write")

    parser = cli.add(server, "init", handler=_init,
                     help="set up the group's roles (coordinator, treasurer, helper) on its database")
    parser.add_argument("address", metavar="ADDRESS", help="an administrator's address for the group's database")

    parser = cli.add(server, "add-person", handler=_add_person,
                     help="give one person a login to the server group, in one role")
    parser.add_argument("address", metavar="ADDRESS", help="an administrator's address for the group's database")
    parser.add_argument("login", metavar="LOGIN", help="their login name, e.g. margaret.h")
    parser.add_argument("--role", required=True, choices=("coordinator", "treasurer", "helper"),
                        help="what they may see and change")
    parser.add_argument("--password-stdin", action="store_true", help="read their password from standard input")

    parser = cli.add(server, "link", handler=_link,
                     help="write a small link file that opens the server group like a group file")
    parser.add_argument("address", metavar="ADDRESS", help="postgresql://USER@HOST[:PORT]/DATABASE")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="NAME.group-link")


def _with_password(address: ServerAddress, attempt: Callable[[str | None], T]) -> T:
    """Try as the server's own settings allow; if it wants a password and a person is here, ask once."""
    try:
        return attempt(None)
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
    return attempt(getpass.getpass(f"Password for {address.user} on {address.where}: "))


def _upload(args: argparse.Namespace) -> int:
    from coordinator_app.db.server.transfer import upload

    address = resolve(args.address)
    done = _with_password(address, lambda password: upload(args.file, address, password=password))
    print(f"Uploaded {args.file.name} to {address.where}: {done.rows:,} rows in {done.tables} tables, "
          "each checked against the file.")
    return 0


def _download(args: argparse.Namespace) -> int:
    from coordinator_app.db.server.transfer import download

    address = resolve(args.address)
    done = _with_password(address, lambda password: download(address, args.file, password=password))
    print(f"Saved the group on {address.where} to {args.file}: {done.rows:,} rows in {done.tables} tables, "
          "each checked against the server.")
    return 0


def _admin(address: ServerAddress, work: Callable[..., T]) -> T:
    from sqlalchemy.exc import DBAPIError

    from coordinator_app.db.server.group import explain_connection_error, make_server_engine

    def attempt(password: str | None) -> T:
        engine = make_server_engine(address, password)
        try:
            with engine.begin() as conn:
                return work(conn)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":
                raise ServerUnavailable(str(address), f"{address.user} may not change roles on {address.where}; "
                                        "run this as the database's administrator.") from exc
            raise explain_connection_error(address, exc) from exc
        finally:
            engine.dispose()

    return _with_password(address, attempt)


def _init(args: argparse.Namespace) -> int:
    from coordinator_app.db.server.roles import init_roles

    address = resolve(args.address)
    made = _admin(address, lambda conn: init_roles(conn, address.database))
    print(f"The group on {address.where} has its roles: {', '.join(made)}. Add people with "
          "“coordinator-app server add-person”.")
    return 0


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"New password for {args.login}: ")
    if getpass.getpass("The same again: ") != first:
        from coordinator_app.db.server.roles import RoleProblem

        raise RoleProblem(args.login, "The two passwords were not the same, so no login was made.")
    return first


def _add_person(args: argparse.Namespace) -> int:
    from coordinator_app.db.server.roles import add_person

    address = resolve(args.address)
    password = _new_password(args)
    role = _admin(address, lambda conn: add_person(conn, address.database, args.login, args.role, password))
    print(f"{args.login} can now open the group on {address.where} as {args.role} ({role}).")
    return 0


def _link(args: argparse.Namespace) -> int:
    from coordinator_app.db.server.address import LINK_SUFFIX, parse_address, write_link

    output = args.output if str(args.output).endswith(LINK_SUFFIX) else Path(f"{args.output}{LINK_SUFFIX}")
    write_link(output, parse_address(args.address))
    print(f"Saved {output}: open it in Group Coordinator, or use it as --group, to reach the server group.")
    return 0
