"""Reconciling with the bank: enter the statement's date and closing balance, tick the lines that are on
it, watch the difference; "Mark reconciled" is possible only when the difference is exactly zero."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.money import books, reconcile
from coordinator_app.services.money.amounts import format_pence, parse_pence
from coordinator_app.services.money.reconcile import Reconciliation

from ..forms import FieldForm, combo, date_edit, line
from ..pages.base import PageContext
from ..pages.widgets import button, button_row, note, section
from ..tables import make_table, source_row
from .columns import TICK_COLUMNS, TickModel


class ReconcileTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Reconciliation | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr(
            "Take the latest statement from the bank. Enter its date and the balance it shows at the end, then "
            "tick each line below that appears on it (Space ticks the chosen line).")))
        self.form = FieldForm()
        self.account = self.form.add("account", self.tr("&Account"), combo([]))
        self.statement_date = self.form.add("statement_date", self.tr("Statement &date"), date_edit(ctx.today()))
        self.balance = self.form.add("balance", self.tr("&Balance on the statement"),
                                     line(placeholder=self.tr("For example: 1,234.56")))
        self.start_button = button(self.tr("S&tart reconciling"), self.tr("Show the lines up to the statement date"))
        layout.addWidget(self.form)
        layout.addLayout(button_row(self.start_button))

        self.model = TickModel(TICK_COLUMNS, self._tick, self)
        self.table = make_table(self.model, self.tr("Lines to tick against the statement"))
        self.table.installEventFilter(self)
        self.title = section(self.tr("Lines"))
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.figures = note()
        self.difference = section("")
        self.finish_button = button(self.tr("&Mark reconciled"),
                                    self.tr("Possible when the difference is £0.00"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.figures, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.difference)
        layout.addLayout(button_row(self.finish_button))
        self.account.currentIndexChanged.connect(lambda _i: self._resume())
        self.start_button.clicked.connect(self.start)
        self.balance.returnPressed.connect(self.start)
        self.finish_button.clicked.connect(self.finish)
        self._show(None)

    def refresh(self) -> None:
        keep = self.account.currentData()
        self.account.blockSignals(True)
        self.account.clear()
        for account in books.list_accounts(self.ctx.group):
            if account.closed_on is None:
                self.account.addItem(account.name, account.id)
        self.account.setCurrentIndex(max(0, self.account.findData(keep)))
        self.account.blockSignals(False)
        self._resume()

    def _resume(self) -> None:
        """Carry on with the account's unfinished statement, if it has one."""
        account_id = self.account.currentData()
        open_one = None
        if account_id is not None:
            open_one = next((s for s in reconcile.list_statements(self.ctx.group, account_id=account_id)
                             if s.reconciled_on is None), None)
        if open_one is None:
            self._show(None)
            return
        self.statement_date.setDate(open_one.statement_date)
        self.balance.setText(format_pence(open_one.closing_balance_pence, symbol=False))
        self._show(reconcile.reconciliation(self.ctx.group, open_one.id))

    def start(self) -> None:
        values = self.form.values()
        try:
            if values["account"] is None:
                raise ValidationError("account", self.tr("Add a bank account on the register tab first."))
            pence = parse_pence(values["balance"], field="balance", label=self.tr("The statement's balance"))
            statement_id = reconcile.start_statement(self.ctx.group, account_id=values["account"],
                                                     statement_date=values["statement_date"],
                                                     closing_balance_pence=pence)
            current = reconcile.reconciliation(self.ctx.group, statement_id)
        except ValidationError as error:
            self.form.show_error(error)
            return
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return
        self.form.clear_errors()
        self._show(current)
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _tick(self, row: Any, ticked: bool) -> bool:
        if self.current is None:
            return False
        try:
            current = reconcile.tick(self.ctx.group, self.current.statement_id, [row.id], cleared=ticked)
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
            return False
        self.current = current
        self._show_figures()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Space:
            self.toggle_current()
            return True
        return super().eventFilter(watched, event)

    def toggle_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            row = source_row(index)
            self.model.set_ticked(row, not self.model.is_ticked(row))

    def _show(self, current: Reconciliation | None) -> None:
        self.current = current
        rows = list(current.lines) if current else []
        self.model.set_rows(rows)
        self.model.ticked = {t.id for t in rows if t.cleared and current and t.statement_id == current.statement_id}
        if current is None:
            self.title.setText(self.tr("Lines: enter the statement's details and press Start reconciling"))
        elif current.reconciled_on is not None:
            self.title.setText(self.tr("Statement to {day}: reconciled on {done}").format(
                day=f"{current.statement_date:%d/%m/%Y}", done=f"{current.reconciled_on:%d/%m/%Y}"))
        else:
            self.title.setText(self.tr("Lines in {account} up to {day} not yet on an earlier statement").format(
                account=current.account_name, day=f"{current.statement_date:%d/%m/%Y}"))
        self._show_figures()

    def _show_figures(self) -> None:
        current = self.current
        if current is None:
            self.figures.setText("")
            self.difference.setText("")
            self.finish_button.setEnabled(False)
            return
        self.figures.setText(self.tr("The statement says {statement}. The ticked lines (with the opening balance) "
                                     "come to {cleared}.").format(
            statement=format_pence(current.statement_balance_pence),
            cleared=format_pence(current.cleared_balance_pence)))
        difference = current.difference_pence
        if difference == 0:
            self.difference.setText(self.tr("✓ Difference: £0.00. The books agree with the statement."))
        else:
            self.difference.setText(self.tr("⚠ Difference: {amount}. Keep ticking, or look for a missing line.")
                                    .format(amount=format_pence(difference)))
        self.finish_button.setEnabled(difference == 0 and current.reconciled_on is None
                                      and not self.ctx.group.read_only)

    def finish(self) -> None:
        if self.current is None:
            return
        try:
            done = reconcile.finish(self.ctx.group, self.current.statement_id, today=self.ctx.today())
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
            return
        self.ctx.changed()
        self._show(done)  # after the refresh, which would otherwise clear it
        self.ctx.status(self.tr("The statement to {day} is reconciled.").format(
            day=f"{done.statement_date:%d/%m/%Y}"))
