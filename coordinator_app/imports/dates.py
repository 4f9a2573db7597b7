"""Dates in imported files: read as people in the UK write them, and kept to years that can be right.

Every importer (member lists, bank statements as CSV or OFX) reads its dates here, so a joined date of
01/01/0001 or a bank date of 31/12/9999, a slip or a placeholder, is refused the same way everywhere.
"""

from __future__ import annotations

import re
from datetime import date

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s/-]+([^\W\d_]+)\.?,?[\s/-]+(\d{4}|\d{2})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


class DateOutOfRange(ValueError):
    """A real date in a year no group's records can have; ``str()`` ends the sentence ("is in the year 1, ...")."""


def _month(word: str) -> int:
    word = word.casefold()
    for number, name in enumerate(MONTHS, start=1):
        if len(word) >= 3 and (name.startswith(word) or (word == "sept" and number == 9)):
            return number
    raise ValueError(word)


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= today.year else year - 100


def _read(text: str, today: date) -> date:
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return date(year, month, day)
    if match := _NUMERIC.fullmatch(text):
        day, month, year = match.groups()
        return date(_year(year, today), int(month), int(day))
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        return date(_year(year, today), _month(month), int(day))
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match.groups()
        return date(int(year), _month(month), int(day))
    raise ValueError(text)


def in_range(day: date) -> date:
    """``day``, or :class:`DateOutOfRange` when its year is before 1900 or after 2100."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DateOutOfRange(f"is in the year {day.year}, which cannot be right (dates run from {EARLIEST_YEAR} to "
                             f"{LATEST_YEAR}).")
    return day


def parse_date(text: str, *, today: date) -> date:
    """A date as people type it in the UK; ``ValueError`` when it is not one, :class:`DateOutOfRange` when its
    year cannot be right."""
    return in_range(_read(text.strip(), today))
