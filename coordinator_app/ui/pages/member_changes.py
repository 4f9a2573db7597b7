"""Changing what a member has given or holds: withdraw a consent, end a role, and their times away.

Withdrawing must be as easy as giving (UK GDPR), so it is one button and a date. Every change goes
through ``ctx.change`` so Ctrl+Z takes it back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coordinator_app.services import members as members_service
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.members import MemberDetail, TimeAway

from ..forms import FormDialog, combo, date_edit, line
from ..labels import word
from ..tables import show_date
from .base import PageContext
from .widgets import button, note


def history_lines(detail: MemberDetail, tr: Any) -> list[str]:
    """Roles and consents over time, each with its dates, the ended and withdrawn ones included."""
    lines = []
    for r in detail.roles:
        until = tr("until {day}").format(day=show_date(r.ended_on)) if r.ended_on else tr("to now")
        lines.append(tr("Role: {role}, from {start} {until}").format(role=r.role, start=show_date(r.started_on),
                                                                  until=until))
    for c in detail.consents:
        ended = tr(", withdrawn on {day}").format(day=show_date(c.withdrawn_on)) if c.withdrawn_on else ""
        lines.append(tr("Consent: {kind}, given on {day} ({how}){ended}").format(
            kind=word(c.kind), day=show_date(c.given_on), how=word(c.how).lower(), ended=ended))
    for away in detail.away:
        lines.append(tr("Away: {span}").format(span=describe_away(away, tr)))
    return lines


def describe_away(away: TimeAway, tr: Any) -> str:
    span = show_date(away.starts_on) if away.starts_on == away.ends_on else \
        tr("{start} to {end}").format(start=show_date(away.starts_on), end=show_date(away.ends_on))
    return f"{span} ({away.reason})" if away.reason else span


def withdraw_consent(parent: QWidget, ctx: PageContext, detail: MemberDetail) -> FormDialog:
    """A dialog: which of the member's current consents, and on what day they withdrew it."""
    current = [c for c in detail.consents if c.withdrawn_on is None]

    def submit(values: dict[str, Any]) -> None:
        ctx.change(parent.tr("Withdraw a consent from {name}").format(name=detail.name),
                   lambda: members_service.withdraw_consent(ctx.group, detail.id, **values))

    dialog = FormDialog(parent, parent.tr("{name} withdraws a consent").format(name=detail.name), submit,
                        ok_text=parent.tr("Withdraw consent"),
                        intro=parent.tr("From this day the group stops doing what this consent allowed. "
                                        "The record stays, with both dates."))
    dialog.add("kind", parent.tr("&Consent"), combo((word(c.kind), c.kind) for c in current))
    dialog.add("withdrawn_on", parent.tr("&Withdrawn on"), date_edit(ctx.today()))
    dialog.open()
    return dialog


def end_role(parent: QWidget, ctx: PageContext, detail: MemberDetail) -> FormDialog:
    """A dialog: which of the member's roles ends, and on what day."""
    held = [r for r in detail.roles if r.ended_on is None]

    def submit(values: dict[str, Any]) -> None:
        ctx.change(parent.tr("End a role for {name}").format(name=detail.name),
                   lambda: members_service.end_role(ctx.group, values["role"], ended_on=values["ended_on"]))

    dialog = FormDialog(parent, parent.tr("{name} steps down from a role").format(name=detail.name), submit,
                        ok_text=parent.tr("End the role"),
                        intro=parent.tr("The role stays in their history with the dates it was held."))
    dialog.add("role", parent.tr("&Role"), combo(
        (parent.tr("{role} (since {day})").format(role=r.role, day=show_date(r.started_on)), r.id) for r in held))
    dialog.add("ended_on", parent.tr("&Last day"), date_edit(ctx.today()))
    dialog.open()
    return dialog


class TimeAwayDialog(QDialog):
    """A member's times away (holidays, hospital, caring): add, change or remove; the rota skips them."""

    def __init__(self, parent: QWidget, ctx: PageContext, member_id: int, name: str) -> None:
        super().__init__(parent)
        self.ctx, self.member_id, self.name = ctx, member_id, name
        self.setWindowTitle(self.tr("Times {name} is away").format(name=name))
        self.setMinimumWidth(560)
        self.form_dialog: FormDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr("Days {name} cannot take a turn at a job. The rota passes over them on "
                                      "those days.").format(name=name)))
        self.spells = QListWidget()
        self.spells.setAccessibleName(self.tr("Times away"))
        layout.addWidget(self.spells, 1)
        self.add_button = button(self.tr("&Add a time away…"))
        self.change_button = button(self.tr("&Change…"))
        self.remove_button = button(self.tr("&Remove"))
        row = QHBoxLayout()
        for widget in (self.add_button, self.change_button, self.remove_button):
            row.addWidget(widget)
        row.addStretch()
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.change_button.clicked.connect(lambda: self.edit(self.current()))
        self.remove_button.clicked.connect(self.remove)
        self.spells.itemActivated.connect(lambda _item: self.edit(self.current()))
        self.spells.currentRowChanged.connect(lambda _row: self._enable())
        self.reload()

    def reload(self) -> None:
        detail = members_service.get_member(self.ctx.group, self.member_id, today=self.ctx.today())
        self.spells.clear()
        for away in detail.away:
            item = QListWidgetItem(describe_away(away, self.tr))
            item.setData(Qt.ItemDataRole.UserRole, away)
            self.spells.addItem(item)
        if not detail.away:
            self.spells.addItem(self.tr("No times away recorded."))
            self.spells.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.spells.setCurrentRow(0)
        self._enable()

    def current(self) -> TimeAway | None:
        item = self.spells.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _enable(self) -> None:
        has = self.current() is not None
        self.change_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def edit(self, away: TimeAway | None) -> None:
        """Add a time away (``away`` None) or change one."""
        group, member_id = self.ctx.group, self.member_id

        def submit(values: dict[str, Any]) -> None:
            if away is None:
                self.ctx.change(self.tr("Add a time away for {name}").format(name=self.name),
                                lambda: members_service.add_unavailability(group, member_id, **values))
            else:
                self.ctx.change(self.tr("Change a time away for {name}").format(name=self.name),
                                lambda: members_service.change_unavailability(group, away.id, **values))

        dialog = FormDialog(self, self.tr("Away from… to…") if away is None else self.tr("Change a time away"),
                            submit, ok_text=self.tr("Save"))
        today = self.ctx.today()
        dialog.add("starts_on", self.tr("&First day away"), date_edit(away.starts_on if away else today))
        dialog.add("ends_on", self.tr("&Last day away"), date_edit(away.ends_on if away else today))
        dialog.add("reason", self.tr("&Reason (optional)"), line(away.reason if away else "",
                                                                  placeholder=self.tr("Holiday, hospital…")))
        dialog.accepted.connect(self.reload)
        self.form_dialog = dialog
        dialog.open()
        dialog.form.widgets["starts_on"].setFocus()

    def remove(self) -> None:
        away = self.current()
        if away is None:
            return
        try:
            self.ctx.change(self.tr("Remove a time away for {name}").format(name=self.name),
                            lambda: members_service.remove_unavailability(self.ctx.group, away.id))
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
        self.reload()
