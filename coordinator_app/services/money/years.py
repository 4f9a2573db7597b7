"""Financial years: a group's year starts on the first of its chosen month (April for most UK groups).

``year`` always means the calendar year the financial year *starts* in, so with an April start
``2025`` runs from 1 April 2025 to 31 March 2026, and is labelled "2025/26".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.group import get_profile

from .transactions import first_and_last_day


@dataclass(frozen=True)
class FinancialYear:
    year: int
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.start.month == 1:
            return str(self.year)
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def ended_label(self) -> str:
        return f"year ended {self.end.day} {self.end:%B %Y}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> FinancialYear:
        return year_bounds(self.start.month, self.year - 1)


def year_bounds(start_month: int, year: int) -> FinancialYear:
    start = date(year, start_month, 1)
    following = date(year + 1, start_month, 1)
    return FinancialYear(year=year, start=start, end=following - timedelta(days=1))


def year_containing(day: date, start_month: int) -> FinancialYear:
    year = day.year if day.month >= start_month else day.year - 1
    return year_bounds(start_month, year)


def financial_year(group: GroupFile, year: int) -> FinancialYear:
    return year_bounds(get_profile(group).financial_year_start_month, year)


def current_financial_year(group: GroupFile, *, today: date | None = None) -> FinancialYear:
    return year_containing(today or date.today(), get_profile(group).financial_year_start_month)


@dataclass(frozen=True)
class DateSpan:
    """Any stretch of days the treasurer asks for: a financial year, two dates, or every line there is."""

    start: date
    end: date
    label: str


def chosen_span(group: GroupFile, *, year: int | None = None, start: date | None = None, end: date | None = None,
                today: date | None = None) -> DateSpan:
    """A financial year (``year``), the days from ``start`` to ``end`` (either may be left open), or, with
    none of them, every line in the books."""
    if year is not None:
        bounds = financial_year(group, year)
        return DateSpan(bounds.start, bounds.end,
                        f"{bounds.label} ({bounds.start:%d/%m/%Y} to {bounds.end:%d/%m/%Y})")
    first, last = first_and_last_day(group)
    today = today or date.today()
    start, end = start or first or today, end or max(last or today, today)
    if end < start:
        raise ValidationError("end", f"The last day ({end:%d/%m/%Y}) is before the first ({start:%d/%m/%Y}).")
    return DateSpan(start, end, f"{start:%d/%m/%Y} to {end:%d/%m/%Y}")
