"""Our group: the profile, the aims, who can join, and the confidentiality agreement with who has agreed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import boundaries as boundaries_service
from coordinator_app.services import group as group_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services.agreement import AgreementHow
from coordinator_app.services.boundaries import PractitionerWelcome
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.meetings import MeetingStatus

from ..forms import CheckList, FieldForm, FormDialog, ask_to_save, check, combo, date_edit, line, text_box
from ..i18n import tr
from ..labels import choices, word
from ..reports.printing import print_agreement
from ..screen_fit import sized_for_screen
from ..tables import Column, RowsModel, make_table, selected_row, show_date
from .base import Page, PageContext
from .widgets import button, button_row, heading, narrow, note, section


def decided_at(day: date | None) -> str:
    return tr("the meeting of {day}").format(day=show_date(day)) if day else ""


AIM_COLUMNS = (
    Column("#", lambda a: str(a.position + 1), sort_key=lambda a: a.position, align_right=True),
    Column("Aim", lambda a: a.text),
    Column("Status", lambda a: word(a.status)),
    Column("Set on", lambda a: show_date(a.set_on), sort_key=lambda a: a.set_on),
    Column("Last reviewed", lambda a: ("⚠ due for review — " if a.needs_review else "") + show_date(a.reviewed_on),
           sort_key=lambda a: a.reviewed_on),
    Column("Decided at", lambda a: decided_at(a.decided_on), sort_key=lambda a: a.decided_on),
)
VERSION_COLUMNS = (
    Column("Version", lambda v: str(v.number), sort_key=lambda v: v.number, align_right=True),
    Column("From", lambda v: show_date(v.effective_from), sort_key=lambda v: v.effective_from),
    Column("Agreed", lambda v: str(v.agreed_count), sort_key=lambda v: v.agreed_count, align_right=True),
    Column("Decided at", lambda v: decided_at(v.decided_on), sort_key=lambda v: v.decided_on),
    Column("Text", lambda v: v.text.replace("\n", " ")[:120]),
)
BOUNDARY_COLUMNS = (
    Column("In force from", lambda b: show_date(b.effective_from), sort_key=lambda b: b.effective_from),
    Column("Who is welcome", lambda b: b.who_is_welcome.replace("\n", " ")),
    Column("Relatives and carers", lambda b: "Welcome" if b.relatives_and_carers_welcome else "Not welcome"),
    Column("Practitioners", lambda b: word(b.practitioners)),
    Column("Age range", lambda b: b.age_range),
    Column("Area", lambda b: b.area),
    Column("How newcomers join", lambda b: b.how_newcomers_join.replace("\n", " ")),
)
STATUS_COLUMNS = (
    Column("Member", lambda m: m.name),
    Column("Agreed to the current version", lambda m: "Yes" if m.agreed_current else "Not yet"),
    Column("Newest version agreed", lambda m: str(m.agreed_version or "none"), sort_key=lambda m: m.agreed_version),
    Column("On", lambda m: show_date(m.agreed_on), sort_key=lambda m: m.agreed_on),
    Column("How", lambda m: word(m.how) if m.how else ""),
)


def _tab(*parts: Any) -> QWidget:
    """A tab holding ``parts`` top to bottom; tables take the spare height, else it goes below."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part, 1 if isinstance(part, QAbstractItemView) else 0)
        else:
            layout.addLayout(part)
    if not any(isinstance(part, QAbstractItemView) for part in parts):
        layout.addStretch(1)
    return tab


class OurGroupPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Our group")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the group's charter"))
        layout.addWidget(self.tabs, 1)
        self.dialog: Any = None

        # -- profile ---------------------------------------------------------------------------------
        self.profile_form = FieldForm()
        self.profile_form.add("name", self.tr("Group &name"), line())
        self.profile_form.add("about", self.tr("What the group is &about"), text_box(lines=3))
        self.profile_form.add("area", self.tr("A&rea it serves"), line())
        self.save_profile_button = button(self.tr("Sa&ve profile"))
        self.save_profile_button.clicked.connect(self.save_profile)
        self.tabs.addTab(_tab(self.profile_form, button_row(self.save_profile_button)), self.tr("Profile"))
        self.tab_keys = ["profile"]

        # -- aims ------------------------------------------------------------------------------------
        self.aims_model = RowsModel(AIM_COLUMNS, self)
        self.aims_table = make_table(self.aims_model, self.tr("Aims"), sortable=False)
        self.aims_table.horizontalHeader().setStretchLastSection(False)
        self.aims_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.show_closed = check(self.tr("Show achieved and retired aims"))
        self.show_closed.setAccessibleName(self.show_closed.text())
        self.show_closed.toggled.connect(lambda _on: self.refresh())
        self.add_aim_button = button(self.tr("&Add aim…"))
        self.edit_aim_button = button(self.tr("&Edit…"))
        self.up_button = button(self.tr("Move &up"))
        self.down_button = button(self.tr("Move do&wn"))
        self.achieved_button = button(self.tr("Mark a&chieved…"))
        self.reviewed_button = button(self.tr("Mark re&viewed"))
        self.retire_button = button(self.tr("Re&tire…"))
        self.add_aim_button.clicked.connect(self.add_aim)
        self.edit_aim_button.clicked.connect(self.edit_aim)
        self.up_button.clicked.connect(lambda: self.move_aim(-1))
        self.down_button.clicked.connect(lambda: self.move_aim(1))
        self.achieved_button.clicked.connect(lambda: self.close_aim(achieved=True))
        self.retire_button.clicked.connect(lambda: self.close_aim(achieved=False))
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.tabs.addTab(_tab(
            note(self.tr("Clear aims strengthen the group. Review them together at least once a year.")),
            button_row(self.add_aim_button, self.edit_aim_button, self.up_button, self.down_button),
            button_row(self.achieved_button, self.reviewed_button, self.retire_button, self.show_closed),
            self.aims_table), self.tr("Aims"))
        self.tab_keys.append("aims")

        # -- who can join ----------------------------------------------------------------------------
        self.bounds_form = FieldForm()
        self.bounds_form.add("who_is_welcome", self.tr("&Who is welcome"), text_box(lines=3))
        self.bounds_form.add("relatives_and_carers_welcome", "", check(self.tr("&Relatives and carers are welcome")))
        self.bounds_form.add("practitioners", self.tr("&Practitioners"), combo(choices(PractitionerWelcome)))
        self.bounds_form.add("age_range", self.tr("A&ge range"), line(placeholder=self.tr("For example: 18 and over")))
        self.bounds_form.add("area", self.tr("A&rea"), line())
        self.bounds_form.add("how_newcomers_join", self.tr("How &newcomers join"), text_box(lines=3))
        self.bounds_form.add("effective_from", self.tr("In &force from"), date_edit(ctx.today()))
        self.bounds_note = note()
        self.save_bounds_button = button(self.tr("Sa&ve who can join"),
                                         self.tr("Saves a new dated version; earlier versions are kept"))
        self.save_bounds_button.clicked.connect(self.save_boundaries)
        self.bounds_history_button = button(self.tr("Ear&lier versions…"),
                                            self.tr("Every version of who can join, newest first"))
        self.bounds_history_button.clicked.connect(self.boundary_history)
        self.tabs.addTab(_tab(self.bounds_note, self.bounds_form,
                              button_row(self.save_bounds_button, self.bounds_history_button)),
                         self.tr("Who can join"))
        self.tab_keys.append("who_can_join")

        # -- confidentiality agreement -----------------------------------------------------------------
        self.current_text = QPlainTextEdit()
        self.current_text.setReadOnly(True)
        self.current_text.setAccessibleName(self.tr("Current agreement text"))
        self.current_text.setMaximumHeight(140)
        self.versions_model = RowsModel(VERSION_COLUMNS, self)
        self.versions_table = make_table(self.versions_model, self.tr("Agreement versions"), sortable=False)
        self.status_model = RowsModel(STATUS_COLUMNS, self)
        self.status_table = make_table(self.status_model, self.tr("Who has agreed"))
        self.publish_button = button(self.tr("&Publish a new version…"),
                                     self.tr("Everyone will be asked to agree to the new version"))
        self.record_agreement_button = button(self.tr("Record &agreement…"),
                                              self.tr("Tick everyone who agreed, all at once"))
        self.print_agreement_button = button(self.tr("Pr&int agreement"),
                                             self.tr("The current agreement with lines to sign, as a PDF"))
        self.link_version_button = button(self.tr("Decided at &meeting…"),
                                          self.tr("Say which meeting agreed the version chosen in All versions"))
        self.link_version_button.clicked.connect(self.link_version)
        self.publish_button.clicked.connect(self.publish)
        self.record_agreement_button.clicked.connect(self.record_agreement)
        self.print_agreement_button.clicked.connect(self.print_agreement)
        self.agreement_note = note()
        self.tabs.addTab(_tab(
            self.agreement_note,
            button_row(self.publish_button, self.record_agreement_button, self.print_agreement_button),
            section(self.tr("Current text")), self.current_text, section(self.tr("Who has agreed")),
            self.status_table, section(self.tr("All versions")), button_row(self.link_version_button),
            self.versions_table),
            self.tr("Confidentiality agreement"))
        self.tab_keys.append("agreement")
        self.aims_table.selectionModel().selectionChanged.connect(lambda *_a: self._aim_buttons())
        self.profile_form.watch_changes()
        self.bounds_form.watch_changes()

    # -- reading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        group, today = self.ctx.group, self.ctx.today()
        if not self.profile_form.dirty:  # never overwrite what the user is typing
            profile = group_service.get_profile(group)
            widgets = self.profile_form.widgets
            widgets["name"].setText(profile.name)
            widgets["about"].setPlainText(profile.about)
            widgets["area"].setText(profile.area)
            self.profile_form.dirty = False

        keep = selected_row(self.aims_table)
        self.aims_model.set_rows(aims_service.list_aims(group, include_closed=self.show_closed.isChecked(),
                                                        today=today))
        if keep is not None:
            self.select_aim(keep.id)
        self._aim_buttons()

        bounds = boundaries_service.current_boundaries(group, today=today)
        b = self.bounds_form.widgets
        if bounds is not None and not self.bounds_form.dirty:
            b["who_is_welcome"].setPlainText(bounds.who_is_welcome)
            b["relatives_and_carers_welcome"].setChecked(bounds.relatives_and_carers_welcome)
            b["practitioners"].setCurrentIndex(max(0, b["practitioners"].findData(bounds.practitioners)))
            b["age_range"].setText(bounds.age_range)
            b["area"].setText(bounds.area)
            b["how_newcomers_join"].setPlainText(bounds.how_newcomers_join)
            self.bounds_note.setText(self.tr("In force since {day}. Saving records a new version.").format(
                day=show_date(bounds.effective_from)))
            self.bounds_form.dirty = False
        elif bounds is None:
            self.bounds_note.setText(self.tr("Not written down yet. Who is the group for?"))

        current = agreement_service.current_agreement(group, today=today)
        self.versions_model.set_rows(agreement_service.agreement_versions(group))
        self.status_model.set_rows(agreement_service.agreement_status(group, today=today))
        if current is None:
            self.current_text.setPlainText("")
            self.agreement_note.setText(self.tr(
                "The group has no confidentiality agreement yet. Publish the first version when the group "
                "has agreed its words."))
        else:
            missing = sum(1 for m in self.status_model.rows if not m.agreed_current)
            self.current_text.setPlainText(current.text)
            waiting = self.tr("There are no members yet to agree to it.") if not self.status_model.rows else \
                self.tr("Every current member has agreed to it.") if missing == 0 else \
                self.tr("1 current member has not agreed to it yet.") if missing == 1 else \
                self.tr("{n} current members have not agreed to it yet.").format(n=missing)
            self.agreement_note.setText(self.tr("Version {v}, in force since {day}. {waiting}").format(
                v=current.number, day=show_date(current.effective_from), waiting=waiting))
        self.record_agreement_button.setEnabled(current is not None)
        self.print_agreement_button.setEnabled(current is not None)

    def show_tab(self, key: str) -> None:
        """Bring the named part of the charter to the front ("profile", "aims", "who_can_join", "agreement")."""
        self.tabs.setCurrentIndex(self.tab_keys.index(key))
        self.tabs.currentWidget().setFocus()

    def may_leave(self) -> bool:
        for form, what, save in ((self.profile_form, self.tr("the group's profile"), self.save_profile),
                                 (self.bounds_form, self.tr("who can join"), self.save_boundaries)):
            if not form.dirty:
                continue
            answer = ask_to_save(self, what)
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not save():
                return False
            form.dirty = False
        return True

    def select_aim(self, aim_id: int) -> None:
        for row, aim in enumerate(self.aims_model.rows):
            if aim.id == aim_id:
                self.aims_table.selectionModel().setCurrentIndex(
                    self.aims_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _aim_buttons(self) -> None:
        has = selected_row(self.aims_table) is not None
        for widget in (self.edit_aim_button, self.up_button, self.down_button, self.achieved_button,
                       self.retire_button, self.reviewed_button):
            widget.setEnabled(has)

    def _try(self, action: Any) -> bool:
        try:
            action()
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
            return False
        self.ctx.changed()
        return True

    # -- profile -------------------------------------------------------------------------------------
    def save_profile(self) -> bool:
        values = self.profile_form.values()
        group = self.ctx.group
        try:
            self.ctx.change(self.tr("Change the group's profile"),
                            lambda: group_service.update_profile(group, **values))
        except ValidationError as error:
            self.profile_form.show_error(error)
            return False
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return False
        self.profile_form.clear_errors()
        self.profile_form.dirty = False
        self.ctx.changed()
        self.ctx.status(self.tr("Profile saved."))
        return True

    # -- aims ----------------------------------------------------------------------------------------
    def add_aim(self) -> None:
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Add an aim"), lambda: aims_service.add_aim(group, **values))

        dialog = FormDialog(self, self.tr("Add an aim"), submit, ok_text=self.tr("Add aim"))
        dialog.add("text", self.tr("The &aim"), text_box(lines=3))
        dialog.add("set_on", self.tr("&Agreed on"), date_edit(self.ctx.today()))
        dialog.add("decided_at_meeting_id", self.tr("Decided at &meeting"), self._meeting_choice(None))
        dialog.accepted.connect(lambda: (self.ctx.changed(), self.select_aim(dialog.result_value)))
        self.dialog = dialog
        dialog.open()

    def edit_aim(self) -> None:
        aim = selected_row(self.aims_table)
        if aim is None:
            return
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> None:
            self.ctx.change(self.tr("Edit an aim"), lambda: aims_service.edit_aim(group, aim.id, **values))

        dialog = FormDialog(self, self.tr("Edit the aim"), submit, ok_text=self.tr("Save"))
        dialog.add("text", self.tr("The &aim"), text_box(aim.text, lines=3))
        dialog.add("decided_at_meeting_id", self.tr("Decided at &meeting"),
                   self._meeting_choice(aim.decided_at_meeting_id))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def move_aim(self, step: int) -> None:
        aim = selected_row(self.aims_table)
        current = [a for a in self.aims_model.rows if str(a.status) == "current"]
        if aim is None or aim not in current:
            return
        order = [a.id for a in current]
        i = order.index(aim.id)
        j = i + step
        if not 0 <= j < len(order):
            return
        order[i], order[j] = order[j], order[i]
        group = self.ctx.group
        if self._try(lambda: self.ctx.change(self.tr("Reorder aims"), lambda: aims_service.reorder_aims(group, order))):
            self.select_aim(aim.id)

    def mark_reviewed(self) -> None:
        aim = selected_row(self.aims_table)
        if aim is None:
            return
        group, today = self.ctx.group, self.ctx.today()
        self._try(lambda: self.ctx.change(self.tr("Mark an aim reviewed"),
                                          lambda: aims_service.mark_reviewed(group, aim.id, on=today)))

    def close_aim(self, *, achieved: bool) -> None:
        aim = selected_row(self.aims_table)
        if aim is None:
            return
        group = self.ctx.group
        service = aims_service.mark_achieved if achieved else aims_service.retire_aim

        def submit(values: dict[str, Any]) -> None:
            self.ctx.change(title, lambda: service(group, aim.id, **values))

        title = self.tr("Our aim was achieved") if achieved else self.tr("Retire this aim")
        dialog = FormDialog(self, title, submit, intro=aim.text,
                            ok_text=self.tr("Mark achieved") if achieved else self.tr("Retire aim"))
        dialog.add("on", self.tr("&On"), date_edit(self.ctx.today()))
        dialog.add("note", self.tr("&What happened (optional)"), text_box(lines=2))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    # -- who can join --------------------------------------------------------------------------------
    def save_boundaries(self) -> bool:
        values, group = self.bounds_form.values(), self.ctx.group
        try:
            self.ctx.change(self.tr("Save who can join"), lambda: boundaries_service.set_boundaries(group, **values))
        except ValidationError as error:
            self.bounds_form.show_error(error)
            return False
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return False
        self.bounds_form.clear_errors()
        self.bounds_form.dirty = False
        self.ctx.changed()
        self.ctx.status(self.tr("Saved who can join."))
        return True

    def boundary_history(self) -> None:
        """Every version of who can join, newest first; choosing one shows it in full below."""
        versions = boundaries_service.boundary_history(self.ctx.group)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Who can join: every version"))
        sized_for_screen(dialog, QSize(760, 560))
        box = QVBoxLayout(dialog)
        model = RowsModel(BOUNDARY_COLUMNS[:2], dialog)  # the chosen version is shown in full below
        model.set_rows(versions)
        table = make_table(model, self.tr("Versions of who can join, newest first"), sortable=False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(note(self.tr("Each save keeps the earlier version, so the group can see how its boundaries "
                                   "changed.") if versions else self.tr("Nothing saved yet.")))
        box.addWidget(table, 2)
        detail = note()
        detail.setTextFormat(Qt.TextFormat.PlainText)
        detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        box.addWidget(detail, 3)

        def show(*_args: object) -> None:
            chosen = selected_row(table)
            detail.setText("" if chosen is None else "\n".join(
                f"{column.heading}: {column.text(chosen)}" for column in BOUNDARY_COLUMNS
                if column.text(chosen)))

        table.selectionModel().currentRowChanged.connect(show)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        box.addWidget(buttons)
        if versions:
            table.selectRow(0)
        show()
        table.setFocus()
        dialog.table = table  # type: ignore[attr-defined]
        dialog.detail = detail  # type: ignore[attr-defined]
        self.dialog = dialog
        dialog.open()

    # -- agreement -----------------------------------------------------------------------------------
    def publish(self) -> None:
        group = self.ctx.group
        current = agreement_service.current_agreement(group, today=self.ctx.today())

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Publish a new version of the agreement"),
                                   lambda: agreement_service.publish_agreement(group, **values))

        dialog = FormDialog(self, self.tr("Publish a new version of the agreement"), submit,
                            ok_text=self.tr("Publish"),
                            intro=self.tr("Once it is in force, every member is asked to agree to the new version."))
        dialog.add("text", self.tr("The &agreement"), text_box(current.text if current else "", lines=10))
        dialog.add("effective_from", self.tr("In &force from"), date_edit(self.ctx.today()))
        dialog.add("decided_at_meeting_id", self.tr("Decided at &meeting"), self._meeting_choice(None))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def link_version(self) -> None:
        """Say which meeting agreed the chosen version of the agreement."""
        version = selected_row(self.versions_table)
        if version is None:
            self.ctx.status(self.tr("Choose a version in All versions first."))
            return
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> None:
            self.ctx.change(self.tr("Say which meeting agreed version {v}").format(v=version.number),
                            lambda: agreement_service.set_decided_at(group, version.id, **values))

        dialog = FormDialog(self, self.tr("Which meeting agreed version {v}?").format(v=version.number), submit,
                            ok_text=self.tr("Save"))
        dialog.add("decided_at_meeting_id", self.tr("Decided at &meeting"),
                   self._meeting_choice(version.decided_at_meeting_id))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def _meeting_choice(self, current: int | None) -> Any:
        """The meetings held so far, newest first, to say which one decided something (or that nobody said)."""
        today = self.ctx.today()
        held = [m for m in meetings_service.list_meetings(self.ctx.group, when="all", today=today)
                if m.held_on <= today and m.status != MeetingStatus.CANCELLED]
        return narrow(combo([(self.tr("(not said)"), None)]
                            + [(show_date(m.held_on) + (f" — {m.topic}" if m.topic else ""), m.id) for m in held],
                            current))

    def record_agreement(self) -> None:
        group, today = self.ctx.group, self.ctx.today()
        current = agreement_service.current_agreement(group, today=today)
        if current is None:
            QMessageBox.information(self, self.tr("No agreement yet"), self.tr("Publish the agreement first."))
            return
        waiting = agreement_service.members_not_agreed(group, today=today)
        if not waiting:
            QMessageBox.information(self, self.tr("Everyone has agreed"),
                                    self.tr("Every current member has agreed to version {v}.").format(v=current.number))
            return

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Record agreement to version {v}").format(v=current.number),
                                   lambda: agreement_service.record_agreement(group, version_id=current.id, **values))

        dialog = FormDialog(self, self.tr("Record agreement to version {v}").format(v=current.number), submit,
                            ok_text=self.tr("Record agreement"),
                            intro=self.tr("Tick everyone who agreed (Space ticks the chosen name)."))
        dialog.add("member_ids", self.tr("&Members who agreed"), CheckList((m.name, m.member_id) for m in waiting))
        dialog.add("agreed_on", self.tr("Agreed &on"), date_edit(today))
        dialog.add("how", self.tr("&How"), combo(choices(AgreementHow), AgreementHow.SIGNED_PAPER))
        dialog.accepted.connect(lambda: (self.ctx.changed(), self.ctx.status(
            self.tr("Recorded {n} agreement(s).").format(n=dialog.result_value))))
        self.dialog = dialog
        dialog.open()

    def print_agreement(self) -> Path | None:
        """The current agreement with signature lines, made in the background and opened."""
        return print_agreement(self.ctx, busy=(self.print_agreement_button,))
