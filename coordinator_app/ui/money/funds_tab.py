"""Funds and grants: each fund's money (restricted money kept apart), and each grant's spending against its
budget, line by line, as the funding report shows it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from coordinator_app.services.money import books, grants

from ..forms import FormDialog, combo, line
from ..pages.base import PageContext
from ..pages.widgets import button, button_row, note, section
from ..tables import ROW_ROLE, RowsModel, make_table
from .columns import BUDGET_COLUMNS, FUND_COLUMNS, GRANT_COLUMNS, money


class FundsTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        self.funds_model = RowsModel(FUND_COLUMNS, self)
        self.funds_table = make_table(self.funds_model, self.tr("Funds"))
        self.funds_table.setColumnWidth(0, 320)
        self.funds_table.setColumnWidth(1, 200)
        self.funds_table.setColumnWidth(2, 120)
        self.add_fund_button = button(self.tr("Add a f&und…"), self.tr("Money given for one purpose is kept apart"))
        layout.addWidget(section(self.tr("Funds")))
        layout.addWidget(note(self.tr("Restricted money may only be spent on what it was given for.")))
        layout.addWidget(self.funds_table, 2)
        layout.addLayout(button_row(self.add_fund_button))

        self.grants_model = RowsModel(GRANT_COLUMNS, self)
        self.grants_table = make_table(self.grants_model, self.tr("Grants"), sortable=False)
        for column, width in enumerate((260, 140, 100, 100, 100, 130)):
            self.grants_table.setColumnWidth(column, width)
        self.budget_model = RowsModel(BUDGET_COLUMNS, self)
        self.budget_table = make_table(self.budget_model, self.tr("Spending against the grant's budget"))
        for column, width in enumerate((300, 110, 110)):
            self.budget_table.setColumnWidth(column, width)
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
        dialog = FormDialog(self, self.tr("Add a fund"), lambda values: books.add_fund(
            group, name=values["fund"], kind=values["kind"], purpose=values["purpose"]), ok_text=self.tr("Add fund"))
        dialog.add("fund", self.tr("&Name"), line())
        dialog.add("kind", self.tr("&Kind"), combo([
            (self.tr("Restricted: only for the purpose it was given for"), books.FundKind.RESTRICTED),
            (self.tr("Unrestricted: for anything the group does"), books.FundKind.UNRESTRICTED)]))
        dialog.add("purpose", self.tr("&What it is for"), line())
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()
