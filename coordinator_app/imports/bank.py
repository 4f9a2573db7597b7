"""Bank statements as UK banks export them, read into statement lines and added to an account.

Columns are found by their headers: a date; a description (details, narrative, payee, memo, name...);
the money as one signed amount, or as paid in / paid out, or credit / debit; optionally a balance.
Dates may be 03/04/2026 (day first), 2026-04-03 or 03 Apr 2026; amounts may carry £, thousands commas,
brackets or CR/DR. When the columns cannot be recognised, :class:`ColumnsNotFound` lists the headers so
the treasurer can say which is which once; that choice is remembered for the account. Problems name the
row and column as the spreadsheet shows them, and nothing is imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.money import statement_import
from coordinator_app.services.money.amounts import parse_pence
from coordinator_app.services.money.statement_import import ImportResult, StatementLine
from coordinator_app.services.validate import say_list, shorten

from .csv_text import ImportProblem, Row, Table, normalise_header, read_bytes, read_table
from .dates import DateOutOfRange, parse_date
from .ofx import is_ofx, parse_ofx

# Our column -> the headers (as normalise_header leaves them) that mean it, best first.
HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "transaction date", "posting date", "posted date", "date posted", "value date",
             "completed date", "booking date", "txn date"),
    "description": ("description", "transaction description", "details", "transaction details", "narrative",
                    "payee", "memo", "name", "counter party", "counterparty", "merchant", "particulars",
                    "transaction narrative"),
    "amount": ("amount", "value", "amount gbp", "transaction amount", "amount £", "net amount"),
    "paid_in": ("paid in", "money in", "credit", "credit amount", "credits", "in", "amount in", "receipts",
                "paid in £", "money in £"),
    "paid_out": ("paid out", "money out", "debit", "debit amount", "debits", "out", "amount out", "payments",
                 "withdrawals", "paid out £", "money out £"),
    "balance": ("balance", "running balance", "balance gbp", "balance £", "account balance"),
    "reference": ("reference", "ref", "notes", "notes and tags"),
}
ROLES = tuple(HEADERS)
ROLE_NAMES = {
    "date": "date", "description": "description", "amount": "amount", "paid_in": "paid in",
    "paid_out": "paid out", "balance": "balance", "reference": "reference",
}


class ColumnsNotFound(ImportProblem):
    """The file's columns could not be recognised; ``headers`` are what it has, for choosing by hand."""

    def __init__(self, message: str, headers: Sequence[str]) -> None:
        super().__init__(message)
        self.headers = tuple(headers)


@dataclass(frozen=True)
class ParsedStatement:
    lines: tuple[StatementLine, ...]
    columns: dict[str, str]  # our column -> the file's header
    encoding: str


def find_columns(header: Sequence[str]) -> dict[str, int] | None:
    """Where each of our columns is, or ``None`` when a date, a description and the money are not all there."""
    normal = [normalise_header(cell) for cell in header]
    found: dict[str, int] = {}
    for role, names in HEADERS.items():
        for name in names:
            if name in normal and normal.index(name) not in found.values():
                found[role] = normal.index(name)
                break
    money = "amount" in found or {"paid_in", "paid_out"} <= found.keys()
    if "date" in found and "description" in found and money:
        return found
    return None


def _mapped_columns(header: Sequence[str], mapping: Mapping[str, str]) -> dict[str, int] | None:
    normal = [normalise_header(cell) for cell in header]
    found = {}
    for role, wanted in mapping.items():
        if role not in HEADERS or not wanted:
            continue
        if normalise_header(wanted) not in normal:
            return None
        found[role] = normal.index(normalise_header(wanted))
    return found


def check_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """A column mapping chosen by hand needs a date, a description and the money."""
    clean = {role: str(header) for role, header in mapping.items() if header}
    unknown = set(clean) - set(HEADERS)
    if unknown:
        raise ValidationError("mapping", f"Unknown kind of column: {', '.join(sorted(unknown))}.")
    for role in ("date", "description"):
        if role not in clean:
            raise ValidationError(role, f"Please choose which column holds the {ROLE_NAMES[role]}.")
    if "amount" not in clean and not {"paid_in", "paid_out"} <= clean.keys():
        raise ValidationError("amount", "Please choose the amount column, or both the paid in and paid out columns.")
    return clean


def _likely_header(cells: Sequence[str]) -> bool:
    """A row that looks like headers: several cells, none a date or an amount."""
    filled = [cell for cell in cells if cell]
    if len(filled) < 2:
        return False
    for cell in filled:
        try:
            parse_date(cell, today=date(2000, 1, 1))
            return False
        except ValueError:
            pass
        try:
            parse_pence(cell)
            return False
        except ValidationError:
            pass
    return True


def _headers_for_choosing(data: bytes) -> tuple[str, ...]:
    try:
        return read_table(data, is_header=_likely_header).header
    except ImportProblem:
        return ()


MONEY_ROLES = ("amount", "paid_in", "paid_out", "balance")
_COMMA_PENCE = re.compile(r"\d,\d{1,2}(?!\d)|\d\.\d{3},\d")  # 1,50 or 1.234,56
_POINT_PENCE = re.compile(r"\d\.\d{1,2}(?!\d)|\d,\d{3}\.\d")  # 1.50 or 1,234.56
_AMBIGUOUS = re.compile(r"^\D*\d{1,3}[,.]\d{3}(?!\d)")  # 1,500: thousands here, one and a half in Europe


