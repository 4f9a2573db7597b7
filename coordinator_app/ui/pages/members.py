"""Members: a searchable, sortable list and a form for the chosen member; join, leave, delete (undoable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.services import members as members_service
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.members import AgreementHow, ConsentKind, MemberDetail, MemberKind, MemberSummary

from .. import data_rights
from ..forms import FieldForm, FormDialog, ask_to_save, combo, combo_with_text, date_edit, line, text_box
from ..labels import choices, word
from ..screen_fit import ScrollDown
from ..tables import ROW_ROLE as ROW
from ..tables import Column, RowsModel, SearchProxy, fold, make_table, show_date
from . import member_changes
from .base import Page, PageContext
from .member_import_dialog import MemberImportDialog
from .widgets import button, button_row, heading, note, search_box, section

COL_NAME, COL_KIND, COL_JOINED, COL_ROLES, COL_AGREED = range(5)
MEMBER_COLUMNS = (
    Column("Name", lambda m: f"{m.name} ({m.preferred_name})" if m.preferred_name else m.name,
           sort_key=lambda m: fold(m.name)),
    Column("Kind", lambda m: word(m.kind)),
    Column("Joined", lambda m: show_date(m.joined_on), sort_key=lambda m: m.joined_on),
    Column("Roles now", lambda m: ", ".join(m.roles_now)),
    Column("Agreed to the current agreement", lambda m: "Yes" if m.agreed_current else "Not yet"),
)


def member_fields(form: FieldForm, detail: MemberDetail | None, today: Any) -> None:
    """The editable member fields, shared by the Add dialog and the detail form."""
    form.add("name", form.tr("&Name"), line(detail.name if detail else ""))
    form.add("preferred_name", form.tr("&Preferred name"), line(detail.preferred_name if detail else "",
                                                                 placeholder=form.tr("What they like to be called")))
    form.add("kind", form.tr("&Kind"), combo(choices(MemberKind), detail.kind if detail else MemberKind.MEMBER))
    form.add("joined_on", form.tr("&Joined on"), date_edit(detail.joined_on if detail else today))
    form.add("email", form.tr("&Email"), line(detail.email if detail else ""))
    form.add("phone", form.tr("P&hone"), line(detail.phone if detail else ""))


class MembersPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Members")
        self.detail: MemberDetail | None = None
        self.dialog: Any = None
        self.dirty = False
        self._loading = False

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        search_label, self.search = search_box(self.tr("&Search:"), self.tr("Type part of a name or email"))
        self.show_former = QCheckBox(self.tr("Show &former members"))
        self.add_button = button(self.tr("&Add member…"), self.tr("Add someone who has joined the group"))
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_former)
        top.addWidget(self.add_button)
        self.review_button = button(self.tr("Revie&w former members…"),
                                    self.tr("People who left long ago, whose details may be erased"))
        top.addWidget(self.review_button)
        self.import_button = button(self.tr("Import a mem&ber list…"),
                                    self.tr("Add many members at once from a spreadsheet saved as CSV"))
        layout.addLayout(top)

        self.model = RowsModel(MEMBER_COLUMNS, self)
        self.proxy = SearchProxy(self.model, self)
        self.table = make_table(self.proxy, self.tr("Members"))
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.count_label = note()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.import_button)  # below the list, so the search box keeps its room at large text
        left_layout.addLayout(bottom)

        self.form_title = section(self.tr("Choose a member to see their details"))
        self.form = FieldForm()
        member_fields(self.form, None, ctx.today())
        self.form.add("address", self.tr("A&ddress"), text_box(lines=2))
        notes = self.form.add("private_notes", self.tr("Private &notes"), text_box(lines=3))
        notes.setPlaceholderText(self.tr("Never printed or exported in reports"))
        for widget in self.form.widgets.values():
            for signal in ("textChanged", "currentIndexChanged", "dateChanged"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(self._edited)
        self.save_button = button(self.tr("Sa&ve changes"))
        self.leave_button = button(self.tr("&Leave the group…"), self.tr("Record the date this member left"))
        self.rejoin_button = button(self.tr("&Rejoin"), self.tr("This member has come back"))
        self.delete_button = button(self.tr("&Delete member"), self.tr("Remove by mistake? Undo with Ctrl+Z."))
        self.role_button = button(self.tr("Add a r&ole…"), self.tr("Coordinator, treasurer, welcomer…"))
        self.consent_button = button(self.tr("Record &consent…"), self.tr("What this member agreed we may do"))
        self.withdraw_button = button(self.tr("Withdraw consen&t…"), self.tr("The member has changed their mind"))
        self.end_role_button = button(self.tr("Step down fro&m a role…"),
                                      self.tr("End a role on a date; it stays in their history"))
        self.away_button = button(self.tr("Times awa&y…"), self.tr("Days they cannot take a turn at a job"))
        self.export_button = button(self.tr("E&xport this person's data…"),
                                    self.tr("Everything the group holds about them, as a PDF and a JSON file"))
        self.erase_button = button(self.tr("Erase th&is person…"), self.tr("Wipe their personal details for good"))
        self.info = note()
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        right_inner = QWidget()
        right_layout = QVBoxLayout(right_inner)
        right_layout.addWidget(self.form_title)
        right_layout.addWidget(self.form)
        # As many buttons a row as fit beside the list; Leave and Rejoin are never shown together.
        right_layout.addLayout(button_row(
            self.save_button, self.leave_button, self.rejoin_button, self.role_button, self.end_role_button,
            self.consent_button, self.withdraw_button, self.away_button, self.delete_button, self.export_button,
            self.erase_button))
        right_layout.addWidget(self.info)
        right_layout.addStretch()
        self.details_area = ScrollDown(right_inner)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 500])
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self._search)
        self.show_former.toggled.connect(lambda _on: self.refresh())
        self.add_button.clicked.connect(self.add_member)
        self.save_button.clicked.connect(self.save)
        self.leave_button.clicked.connect(self.leave)
        self.rejoin_button.clicked.connect(self.rejoin)
        self.delete_button.clicked.connect(self.delete)
        self.role_button.clicked.connect(self.add_role)
        self.consent_button.clicked.connect(self.record_consent)
        self.withdraw_button.clicked.connect(lambda: self._open(member_changes.withdraw_consent))
        self.end_role_button.clicked.connect(lambda: self._open(member_changes.end_role))
        self.away_button.clicked.connect(self.times_away)
        self.export_button.clicked.connect(self.export_data)
        self.erase_button.clicked.connect(self.erase)
        self.review_button.clicked.connect(self.review_former)
        self.import_button.clicked.connect(self.import_list)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._show_detail(None)

    # -- list ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.detail.id if self.detail else None
        rows = members_service.list_members(self.ctx.group, include_former=self.show_former.isChecked(),
                                            today=self.ctx.today())
        self._loading = True
        self.model.set_rows(rows)
        self._loading = False
        self._update_count()
        if keep is not None and not self.select_member(keep):
            self._show_detail(None)
        elif keep is not None and not self.dirty:
            self._load(keep)

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = (self.tr("1 member") if total == 1 else self.tr("{n} members").format(n=total)) if shown == total else \
            self.tr("{shown} of {n} members match").format(shown=shown, n=total)
        self.count_label.setText(text)

    def select_member(self, member_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.rows[row].id == member_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if not index.isValid():
                    return False
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return True
        return False

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading:
            return
        summary: MemberSummary | None = current.siblingAtColumn(0).data(ROW) if current.isValid() else None
        if self.detail is not None and summary is not None and summary.id == self.detail.id:
            return
        if not self.may_leave():
            self._loading = True
            self.table.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self._loading = False
            return
        self._load(summary.id if summary else None)

    # -- detail --------------------------------------------------------------------------------------
    def _load(self, member_id: int | None) -> None:
        try:
            detail = members_service.get_member(self.ctx.group, member_id, today=self.ctx.today()) \
                if member_id is not None else None
        except NotFound:
            detail = None
        self._show_detail(detail)

    def _show_detail(self, detail: MemberDetail | None) -> None:
        self.detail = detail
        self._loading = True
        widgets = self.form.widgets
        widgets["name"].setText(detail.name if detail else "")
        widgets["preferred_name"].setText(detail.preferred_name if detail else "")
        kind = widgets["kind"]
        kind.setCurrentIndex(max(0, kind.findData(detail.kind if detail else MemberKind.MEMBER)))
        widgets["joined_on"].setDate(detail.joined_on if detail else self.ctx.today())
        widgets["email"].setText(detail.email if detail else "")
        widgets["phone"].setText(detail.phone if detail else "")
        widgets["address"].setPlainText(detail.address if detail else "")
        widgets["private_notes"].setPlainText(detail.private_notes if detail else "")
        self._loading = False
        self.form.clear_errors()
        self.dirty = False
        has = detail is not None
        self.form.setEnabled(has)
        for widget in (self.save_button, self.delete_button, self.role_button, self.consent_button,
                       self.export_button, self.erase_button, self.away_button):
            widget.setEnabled(has)
        self.withdraw_button.setEnabled(has and any(c.withdrawn_on is None for c in detail.consents))
        self.end_role_button.setEnabled(has and any(r.ended_on is None for r in detail.roles))
        self.leave_button.setVisible(not has or detail.left_on is None)
        self.leave_button.setEnabled(has)
        self.rejoin_button.setVisible(has and detail.left_on is not None)
        self.save_button.setEnabled(False)
        self.form_title.setText(detail.name if detail else self.tr("Choose a member to see their details"))
        self.info.setText(self._describe(detail) if detail else "")

    def _describe(self, d: MemberDetail) -> str:
        lines = []
        if d.left_on:
            lines.append(self.tr("Left the group on {day}.").format(day=show_date(d.left_on)))
        roles = [f"{r.role} ({self.tr('since')} {show_date(r.started_on)})" for r in d.roles if r.ended_on is None]
        lines.append(self.tr("Roles: {roles}").format(roles=", ".join(roles) if roles else self.tr("none")))
        consents = sorted(word(kind) for kind in d.current_consents)
        lines.append(self.tr("Consents: {list}").format(
            list="; ".join(consents) if consents else self.tr("none recorded")))
        if d.current_version is None:
            lines.append(self.tr("Confidentiality agreement: the group has not written one yet."))
        elif d.agreed_version == d.current_version:
            lines.append(self.tr("Confidentiality agreement: agreed to version {v} on {day}.").format(
                v=d.current_version, day=show_date(d.agreed_on)))
        else:
            lines.append(self.tr("Confidentiality agreement: ⚠ not yet agreed to the current version ({v}).").format(
                v=d.current_version))
        if d.attendance:
            recent = ", ".join(show_date(day) for day in reversed(d.attendance[-12:]))
            lines.append(self.tr("Came to {n} meetings. Most recent first: {days}{more}").format(
                n=len(d.attendance), days=recent, more=" …" if len(d.attendance) > 12 else "."))
        else:
            lines.append(self.tr("No meetings attended yet."))
        if d.jobs_done:
            recent = "; ".join(f"{title} ({show_date(day)})" for day, title in d.jobs_done[-5:])
            lines.append(self.tr("Jobs done: {n}. Most recent: {recent}").format(n=len(d.jobs_done), recent=recent))
        else:
            lines.append(self.tr("Jobs done: none yet."))
        history = member_changes.history_lines(d, self.tr)
        if history:
            lines += ["", self.tr("Over time:"), *history]
        return "\n".join(lines)

    def _edited(self, *_args: object) -> None:
        if not self._loading and self.detail is not None:
            self.dirty = True
            self.save_button.setEnabled(True)

    def may_leave(self) -> bool:
        if not self.dirty or self.detail is None:
            return True
        answer = ask_to_save(self, self.detail.name)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.dirty = False
            return True
        return False

    # -- actions -------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the form; a problem is shown beside its field and nothing is changed."""
        if self.detail is None:
            return True
        before = self.detail
        values = self.form.values()
        group, member_id = self.ctx.group, before.id
        try:
            self.ctx.change(self.tr("Edit {name}").format(name=before.name),
                            lambda: members_service.update_member(group, member_id, today=self.ctx.today(), **values))
        except ValidationError as error:
            self.form.show_error(error)
            return False
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return False
        self.dirty = False
        self.ctx.status(self.tr("Saved {name}.").format(name=values["name"].strip()))
        self.ctx.changed()
        return True

    def add_member(self) -> None:
        if not self.may_leave():
            return
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Add {name}").format(name=values["name"].strip()),
                                   lambda: members_service.add_member(group, **values))

        dialog = FormDialog(self, self.tr("Add a member"), submit, ok_text=self.tr("Add member"),
                            intro=self.tr("Only the name is needed. Collect as little as the group needs."))
        member_fields(dialog.form, None, self.ctx.today())
        dialog.accepted.connect(lambda: self._added(dialog.result_value))
        self.add_dialog = dialog
        dialog.open()

    def _added(self, member_id: int) -> None:
        self.search.clear()
        self.detail = None
        self.ctx.changed()
        self.select_member(member_id)
        self.ctx.status(self.tr("Member added."))

    def add_role(self) -> None:
        if self.detail is None or not self.may_leave():
            return
        group, member_id = self.ctx.group, self.detail.id
        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Give a role"), lambda: members_service.add_role(group, member_id, **values))

        dialog = FormDialog(self, self.tr("A role for {name}").format(name=self.detail.name), submit,
                            ok_text=self.tr("Add role"))
        dialog.add("role", self.tr("&Role"), combo_with_text(("coordinator", "treasurer", "secretary", "welcomer")))
        dialog.add("started_on", self.tr("&From"), date_edit(self.ctx.today()))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def record_consent(self) -> None:
        if self.detail is None or not self.may_leave():
            return
        group, member_id = self.ctx.group, self.detail.id
        missing = [kind for kind in ConsentKind if kind not in self.detail.current_consents]
        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Record a consent"),
                                   lambda: members_service.give_consent(group, member_id, **values))

        dialog = FormDialog(self, self.tr("Consent from {name}").format(name=self.detail.name), submit,
                            ok_text=self.tr("Record consent"),
                            intro=self.tr("Record only what the member has clearly agreed to."))
        dialog.add("kind", self.tr("&They agreed that"), combo((word(kind), kind) for kind in missing))
        dialog.add("given_on", self.tr("&On"), date_edit(self.ctx.today()))
        dialog.add("how", self.tr("&How"), combo(choices(AgreementHow), AgreementHow.SIGNED_PAPER))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def leave(self) -> None:
        if self.detail is None or not self.may_leave():
            return
        group, member_id, name = self.ctx.group, self.detail.id, self.detail.name

        def submit(values: dict[str, Any]) -> None:
            self.ctx.change(self.tr("{name} left").format(name=name),
                            lambda: members_service.leave_group(group, member_id, left_on=values["left_on"]))

        dialog = FormDialog(self, self.tr("{name} is leaving").format(name=name), submit,
                            ok_text=self.tr("Record leaving"),
                            intro=self.tr("Their history stays; they move to the former members."))
        dialog.add("left_on", self.tr("&Left on"), date_edit(self.ctx.today()))
        dialog.accepted.connect(self.ctx.changed)
        dialog.open()

    def rejoin(self) -> None:
        if self.detail is None or self.detail.left_on is None:
            return
        group, member_id = self.ctx.group, self.detail.id
        try:
            self.ctx.change(self.tr("{name} rejoined").format(name=self.detail.name),
                            lambda: members_service.rejoin_group(group, member_id))
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)

    def delete(self) -> None:
        if self.detail is None:
            return
        name, member_id, group = self.detail.name, self.detail.id, self.ctx.group
        answer = QMessageBox.question(
            self, self.tr("Delete member"),
            self.tr("Delete {name} from the group file? You can bring them back with Edit ▸ Undo (Ctrl+Z).")
            .format(name=name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.change(self.tr("Delete {name}").format(name=name),
                            lambda: members_service.delete_member(group, member_id))
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return
        self.dirty = False
        self._show_detail(None)
        self.ctx.changed()
        self.ctx.status(self.tr("Deleted {name}. Ctrl+Z brings them back.").format(name=name))

    # -- withdrawing, ending and times away (member_changes.py) ---------------------------------------
    def _open(self, make: Any) -> None:
        if self.detail is None or not self.may_leave():
            return
        self.dialog = make(self, self.ctx, self.detail)
        self.dialog.accepted.connect(self.ctx.changed)

    def times_away(self) -> None:
        if self.detail is None or not self.may_leave():
            return
        self.dialog = member_changes.TimeAwayDialog(self, self.ctx, self.detail.id, self.detail.name)
        self.dialog.finished.connect(lambda _result: self.ctx.changed())
        self.dialog.open()

    def import_list(self) -> None:
        if not self.may_leave():
            return
        self.dialog = MemberImportDialog(self, self.ctx)
        self.dialog.accepted.connect(self._imported)
        self.dialog.open()

    def _imported(self) -> None:
        result = self.dialog.result
        self.ctx.changed()
        if result is not None:
            self.ctx.status(self.tr("Imported {people}.").format(
                people=self.tr("1 member") if result.imported == 1 else
                self.tr("{n} members").format(n=result.imported)))

    # -- data rights (ui/data_rights.py) -------------------------------------------------------------
    def export_data(self) -> None:
        if self.detail is None or not self.may_leave():
            return
        name = self.detail.name
        saved = self.tr("Saved the data held about {name}: {files}")
        data_rights.export_person(self, self.ctx.group, self.detail.id, name, today=self.ctx.today(),
                                  done=lambda made: self.ctx.status(
                                      saved.format(name=name, files=", ".join(map(str, made)))))

    def erase(self) -> None:
        if self.detail is None or not self.may_leave():
            return
        name = self.detail.name

        def done(_report: object) -> None:
            self.ctx.undo.clear()  # earlier steps may refer to the person, who is gone for good
            self.ctx.changed()
            self.ctx.status(self.tr("{name} has been erased.").format(name=name))

        self.dialog = data_rights.erase_person(self, self.ctx.window, self.ctx.group, self.detail.id, name, done=done)

    def review_former(self) -> None:
        if not self.may_leave():
            return
        self.dialog = data_rights.RetentionDialog(self, self.ctx.window, self.ctx.group, today=self.ctx.today(),
                                                  changed=self.ctx.changed)
        self.dialog.open()
