"""``coordinator-app check``: is this group file sound? Opens it read-only, so it is never changed."""

from __future__ import annotations

import argparse

from coordinator_app.services.file_check import check_group

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
    with opened_group(args, read_only=True) as group:
        result = check_group(group)
        address = getattr(group, "address", None)
    if result.on_server:
        print(f"Server group: {address}")
        print(f"Schema version: {result.revision}")
        print("Storage and links between records are kept by the server itself (PostgreSQL).")
        print("The server group is sound.")
        return EXIT_SOUND
    newest = (" (the newest)" if result.revision == result.newest
              else f" (this version would update it to {result.newest})")
    print(f"Group file: {group_path(args)}")
    print(f"Schema version: {result.revision}{newest}")
    storage, links = result.storage_problems, result.link_problems
    print("Storage check (quick_check): " + ("ok" if not storage else f"{len(storage)} problem(s)"))
    print("Links between records (foreign keys): " + ("ok" if not links else f"{len(links)} problem(s)"))
    if result.sound:
        print("The group file is sound.")
        return EXIT_SOUND
    print("Problems found:")
    for problem in result.problems:
        print(f"  - {problem}")
    return EXIT_PROBLEMS
