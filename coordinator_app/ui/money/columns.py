"""The Money page's tables: which columns each shows, and a table whose rows can be ticked.

Money is shown by ``services.money.amounts.format_pence`` (the same as the exports and the PDF), in
separate "Money in" and "Money out" columns, so no amount's meaning rests on a minus sign or a colour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt

from coordinator_app.services.money.amounts import format_pence

from ..i18n import tr
from ..tables import Column, Index, RowsModel, show_date


def counted(n: int, one: str, many: str, **more: object) -> str:
    """"1 line" or "2 lines": the sentence for ``n``, in plain words either way."""
    return tr(one if n == 1 else many).format(n=n, **more)


def money(pence: int | None) -> str:
    return "" if pence is None else format_pence(pence)


def money_in(pence: int) -> str:
    return format_pence(pence) if pence > 0 else ""


def money_out(pence: int) -> str:
    return format_pence(-pence) if pence < 0 else ""


def pence_in(pence: int) -> int | None:
    """What a "Money in" cell sorts by: the amount, or nothing (sorted last) for a payment."""
    return pence if pence > 0 else None


def pence_out(pence: int) -> int | None:
    return -pence if pence < 0 else None


def category_text(view: Any) -> str:
    """A transaction's category in words; a transfer and an uncategorised line say so."""
    if view.kind.value == "transfer":
        return tr("Transfer between accounts")
    return view.category_name or tr("⚠ Not yet categorised")


# The register: one account's lines, oldest first, each with the balance after it.
REG_DATE, REG_PAYEE, REG_CATEGORY, REG_FUND, REG_IN, REG_OUT, REG_BALANCE, REG_CLEARED = range(8)
REGISTER_COLUMNS = (
    Column("Date", lambda r: show_date(r.transaction.on), sort_key=lambda r: (r.transaction.on, r.transaction.id)),
    Column("Paid to or from", lambda r: r.transaction.payee or r.transaction.description),
    Column("Category", lambda r: category_text(r.transaction)),
    Column("Fund", lambda r: r.transaction.fund_name),
    Column("Money in", lambda r: money_in(r.transaction.amount_pence),
           sort_key=lambda r: pence_in(r.transaction.amount_pence),
           align_right=True),
    Column("Money out", lambda r: money_out(r.transaction.amount_pence),
           sort_key=lambda r: pence_out(r.transaction.amount_pence), align_right=True),
    Column("Balance", lambda r: format_pence(r.balance_pence), sort_key=lambda r: r.balance_pence, align_right=True),
    Column("On statement", lambda r: tr("Yes") if r.transaction.cleared else tr("Not yet")),
)

ACC_NAME, ACC_KIND, ACC_BALANCE, ACC_CLEARED = range(4)
ACCOUNT_COLUMNS = (
    Column("Account", lambda a: a.name),
    Column("Kind", lambda a: tr("Cash") if a.kind.value == "cash" else tr("Bank")),
    Column("Balance", lambda a: format_pence(a.balance_pence), sort_key=lambda a: a.balance_pence, align_right=True),
    Column("Agreed with the bank", lambda a: format_pence(a.cleared_balance_pence),
           sort_key=lambda a: a.cleared_balance_pence, align_right=True),
)

FUND_COLUMNS = (
    Column("Fund", lambda f: f.name),
    Column("Kind", lambda f: tr("Restricted") if f.restricted else tr("Unrestricted (general)")),
    Column("Balance", lambda f: format_pence(f.balance_pence), sort_key=lambda f: f.balance_pence, align_right=True),
    Column("What it is for", lambda f: f.purpose),
)

GRANT_COLUMNS = (
    Column("Funder", lambda g: g.funder),
    Column("Reference", lambda g: g.reference),
    Column("Awarded", lambda g: format_pence(g.amount_pence), sort_key=lambda g: g.amount_pence,
           align_right=True),
    Column("Received", lambda g: format_pence(g.received_pence), sort_key=lambda g: g.received_pence,
           align_right=True),
    Column("Spent", lambda g: format_pence(g.spent_pence), sort_key=lambda g: g.spent_pence, align_right=True),
    Column("Left in the fund", lambda g: format_pence(g.fund_balance_pence), sort_key=lambda g: g.fund_balance_pence,
           align_right=True),
    Column("Runs", lambda g: f"{show_date(g.starts_on)} – {show_date(g.ends_on)}", sort_key=lambda g: g.starts_on),
)


