"""``coordinator-app --smoke-test``: the installers' and CI's check that a build has everything it needs."""

from __future__ import annotations

import argparse

from coordinator_app.commands.common import CommandLine


def register(cli: CommandLine) -> None:
    cli.parser.add_argument(
        "--smoke-test", dest="handler", action="store_const", const=run, default=argparse.SUPPRESS,
        help="check this copy of the app works (offscreen, in a temporary folder) and exit",
    )


def run(args: argparse.Namespace) -> int:
    from coordinator_app.smoke import run_smoke_test  # Qt is loaded only when asked for

    return run_smoke_test()