def _decimal_comma(table: Table, columns: dict[str, int]) -> bool:
    """Whether the file's amounts put the pence after a comma (Excel in most of Europe, which separates
    with semicolons or tabs): decided once for the whole file from what its amounts show, never per cell."""
    if table.delimiter == ",":
        return False  # a comma inside an amount would split the cell: commas here are thousands
    cells = [text for row in table.rows for role in MONEY_ROLES if role in columns
             and (text := row.cell(columns[role]))]
    comma = next((text for text in cells if _COMMA_PENCE.search(text)), None)
    point = next((text for text in cells if _POINT_PENCE.search(text)), None)
    if comma is not None and point is not None:
        raise ImportProblem(f'The file writes amounts both as "{shorten(point)}" and as "{shorten(comma)}", so '
                            "which mark is the pence cannot be told; nothing was imported.")
    if comma is not None or point is not None:
        return comma is not None
    if table.delimiter == ";":
        return True  # semicolons are what Excel writes where the comma marks the pence
    unsure = next((text for text in cells if _AMBIGUOUS.search(text)), None)
    if unsure is not None:
        raise ImportProblem(f'The file\'s amounts do not show whether "{shorten(unsure)}" has pence after the mark '
                            "or is in thousands; save it again as CSV with pence written (such as 12.50).")
    return False


def _line(row: Row, header: Sequence[str], columns: dict[str, int], today: date, *, decimal_comma: bool
          ) -> StatementLine | None:
    def cell(role: str) -> str:
        return row.cell(columns[role]) if role in columns else ""

    def problem(role: str, detail: str) -> ImportProblem:
        return ImportProblem(f'row {row.number}, column "{shorten(header[columns[role]])}": {detail} '
                             "Nothing was imported.")

    def money(role: str) -> int | None:
        text = cell(role)
        if not text:
            return None
        try:
            return parse_pence(text, decimal_comma=decimal_comma)
        except ValidationError:
            raise problem(role, f'"{shorten(text)}" is not an amount of money (such as 12.50).') from None

    when = cell("date")
    if not when and not any(cell(r) for r in ("amount", "paid_in", "paid_out")):
        return None  # a blank or footer line
    try:
        on = parse_date(when, today=today)
    except DateOutOfRange as exc:
        raise problem("date", f'"{when}" {exc}') from None
    except ValueError:
        raise problem("date", f'"{shorten(when)}" is not a date (use DD/MM/YYYY).') from None
    if "amount" in columns:
        amount = money("amount")
        if amount is None:
            raise problem("amount", "there is no amount.")
    else:
        paid_in, paid_out = money("paid_in"), money("paid_out")
        if paid_in is None and paid_out is None:
            raise problem("paid_in", f'there is no amount in "{shorten(header[columns["paid_in"]])}" or '
                                     f'"{shorten(header[columns["paid_out"]])}".')
        amount = abs(paid_in or 0) - abs(paid_out or 0)
    description = " ".join(cell("description").split()).removeprefix("'")  # NatWest marks text with '
    return StatementLine(row=row.number, on=on, amount_pence=amount, description=description,
                         balance_pence=money("balance"), reference=" ".join(cell("reference").split()))


def parse_statement(data: bytes, *, mapping: Mapping[str, str] | None = None, today: date | None = None
                    ) -> ParsedStatement:
    """The statement's lines; :class:`ColumnsNotFound` when its columns are not recognised."""
    today = today or date.today()
    if mapping:
        chosen = check_mapping(mapping)

        def is_header(cells: Sequence[str]) -> bool:
            return _mapped_columns(cells, chosen) is not None
    else:
        def is_header(cells: Sequence[str]) -> bool:
            return find_columns(cells) is not None
    try:
        table = read_table(data, is_header=is_header, what="the statement's columns")
    except ImportProblem as exc:
        headers = _headers_for_choosing(data)
        if not headers:
            raise
        listed = say_list([f'"{shorten(h)}"' for h in headers if h])
        raise ColumnsNotFound(
            "Could not tell which columns hold the date, the description and the amount; the headers found "
            f"were: {listed}.", headers) from exc
    columns = _mapped_columns(table.header, chosen) if mapping else find_columns(table.header)
    assert columns is not None
    comma = _decimal_comma(table, columns)
    lines = tuple(line for row in table.rows
                  if (line := _line(row, table.header, columns, today, decimal_comma=comma)) is not None)
    if not lines:
        raise ImportProblem("The statement has headers but no transactions below them.")
    named = {role: table.header[index] for role, index in columns.items()}
    return ParsedStatement(lines=lines, columns=named, encoding=table.encoding)


def import_statement(group: GroupFile, *, account_id: int, path: Path, mapping: Mapping[str, str] | None = None,
                     today: date | None = None) -> ImportResult:
    """Import a statement file into an account: every new line, or none. A mapping chosen by hand is
    remembered for the account and used next time."""
    data = read_bytes(path)
    if is_ofx(data):
        lines = parse_ofx(data)
        return statement_import.import_lines(group, account_id=account_id, lines=lines)
    remembered = statement_import.remembered_mapping(group, account_id=account_id)
    chosen = mapping or remembered
    try:
        parsed = parse_statement(data, mapping=chosen, today=today)
    except ColumnsNotFound:
        if mapping or not remembered:
            raise
        parsed = parse_statement(data, today=today)  # a different layout from last time: try by headers
    result = statement_import.import_lines(group, account_id=account_id, lines=parsed.lines)
    if mapping:
        statement_import.remember_mapping(group, account_id=account_id, mapping=check_mapping(mapping))
    return result
