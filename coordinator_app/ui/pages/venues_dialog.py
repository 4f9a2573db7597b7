"""Meetings ▸ Venues…: the places the group meets, to add one or change one (a new address, a new hire charge)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QVBoxLayout, QWidget

from coordinator_app.services import venues as venues_service
from coordinator_app.services.money.amounts import format_pence, parse_pence
from coordinator_app.services.venues import VenueView

from ..forms import FormDialog, line, text_box
from ..tables import Column, RowsModel, make_table, select_where, selected_row
from .base import PageContext
from .widgets import button, button_row, note

VENUE_COLUMNS = (
    Column("Venue", lambda v: v.name),
    Column("Address", lambda v: v.address.replace("\n", ", ")),
    Column("Cost", lambda v: format_pence(v.cost_pence) if v.cost_pence else "free",
           sort_key=lambda v: v.cost_pence, align_right=True),
)


class VenuesDialog(QDialog):
    def __init__(self, parent: QWidget, ctx: PageContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form_dialog: FormDialog | None = None
        self.setWindowTitle(self.tr("Venues"))
        self.setMinimumSize(760, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr("Places where the group meets. Choose one when planning a meeting.")))
        self.add_button = button(self.tr("&Add a venue…"))
        self.change_button = button(self.tr("&Change…"), self.tr("Its name, address, access or cost"))
        self.add_button.clicked.connect(self.add)
        self.change_button.clicked.connect(self.change)
        layout.addLayout(button_row(self.add_button, self.change_button))
        self.model = RowsModel(VENUE_COLUMNS, self)
        self.table = make_table(self.model, self.tr("Venues"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.change())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._buttons())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self, chosen: int | None = None) -> None:
        keep = chosen if chosen is not None else getattr(selected_row(self.table), "id", None)
        self.model.set_rows(venues_service.list_venues(self.ctx.group))
        if keep is not None:
            select_where(self.table, lambda venue: venue.id == keep)
        elif self.model.rows:
            self.table.selectRow(0)
        self._buttons()

    def _buttons(self) -> None:
        self.change_button.setEnabled(selected_row(self.table) is not None)

    def _form(self, title: str, ok_text: str, submit: Any, venue: VenueView | None) -> FormDialog:
        dialog = FormDialog(self, title, submit, ok_text=ok_text)
        dialog.setMinimumWidth(680)  # room for the address beside its caption at Largest text
        dialog.add("name", self.tr("&Name"), line(venue.name if venue else "",
                                                  placeholder=self.tr("For example: St Mary's Church Hall")))
        dialog.add("address", self.tr("&Address"), text_box(venue.address if venue else "", lines=2))
        access = dialog.add("access_notes", self.tr("A&ccess"), text_box(venue.access_notes if venue else "", lines=2))
        access.setPlaceholderText(self.tr("Steps, parking, a hearing loop, the nearest bus"))
        dialog.add("cost", self.tr("C&ost of each meeting (£)"),
                   line(format_pence(venue.cost_pence, symbol=False) if venue and venue.cost_pence else "",
                        placeholder="0.00"))
        dialog.accepted.connect(lambda: self.refresh(dialog.result_value))
        self.form_dialog = dialog
        dialog.open()
        return dialog

    def _values(self, values: dict[str, Any]) -> dict[str, Any]:
        cost = values.pop("cost").strip()
        values["cost_pence"] = parse_pence(cost, field="cost", label=self.tr("The cost")) if cost else 0
        return values

    def add(self) -> None:
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            values = self._values(values)
            return self.ctx.change(self.tr("Add the venue {name}").format(name=values["name"].strip()),
                                   lambda: venues_service.add_venue(group, **values))

        self._form(self.tr("Add a venue"), self.tr("Add venue"), submit, None)

    def change(self) -> None:
        venue: VenueView | None = selected_row(self.table)
        if venue is None:
            return
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            values = self._values(values)
            self.ctx.change(self.tr("Change the venue {name}").format(name=venue.name),
                            lambda: venues_service.update_venue(group, venue.id, **values))
            return venue.id

        self._form(self.tr("Change the venue {name}").format(name=venue.name), self.tr("Save"), submit, venue)
