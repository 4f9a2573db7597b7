"""Small pieces of plain English the documents share: dates, counts and lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def day(on: date | None) -> str:
    """``5 March 2026`` (``%-d`` does not work on Windows)."""
    return "" if on is None else f"{on.day} {on:%B %Y}"


def short_day(on: date | None) -> str:
    """``5 Mar 2026``, for narrow table columns."""
    return "" if on is None else f"{on.day} {on:%b %Y}"


def weekday(on: date) -> str:
    """``Tuesday 5 March 2026``."""
    return f"{on:%A} {day(on)}"


def period(starts_on: date, ends_on: date) -> str:
    return f"{day(starts_on)} to {day(ends_on)}"


def count(number: int, one: str, many: str | None = None) -> str:
    """``1 meeting``, ``3 meetings``, ``no meetings``."""
    word = one if number == 1 else (many or one + "s")
    return f"{'no' if number == 0 else f'{number:,}'} {word}"


def listing(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
