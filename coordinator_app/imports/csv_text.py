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

from coordinator_app.services.validate import say_list, shorten

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


_ESCAPED = re.compile("[\udc80-\udcff]")
MIXED = "mixed"  # the encoding of a UTF-8 file with rows in another encoding (undecodable bytes escaped)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-16 or UTF-8 (with or without BOM), else Windows-1252.

    A file that is UTF-8 in some rows and not in others comes back as :data:`MIXED`, its other bytes kept as
    escapes, so :func:`read_table` can name the first such row rather than misread the whole file.
    """
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
    if any(_utf8_line(line) for line in data.split(b"\n")):
        return data.decode("utf-8-sig", errors="surrogateescape"), MIXED
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined: read them as Latin-1 rather than refuse the file.
        return data.decode("latin-1"), "latin-1"


def _utf8_line(line: bytes) -> bool:
    """A line that only UTF-8 explains: letters beyond ASCII that read as UTF-8. Windows-1252 text almost never
    reads so ("ZoÃ« Adams"), so such a line beside lines UTF-8 cannot read means rows in two encodings."""
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _records(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _all_records(text: str, delimiter: str) -> list[list[str]]:
    """Every record; a quote still open at the end of the file is refused naming the row where it opened.

    Python's reader would otherwise put every row after such a quote into one cell, silently.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ImportProblem(f'Row {len(records) + 1} opens a quote (") that is never closed, so the rows below '
                                "it cannot be told apart; close the quote and try again.") from None
        return _records(text, delimiter)  # a stray quote inside a row: read as spreadsheets do
    return records


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


# Characters nobody can see or type into a cell. Control characters (a DOS end-of-file Ctrl+Z, a NUL, a bell)
# become a space, so words they stood between stay apart; zero-width and direction marks go. Tab and line breaks
# stay; ZWJ and ZWNJ join letters in some scripts, so they are kept inside a word and dropped only at the ends.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ZERO_WIDTH = re.compile("[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                         "\ufff9-\ufffb]")
_EDGES = re.compile("^[\\s\u200c\u200d]+|[\\s\u200c\u200d]+$")


def visible_text(text: str) -> str:
    """Text without the characters nobody can see, outer spaces trimmed; a cell that held only those (a
    zero-width space, a Ctrl+Z at the end of a DOS file) becomes empty."""
    return _EDGES.sub("", _CONTROL.sub(" ", _ZERO_WIDTH.sub("", text)))


def clean_cell(text: str) -> str:
    """A cell's visible text, composed the usual way (NFC), so "Zoë" is one "ë"."""
    return unicodedata.normalize("NFC", visible_text(text))


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
        records = _all_records(text, delimiter)
    except csv.Error as exc:
        raise ImportProblem(f"The file could not be read as CSV ({exc}).") from exc
    if encoding == MIXED:
        number = next(n for n, cells in enumerate(records, start=1) if _ESCAPED.search("".join(cells)))
        raise ImportProblem(f"Row {number} is written in a different text encoding from the rest of the file (UTF-8); "
                            'save the whole file again as "CSV UTF-8" and try again.')
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
    found = say_list([f'"{shorten(cell)}"' for cell in first if cell]) or "none"
    raise ImportProblem(f"Could not find {what}; the headers found were: {found}.")


def _trim(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the empty cells Excel leaves after the last column."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]
