"""What every command module uses: the :class:`CommandLine` it registers on, and opening the group file."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from coordinator_app import paths
from coordinator_app.db.groupfile import GroupFile, open_group
from coordinator_app.db.server.address import looks_like_server, resolve

TIGHTENED = "Note: {name} could be read by other people on this computer; it is now private to you."
Handler = Callable[[argparse.Namespace], int]

GROUPS = {
    "import": "bring in a member list or a bank statement",
    "export": "write the group's data out to a file",
    "report": "make a PDF report",
    "print": "make a printable sheet",
    "server": "keep the group on a PostgreSQL server shared by several computers",
}


def add_group_option(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument(
        "--group", metavar="FILE", default=default,
        help=f"the group file to use (or set {paths.GROUP_ENV}; otherwise your usual group file)",
    )


class CommandParser(argparse.ArgumentParser):
    """Every command's parser accepts ``--group FILE`` too, so it may come after the command's name.

    Its default is "not given" so a value given before the command is not overwritten.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_group_option(self, default=argparse.SUPPRESS)


class CommandLine:
    """Where command modules add their commands: ``.top`` or ``.group("import")`` and friends.

    ``add(where, name, help=..., handler=fn)`` makes the command's parser (with ``--group``) and returns
    it for the module to add its own arguments; ``fn(args) -> int`` is the exit code.
    """

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser
        self.top = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND",
                                         parser_class=CommandParser)
        self._groups: dict[str, argparse._SubParsersAction] = {}
        for name, summary in GROUPS.items():
            group_parser = self.top.add_parser(name, help=summary, description=summary.capitalize() + ".")
            self._groups[name] = group_parser.add_subparsers(
                title="what to " + name, dest="what", metavar="WHAT", required=True, parser_class=CommandParser
            )

    def group(self, name: str) -> argparse._SubParsersAction:
        return self._groups[name]

    def add(self, where: argparse._SubParsersAction, name: str, *, help: str, handler: Handler,
            description: str = "") -> argparse.ArgumentParser:
        parser = where.add_parser(name, help=help, description=description or help[0].upper() + help[1:] + ".")
        parser.set_defaults(handler=handler)
        return parser


def group_path(args: argparse.Namespace) -> Path:
    """The group file the user means: ``--group``, else the environment, else the usual one."""
    return paths.group_file(getattr(args, "group", None))


def explicit_group_path(args: argparse.Namespace) -> Path | None:
    """The group file named by ``--group`` or the environment, or ``None`` when neither names one."""
    if getattr(args, "group", None) or os.environ.get(paths.GROUP_ENV):
        return group_path(args)
    return None


@contextlib.contextmanager
def opened_group(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[GroupFile]:
    """The group ``--group`` names: a group file, or a server group (its address, or a link file)."""
    named = getattr(args, "group", None) or os.environ.get(paths.GROUP_ENV)
    if named and looks_like_server(named):
        from coordinator_app.db.server.group import open_server_group

        group: GroupFile = open_server_group(resolve(named), read_only=read_only)  # type: ignore[assignment]
    else:
        group = open_group(group_path(args), read_only=read_only)
    if getattr(group, "tightened", False):
        print(TIGHTENED.format(name=group.path.name), file=sys.stderr)
    try:
        yield group
    finally:
        group.close()
