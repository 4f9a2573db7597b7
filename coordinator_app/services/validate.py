"""Small checks shared by the services; each raises ValidationError naming the field."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from .errors import ValidationError


def required_text(field: str, value: str | None, label: str, *, max_length: int = 200) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(field, f"Please enter {label}.")
    if len(cleaned) > max_length:
        raise ValidationError(field, f"{label[0].upper() + label[1:]} is too long (at most {max_length} characters).")
    return cleaned


def optional_text(field: str, value: str | None, label: str, *, max_length: int = 10_000) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise ValidationError(field, f"{label[0].upper() + label[1:]} is too long (at most {max_length} characters).")
    return cleaned


def not_before(field: str, value: date | None, earliest: date | None, message: str) -> None:
    if value is not None and earliest is not None and value < earliest:
        raise ValidationError(field, message)


def non_negative(field: str, value: int | None, label: str) -> int:
    if value is None:
        return 0
    if value < 0:
        raise ValidationError(field, f"{label[0].upper() + label[1:]} cannot be less than zero.")
    return int(value)


def required_date(field: str, value: date | None, label: str) -> date:
    if not isinstance(value, date):
        raise ValidationError(field, f"Please enter {label}.")
    return value


def say_date(day: date) -> str:
    """A date as people write it in messages, "5 March 2026" (``%-d`` does not work on Windows)."""
    return f"{day.day} {day:%B %Y}"


def say_list(items: Sequence[str], *, limit: int = 5) -> str:
    """``"Ann, Bob, Cat and 19,995 more"``: a message names a few things, never a whole file's worth."""
    if len(items) <= limit:
        return ", ".join(items)
    return f"{', '.join(items[:limit])} and {len(items) - limit:,} more"


def shorten(text: str, limit: int = 40) -> str:
    """Text quoted in a message: on one line, cut to ``limit`` characters with "…", so a 50 KB cell or one
    running over several lines still makes one short sentence."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Letters NFKD does not split into a base letter and an accent (after casefold, so lower case only).
_UNSPLIT = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
})


def fold(text: str) -> str:
    """Text for searching, sorting and recognising names: case and accents ignored, so "zoe" finds "Zoë",
    "lukasz" "Łukasz"; the one folding used by search, sorting and the privacy matcher."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNSPLIT))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
