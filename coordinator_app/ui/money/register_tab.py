"""Accounts with their balances, the chosen account's register (running balance, search as you type) and
the keyboard entry panel beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from coordinator_app.services import members as members_service
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.money import approvals, books, transactions
from coordinator_app.services.money.amounts import format_pence

from ..forms import FormDialog, combo, combo_with_text, date_edit, line
from ..pages.base import PageContext
from ..pages.widgets import button, note, search_box, section
from ..tables import ROW_ROLE, RowsModel, make_table, selected_row
from .columns import (
    ACCOUNT_COLUMNS,
    REG_BALANCE,
    REG_CATEGORY,
    REG_DATE,
    REG_FUND,
    REG_IN,
    REG_OUT,
    REG_PAYEE,
    REGISTER_COLUMNS,
    counted,
)
from .entry import EntryPanel, read_amount, read_amount_signed
from .register_model import RegisterModel

_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
SEARCH_PAUSE_MS = 150  # the search waits for a pause in typing, so each key costs nothing


class RegisterTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id: int | None = None
        self.dialog: Any = None
        self.chosen_id: int | None = None  # the line chosen before the lines were re-arranged

        self.accounts_model = RowsModel(ACCOUNT_COLUMNS, self)
        self.accounts_table = make_table(self.accounts_model, self.tr("Accounts"), sortable=False)
        self.add_account_button = button(self.tr("Add an &account…"), self.tr("A bank account or a cash tin"))
        self.transfer_button = button(self.tr("&Move money between accounts…"),
                                      self.tr("Banking the cash tin, say: neither money in nor money out"))

        search_label, self.search = search_box(self.tr("&Search:"), self.tr("Type part of a payee, category or amount"))
        self.model = RegisterModel(REGISTER_COLUMNS, self)
        self.table = make_table(self.model, self.tr("Register"))
        self.search_pause = QTimer(self)
        self.search_pause.setSingleShot(True)
        self.search_pause.setInterval(SEARCH_PAUSE_MS)
        # The register reads a page of lines at a time: its columns keep set widths rather than be
        # measured from their contents (which would read every line).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((REG_DATE, 118), (REG_PAYEE, 185), (REG_CATEGORY, 165), (REG_FUND, 130),
                              (REG_IN, 95), (REG_OUT, 95), (REG_BALANCE, 105)):
            self.table.setColumnWidth(column, width)
        self.count_label = note()
        self.categorise_button = button(self.tr("C&hange category…"), self.tr("Choose the category of the chosen line"))
        self.delete_button = button(self.tr("&Remove line"), self.tr("Entered by mistake? Undo with Ctrl+Z."))
        self.approve_button = button(self.tr("A&pproved by…"),
                                     self.tr("Cash paid out over £100 wants two people's approval"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        accounts_row = QHBoxLayout()
        accounts_row.addWidget(section(self.tr("Accounts")))
        accounts_row.addStretch()
        accounts_row.addWidget(self.transfer_button)
        accounts_row.addWidget(self.add_account_button)
        left_layout.addLayout(accounts_row)
        left_layout.addWidget(self.accounts_table)
        self.register_title = section(self.tr("Register"))
        left_layout.addWidget(self.register_title)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        below = QHBoxLayout()
        below.addWidget(self.count_label, 1)
        below.addWidget(self.approve_button)
        below.addWidget(self.categorise_button)
        below.addWidget(self.delete_button)
        left_layout.addLayout(below)

        self.entry = EntryPanel(ctx, lambda: self.account_id)
        layout = QVBoxLayout(self)
        layout.addWidget(left, 1)
        layout.addWidget(self.entry)

        self.accounts_table.selectionModel().currentRowChanged.connect(self._account_chosen)
        self.search.textChanged.connect(lambda _text: self.search_pause.start())
        self.search_pause.timeout.connect(lambda: self.model.set_search(self.search.text()))
        self.model.modelAboutToBeReset.connect(self._remember_chosen)
        self.model.arranged.connect(self._arranged)
        self.model.failed.connect(self.ctx.report)
        self.add_account_button.clicked.connect(self.add_account)
        self.transfer_button.clicked.connect(self.move_money)
        self.categorise_button.clicked.connect(self.categorise)
        self.delete_button.clicked.connect(self.delete)
        self.approve_button.clicked.connect(self.approve)
        self.table.doubleClicked.connect(lambda _index: self.categorise())
        self.entry.saved.connect(lambda view: self.select_line(view.id))

    # -- reading ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        accounts = books.list_accounts(self.ctx.group)
        keep = self.account_id
        self.accounts_model.set_rows(accounts)
        rows = min(max(len(accounts), 1), 4)  # as tall as the accounts, so the register keeps the room
        self.accounts_table.setFixedHeight(self.accounts_table.horizontalHeader().sizeHint().height()
                                           + rows * self.accounts_table.verticalHeader().defaultSectionSize() + 4)
        if not any(a.id == keep for a in accounts):
            keep = accounts[0].id if accounts else None
        self.entry.reload()
        self.choose_account(keep)

    def choose_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        for row, account in enumerate(self.accounts_model.rows):
            if account.id == account_id:
                self.accounts_table.selectionModel().blockSignals(True)
                self.accounts_table.selectionModel().setCurrentIndex(self.accounts_model.index(row, 0), _SELECT_ROW)
                self.accounts_table.selectionModel().blockSignals(False)
        self._load_register()

    def _account_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        account = current.siblingAtColumn(0).data(ROW_ROLE) if current.isValid() else None
        self.account_id = account.id if account else None
        self._load_register()

    def _load_register(self) -> None:
        self.model.load(self.ctx.group, self.account_id)
        account = next((a for a in self.accounts_model.rows if a.id == self.account_id), None)
        self.register_title.setText(self.tr("Register: {name}").format(name=account.name) if account
                                    else self.tr("Register: add an account to begin"))
        self._update_count()
        if self.model.rowCount():
            self.table.scrollToBottom()

    def _remember_chosen(self) -> None:
        chosen = selected_row(self.table)
        self.chosen_id = chosen.transaction.id if chosen is not None else None

    def _arranged(self) -> None:
        """A search or sort landed: say how many lines match, and keep the chosen line chosen."""
        chosen = self.chosen_id
        self._update_count()
        if chosen is not None:
            self.select_line(chosen)

    def _update_count(self) -> None:
        summary, shown = self.model.summary, self.model.rowCount()
        if self.model.indexing:
            text = counted(summary.lines, "Searching {n} line", "Searching {n} lines")
        elif self.model.searching:
            text = counted(summary.lines, "{shown} of {n} line matches", "{shown} of {n} lines match", shown=shown)
        else:
            text = counted(summary.lines, "{n} line", "{n} lines")
        if summary.uncategorised:
            text += self.tr("; ⚠ {n} not yet categorised").format(n=summary.uncategorised)
        unapproved = summary.unapproved
        if unapproved:
            text += counted(unapproved, "; ⚠ {n} cash payment over £100 needs a second approver",
                            "; ⚠ {n} cash payments over £100 need a second approver")
        self.count_label.setText(text + ".")

    def select_line(self, transaction_id: int) -> bool:
        row = self.model.row_of(transaction_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.table.scrollTo(index)
        return True

    # -- changing --------------------------------------------------------------------------------------
    def add_account(self) -> None:
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            opening = read_amount_signed(values.pop("opening"))
            return self.ctx.change(self.tr("Add the account {name}").format(name=values["name"].strip()),
                                   lambda: books.add_account(group, opening_balance_pence=opening, **values))

        dialog = FormDialog(self, self.tr("Add an account"), submit, ok_text=self.tr("Add account"),
                            intro=self.tr("The opening balance is what the account held on the day you start "
                                          "keeping the books here."))
        dialog.add("name", self.tr("&Name"), line(placeholder=self.tr("For example: Community account")))
        dialog.add("kind", self.tr("&Kind"), combo([(self.tr("Bank account"), books.AccountKind.BANK),
                                                    (self.tr("Cash (a cash tin or petty cash)"),
                                                     books.AccountKind.CASH)]))
        dialog.add("opened_on", self.tr("&Books start on"), date_edit(self.ctx.today()))
        dialog.add("opening", self.tr("&Opening balance"), line("0.00"))
        dialog.add("bank_details", self.tr("Bank &details (optional)"),
                   line(placeholder=self.tr("For example: Unity Trust Bank, account ending 4821")))
        dialog.accepted.connect(lambda: self.choose_account(dialog.result_value))
        self.dialog = dialog
        dialog.open()

    def move_money(self) -> None:
        """Record money moved from one of the group's accounts to another (undoable)."""
        group = self.ctx.group
        accounts = [(a.name, a.id) for a in self.accounts_model.rows if a.closed_on is None]

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Move money between accounts"), lambda: transactions.record_transfer(
                group, from_account_id=values["from_account"], to_account_id=values["to_account"], on=values["on"],
                amount_pence=read_amount(values["amount"]), description=values["description"],
                today=self.ctx.today())[0].id)

        dialog = FormDialog(self, self.tr("Move money between accounts"), submit, ok_text=self.tr("Move money"),
                            intro=self.tr("For money that stays the group's: it is not counted as money in or out."))
        other = next((account_id for _name, account_id in accounts if account_id != self.account_id), None)
        dialog.add("from_account", self.tr("&From"), combo(accounts, self.account_id))
        dialog.add("to_account", self.tr("&To"), combo(accounts, other))
        dialog.add("on", self.tr("&Date"), date_edit(self.ctx.today()))
        dialog.add("amount", self.tr("&Amount"), line(placeholder=self.tr("Such as 12.50")))
        dialog.add("description", self.tr("&What for (optional)"), line(placeholder=self.tr("Cash banked")))
        self.dialog = dialog
        dialog.open()

    def categorise(self) -> None:
        chosen = selected_row(self.table)
        if chosen is None:
            self.ctx.status(self.tr("Choose a line in the register first."))
            return
        view = chosen.transaction
        if view.kind.value == "transfer":
            self.ctx.status(self.tr("A transfer between accounts has no category."))
            return
        wanted = view.kind.value
        categories = [(c.name, c.id) for c in books.list_categories(self.ctx.group) if c.direction.value == wanted]
        funds = [(f.name, f.id) for f in books.list_funds(self.ctx.group)]
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> Any:
            return self.ctx.change(
                self.tr("Category of {who}").format(who=view.payee or format_pence(view.amount_pence)),
                lambda: transactions.categorise(group, view.id, category_id=values["category"],
                                                fund_id=values["fund"]))

        dialog = FormDialog(self, self.tr("Category for {who}").format(who=view.payee or view.description), submit,
                            ok_text=self.tr("Save"), intro=self.tr("Next time, lines from this payee get the same "
                                                                   "category by themselves."))
        dialog.add("category", self.tr("&Category"), combo(categories, view.category_id))
        dialog.add("fund", self.tr("&Fund"), combo(funds, view.fund_id))
        self.dialog = dialog
        dialog.open()

    def approve(self) -> None:
        """Record who approved the chosen payment (undoable)."""
        chosen = selected_row(self.table)
        if chosen is None or chosen.transaction.kind.value != "payment":
            self.ctx.status(self.tr("Choose a payment in the register first."))
            return
        view, group = chosen.transaction, self.ctx.group
        names = [m.name for m in members_service.list_members(group, today=self.ctx.today())]

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Approval of {who}").format(who=view.payee), lambda: approvals.approve(
                group, view.id, approved_on=values["approved_on"], approver_name=values["approver"]))

        dialog = FormDialog(self, self.tr("Who approved this payment?"), submit, ok_text=self.tr("Record approval"),
                            intro=self.tr("{amount} to {who} on {day}. Approvals so far: {n}.").format(
                                amount=format_pence(-view.amount_pence), who=view.payee or self.tr("someone"),
                                day=f"{view.on:%d/%m/%Y}", n=view.approvals))
        dialog.add("approver", self.tr("Approved &by"), combo_with_text(names))
        dialog.add("approved_on", self.tr("&On"), date_edit(view.on))
        self.dialog = dialog
        dialog.open()

    def delete(self) -> None:
        chosen = selected_row(self.table)
        if chosen is None:
            self.ctx.status(self.tr("Choose a line in the register first."))
            return
        view = chosen.transaction
        group = self.ctx.group
        try:
            who = view.payee or format_pence(view.amount_pence)
            self.ctx.change(self.tr("Remove {who}").format(who=who),
                            lambda: transactions.delete_transaction(group, view.id))
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
            return
        self.ctx.status(self.tr("Removed the line. Ctrl+Z brings it back."))
