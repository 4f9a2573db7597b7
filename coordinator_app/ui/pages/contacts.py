"""Contacts: practitioners and organisations, the ESTEEM roles they play for the group, and the support log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from coordinator_app.services import contacts as contacts_service
from coordinator_app.services.contacts import EsteemRole

from ..forms import CheckList, FormDialog, combo, date_edit, line, text_box
from ..labels import choices, word
from ..tables import Column, RowsModel, SearchProxy, make_table, selected_row, show_date
from .base import Page, PageContext
from .widgets import button, button_row, heading, note, search_box, section

CONTACT_COLUMNS = (
    Column("Name", lambda c: c.name),
    Column("Organisation", lambda c: c.organisation),
    Column("Job title", lambda c: c.job_title),
    Column("Roles for our group", lambda c: ", ".join(sorted(word(r) for r in c.roles))),
)
SUPPORT_COLUMNS = (
    Column("Date", lambda s: show_date(s.given_on), sort_key=lambda s: s.given_on),
    Column("From", lambda s: s.contact_name),
    Column("Role", lambda s: word(s.role)),
    Column("What they did", lambda s: s.what),
)


class ContactsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Contacts")
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(note(self.tr(
            "Practitioners can help as resource builders, capacity builders, facilitators, bridge builders and "
            "co-educators. Keep a note of the support the group receives.")))
        search_label, self.search = search_box(self.tr("&Search:"), self.tr("Name or organisation"))
        self.role_filter = combo([(self.tr("All roles"), None)] + choices(EsteemRole))
        self.role_filter.setAccessibleName(self.tr("Show contacts in role"))
        self.add_button = button(self.tr("&Add contact…"))
        self.log_button = button(self.tr("&Log support…"), self.tr("Record help the group received from this contact"))
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.role_filter)
        layout.addLayout(top)
        layout.addLayout(button_row(self.add_button, self.log_button))
        self.model = RowsModel(CONTACT_COLUMNS, self)
        self.proxy = SearchProxy(self.model, self)
        self.table = make_table(self.proxy, self.tr("Contacts"))
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 240)
        self.table.setColumnWidth(2, 180)
        self.support_model = RowsModel(SUPPORT_COLUMNS, self)
        self.support_table = make_table(self.support_model, self.tr("Support received"))
        self.support_table.setColumnWidth(0, 130)
        self.support_table.setColumnWidth(1, 200)
        self.support_table.setColumnWidth(2, 170)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(section(self.tr("Support received")))
        lower_layout.addWidget(self.support_table, 1)
        splitter.addWidget(lower)
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self.proxy.set_search)
        self.role_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button.clicked.connect(self.add)
        self.log_button.clicked.connect(self.log_support)

    def refresh(self) -> None:
        group = self.ctx.group
        self.model.set_rows(contacts_service.list_contacts(group, role=self.role_filter.currentData()))
        self.support_model.set_rows(contacts_service.support_log(group, role=self.role_filter.currentData()))

    def add(self) -> None:
        group = self.ctx.group
        dialog = FormDialog(self, self.tr("Add a contact"),
                            lambda values: contacts_service.add_contact(group, **values),
                            ok_text=self.tr("Add contact"))
        dialog.add("name", self.tr("&Name"), line())
        dialog.add("organisation", self.tr("&Organisation"), line())
        dialog.add("job_title", self.tr("&Job title"), line())
        dialog.add("email", self.tr("&Email"), line())
        dialog.add("phone", self.tr("&Phone"), line())
        dialog.add("roles", self.tr("&Roles for our group"), CheckList(choices(EsteemRole)))
        dialog.add("notes", self.tr("No&tes"), text_box(lines=2))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def log_support(self) -> None:
        contact = selected_row(self.table)
        if contact is None:
            self.ctx.status(self.tr("Choose a contact first."))
            return
        group = self.ctx.group
        first_role = min(contact.roles, default=EsteemRole.RESOURCE_BUILDER)
        dialog = FormDialog(self, self.tr("Support from {name}").format(name=contact.name),
                            lambda values: contacts_service.log_support(group, contact.id, **values),
                            ok_text=self.tr("Log support"))
        dialog.add("given_on", self.tr("&When"), date_edit(self.ctx.today()))
        dialog.add("role", self.tr("&Role"), combo(choices(EsteemRole), first_role))
        dialog.add("what", self.tr("&What they did"), text_box(lines=3))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()
