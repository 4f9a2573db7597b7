"""``coordinator-app report ...`` and ``coordinator-app print ...``: make a PDF without opening the window.

The group file is opened read-only, so a report can be made while the app has the file open.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.reports.funding import make_funding_report
from coordinator_app.reports.printables import (
    make_agreement_sheet,
    make_contact_list,
    make_minutes,
    make_rota,
    make_sign_in_sheet,
)

from .common import CommandLine, opened_group


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date; write it as YYYY-MM-DD, e.g. 2026-03-10") from None


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"“{text}” is not a year; write it like 2025")
    return int(text)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="where to save the PDF")


def register(cli: CommandLine) -> None:
    report, printing = cli.group("report"), cli.group("print")

    parser = cli.add(report, "celebration", handler=_celebration,
                     help="the yearly celebration report: the year in numbers, stories, thanks")
    parser.add_argument("--year", type=_year, required=True, help="the year, e.g. 2025")
    parser.add_argument("--financial", action="store_true",
                        help="the group's financial year starting in YEAR instead of the calendar year")
    _output(parser)

    parser = cli.add(report, "achievements", handler=_achievements,
                     help="a summary of the achievements of a period, for a newsletter, an AGM or a funder")
    parser.add_argument("--from", dest="starts_on", type=_iso_date, required=True, metavar="YYYY-MM-DD",
                        help="the first day")
    parser.add_argument("--to", dest="ends_on", type=_iso_date, required=True, metavar="YYYY-MM-DD",
                        help="the last day")
    _output(parser)

    parser = cli.add(report, "agm", handler=_agm,
                     help="the AGM pack: the meeting's minutes, the officers, the year's accounts and achievements")
    parser.add_argument("--meeting", type=_iso_date, required=True, metavar="YYYY-MM-DD", help="the AGM's date")
    _output(parser)

    parser = cli.add(report, "funding", handler=_funding, help="the report to a funder for one grant")
    parser.add_argument("--grant", required=True, metavar="REFERENCE", help="the grant's reference")
    _output(parser)

    parser = cli.add(printing, "sign-in", handler=_sign_in,
                     help="a sign-in sheet (or tally sheet) for a meeting, the next one unless --meeting is given")
    parser.add_argument("--meeting", type=_iso_date, metavar="YYYY-MM-DD", help="the meeting's date")
    _output(parser)

    _output(cli.add(printing, "agreement", handler=_agreement,
                    help="the confidentiality agreement with lines to sign"))
    _output(cli.add(printing, "contacts", handler=_contacts,
                    help="the members' contact list (confidential; only members who agreed to share)"))
    _output(cli.add(printing, "rota", handler=_rota, help="the jobs rota from today"))

    parser = cli.add(printing, "minutes", handler=_minutes, help="the minutes of a meeting (shareable parts only)")
    parser.add_argument("--meeting", type=_iso_date, required=True, metavar="YYYY-MM-DD", help="the meeting's date")
    _output(parser)


def _done(path: Path) -> int:
    print(f"Saved {path.resolve()}.")
    return 0


def _celebration(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        return _done(make_celebration_report(group, args.output, year=args.year, financial=args.financial))


def _achievements(args: argparse.Namespace) -> int:
    from coordinator_app.reports.achievements import make_achievement_summary

    with opened_group(args, read_only=True) as group:
        return _done(make_achievement_summary(group, args.output, starts_on=args.starts_on, ends_on=args.ends_on))


def _agm(args: argparse.Namespace) -> int:
    from coordinator_app.reports.agm import make_agm_pack

    with opened_group(args, read_only=True) as group:
        return _done(make_agm_pack(group, args.output, held_on=args.meeting))


def _funding(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        return _done(make_funding_report(group, args.output, reference=args.grant))


def _sign_in(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        return _done(make_sign_in_sheet(group, args.output, held_on=args.meeting))


def _agreement(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        return _done(make_agreement_sheet(group, args.output))


def _contacts(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        return _done(make_contact_list(group, args.output))


def _rota(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        return _done(make_rota(group, args.output))


def _minutes(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        return _done(make_minutes(group, args.output, held_on=args.meeting))
