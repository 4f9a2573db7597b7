"""Money: the treasurer's books in tabs: accounts and register (with keyboard entry), importing a bank
statement, reconciling with the bank, funds and grants, and the year end with its exports."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from coordinator_app.services.money import books

from ..money.funds_tab import FundsTab
from ..money.import_wizard import ImportWizard
from ..money.reconcile_tab import ReconcileTab
from ..money.register_tab import RegisterTab
from ..money.year_end_tab import YearEndTab
from .base import Page, PageContext
from .widgets import button, heading


class MoneyPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Money")
        self.dialog: QWidget | None = None
        if not ctx.group.read_only:
            books.set_up_books(ctx.group)  # the general fund and the usual categories, once
        layout = QVBoxLayout(self)
        self.import_button = button(self.tr("&Import a bank statement…"),
                                    self.tr("Add the lines from a file your bank lets you download"))
        layout.addWidget(heading(self.title))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the books"))
        self.register = RegisterTab(ctx)
        self.reconcile = ReconcileTab(ctx)
        self.funds = FundsTab(ctx)
        self.year_end = YearEndTab(ctx)
        self.tabs.addTab(self.register, self.tr("Accounts and &register"))
        self.tabs.addTab(self.reconcile, self.tr("Re&concile with the bank"))
        self.tabs.addTab(self.funds, self.tr("&Funds and grants"))
        self.tabs.addTab(self.year_end, self.tr("&Year end"))
        self.tabs.setCornerWidget(self.import_button)
        layout.addWidget(self.tabs, 1)
        self.import_button.clicked.connect(self.import_statement)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())

    def refresh(self) -> None:
        self._refresh_current()

    def _refresh_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab is not None:
            tab.refresh()

    def import_statement(self) -> None:
        self.dialog = ImportWizard(self.ctx, self.register.account_id, self)
        self.dialog.finished.connect(lambda _r: self.ctx.changed())
        self.dialog.open()
