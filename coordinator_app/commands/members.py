"""``coordinator-app import members CSV``: bring in a member list saved from a spreadsheet."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from coordinator_app.db.errors import ReadOnlyGroupFile
from coordinator_app.imports.members_csv import import_member_list, load_members
from coordinator_app.services.group import get_profile
from coordinator_app.services.validate import say_list

from .common import CommandLine, opened_group


def register(cli: CommandLine) -> None:
    parser = cli.add(
        cli.group("import"), "members", handler=run,
        help="add the members listed in a CSV file (all of them, or none if any row is wrong)",
        description="Add the members listed in a CSV file saved from a spreadsheet. Columns are found by "
        "their headers (name, preferred name, email, phone, joined, left, kind, address, notes). If any "
        "row is wrong nothing is imported, and the row and column are named.",
    )
    parser.add_argument("csv", type=Path, metavar="CSV", help="the member list, saved as CSV")


def run(args: argparse.Namespace) -> int:
    today = date.today()
    member_list = load_members(args.csv, today=today)  # a bad list is refused before the group file is opened
    with opened_group(args) as group:
        if group.held_by is not None:
            raise ReadOnlyGroupFile(group.path, f"{group.path.name} is open by {group.held_by.describe()}, so nothing "
                                                "was imported; close it there and try again.")
        if group.read_only:
            raise ReadOnlyGroupFile(group.path, f"{group.path.name} cannot be changed because "
                                                f"{getattr(group, 'why_read_only', None) or 'it is read-only'}, "
                                                "so nothing was imported.")
        result = import_member_list(group, member_list, today=today)
        group_name = get_profile(group).name
    people = "member" if result.imported == 1 else "members"
    print(f"Imported {result.imported} {people} into {group_name}.")
    if result.already_there:
        names = say_list(result.already_there)
        print(f"{len(result.already_there)} already in the group (same name and joined date) were left as they "
              f"were: {names}.")
    if result.joined_today:
        print(f"{result.joined_today} had no joined date, so today's date ({today:%d/%m/%Y}) was used.")
    return 0
