"""The AGM pack: one PDF for the annual general meeting, bound from the documents the group already prints.

Minutes (with the signature line), the officers, the year's accounts and the achievement summary, each
starting on a new page, with a contents list first so a member can find their way through it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.report_data import AgmData, agm_data

from . import look
from .accounts import accounts_story
from .achievements import achievement_story
from .printables import minutes_story
from .words import day, listing


def make_agm_pack(group: GroupFile, path: Path | str, *, held_on: date, today: date | None = None) -> Path:
    data = agm_data(group, held_on=held_on, today=today)
    parts = ["the minutes of the meeting", "who holds which role", f"the accounts for {data.year.label}"
             if data.accounts_year is not None else "", f"the achievements of {data.year.label}"]
    story: list[Flowable] = [
        look.para("Annual general meeting", "title"),
        look.para(f"{data.minutes.letterhead.group_name}, {day(held_on)}", "subtitle"),
        look.para(f"This pack holds {listing([p for p in parts if p])}."),
        PageBreak(),
        *minutes_story(data.minutes),
        PageBreak(),
        *_officers(data),
        PageBreak(),
    ]
    if data.accounts_year is not None:
        story += [*accounts_story(group, year=data.accounts_year)[1], PageBreak()]
    story += achievement_story(data.achievements)
    return look.build_document(path, title=f"AGM, {day(held_on)}", story=story,
                               group_name=data.minutes.letterhead.group_name,
                               logo_png=data.minutes.letterhead.logo_png)


def _officers(data: AgmData) -> list[Flowable]:
    parts: list[Flowable] = [look.para("Who holds which role", "title"),
                             look.para(f"On {day(data.minutes.meeting.held_on)}, the day of the meeting.")]
    if not data.officers:
        return parts + [look.para("No roles (coordinator, treasurer, secretary…) have been written down yet.")]
    return parts + [look.data_table(["Role", "Who", "Since"],
                                    [[o.role.capitalize(), o.name, day(o.since)] for o in data.officers],
                                    widths=[0.35, 0.4, 0.25])]
