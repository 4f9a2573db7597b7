"""``export calendar``: the group's meetings from today on, as a calendar file for phones and Outlook."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path

from coordinator_app.services.calendar import group_calendar
from coordinator_app.services.report_data.common import KIND_LABELS

from .common import CommandLine, opened_group


def _minutes(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= 7 * 24 * 60:
        raise argparse.ArgumentTypeError(f"“{text}” is not a number of minutes from 1 to 10080 (a week)")
    return int(text)


def register(cli: CommandLine) -> None:
    parser = cli.add(cli.group("export"), "calendar", handler=_export,
                     help="write the meetings from today on to a calendar file (.ics)",
                     description="Write the group's meetings from today on to a calendar file that phones, "
                     "Outlook and Google Calendar import. Importing a newer file moves or cancels the events "
                     "already there instead of adding them twice.")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics", help="where to save it")
    parser.add_argument("--reminder", type=_minutes, metavar="MINUTES",
                        help="remind people this many minutes before each meeting")


def _export(args: argparse.Namespace) -> int:
    from coordinator_app.exports.ics import write_meetings_calendar  # icalendar takes ½ s to import

    output = args.output if args.output.suffix.lower() == ".ics" else args.output.with_name(args.output.name + ".ics")
    with opened_group(args, read_only=True) as group:
        calendar = group_calendar(group, today=date.today(), kind_words=KIND_LABELS)
    reminder = timedelta(minutes=args.reminder) if args.reminder else None
    write_meetings_calendar(output, calendar, now=datetime.now().astimezone(), reminder=reminder)
    cancelled = len(calendar.events) - calendar.planned
    also = f" and {cancelled} cancelled" if cancelled else ""
    print(f"Saved {calendar.planned} planned meeting{'s' if calendar.planned != 1 else ''}{also} to {output}.")
    return 0
