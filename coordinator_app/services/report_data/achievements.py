"""The achievement summary: a period's achievements by kind, for a newsletter, an AGM or a funder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import AchievementKind

from ..errors import ValidationError
from ..labels import stored_word
from ..privacy import Document, Privacy
from ..uow import unit_of_work
from .common import Letterhead, Story, _letterhead, _stories


@dataclass(frozen=True)
class KindSection:
    label: str
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class AchievementSummaryData:
    letterhead: Letterhead
    starts_on: date
    ends_on: date
    so_far: bool  # the period runs past the day it was printed
    sections: tuple[KindSection, ...]

    @property
    def total(self) -> int:
        return sum(len(section.stories) for section in self.sections)


def achievement_summary_data(group: GroupFile, *, starts_on: date, ends_on: date,
                             today: date | None = None) -> AchievementSummaryData:
    """The achievements from ``starts_on`` to ``ends_on`` that may be printed, grouped by kind in a fixed order."""
    today = today or date.today()
    if starts_on > ends_on:
        raise ValidationError("starts_on", f"The summary starts on {starts_on:%d/%m/%Y}, after the day it ends "
                              f"({ends_on:%d/%m/%Y}); give the earlier date first.")
    if starts_on > today:
        raise ValidationError("starts_on", f"The summary would start on {starts_on:%d/%m/%Y}, which has not "
                              "come yet.")
    with unit_of_work(group, write=False) as session:
        letterhead = _letterhead(session)
        stories = _stories(session, Privacy(session, today, Document.ACHIEVEMENTS), starts_on, min(ends_on, today))
    by_label = {label: tuple(s for s in stories if s.kind_label == label)
                for label in (stored_word(kind) for kind in AchievementKind)}
    return AchievementSummaryData(
        letterhead=letterhead, starts_on=starts_on, ends_on=ends_on, so_far=ends_on > today,
        sections=tuple(KindSection(label, items) for label, items in by_label.items() if items),
    )
