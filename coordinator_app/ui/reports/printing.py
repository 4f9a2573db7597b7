"""The print buttons on other pages ("Print sign-in sheet" on Meetings, "Print agreement" on Our group).

Each makes its PDF through :func:`making.make_pdf`, so it lands in the same remembered folder as the
Reports page's documents, opens in the PDF viewer, and the window's status bar says where it went.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from coordinator_app.db.groupfile import GroupFile

from ..i18n import tr
from ..pages.base import PageContext
from .making import made_message, make_pdf


def day_words(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def sign_in_title(held_on: date | None, today: date) -> str:
    return tr("Sign-in sheet {day}").format(day=day_words(held_on or today))


def make_sign_in(group: GroupFile, path: Path, held_on: date | None, today: date) -> object:
    from coordinator_app.reports.printables import make_sign_in_sheet  # ReportLab loads only when printing

    return make_sign_in_sheet(group, path, held_on=held_on, today=today)


def make_agreement(group: GroupFile, path: Path, today: date) -> object:
    from coordinator_app.reports.printables import make_agreement_sheet

    return make_agreement_sheet(group, path, today=today)


def _print(ctx: PageContext, title: str, make: Callable[[Path], object], busy: Iterable[QWidget]) -> Path | None:
    path = make_pdf(ctx.window, title=title, make=make, busy=busy,
                    on_made=lambda made, opened: ctx.status(made_message(made, opened)))
    if path is not None:
        ctx.status(tr("Making “{name}”…").format(name=path.name))
    return path


def print_sign_in_sheet(ctx: PageContext, *, held_on: date | None, busy: Iterable[QWidget] = ()) -> Path | None:
    """The sign-in sheet for the meeting on ``held_on`` (the next planned one if None), opened when made."""
    group, today = ctx.group, ctx.today()
    return _print(ctx, sign_in_title(held_on, today), lambda path: make_sign_in(group, path, held_on, today), busy)


def print_agreement(ctx: PageContext, *, busy: Iterable[QWidget] = ()) -> Path | None:
    """The current confidentiality agreement with signature lines, opened when made."""
    group, today = ctx.group, ctx.today()
    return _print(ctx, tr("Confidentiality agreement"), lambda path: make_agreement(group, path, today), busy)
