"""``coordinator-app check``: is this group file sound? Opens it read-only, so it is never changed."""

from __future__ import annotations

import argparse

from coordinator_app.db.groupfile import integrity_problems
from coordinator_app.db.migrate import head_revision

from .common import CommandLine, group_path, opened_group

EXIT_SOUND = 0
EXIT_PROBLEMS = 1


def register(cli: CommandLine) -> None:
    cli.add(
        cli.top, "check", handler=run,
        help="check a group file: its version, its storage and the links between its records",
        description="Check a group file without changing it. Exit code 0: sound; 1: problems found; "
        "2: not a group file.",
    )


def run(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group, group.engine.connect() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        if group.path is None:  # a server group: the server keeps its own storage and links sound
            print(f"Server group: {group.address}")  # type: ignore[attr-defined]
            print(f"Schema version: {revision}")
            print("Storage and links between records are kept by the server itself (PostgreSQL).")
            print("The server group is sound.")
            return EXIT_SOUND
        problems = integrity_problems(group)
    path = group_path(args)
    newest = " (the newest)" if revision == head_revision() else f" (this version would update it to {head_revision()})"
    print(f"Group file: {path}")
    print(f"Schema version: {revision}{newest}")
    storage = [p for p in problems if p.startswith("Storage check:")]
    links = [p for p in problems if not p.startswith("Storage check:")]
    print("Storage check (quick_check): " + ("ok" if not storage else f"{len(storage)} problem(s)"))
    print("Links between records (foreign keys): " + ("ok" if not links else f"{len(links)} problem(s)"))
    if not problems:
        print("The group file is sound.")
        return EXIT_SOUND
    print("Problems found:")
    for problem in problems:
        print(f"  - {problem}")
    return EXIT_PROBLEMS
