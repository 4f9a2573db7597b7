"""The achievement summary: one or two pages of what the group achieved, for a newsletter, an AGM or a funder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.report_data import AchievementSummaryData, achievement_summary_data

from . import look
from .stories import story_block
from .words import count, day, listing, period


def make_achievement_summary(group: GroupFile, path: Path | str, *, starts_on: date, ends_on: date,
                             today: date | None = None) -> Path:
    """Write the summary of the achievements from ``starts_on`` to ``ends_on`` to ``path``."""
    return render_achievement_summary(
        achievement_summary_data(group, starts_on=starts_on, ends_on=ends_on, today=today), path)


def render_achievement_summary(data: AchievementSummaryData, path: Path | str) -> Path:
    return look.build_document(path, title=_title(data), story=achievement_story(data),
                               group_name=data.letterhead.group_name, logo_png=data.letterhead.logo_png)


def _title(data: AchievementSummaryData) -> str:
    return "Our achievements so far" if data.so_far else "Our achievements"


def achievement_story(data: AchievementSummaryData) -> list[Flowable]:
    """The summary as flowables, for its own PDF and for the AGM pack."""
    title = _title(data)
    when = f"from {day(data.starts_on)}, so far" if data.so_far else f"from {period(data.starts_on, data.ends_on)}"
    story: list[Flowable] = [
        look.para(title, "title"),
        look.para(data.letterhead.group_name, "subtitle"),
        look.para(f"What we achieved together {when}."),
        look.gap(4),
    ]
    if not data.sections:
        story.append(look.para("No achievements were written down for this time. Small things count too: a "
                               "newcomer who came back, a good evening, a problem solved together. Note them "
                               "as they happen so they can be celebrated here."))
    else:
        kinds = listing([f"{section.label} ({len(section.stories)})" for section in data.sections])
        story.append(look.para(f"{count(data.total, 'achievement').capitalize()} in all, under {kinds}."))
        for section in data.sections:
            first, *rest = section.stories
            story += story_block(first, show_kind=False, lead=[look.block_heading(section.label, 1)])
            for item in rest:
                story += story_block(item, show_kind=False)
    return story
