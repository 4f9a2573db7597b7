"""Funds and grants: each fund's money (restricted money kept apart), and each grant's spending against its
budget, line by line, as the funding report shows it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from coordinator_app.services.money import books, grants, transactions

from ..forms import FormDialog, combo, date_edit, line
from ..pages.base import PageContext
from ..pages.widgets import button, button_row, note, section
from ..tables import ROW_ROLE, RowsModel, make_table
from .columns import BUDGET_COLUMNS, FUND_COLUMNS, GRANT_COLUMNS, money
from .entry import read_amount


class FundsTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        self.funds_model = RowsModel(FUND_COLUMNS, self)
        self.funds_table = make_table(self.funds_model, self.tr("Funds"))
        self.add_fund_button = button(self.tr("Add a f&und…"), self.tr("Money given for one purpose is kept apart"))
        self.move_button = button(self.tr("&Move money between funds…"),
                                  self.tr("Say, to cover a grant's overspend from general money"))
        layout.addWidget(section(self.tr("Funds")))
        layout.addWidget(note(self.tr("Restricted money may only be spent on what it was given for.")))
        layout.addWidget(self.funds_table, 2)
        layout.addLayout(button_row(self.add_fund_button, self.move_button))

        self.grants_model = RowsModel(GRANT_COLUMNS, self)
        self.grants_table = make_table(self.grants_model, self.tr("Grants"))
        self.budget_model = RowsModel(BUDGET_COLUMNS, self)
        self.budget_table = make_table(self.budget_model, self.tr("Spending against the grant's budget"))
        self.budget_title = section(self.tr("Spending against budget"))
        self.budget_note = note()
        layout.addWidget(section(self.tr("Grants")))
        layout.addWidget(self.grants_table, 2)
        layout.addWidget(self.budget_title)
        row = QHBoxLayout()
        row.addWidget(self.budget_table, 1)
        layout.addLayout(row, 3)
        layout.addWidget(self.budget_note)
        self.grants_table.selectionModel().currentRowChanged.connect(self._grant_chosen)
        self.add_fund_button.clicked.connect(self.add_fund)
        self.move_button.clicked.connect(self.move_money)

    def refresh(self) -> None:
        self.funds_model.set_rows(books.list_funds(self.ctx.group))
        chosen = self.grants_table.currentIndex().row()
        self.grants_model.set_rows(grants.list_grants(self.ctx.group))
        if self.grants_model.rowCount():
            self.grants_table.selectRow(min(max(chosen, 0), self.grants_model.rowCount() - 1))
        else:
            self._show_grant(None)

    def _grant_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_grant(current.siblingAtColumn(0).data(ROW_ROLE) if current.isValid() else None)

    def _show_grant(self, grant: Any) -> None:
        self.budget_model.set_rows(grant.lines if grant else [])
        if grant is None:
            self.budget_title.setText(self.tr("Spending against budget: no grants recorded yet"))
            self.budget_note.setText("")
            return
        self.budget_title.setText(self.tr("Spending against budget: {funder}").format(funder=grant.funder))
        over = [line.name for line in grant.lines if line.remaining_pence < 0]
        parts = [self.tr("Budget {budget}; spent {spent}; left in the fund {left}.").format(
            budget=money(grant.budget_pence), spent=money(grant.spent_pence), left=money(grant.fund_balance_pence))]
        if grant.spent_off_budget_pence:
            parts.append(self.tr("{amount} was spent from the fund without a budget line.").format(
                amount=money(grant.spent_off_budget_pence)))
        if over:
            parts.append(self.tr("⚠ Over budget: {lines}.").format(lines=", ".join(over)))
        self.budget_note.setText(" ".join(parts))

    def add_fund(self) -> None:
        group = self.ctx.group
        dialog = FormDialog(self, self.tr("Add a fund"), lambda values: self.ctx.change(
            self.tr("Add the fund {name}").format(name=values["fund"].strip()), lambda: books.add_fund(
                group, name=values["fund"], kind=values["kind"], purpose=values["purpose"])),
            ok_text=self.tr("Add fund"))
        dialog.add("fund", self.tr("&Name"), line())
        dialog.add("kind", self.tr("&Kind"), combo([
            (self.tr("Restricted: only for the purpose it was given for"), books.FundKind.RESTRICTED),
            (self.tr("Unrestricted: for anything the group does"), books.FundKind.UNRESTRICTED)]))
        dialog.add("purpose", self.tr("&What it is for"), line())
        self.dialog = dialog
        dialog.open()

    def move_money(self) -> None:
        """Move money from one fund to another without it leaving any account (undoable)."""
        group = self.ctx.group
        funds = [(f.name, f.id) for f in self.funds_model.rows]

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Move money between funds"), lambda: transactions.move_between_funds(
                group, from_fund_id=values["from_fund"], to_fund_id=values["to_fund"], on=values["on"],
                amount_pence=read_amount(values["amount"]), reason=values["reason"]).id)

        dialog = FormDialog(self, self.tr("Move money between funds"), submit, ok_text=self.tr("Move money"),
                            intro=self.tr("The accounts show this as a transfer between funds."))
        dialog.add("from_fund", self.tr("&From"), combo(funds))
        dialog.add("to_fund", self.tr("&To"), combo(funds, funds[1][1] if len(funds) > 1 else None))
        dialog.add("on", self.tr("&Date"), date_edit(self.ctx.today()))
        dialog.add("amount", self.tr("&Amount"), line(placeholder=self.tr("Such as 12.50")))
        dialog.add("reason", self.tr("&Why"), line(placeholder=self.tr("Such as: covering the overspend")))
        self.dialog = dialog
        dialog.open()
