"""The yearly celebration report handed round at the AGM: a cover, the year in numbers, stories, thanks.

A quiet year still gets a warm report: every section says something kind and true instead of showing an
empty table.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.report_data import CelebrationData, celebration_data

from . import look
from .charts import bar_chart
from .fonts import markup
from .stories import story_block
from .words import count, day, listing, period, weekday


def make_celebration_report(
    group: GroupFile, path: Path | str, *, year: int, financial: bool = False, today: date | None = None
) -> Path:
    """Write the celebration report for ``year`` (calendar, or the group's financial year) to ``path``."""
    return render_celebration(celebration_data(group, year=year, financial=financial, today=today), path)


def render_celebration(data: CelebrationData, path: Path | str) -> Path:
    story: list[Flowable] = []
    story += _cover(data)
    story += _attendance(data)
    story += _said(data)
    story += _stories(data)
    story += _aims(data)
    story += _jobs(data)
    story += _thanks(data)
    if data.so_far:
        story += _ahead(data)
    return look.build_document(
        path, title=_title(data), story=story,
        group_name=data.letterhead.group_name, logo_png=data.letterhead.logo_png,
    )


def _title(data: CelebrationData) -> str:
    return f"Our year so far: {data.period_label}" if data.so_far else f"Our year: {data.period_label}"


def _cover(data: CelebrationData) -> list[Flowable]:
    a = data.activity
    parts: list[Flowable] = [look.gap(14)]
    if data.letterhead.logo_png and (picture := look.photo(data.letterhead.logo_png, max_height=35 * mm)):
        parts += [picture, look.gap(4)]
    parts += [
        look.rich(markup(_title(data)), "title"),
        look.para(data.letterhead.group_name, "subtitle"),
        *([look.para(data.letterhead.about)] if data.letterhead.about else []),
        look.para(_opening(data)),
        look.gap(6),
    ]
    if data.quiet:
        parts.append(look.note_box(
            "This was a quiet year for the group, and that is all right. Every group has quieter times, and "
            "simply keeping the group going, so it is there for the next person who needs it, is an "
            "achievement in itself. Thank you to everyone who kept it alive."
        ))
        parts.append(look.gap(6))
    else:
        parts.append(look.para("Thank you to everyone who came, shared, listened and helped. This is what we did:"))
    if a.distinct_people is None:  # a count-only group never records who came, only how many
        people = (f"{round(a.attendances / a.meetings_held) if a.meetings_held else 0:,}", "at a typical meeting")
    else:
        people = (f"{a.distinct_people:,}", "different members came")
    parts += [
        look.block_heading("The year so far in numbers" if data.so_far else "The year in numbers"),
        look.key_figures([
            (f"{a.meetings_held:,}", "meetings held"),
            (f"{a.attendances:,}", "times people came"),
            people,
            (f"{a.newcomers:,}", "newcomers welcomed"),
            (f"{data.members_at_end:,}", f"members on {day(data.until)}"),
            (f"{a.job_turns:,}", "turns at shared jobs"),
        ]),
    ]
    return parts


def _attendance(data: CelebrationData) -> list[Flowable]:
    """On the first page, under the numbers: the year month by month (months still to come are left out)."""
    parts: list[Flowable] = [look.gap(3), look.block_heading("Coming together, month by month", 2)]
    if data.activity.meetings_held == 0:
        return parts + [look.para("No meetings were recorded this year. When the group meets again, this page "
                                  "will show how many people came each month."), PageBreak()]
    busiest = max(data.by_month, key=lambda month: month.attendances)
    return parts + [
        look.para(f"We met {count(data.activity.meetings_held, 'time')} and people came "
                  f"{count(data.activity.attendances, 'time')} in all. Our busiest month was "
                  f"{date(busiest.year, busiest.month, 1):%B %Y}, with {count(busiest.attendances, 'attendance')}."),
        bar_chart("People at our meetings each month", [m.label for m in data.by_month],
                  [[m.attendances for m in data.by_month]], height=52 * mm),
        PageBreak(),
    ]


def _opening(data: CelebrationData) -> str:
    """The first sentence: the year, or for a group that began during it, since it began."""
    if data.began_on is not None:
        began = f"{data.began_on:%B %Y}"
        if data.so_far:
            return f"A celebration of what we have done together since we began in {began}, up to {day(data.until)}."
        return f"A celebration of what we did together from when we began in {began} to {day(data.ends_on)}."
    if data.so_far:
        return f"A celebration of what we have done together since {day(data.starts_on)}, up to {day(data.until)}."
    return f"A celebration of what we did together from {period(data.starts_on, data.ends_on)}."


def _said(data: CelebrationData) -> list[Flowable]:
    """The good things shared at meetings: the guide's "positive side to the group", in members' own words."""
    if not data.good_things:
        return []
    parts: list[Flowable] = [look.heading("What people said")]
    shown = len(data.good_things)
    intro = (f"At our meetings people shared {count(data.good_things_total, 'good thing')}"
             + (f". Here are {shown} of them:" if shown < data.good_things_total else ":"))
    parts.append(look.para(intro))
    for line in data.good_things:
        by = f" — {markup(line.by)}" if line.by else ""
        parts.append(look.rich(f"“{markup(line.text)}”{by} <font size=8>({markup(day(line.said_on))})</font>",
                               "quote"))
    return parts


def _stories(data: CelebrationData) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("Achievements and stories")]
    if not data.stories:
        return parts + [look.para("No achievements were written down this year. Small things count too: a "
                                  "newcomer who came back, a good evening, a problem solved together. Next "
                                  "year, note them as they happen so we can celebrate them here.")]
    for item in data.stories:
        parts += story_block(item)
    return parts


