"""``coordinator-app --smoke-test``: proves this copy of the app (frozen or not) has everything it needs.

It starts Qt offscreen and draws the real window, creates a group in a temporary folder, records a
meeting and a payment through the services, prints the meeting's minutes to PDF, the year's
transactions to XLSX and the meetings to a calendar file, and checks each file. Nothing of the user's is
read or touched: the data folders and Qt's settings point into the temporary folder, which is removed at
the end. One line is printed per check; the exit code is 0 only when every check passed, so build
scripts can trust it.
"""

from __future__ import annotations

import faulthandler
import io
import os
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from coordinator_app import APP_NAME, __version__, desktop, paths

MEETING_DAY = date(2026, 1, 13)  # fixed past dates, so the check never depends on the clock
NEXT_MEETING_DAY = date(2026, 2, 10)
PEOPLE = ("Zoë Adams", "Łukasz Wójcik", "أحمد حسن")
SUBS_PENCE = 1234
# A check that hangs (a dialog waiting for a click nobody can give) must fail the build, not stall it.
TIME_LIMIT_SECONDS = 300


class SmokeFailure(Exception):
    """One check did not pass; the message says which and why."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


@dataclass
class _Run:
    folder: Path
    group_file: Path
    kept: dict[str, Any] = field(default_factory=dict)  # Qt objects that must outlive their step


def _qt(run: _Run) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCollator, QLocale, QSettings
    from PySide6.QtGui import QIcon

    # The window remembers things in QSettings: keep them in the temporary folder, not the user's.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(run.folder / "settings"))
    from coordinator_app.ui.app import make_application, open_window

    app = run.kept["app"] = make_application()
    _check(not app.windowIcon().pixmap(48, 48).isNull(), "The app icon could not be loaded.")
    _check(not QIcon(str(desktop.icon_svg())).pixmap(64, 64).isNull(),
           "The SVG app icon could not be drawn (Qt's SVG support is missing).")
    window = open_window(None)
    try:
        _check(not window.grab().isNull(), "Qt could not draw the main window.")
    finally:
        window.close()
    # Qt sorts by ICU's collation (the file dialog, locale-aware lists): the bundle's smaller ICU data must hold it.
    collator = QCollator(QLocale("en_GB"))
    in_order = sorted(["Zoë", "Łukasz", "Émile", "Zoe", "Eve"], key=collator.sortKey)
    _check(in_order == ["Émile", "Eve", "Łukasz", "Zoe", "Zoë"], f"Qt's collation (ICU data) is missing: {in_order}.")
    return (f"Qt started ({app.platformName()}), drew the main window and the icon, and sorted "
            "accented names")


def _group(run: _Run) -> str:
    from coordinator_app.services.group import create_group

    create_group(run.group_file, name="Smoke Test Group — Zoë & Łukasz", about="Carers supporting carers")
    return f"created {run.group_file.name}"


def _meeting_and_money(run: _Run) -> str:
    from coordinator_app.db.groupfile import opened
    from coordinator_app.services import meetings, members
    from coordinator_app.services.money import books, transactions

    with opened(run.group_file) as group:
        ids = [members.add_member(group, name=name, joined_on=date(2025, 9, 1)) for name in PEOPLE]
        meeting_id = meetings.plan_meeting(group, held_on=MEETING_DAY, topic="Sleep and stress")
        meetings.record_meeting(
            group, meeting_id, present=ids[:2], newcomers=1,
            decisions=[meetings.DecisionInput("Meet at St Mary's Church Hall from March")],
            good_things=[meetings.GoodThingInput("Tom & Jerry <3 brought cake")],
            confidential_notes="Not for printing.", minutes="We talked about sleep.", minutes_shareable=True,
            today=MEETING_DAY,
        )
        account = books.add_account(group, name="Bank", opened_on=date(2025, 4, 1))
        transactions.record_receipt(group, account_id=account, on=MEETING_DAY, amount_pence=SUBS_PENCE,
                                    payee="Members' subs")
    with opened(run.group_file, read_only=True) as group:
        record = meetings.get_meeting(group, meeting_id)
    _check(record.present_ids == frozenset(ids[:2]), "The meeting's attendance was not saved.")
    _check(len(record.decisions) == 1 and len(record.good_things) == 1, "The meeting's record was not saved.")
    return f"recorded a meeting ({len(record.present_ids)} present, a decision, a good thing) and a payment in"


def _pdf(run: _Run) -> str:
    from PIL import Image

    from coordinator_app.db.groupfile import opened
    from coordinator_app.reports.printables import make_minutes
    from coordinator_app.services.group import set_logo

    logo = io.BytesIO()
    Image.new("RGB", (60, 40), "#2f6f73").save(logo, "PNG")
    target = run.folder / "minutes.pdf"
    with opened(run.group_file) as group:
        set_logo(group, logo.getvalue())  # the letterhead's picture goes through Pillow's image libraries
        make_minutes(group, target, held_on=MEETING_DAY, today=MEETING_DAY)
    data = target.read_bytes()
    _check(data.startswith(b"%PDF-"), f"{target.name} is not a PDF.")
    _check(b"%%EOF" in data[-1024:], f"{target.name} is cut short.")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    _check(pages >= 1, f"{target.name} has no pages.")
    _check(b"/Subtype /Image" in data, f"{target.name} lost the group's logo.")
    return f"printed the minutes with the group's logo to {target.name} ({pages} page{'s' if pages != 1 else ''})"


def _xlsx(run: _Run) -> str:
    from openpyxl import load_workbook

    from coordinator_app.db.groupfile import opened
    from coordinator_app.exports.transactions_xlsx import export_transactions_xlsx
    from coordinator_app.services.money.years import current_financial_year

    target = run.folder / "transactions.xlsx"
    with opened(run.group_file, read_only=True) as group:
        year = current_financial_year(group, today=MEETING_DAY)
        export_transactions_xlsx(group, year=year.year, path=target)
    book = load_workbook(target, read_only=True)
    try:
        values = [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
    finally:
        book.close()
    _check(SUBS_PENCE / 100 in values, f"{target.name} does not hold the £{SUBS_PENCE / 100:.2f} paid in.")
    return f"exported the year's transactions to {target.name} and read them back"


def _calendar(run: _Run) -> str:
    from datetime import UTC, datetime, time

    from icalendar import Calendar

    from coordinator_app.db.groupfile import opened
    from coordinator_app.exports.ics import write_meetings_calendar
    from coordinator_app.services import meetings
    from coordinator_app.services.calendar import group_calendar
    from coordinator_app.services.report_data.common import KIND_LABELS

    target = run.folder / "meetings.ics"
    with opened(run.group_file) as group:
        meetings.plan_meeting(group, held_on=NEXT_MEETING_DAY, start_time=time(19), topic="Looking after ourselves")
        calendar = group_calendar(group, today=MEETING_DAY, kind_words=KIND_LABELS)
    write_meetings_calendar(target, calendar, now=datetime(2026, 1, 1, tzinfo=UTC))
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    _check(len(events) == 1 and "Looking after ourselves" in str(events[0].get("SUMMARY")),
           f"{target.name} does not hold the meeting.")
    _check(bool(Calendar.from_ical(target.read_bytes()).walk("VTIMEZONE")),
           f"{target.name} does not say which time zone its times are in.")
    return f"wrote the meetings calendar to {target.name} and read it back"


STEPS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("qt", _qt), ("group", _group), ("meeting", _meeting_and_money), ("pdf", _pdf), ("xlsx", _xlsx),
    ("calendar", _calendar),
)


def run_smoke_test(out: TextIO | None = None) -> int:
    """Run every check, printing one line each and a count; 0 when all passed, 1 otherwise.

    The checks stop at the first failure (later ones depend on earlier ones). The last line is a plain
    "smoke: N passed, N failed" so CI logs read like any other test run.
    """
    out = out or sys.stdout
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    print(f"{APP_NAME} {__version__} smoke test{frozen}", file=out)
    saved_home = os.environ.get(paths.HOME_ENV)
    if sys.stderr is not None:  # a windowed Windows app has none
        faulthandler.dump_traceback_later(TIME_LIMIT_SECONDS, exit=True)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="coordinator-smoke-") as scratch:
        run = _Run(folder=Path(scratch), group_file=Path(scratch) / "Smoke Test Group.group")
        os.environ[paths.HOME_ENV] = str(run.folder / "home")
        try:
            for name, step in STEPS:
                try:
                    print(f"ok   {name}: {step(run)}", file=out)
                except Exception as exc:  # report any failure in one line: that is this command's whole job
                    print(f"FAIL {name}: {type(exc).__name__}: {exc}", file=out)
                    failed = 1
                    break
                passed += 1
        finally:
            faulthandler.cancel_dump_traceback_later()
            if saved_home is None:
                os.environ.pop(paths.HOME_ENV, None)
            else:
                os.environ[paths.HOME_ENV] = saved_home
    print(f"smoke: {passed} passed, {failed} failed", file=out)
    return 1 if failed else 0
