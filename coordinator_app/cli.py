"""The ``coordinator-app`` command: opens the app, or runs one headless command and exits.

``coordinator-app`` (optionally ``--group FILE``) opens the window. ``coordinator-app COMMAND ...`` runs
a command instead; commands are grouped as ``import``, ``export``, ``report`` and ``print`` (``coordinator-app
import members people.csv``) or stand alone (``demo``, ``check``). ``--group FILE`` may come before or after
the command.

Adding a command
----------------
1. Write a module in ``coordinator_app/commands/`` (one per area, e.g. ``bank.py``) with::

       def register(cli: CommandLine) -> None:
           parser = cli.add(cli.group("import"), "bank", help="import a bank statement", handler=run)
           parser.add_argument("csv", type=Path, metavar="CSV")

       def run(args: argparse.Namespace) -> int:
           with opened_group(args) as group:      # --group, else $COORDINATOR_GROUP, else the usual file
               ...                                # call services; print what was done
           return 0

   ``cli.top`` holds stand-alone commands; ``cli.group(name)`` the commands of one group.
2. List the module in ``coordinator_app/commands/__init__.py`` (``MODULES``).

Handlers raise; they do not print errors. :func:`main` turns the problems users can cause (a bad group
file, invalid input, a file that cannot be imported, the disk) into one sentence on stderr and a non-zero
exit code. Anything else is a bug: its traceback goes to the log file, and the user is told where.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
import traceback
from datetime import datetime
from pathlib import Path

from coordinator_app import APP_NAME, __version__, paths
from coordinator_app.commands import MODULES
from coordinator_app.commands.common import CommandLine, add_group_option, explicit_group_path
from coordinator_app.db.errors import GroupFileError
from coordinator_app.imports.csv_text import ImportProblem
from coordinator_app.services.errors import NotFound, StorageError, ValidationError

EXIT_PROBLEM = 1
EXIT_BUG = 70  # EX_SOFTWARE
EXIT_INTERRUPTED = 130
LOG_NAME = "coordinator.log"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coordinator-app",
        description=f"{APP_NAME}: run a self-help or peer-support group. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_group_option(parser, default=None)
    cli = CommandLine(parser)
    for name in MODULES:
        importlib.import_module(name).register(cli)
    return parser


def window_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """The arguments when they only open the window (nothing but ``--group``), else None.

    Then no command module is imported: between them they pull in ReportLab, openpyxl and the demo,
    a third of the time to the first paint, for commands the window never runs."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    add_group_option(parser, default=None)
    try:
        args, rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    except argparse.ArgumentError:
        return None  # the full parser explains the mistake
    return None if rest else args


def _log_bug() -> Path:
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / LOG_NAME
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {APP_NAME} {__version__}\n")
        handle.write(traceback.format_exc())
    return log


def _run(args: argparse.Namespace) -> int:
    handler = getattr(args, "handler", None)
    if handler is None:
        from coordinator_app.ui.app import run_gui

        return run_gui(explicit_group_path(args))
    return handler(args)


def main(argv: list[str] | None = None) -> int:
    try:
        args = window_arguments(argv) or build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error argparse has already explained
        return exit_.code if isinstance(exit_.code, int) else EXIT_PROBLEM
    try:
        return _run(args)
    except GroupFileError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    except (ValidationError, ImportProblem, NotFound, StorageError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            print(f"The disk is full, so nothing was saved{where}. Free some space and try again.", file=sys.stderr)
            return EXIT_PROBLEM
        print(f"The computer would not let us do that{where}: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        try:
            log = _log_bug()
        except OSError:
            print("Something went wrong that should not have, and the details could not be logged.", file=sys.stderr)
        else:
            print(f"Something went wrong that should not have; details are in {log}.", file=sys.stderr)
        return EXIT_BUG
