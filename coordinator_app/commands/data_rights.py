"""``coordinator-app export member-data MEMBER_ID``: a subject access request, answered as JSON and PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from coordinator_app.db.disk import write_private_text
from coordinator_app.reports.subject_access import write_subject_access_pdf
from coordinator_app.services import data_rights

from .common import CommandLine, opened_group


def register(cli: CommandLine) -> None:
    parser = cli.add(
        cli.group("export"), "member-data", handler=run,
        help="everything held about one member (subject access), as JSON and a readable PDF",
    )
    parser.add_argument("member_id", type=int, metavar="MEMBER_ID")
    parser.add_argument("-o", "--output", type=Path, metavar="FOLDER", default=Path("."),
                        help="the folder to write the two files to (default: here)")


def run(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        export = data_rights.subject_access_export(group, args.member_id)
    folder: Path = args.output
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"member-{export.member_id}-data-{export.produced_on.isoformat()}"
    json_path = folder / f"{stem}.json"
    write_private_text(json_path, export.to_json())
    pdf_path = write_subject_access_pdf(export, folder / f"{stem}.pdf")
    print(f"Wrote everything held about {export.name} to {json_path} and {pdf_path}.")
    return 0
