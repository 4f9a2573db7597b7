"""Repeating meeting dates ("second Tuesday of the month", "last Friday", weekly, fortnightly).

Pure date arithmetic, no database: weekdays are numbered as ``date.weekday()`` (Monday = 0), and ``nth``
is 1 to 4 for "first" to "fourth", or -1 for "last", for the monthly rule only.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from coordinator_app.db.models import ScheduleRule

from .errors import ValidationError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", -1: "Last"}


def check_rule(rule: ScheduleRule, weekday: int, nth: int | None) -> tuple[ScheduleRule, int, int | None]:
    """The rule, weekday and nth cleaned up; nth is dropped for weekly rules, where it means nothing."""
    try:
        rule = ScheduleRule(rule)
    except ValueError as exc:
        raise ValidationError("rule", "Please choose how often the meetings repeat.") from exc
    if not isinstance(weekday, int) or not 0 <= weekday <= 6:
        raise ValidationError("weekday", "Please choose the day of the week the group meets.")
    if rule is not ScheduleRule.MONTHLY_NTH_WEEKDAY:
        return rule, weekday, None
    if nth not in ORDINALS:
        raise ValidationError("nth", "Please choose which week of the month: first, second, third, fourth or last.")
    return rule, weekday, nth


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (or, for -1, the last) given weekday of a month; months always have four of each."""
    if nth == -1:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    return _first_on_or_after(date(year, month, 1), weekday) + timedelta(weeks=nth - 1)


def occurrences(rule: ScheduleRule, weekday: int, nth: int | None, starts_on: date, until: date) -> list[date]:
    """Every meeting date from ``starts_on`` up to and including ``until``, in order."""
    rule, weekday, nth = check_rule(rule, weekday, nth)
    if rule is ScheduleRule.MONTHLY_NTH_WEEKDAY:
        assert nth is not None  # check_rule guarantees it
        found = []
        year, month = starts_on.year, starts_on.month
        while date(year, month, 1) <= until:
            day = nth_weekday(year, month, weekday, nth)
            if starts_on <= day <= until:
                found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found
    step = timedelta(weeks=1 if rule is ScheduleRule.WEEKLY else 2)
    found = []
    day = _first_on_or_after(starts_on, weekday)
    while day <= until:
        found.append(day)
        day += step
    return found


def describe(rule: ScheduleRule, weekday: int, nth: int | None) -> str:
    """The rule in plain words, e.g. "Second Tuesday of the month" or "Every other Friday"."""
    rule, weekday, nth = check_rule(rule, weekday, nth)
    day = WEEKDAYS[weekday]
    if rule is ScheduleRule.WEEKLY:
        return f"Every {day}"
    if rule is ScheduleRule.FORTNIGHTLY:
        return f"Every other {day}"
    return f"{ORDINALS[nth]} {day} of the month"  # type: ignore[index]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's end (31 January + 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
