"""``make screenshots`` (second half): a PNG of every printed document, for the README and for review.

Each document is made for the demo group on a fixed "today", and the README's thumbnail is its first
page (``report-NAME.png`` in the folder given). Every page of every document also goes to
``build/document-pages/`` (not kept in git) for anyone reviewing a change to a document, with the same
documents for a group that began this year, in its first, unfinished year (``new-*``), where the books
and the year are partly empty. Needs pdftoppm (Debian's poppler-utils).

    .venv/bin/python docs/document_pictures.py docs/screenshots
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

from coordinator_app.db.groupfile import GroupFile, opened
from coordinator_app.db.models import MeetingStatus
from coordinator_app.reports import accounts, achievements, agm, celebration, funding, printables
from coordinator_app.services import agreement, meetings, members
from coordinator_app.services import group as group_service
from coordinator_app.services.demo import write_demo_group
from coordinator_app.services.money import books, grants, transactions

TODAY = date(2026, 3, 10)  # as `make screenshots`: the pictures change only when the app does
NEW_GROUP_TODAY = date(2026, 11, 20)
THUMBNAIL_DPI = 50
PAGE_DPI = 60

Make = Callable[[GroupFile, Path], object]


def _documents(group: GroupFile, today: date, *, finished: bool) -> dict[str, Make]:
    """The documents to draw: for the last finished year, or (``finished=False``) for the year still running."""
    past = sorted(m.held_on for m in meetings.list_meetings(group, when="past", today=today)
                  if m.status is MeetingStatus.HELD)
    reference = next((g.reference for g in grants.list_grants(group)), None)
    back = 1 if finished else 0
    calendar_year = today.year - back
    financial_year = (today.year - 1 if today.month < 4 else today.year) - back  # years start in April
    made: dict[str, Make] = {
        "celebration": lambda g, p: celebration.make_celebration_report(g, p, year=calendar_year, today=today),
        "achievements": lambda g, p: achievements.make_achievement_summary(
            g, p, starts_on=date(calendar_year, 1, 1), ends_on=min(today, date(calendar_year, 12, 31)), today=today),
        "accounts": lambda g, p: accounts.make_accounts_report(g, year=financial_year, path=p),
        "sign-in": lambda g, p: printables.make_sign_in_sheet(g, p, today=today),
        "agreement": lambda g, p: printables.make_agreement_sheet(g, p, today=today),
        "contacts": lambda g, p: printables.make_contact_list(g, p, today=today),
        "rota": lambda g, p: printables.make_rota(g, p, today=today),
    }
    if past:
        made["minutes"] = lambda g, p: printables.make_minutes(g, p, held_on=past[-1], today=today)
        made["agm"] = lambda g, p: agm.make_agm_pack(g, p, held_on=past[-1], today=today)
    if reference:
        made["funding"] = lambda g, p: funding.make_funding_report(g, p, reference=reference, today=today)
    return made


def _pictures(group: GroupFile, today: date, work: Path, pages: Path, prefix: str,
              thumbnails: Path | None) -> list[Path]:
    made = []
    for name, make in _documents(group, today, finished=thumbnails is not None).items():
        pdf = work / f"{prefix}{name}.pdf"
        make(group, pdf)
        subprocess.run(["pdftoppm", "-r", str(PAGE_DPI), "-png", str(pdf), str(pages / f"{prefix}{name}")],
                       check=True)
        made += sorted(pages.glob(f"{prefix}{name}-*.png"))
        if thumbnails is not None:
            target = thumbnails / f"report-{name}"
            subprocess.run(["pdftoppm", "-r", str(THUMBNAIL_DPI), "-png", "-singlefile", "-f", "1", "-l", "1",
                            str(pdf), str(target)], check=True)
            made.append(target.with_suffix(".png"))
    return made


def _new_group(path: Path) -> None:
    """A group that began in September of this year: a few meetings, a little money, no year finished."""
    group_service.create_group(path, name="Riverside Carers' Circle", about="Carers supporting carers")
    with opened(path) as group:
        agreement.publish_agreement(group, text=agreement.SUGGESTED_AGREEMENT, effective_from=date(2026, 9, 1))
        ids = [members.add_member(group, name=name, joined_on=date(2026, 9, 1))
               for name in ("Zoë Adams", "Łukasz Wójcik", "Nguyễn Thị Hoa", "Siobhán Ó Briain")]
        for month in (9, 10, 11):
            meeting = meetings.plan_meeting(group, held_on=date(2026, month, 8), start_time=time(19),
                                            topic="Getting to know each other" if month == 9 else "")
            meetings.record_meeting(group, meeting, present=ids[: month - 6], newcomers=1,
                                    good_things=[meetings.GoodThingInput("A cup of tea and a kind word")],
                                    today=date(2026, month, 8))
        meetings.plan_meeting(group, held_on=date(2026, 12, 13), start_time=time(19), topic="Christmas social")
        account = books.add_account(group, name="Community account", opened_on=date(2026, 9, 1))
        transactions.record_receipt(group, account_id=account, on=date(2026, 9, 8), amount_pence=4_500,
                                    payee="Members' subs")


def make_pictures(folder: Path, pages: Path = Path("build/document-pages")) -> list[Path]:
    pages.mkdir(parents=True, exist_ok=True)
    for old in pages.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        write_demo_group(work / "demo.group", today=TODAY)
        with opened(work / "demo.group", read_only=True) as group:
            made = _pictures(group, TODAY, work, pages, "", folder)
        _new_group(work / "new.group")
        with opened(work / "new.group", read_only=True) as group:
            made += _pictures(group, NEW_GROUP_TODAY, work, pages, "new-", None)
    return made


if __name__ == "__main__":
    for picture in make_pictures(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(picture)
