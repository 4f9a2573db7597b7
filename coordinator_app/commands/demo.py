"""``coordinator-app demo FILE``: write a realistic demo group to try the app with."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from coordinator_app.services.demo import DEFAULT_SEED, write_demo_group

from .common import CommandLine


def register(cli: CommandLine) -> None:
    parser = cli.add(
        cli.top, "demo", handler=run,
        help="write a demo group file (three years of made-up members, meetings and money)",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="where to write it (must not exist yet)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="a number; the same number gives the same group")
    parser.add_argument("--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="write the demo as if today were this date (for a repeatable demo)")


def run(args: argparse.Namespace) -> int:
    summary = write_demo_group(args.file, seed=args.seed, today=args.today)
    print(f"Wrote the demo group \u201c{summary.name}\u201d to {summary.path}: {summary.members} members, "
          f"{summary.meetings} meetings, {summary.transactions} transactions.")
    return 0
