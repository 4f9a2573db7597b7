"""A command module for tests, registered the way every real one is (see ``coordinator_app.cli``)."""

from __future__ import annotations

import argparse

from coordinator_app.commands.common import CommandLine, group_path

MODULE = "cli_helpers"


def register(cli: CommandLine) -> None:
    cli.add(cli.top, "explode", help="fail the way a bug would", handler=explode)
    cli.add(cli.group("export"), "where", help="say which group file is meant", handler=where)


def explode(args: argparse.Namespace) -> int:
    raise RuntimeError("a bug nobody expected")


def where(args: argparse.Namespace) -> int:
    print(group_path(args))
    return 0
