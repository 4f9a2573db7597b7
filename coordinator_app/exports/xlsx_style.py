"""The look shared by the XLSX exports: real numbers with a £ format, real dates, a bold frozen header."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
BOLD = Font(bold=True)


def pounds(pence: int | None) -> Decimal | None:
    """Pence as an exact number of pounds for a spreadsheet cell (``None`` leaves the cell empty)."""
    return None if pence is None else Decimal(pence) / 100


def header(sheet: Worksheet, names: Sequence[str], *, row: int = 1, freeze: bool = True) -> None:
    for column, name in enumerate(names, start=1):
        cell = sheet.cell(row=row, column=column, value=name)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    if freeze:
        sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def put(sheet: Worksheet, row: int, column: int, value: object, *, money: bool = False, bold: bool = False) -> None:
    """One cell: text stays text (never a formula), dates are dates, money is a number in pounds."""
    cell = sheet.cell(row=row, column=column)
    if money:
        cell.value = pounds(value)  # type: ignore[arg-type]
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        if not value:
            return  # an empty cell, not an empty string
        cell.value = value
        cell.data_type = "s"  # "=HYPERLINK(...)" typed as a payee is text, not a formula
    else:
        cell.value = value  # type: ignore[assignment]
    if bold:
        cell.font = BOLD


def widths(sheet: Worksheet, sizes: Sequence[int]) -> None:
    for column, size in enumerate(sizes, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
