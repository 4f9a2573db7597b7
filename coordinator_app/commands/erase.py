"""``coordinator-app erase MEMBER_ID``: erase a person for good, the same erasure as the window's.

It asks before erasing unless ``--yes`` is given; ``--backups`` erases them from the group's backups too.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coordinator_app.services import erasure

from .common import CommandLine, opened_group

NOTHING_DONE = "Nothing was erased."


def register(cli: CommandLine) -> None:
    parser = cli.add(
        cli.top, "erase", handler=run, help="erase a person from the group file for good (right to erasure)",
        description="Erase member MEMBER_ID for good: their record goes, every mention of them in the group's "
        "text reads \"a member\", and the file is wiped; the accounts and head-counts stay the same.",
    )
    parser.add_argument("member_id", type=int, metavar="MEMBER_ID")
    parser.add_argument("--yes", action="store_true", help="erase without asking first")
    parser.add_argument("--backups", action="store_true",
                        help="erase them from the group's backups in the backup folder too")
    parser.add_argument("--folder", type=Path, metavar="FOLDER", help="the backup folder, if not the usual one")


def _confirmed(name: str, member_id: int, backups: bool) -> bool:
    where = "the group file and its backups" if backups else "the group file"
    try:
        answer = input(f"Erase {name} (member {member_id}) from {where} for good? This cannot be undone. "
                       "Type yes to erase: ")
    except EOFError:
        return False
    return answer.strip().casefold() in ("yes", "y")


def run(args: argparse.Namespace) -> int:
    with opened_group(args) as group:
        name = erasure.name_of(group, args.member_id)
        if not args.yes and not _confirmed(name, args.member_id, args.backups):
            print(NOTHING_DONE)
            return 1
        report = erasure.erase_member(group, args.member_id, backups=args.backups, backup_folder=args.folder)
    print(f"Erased {name}.")
    for sentence in report.summary():
        print(f"- {sentence}")
    return 0
