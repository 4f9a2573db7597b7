"""The one place money is read from text and written as text. Amounts are integer pence throughout.

Bank statements and people write money in many ways: ``£1,234.56``, ``-12.50``, ``(12.00)`` for a
payment, ``12.00 DR`` / ``12.00 CR``, ``£-5`` or ``-£5``. Everything becomes a signed number of pence;
anything else is refused rather than guessed at.
"""

from __future__ import annotations

import re

from coordinator_app.services.errors import ValidationError
from coordinator_app.services.validate import shorten

_NUMBER = re.compile(r"^(?P<units>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<pence>\d{0,2}))?$")
# As Excel writes money in most of Europe: 1.234,50 or 1 234,50, and -1,500 for minus one and a half.
_DECIMAL_COMMA = re.compile(r"^(?P<units>\d{1,3}(?:[. \u202f]\d{3})+|\d+)?(?:,(?P<pence>\d{0,2})0*)?$")
MAX_PENCE = 10**13  # a hundred billion pounds: anything larger is a typing slip
_MAX_DIGITS = 24  # "99,999,999,999.99" with room for spaces: anything longer is not money


def parse_pence(text: str, *, field: str = "amount", label: str = "The amount", decimal_comma: bool = False) -> int:
    """Read money written as a person or a bank writes it; a payment comes back negative.

    ``decimal_comma`` reads a file saved where the comma marks the pence (1.234,50), never as thousands.
    """
    cleaned = (text or "").strip().replace("\u00a0", " ").replace("\u2212", "-")
    if not cleaned:
        raise ValidationError(field, f"{label} is empty; please enter an amount such as 12.50.")
    negative = False
    upper = cleaned.upper()
    if upper.endswith(("CR", "DR")):
        negative = upper.endswith("DR")
        cleaned = cleaned[:-2].strip()
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative = not negative
        cleaned = cleaned[1:-1].strip()
    signs = 0
    for _ in range(3):  # sign and pound sign in either order: -£5, £-5, +£5
        if cleaned[:1] in ("-", "+"):
            negative ^= cleaned[0] == "-"
            signs += 1
            cleaned = cleaned[1:].strip()
        elif cleaned[:1] == "£":
            cleaned = cleaned[1:].strip()
        elif cleaned[:3].upper() == "GBP":
            cleaned = cleaned[3:].strip()
    if cleaned.endswith("-") and not signs:  # some banks write 12.50-
        negative = not negative
        cleaned = cleaned[:-1].strip()
        signs += 1
    if len(cleaned) > _MAX_DIGITS:  # also keeps a 5,000-digit number from reaching int()
        raise ValidationError(field, f"{label} “{shorten(text.strip())}” is far too large to be right.")
    match = (_DECIMAL_COMMA if decimal_comma else _NUMBER).match(cleaned)
    if signs > 1 or not cleaned or match is None or (match["units"] is None and not match["pence"]):
        raise ValidationError(field, f"{label} “{shorten(text.strip())}” is not an amount of money such as 12.50.")
    pounds = int(re.sub(r"\D", "", match["units"] or "0"))
    pence = int((match["pence"] or "").ljust(2, "0"))
    total = pounds * 100 + pence
    if total >= MAX_PENCE:
        raise ValidationError(field, f"{label} “{shorten(text.strip())}” is far too large to be right.")
    return -total if negative else total


def format_pence(pence: int, *, symbol: bool = True, brackets: bool = False, blank_zero: bool = False) -> str:
    """``£1,234.56``; a negative amount as ``-£12.00``, or ``(£12.00)`` as accounts print it."""
    if blank_zero and pence == 0:
        return "–"
    pounds, rest = divmod(abs(int(pence)), 100)
    text = f"{'£' if symbol else ''}{pounds:,}.{rest:02d}"
    if pence < 0:
        return f"({text})" if brackets else f"-{text}"
    return text


def format_plain(pence: int) -> str:
    """``-1234.56``: for files that another program reads back as a number."""
    pounds, rest = divmod(abs(int(pence)), 100)
    return f"{'-' if pence < 0 else ''}{pounds}.{rest:02d}"
