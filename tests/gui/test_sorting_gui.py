"""Clicking a column heading sorts the rows by the value the column shows (a date, money, a count), not by
its text: "5 Jan 2027" comes after "30 Nov 2026", and £1,000.00 after £99.00."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView

from coordinator_app.db.groupfile import opened
from coordinator_app.services import members
from coordinator_app.services.money import books, transactions
from coordinator_app.ui.money.columns import REGISTER_COLUMNS
from coordinator_app.ui.tables import ROW_ROLE, SORT_ROLE, Column

pytestmark = pytest.mark.gui

# Out of date order, with amounts whose text sorts differently from their value.
LINES = (
    (date(2026, 1, 5), -99_00, "Village hall"),
    (date(2025, 11, 30), 1_000_00, "Lottery grant"),
    (date(2025, 12, 2), 9_50, "Raffle"),
    (date(2026, 1, 12), -10_00, "Tea and biscuits"),
    (date(2025, 9, 1), -1_234_56, "Printing"),
)


def click_heading(qtbot, table: QTableView, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def shown_rows(table: QTableView) -> list:
    model = table.model()
    return [model.index(row, 0).data(ROW_ROLE) for row in range(model.rowCount())]


def check_every_heading(qtbot, table: QTableView, columns: tuple[Column, ...] | list[Column]) -> int:
    """Click each heading: the rows are in the column's value order, then in reverse; blanks stay last."""
    proxy = table.model()
    header = table.horizontalHeader()
    checked = 0
    for number, column in enumerate(columns):
        def shown(number: int = number) -> list:
            return [proxy.index(row, number).data(SORT_ROLE) for row in range(proxy.rowCount())]

        values = shown()
        if len({repr(v) for v in values}) < 2:
            continue  # every row has the same value here: nothing to see
        present = [v for v in values if v is not None]
        blanks = [None] * (len(values) - len(present))
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (number, order):
                click_heading(qtbot, table, number)
            assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (number, order)
            expected = sorted(present, reverse=order == Qt.SortOrder.DescendingOrder) + blanks
            assert shown() == expected, f"{column.heading}, {order.name}"
        checked += 1
    return checked


def test_every_register_heading_sorts_by_value(qtbot, make_window, group_path: Path) -> None:
    with opened(group_path) as group:
        bank = books.add_account(group, name="Community account", opened_on=date(2025, 4, 1),
                                 opening_balance_pence=5_000_00)
        for on, pence, payee in LINES:
            record = transactions.record_receipt if pence > 0 else transactions.record_payment
            record(group, account_id=bank, on=on, amount_pence=abs(pence), payee=payee)
    window = make_window(group_path, page="money")
    register = window.desktop.current_page().register
    table = register.table
    assert len(shown_rows(table)) == len(LINES)

    click_heading(qtbot, table, 0)
    assert [r.transaction.on for r in shown_rows(table)] == sorted(on for on, _p, _w in LINES)
    click_heading(qtbot, table, 6)  # Balance
    balances = [r.balance_pence for r in shown_rows(table)]
    assert balances == sorted(balances) and balances[0] < balances[-1]
    click_heading(qtbot, table, 5)  # Money out: £10.00, £99.00, £1,234.56, then the lines with no money out
    assert [r.transaction.amount_pence for r in shown_rows(table)][:3] == [-10_00, -99_00, -1_234_56]

    assert check_every_heading(qtbot, table, REGISTER_COLUMNS) == 5  # date, who, in, out, balance


def test_every_members_heading_sorts_by_value(qtbot, make_window, group_path: Path) -> None:
    with opened(group_path) as group:
        for name, joined in (("Zoë Adams", date(2025, 11, 30)), ("adam Brown", date(2026, 1, 5)),
                             ("Łukasz Nowak", date(2024, 2, 1)), ("Ann Ó Briain", date(2025, 12, 2))):
            members.add_member(group, name=name, joined_on=joined)
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    click_heading(qtbot, page.table, 2)  # Joined
    if page.table.horizontalHeader().sortIndicatorOrder() != Qt.SortOrder.AscendingOrder:
        click_heading(qtbot, page.table, 2)
    assert [m.joined_on for m in shown_rows(page.table)] == sorted(m.joined_on for m in shown_rows(page.table))
    assert check_every_heading(qtbot, page.table, page.model.columns) >= 2
