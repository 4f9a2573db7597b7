"""Contacts: practitioners and organisations, the ESTEEM roles they play for the group, and the support log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSplitter, QVBoxLayout, QWidget

from coordinator_app.services import contacts as contacts_service
from coordinator_app.services.contacts import ContactView, EsteemRole
from coordinator_app.services.errors import NotFound, StorageError

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
        self.edit_button = button(self.tr("&Change details…"))
        self.delete_button = button(self.tr("&Delete contact"), self.tr("Edit ▸ Undo (Ctrl+Z) brings them back"))
        self.log_button = button(self.tr("&Log support…"), self.tr("Record help the group received from this contact"))
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.role_filter)
        layout.addLayout(top)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.delete_button, self.log_button))
        self.model = RowsModel(CONTACT_COLUMNS, self)
        self.proxy = SearchProxy(self.model, self)
        self.table = make_table(self.proxy, self.tr("Contacts"))
        self.support_model = RowsModel(SUPPORT_COLUMNS, self)
        self.support_table = make_table(self.support_model, self.tr("Support received"))
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
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.log_button.clicked.connect(self.log_support)

    def refresh(self) -> None:
        group = self.ctx.group
        self.model.set_rows(contacts_service.list_contacts(group, role=self.role_filter.currentData()))
        self.support_model.set_rows(contacts_service.support_log(group, role=self.role_filter.currentData()))

    def select_contact(self, contact_id: int) -> bool:
        for row, contact in enumerate(self.model.rows):
            if contact.id == contact_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return True
        return False

    def _contact_form(self, dialog: FormDialog, contact: ContactView | None) -> None:
        """The fields of a contact, empty for a new one or filled from ``contact``."""
        dialog.add("name", self.tr("&Name"), line(contact.name if contact else ""))
        dialog.add("organisation", self.tr("&Organisation"), line(contact.organisation if contact else ""))
        dialog.add("job_title", self.tr("&Job title"), line(contact.job_title if contact else ""))
        dialog.add("email", self.tr("&Email"), line(contact.email if contact else ""))
        dialog.add("phone", self.tr("&Phone"), line(contact.phone if contact else ""))
        dialog.add("roles", self.tr("&Roles for our group"),
                   CheckList(choices(EsteemRole), contact.roles if contact else ()))
        dialog.add("notes", self.tr("No&tes"), text_box(contact.notes if contact else "", lines=2))

    def add(self) -> None:
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Add a contact"), lambda: contacts_service.add_contact(group, **values))

        dialog = FormDialog(self, self.tr("Add a contact"), submit, ok_text=self.tr("Add contact"))
        self._contact_form(dialog, None)
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def edit(self) -> None:
        contact = selected_row(self.table)
        if contact is None:
            self.ctx.status(self.tr("Choose a contact first."))
            return
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> None:
            self.ctx.change(self.tr("Change {name}'s details").format(name=contact.name),
                            lambda: contacts_service.update_contact(group, contact.id, **values))

        dialog = FormDialog(self, contact.name, submit, ok_text=self.tr("Save changes"))
        self._contact_form(dialog, contact)
        dialog.accepted.connect(lambda: (self.ctx.changed(), self.select_contact(contact.id)))
        self.dialog = dialog
        dialog.open()

    def delete(self) -> None:
        contact = selected_row(self.table)
        if contact is None:
            self.ctx.status(self.tr("Choose a contact first."))
            return
        group = self.ctx.group
        answer = QMessageBox.question(self, self.tr("Delete contact"), self.tr(
            "Delete {name} and the support they gave from the list? Edit ▸ Undo (Ctrl+Z) brings them back.").format(
            name=contact.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.change(self.tr("Delete {name}").format(name=contact.name),
                            lambda: contacts_service.delete_contact(group, contact.id))
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
        self.ctx.changed()

    def log_support(self) -> None:
        contact = selected_row(self.table)
        if contact is None:
            self.ctx.status(self.tr("Choose a contact first."))
            return
        group = self.ctx.group
        first_role = min(contact.roles, default=EsteemRole.RESOURCE_BUILDER)
        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Log support from {name}").format(name=contact.name),
                                   lambda: contacts_service.log_support(group, contact.id, **values))

        dialog = FormDialog(self, self.tr("Support from {name}").format(name=contact.name), submit,
                            ok_text=self.tr("Log support"))
        dialog.add("given_on", self.tr("&When"), date_edit(self.ctx.today()))
        dialog.add("role", self.tr("&Role"), combo(choices(EsteemRole), first_role))
        dialog.add("what", self.tr("&What they did"), text_box(lines=3))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()
