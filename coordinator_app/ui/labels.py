"""Plain words for the values the services store, translated for the window.

The words themselves live in ``services/labels.py`` so the window and the printed documents say the same.
"""

from __future__ import annotations

from enum import Enum

from coordinator_app.services.labels import WORDS

from .i18n import tr

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def word(value: str | Enum | None) -> str:
    """The plain word for a stored value (unknown values are shown tidied up rather than hidden)."""
    if value is None:
        return ""
    key = value.value if isinstance(value, Enum) else str(value)
    return tr(WORDS.get(key, key.replace("_", " ").capitalize()))


def choices(enum_cls: type[Enum]) -> list[tuple[str, Enum]]:
    """(plain word, value) pairs for a combo box."""
    return [(word(member), member) for member in enum_cls]
