"""Fast keyboard entry of money in or out: type the date, who, how much, choose the category and fund,
press Enter. Problems appear beside their field and nothing is saved until they are put right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.money import books, grants, payee_rules, transactions
from coordinator_app.services.money.amounts import format_pence, parse_pence
from coordinator_app.services.money.transactions import TransactionView

from ..forms import FieldForm, combo, date_edit, line
from ..pages.base import PageContext
from ..pages.widgets import button, note, section

MONEY_IN, MONEY_OUT = "in", "out"


def read_amount(text: str) -> int:
    """The amount typed ("12.50", "£1,234.56") as positive pence; whether it is in or out is chosen apart."""
    pence = parse_pence(text, field="amount", label="The amount")
    if pence < 0:
        raise ValidationError("amount", "Type the amount without a minus sign, and choose Money in or Money out.")
    if pence == 0:
        raise ValidationError("amount", "The amount must be more than £0.00.")
    return pence


def read_amount_signed(text: str) -> int:
    """A balance as typed: "-12.50" or "(12.50)" is overdrawn."""
    return parse_pence(text, field="opening", label="The opening balance")


class StripForm(FieldForm):
    """A FieldForm laid out in rows of columns, each label above its box and any problem below it, so the
    entry fits under the register instead of squeezing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.addLayout(self.grid)

    def put(self, field: str, label: str, widget: QWidget, row: int, column: int, span: int = 1) -> Any:
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", ""))
        if isinstance(widget, QComboBox):  # a long fund or budget line is cut short in its box, not the page widened
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(10)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.hide()
        self.grid.addWidget(caption, row * 3, column, 1, span)
        self.grid.addWidget(widget, row * 3 + 1, column, 1, span)
        self.grid.addWidget(error, row * 3 + 2, column, 1, span)
        self.widgets[field] = widget
        self._errors[field] = error
        return widget


