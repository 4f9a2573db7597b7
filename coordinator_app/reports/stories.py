"""One achievement as printed in every document that tells the group's stories.

The title, its date, photo and quote are kept together, but never with the whole story: a long story
flows on to the next page instead of leaving half a page blank before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from coordinator_app.services.report_data import Story

from . import look
from .fonts import markup
from .words import day


def story_block(item: Story, *, show_kind: bool = True, lead: Sequence[Flowable] = ()) -> list[Flowable]:
    """``lead`` (a section's heading) is kept with the story's top, so it never stands alone at a page's foot."""
    when = f"{item.kind_label}, {day(item.achieved_on)}" if show_kind else day(item.achieved_on)
    top: list[Flowable] = [*lead, look.block_heading(item.title, 2), look.para(when, "small")]
    if item.photo and (picture := look.photo(item.photo)):
        top += [picture, look.gap(2)]
    if item.quote:
        top.append(look.rich(f"“{markup(item.quote)}” — {markup(item.quote_by)}", "quote"))
    # The title stays with its photo and quote (at most a third of a page); the story may flow on.
    parts: list[Flowable] = [CondPageBreak(30 * mm), look.keep_together(*top)]
    if item.story:
        parts.append(look.para(item.story))
    return parts
