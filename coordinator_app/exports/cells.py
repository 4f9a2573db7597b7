"""Making exported text safe to open in a spreadsheet.

A payee typed as ``=HYPERLINK("http://evil","Click")`` or ``+44 7700 900123`` must arrive in Excel as the
text it is, never as a formula (CSV injection). In CSV a leading apostrophe marks such a cell as text; in
XLSX the cell is stored as a string, which a spreadsheet never evaluates.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """Text for a CSV cell: an apostrophe in front of anything a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def sheet_title(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (31 characters, none of ``[]:*?/\\``), unique in the workbook."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in name).strip().strip("'")[:31] or "Sheet"
    title, number = clean, 2
    while title.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        title, number = clean[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title)
    return title