class EntryPanel(QWidget):
    """The "New entry" form beside the register. Emits ``saved(transaction)`` after each entry."""

    saved = Signal(object)

    def __init__(self, ctx: PageContext, account_id: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._account_id = account_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QHBoxLayout()
        title.addWidget(section(self.tr("New entry")))
        title.addWidget(note(self.tr("Type, then press Enter to save. Tab moves between the boxes.")), 1)
        layout.addLayout(title)
        self.form = form = StripForm()
        self.direction = form.put("direction", self.tr("&Money in or out"), combo(
            [(self.tr("Money out (a payment)"), MONEY_OUT), (self.tr("Money in (a receipt)"), MONEY_IN)]), 0, 0)
        self.on = form.put("on", self.tr("&Date"), date_edit(ctx.today()), 0, 1)
        self.payee = form.put("payee", self.tr("&Paid to or received from"), line(
            placeholder=self.tr("For example: St Mary's Church Hall")), 0, 2, 2)
        self.amount = form.put("amount", self.tr("&Amount"), line(placeholder=self.tr("Such as 12.50")), 0, 4)
        self.category = form.put("category", self.tr("&Category"), QComboBox(), 1, 0)
        self.fund = form.put("fund", self.tr("&Fund"), QComboBox(), 1, 1, 2)
        self.budget_line = form.put("budget_line", self.tr("Charge to a &grant's budget line"), QComboBox(), 1, 3)
        self.save_button = button(self.tr("&Save entry"), self.tr("Or press Enter in any box"))
        form.grid.addWidget(self.save_button, 4, 4)
        for column, stretch in enumerate((2, 2, 1, 2, 1)):
            form.grid.setColumnStretch(column, stretch)
        layout.addWidget(form)
        self._categories: list[books.CategoryView] = []
        self._line_funds: dict[int, int] = {}  # budget line -> its grant's fund
        for widget in form.widgets.values():
            widget.installEventFilter(self)
        self.budget_line.currentIndexChanged.connect(lambda _i: self._budget_line_chosen())
        self.direction.currentIndexChanged.connect(lambda _i: self._fill_categories())
        self.payee.editingFinished.connect(self._suggest)
        self.save_button.clicked.connect(self.save)

    # -- choices ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the categories, funds and budget lines again (after a change anywhere)."""
        group = self.ctx.group
        self._categories = books.list_categories(group)
        self._funds = books.list_funds(group)
        keep_fund = self.fund.currentData()
        self.fund.clear()
        for fund in self._funds:
            self.fund.addItem(fund.name, fund.id)
        self.fund.setCurrentIndex(max(0, self.fund.findData(keep_fund)))
        keep_line = self.budget_line.currentData()
        self.budget_line.clear()
        self.budget_line.addItem(self.tr("No grant budget line"), None)
        for choice in grants.budget_line_choices(group):
            self.budget_line.addItem(f"{choice.funder}: {choice.name}", choice.id)
            self._line_funds[choice.id] = choice.fund_id
        self.budget_line.setCurrentIndex(max(0, self.budget_line.findData(keep_line)))
        self._fill_categories()

    def _fill_categories(self) -> None:
        wanted = "receipt" if self.direction.currentData() == MONEY_IN else "payment"
        keep = self.category.currentData()
        self.category.clear()
        self.category.addItem(self.tr("Choose later"), None)
        for category in self._categories:
            if category.direction.value == wanted:
                self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(0, self.category.findData(keep)))
        self.budget_line.setEnabled(wanted == "payment")
        self._budget_line_chosen()

    def _budget_line_chosen(self) -> None:
        """A payment charged to a grant comes out of the grant's fund: show that fund."""
        fund_id = self._line_funds.get(self.budget_line.currentData()) if self.budget_line.isEnabled() else None
        if fund_id is not None and self.fund.findData(fund_id) >= 0:
            self.fund.setCurrentIndex(self.fund.findData(fund_id))
        self.fund.setEnabled(fund_id is None)

    def _suggest(self) -> None:
        """Offer the category chosen last time for a payee like this one."""
        if self.category.currentData() is not None or not self.payee.text().strip():
            return
        rule = payee_rules.suggest(self.ctx.group, payee=self.payee.text())
        if rule is None:
            return
        index = self.category.findData(rule.category_id)
        if index >= 0:
            self.category.setCurrentIndex(index)
            if rule.fund_id is not None and self.fund.findData(rule.fund_id) >= 0:
                self.fund.setCurrentIndex(self.fund.findData(rule.fund_id))

    # -- keyboard --------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not (isinstance(watched, QComboBox) and watched.view().isVisible()):
            self.save()
            return True
        return super().eventFilter(watched, event)

    # -- saving ----------------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The service's keyword arguments, read from the boxes (the amount is checked here)."""
        values = self.form.values()
        out = values["direction"] == MONEY_OUT
        return {
            "out": out, "on": values["on"], "payee": values["payee"], "amount_pence": read_amount(values["amount"]),
            "category_id": values["category"],
            "fund_id": None if out and values["budget_line"] is not None else values["fund"],  # the grant's fund
            "budget_line_id": values["budget_line"] if out else None,
        }

    def save(self) -> TransactionView | None:
        account_id = self._account_id()
        if account_id is None:
            self.form.show_error(ValidationError("account", self.tr("Choose an account on the left first.")))
            return None
        try:
            values = self.values()
            view = record(self.ctx, account_id, values)
        except ValidationError as error:
            self.form.show_error(error)
            return None
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return None
        self.form.clear_errors()
        self.payee.clear()
        self.amount.clear()
        self.category.setCurrentIndex(0)
        self.budget_line.setCurrentIndex(0)
        if view.needs_second_approver:
            self.ctx.status(self.tr("Saved. ⚠ Cash over £100 wants two people's approval: choose the line and "
                                    "press Approved by…"))
        else:
            self.ctx.status(self.tr("Saved: {what} {amount} on {day}.").format(
                what=self.tr("money in") if view.amount_pence > 0 else self.tr("money out"),
                amount=format_pence(abs(view.amount_pence)), day=f"{view.on:%d/%m/%Y}"))
        self.saved.emit(view)
        self.payee.setFocus()
        return view


def record(ctx: PageContext, account_id: int, values: dict[str, Any]) -> TransactionView:
    """Record the entry so that Edit ▸ Undo takes it away again and Redo puts it back."""
    group: GroupFile = ctx.group
    kwargs = {k: v for k, v in values.items() if k != "out" and (values["out"] or k != "budget_line_id")}
    write = transactions.record_payment if values["out"] else transactions.record_receipt
    label = ctx.window.tr("Payment to {who}") if values["out"] else ctx.window.tr("Receipt from {who}")
    return ctx.change(label.format(who=values["payee"].strip() or ctx.window.tr("someone")),
                      lambda: write(group, account_id=account_id, today=ctx.today(), **kwargs))
