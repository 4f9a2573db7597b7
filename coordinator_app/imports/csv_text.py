"""Reading a CSV file the way people actually have them: shared by the member and bank importers.

Spreadsheets save CSV in several ways. Excel's plain "CSV" is Windows-1252, its "CSV UTF-8" starts with
a byte-order mark, "Unicode text" is UTF-16 with tabs, and European Excel separates with semicolons.
Bank statements often put a few banner lines (account name, period) above the header row. This module
turns any of those into a :class:`Table`: the header row and the data rows, each numbered as the
spreadsheet shows it (the first line of the file is row 1), so a problem can be pointed at exactly.

Use :func:`read_table` with a test that recognises your header row, e.g.::

    table = read_table(read_bytes(path), is_header=lambda cells: "date" in {normalise_header(c) for c in cells})
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

DELIMITERS = (",", ";", "\t", "|")
# How far down the file the header row may be (banner lines above it are skipped).
MAX_BANNER_ROWS = 20
MAX_FILE_BYTES = 50_000_000


class ImportProblem(Exception):
    """A file that cannot be imported as it is. ``str(problem)`` is one sentence for the user."""


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the file's first row is 1
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    header_row: int
    rows: tuple[Row, ...]  # data rows below the header; blank rows are left out
    encoding: str
    delimiter: str


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an :class:`ImportProblem` saying plainly why it cannot be read."""
    if not path.exists():
        raise ImportProblem(f"There is no file at {path}.")
    if path.is_dir():
        raise ImportProblem(f"{path} is a folder, not a CSV file.")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportProblem(f"{path.name} is too big to be a CSV file for importing (over 50 MB).")
        return path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-16 or UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportProblem("The file says it is Unicode text but parts of it are not readable.") from exc
    if b"\x00" in data:
        raise ImportProblem("This does not look like a CSV file (it holds binary data, not text).")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined: read them as Latin-1 rather than refuse the file.
        return data.decode("latin-1"), "latin-1"


def _records(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the opening rows into the most rows of the same, plural, width."""
    sample = "\n".join(text.splitlines()[: MAX_BANNER_ROWS * 2])
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(_trim(tuple(r))) for r in _records(sample, delimiter)]
        except csv.Error:
            continue
        plural = [width for width in widths if width > 1]
        if not plural:
            continue
        width, count = Counter(plural).most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def normalise_header(text: str) -> str:
    """A header as it is compared, ignoring case, punctuation and extra spaces.

    ``"  Date Joined: "``, ``"date_joined"`` and ``"DATE-JOINED"`` all become ``"date joined"``.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", folded).split())


def clean_cell(text: str) -> str:
    """A cell's text with outer spaces removed and composed the usual way (NFC), so "Zoë" is one "ë"."""
    return unicodedata.normalize("NFC", text.strip())


def read_table(
    data: bytes,
    *,
    is_header: Callable[[Sequence[str]], bool],
    what: str = "the header row",
) -> Table:
    """The header row (the first row ``is_header`` accepts, within the opening rows) and the rows below it.

    Raises :class:`ImportProblem` when the file is empty or no header row is found; ``what`` names the
    header row in that message, e.g. ``"a column of names"``.
    """
    text, encoding = decode(data)
    if not text.strip():
        raise ImportProblem("The file is empty.")
    delimiter = sniff_delimiter(text)
    try:
        records = _records(text, delimiter)
    except csv.Error as exc:
        raise ImportProblem(f"The file could not be read as CSV ({exc}).") from exc
    rows = [Row(number, tuple(clean_cell(c) for c in cells)) for number, cells in enumerate(records, start=1)]
    non_blank = [row for row in rows if any(row.cells)]
    if not non_blank:  # what a spreadsheet saves for a blank sheet: separators and nothing else
        raise ImportProblem("The file has no data in it: every cell is empty.")
    for row in non_blank[:MAX_BANNER_ROWS]:
        if is_header(row.cells):
            header = _trim(row.cells)
            below = tuple(r for r in non_blank if r.number > row.number)
            return Table(header, row.number, below, encoding, delimiter)
    first = _trim(non_blank[0].cells)
    found = ", ".join(f'"{cell}"' for cell in first if cell) or "none"
    raise ImportProblem(f"Could not find {what}; the headers found were: {found}.")


def _trim(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the empty cells Excel leaves after the last column."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]