def _aims(data: CelebrationData) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("Our aims and how they went")]
    if not data.aims:
        return parts + [look.para("The group has not written down its aims yet. Clear aims help a group stay "
                                  "strong: a good thing to talk about at the next meeting.")]
    return parts + [look.data_table(
        ["Aim", "How it went", "Notes"],
        [[aim.text, aim.status_label, aim.note] for aim in data.aims],
        widths=[0.5, 0.2, 0.3],
    )]


def _jobs(data: CelebrationData) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("Sharing the jobs")]
    if not data.jobs:
        return parts + [look.para("No turns at the group's jobs were recorded this year. Sharing the jobs "
                                  "around keeps the group going and stops any one person doing too much.")]
    people = len(data.helpers_named) + data.helpers_unnamed
    parts = [look.keep_together(
        look.block_heading("Sharing the jobs"),
        look.para(f"{count(sum(j.turns for j in data.jobs), 'turn')} at the group's jobs were taken by "
                  f"{count(people, 'person', 'people')}."),
        look.data_table(["Job", "Turns", "People"], [[j.title, j.turns, j.people] for j in data.jobs],
                        widths=[0.6, 0.2, 0.2], right=(1, 2)),
        look.gap(3),
    )]
    names = list(data.helpers_named)
    if data.helpers_unnamed:
        names.append(count(data.helpers_unnamed, "other person", "other people")
                     + (" who prefers" if data.helpers_unnamed == 1 else " who prefer") + " not to be named")
    if names:
        parts.append(look.para(f"Thank you to {listing(names)}."))
    return parts


def _thanks(data: CelebrationData) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("Thank you")]
    if data.practitioners:
        parts += [
            look.para("Practitioners and organisations who supported us:"),
            look.data_table(
                ["Who", "Organisation", "How they helped", "Times"],
                [[t.name, t.organisation, ", ".join(t.roles), t.times] for t in data.practitioners],
                widths=[0.28, 0.3, 0.3, 0.12], right=(3,),
            ),
            look.gap(3),
        ]
    if data.venues:
        parts.append(look.para(f"The places that gave us a room: {listing(list(data.venues))}."))
    if data.funders:
        parts.append(look.para(f"Our funders: {listing(list(data.funders))}."))
    if not (data.practitioners or data.venues or data.funders):
        parts.append(look.para("Thank you to everyone who gave their time, a room, a lift or a kind word."))
    return parts


def _ahead(data: CelebrationData) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("Looking ahead")]
    if not data.next_meetings:
        return parts + [look.para("The next meetings have not been planned yet. Everyone is welcome to help "
                                  "choose dates, topics and speakers.")]
    return [look.keep_together(
        look.block_heading("Looking ahead"),
        look.para("Our next planned meetings. Everyone is welcome."),
        look.data_table(
            ["Date", "Time", "Where", "What"],
            [[weekday(m.held_on), m.time_text, m.venue, m.topic or m.kind_label] for m in data.next_meetings],
            widths=[0.3, 0.18, 0.24, 0.28],
        ),
    )]