def _left(line: Any) -> str:
    if line.remaining_pence < 0:
        return tr("⚠ Over by {amount}").format(amount=format_pence(-line.remaining_pence))
    return format_pence(line.remaining_pence)


BUDGET_COLUMNS = (
    Column("Budget line", lambda b: b.name),
    Column("Budget", lambda b: format_pence(b.budget_pence), sort_key=lambda b: b.budget_pence, align_right=True),
    Column("Spent", lambda b: format_pence(b.spent_pence), sort_key=lambda b: b.spent_pence, align_right=True),
    Column("Left", _left, sort_key=lambda b: b.remaining_pence, align_right=True),
)

PREVIEW_COLUMNS = (
    Column("Row", lambda p: str(p.line.row), sort_key=lambda p: p.line.row),
    Column("Date", lambda p: show_date(p.line.on), sort_key=lambda p: p.line.on),
    Column("Description", lambda p: p.line.description),
    Column("Money in", lambda p: money_in(p.line.amount_pence), sort_key=lambda p: pence_in(p.line.amount_pence),
           align_right=True),
    Column("Money out", lambda p: money_out(p.line.amount_pence), sort_key=lambda p: pence_out(p.line.amount_pence),
           align_right=True),
    Column("Will it be added?", lambda p: tr("Already in the books") if p.already_there else tr("New")),
    Column("Category", lambda p: p.category_name or tr("Choose later")),
)

# Lines to tick against a bank statement; the first column holds the tick box.
TICK_CLEARED, TICK_DATE, TICK_PAYEE, TICK_IN, TICK_OUT = range(5)
TICK_COLUMNS = (
    Column("On the statement", lambda t: ""),
    Column("Date", lambda t: show_date(t.on), sort_key=lambda t: (t.on, t.id)),
    Column("Paid to or from", lambda t: t.payee or t.description),
    Column("Money in", lambda t: money_in(t.amount_pence), sort_key=lambda t: pence_in(t.amount_pence),
           align_right=True),
    Column("Money out", lambda t: money_out(t.amount_pence), sort_key=lambda t: pence_out(t.amount_pence),
           align_right=True),
)

UNCATEGORISED_COLUMNS = (
    Column("Date", lambda t: show_date(t.on), sort_key=lambda t: (t.on, t.id)),
    Column("Account", lambda t: t.account_name),
    Column("Paid to or from", lambda t: t.payee or t.description),
    Column("Money in", lambda t: money_in(t.amount_pence), sort_key=lambda t: pence_in(t.amount_pence),
           align_right=True),
    Column("Money out", lambda t: money_out(t.amount_pence), sort_key=lambda t: pence_out(t.amount_pence),
           align_right=True),
)


def accounts_money(pence: int | None) -> str:
    """As the accounts print it (``reports.accounts``): payments in brackets, no figure as a dash."""
    return "–" if pence is None else format_pence(pence, brackets=True)


def _figure(pick: Callable[[Any], int | None]) -> Callable[[Any], str]:
    return lambda s: accounts_money(pick(s.figures)) if s.figures else ""


SUMMARY_COLUMNS = (
    Column("", lambda s: s.label),
    Column("Unrestricted", _figure(lambda f: f.unrestricted), align_right=True),
    Column("Restricted", _figure(lambda f: f.restricted), align_right=True),
    Column("Total", _figure(lambda f: f.total), align_right=True),
    Column("Last year", _figure(lambda f: f.last_year), align_right=True),
)


class TickModel(RowsModel):
    """Rows with a tick box in the first column. ``on_tick(row, ticked)`` decides: it returns whether the
    change was kept (a refused tick stays as it was)."""

    def __init__(self, columns: Any, on_tick: Callable[[Any, bool], bool], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self.ticked: set[int] = set()
        self._on_tick = on_tick

    def is_ticked(self, row: int) -> bool:
        return self.rows[row].id in self.ticked

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 0 and index.row() < len(self.rows):
            ticked = self.is_ticked(index.row())
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return tr("Ticked") if ticked else tr("Not ticked")
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        return self.set_ticked(index.row(), ticked)

    def set_ticked(self, row: int, ticked: bool) -> bool:
        if ticked == self.is_ticked(row) or not self._on_tick(self.rows[row], ticked):
            return False
        (self.ticked.add if ticked else self.ticked.discard)(self.rows[row].id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0),
                              [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole])
        return True
