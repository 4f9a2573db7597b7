"""RECORD A MEETING: who came, chair and apologies, newcomers and guests, decisions, good things, notes,
minutes and actions.

Built for the two minutes after a meeting, from the keyboard: the focus starts in "Find a member";
typing narrows the list and Enter ticks the first match, ready for the next name. Alt+D, Alt+G and
Alt+A jump to decisions, good things and actions, where Enter adds what was typed. Ctrl+Enter saves.
Anything typed but not yet added is kept when saving, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.meetings import ActionInput, DecisionInput, DecisionMethod, GoodThingInput, MeetingRecord
from coordinator_app.services.members import MemberSummary

from ..forms import combo, date_edit, explain, spin, text_box
from ..labels import choices, word
from ..screen_fit import ScrollDown, sized_for_screen
from ..tables import fold, show_date
from .record_extras import MinutesBox, WhoElse, labelled, wrapped
from .widgets import narrow, note, section

PRESENT_ROLE = Qt.ItemDataRole.UserRole + 10
FOLD_ROLE = Qt.ItemDataRole.UserRole + 11


class _FoldFilter(QSortFilterProxyModel):
    """Keeps members whose folded name holds every word typed into "Find a member"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Any) -> bool:
        haystack = self.sourceModel().index(row, 0, parent).data(FOLD_ROLE) or ""
        return all(word in haystack for word in self.words)


class RecordMeetingDialog(QDialog):
    def __init__(self, parent: QWidget, *, meeting: MeetingRecord, members: list[MemberSummary],
                 count_only: bool, today: date, save: Callable[..., MeetingRecord]) -> None:
        """``save`` takes ``record_meeting``'s keyword arguments; the page passes one that Undo can take back."""
        super().__init__(parent)
        self.save = save
        self.meeting = meeting
        self.today = today
        self.count_only = count_only
        self.saved: MeetingRecord | None = None
        self.setWindowTitle(self.tr("Record the meeting of {day}").format(day=show_date(meeting.held_on)))
        sized_for_screen(self, QSize(980, 700))
        self._errors: dict[str, QLabel] = {}

        outer = QVBoxLayout(self)
        keys = self.tr("Alt+D adds a decision, Alt+G a good thing, Alt+A an action. Ctrl+Enter saves.")
        first = self.tr("Type how many members came.") if count_only else \
            self.tr("Type a name and press Enter to tick who came.")
        outer.addWidget(note(f"{first} {keys}"))
        self.general_error = self._error_label("")
        body = QWidget()
        outer.addWidget(ScrollDown(body), 1)
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        # -- who came --------------------------------------------------------------------------------
        left.addWidget(wrapped(section(self.tr("Who came"))))
        self.find = QLineEdit()
        self.people = QStandardItemModel(self)
        self.filter = _FoldFilter(self)
        self.filter.setSourceModel(self.people)
        self.present_list = QListView()
        self.members_count = spin(meeting.members_count or 0)
        if count_only:
            left.addWidget(labelled(self.tr("&Members who came:"), self.members_count))
            left.addWidget(self.members_count)
            self.find.hide()
            self.present_list.hide()
        else:
            self.members_count.hide()
            for member in members:
                shown = member.name if not member.preferred_name else f"{member.name} ({member.preferred_name})"
                item = QStandardItem(shown)
                item.setEditable(False)
                item.setCheckable(True)
                item.setCheckState(Qt.CheckState.Checked if member.id in meeting.present_ids
                                   else Qt.CheckState.Unchecked)
                item.setData(member.id, PRESENT_ROLE)
                item.setData(fold(f"{member.name} {member.preferred_name}"), FOLD_ROLE)
                self.people.appendRow(item)
            self.find.setPlaceholderText(self.tr("Type part of a name, then Enter"))
            self.find.setClearButtonEnabled(True)
            left.addWidget(labelled(self.tr("&Find a member:"), self.find))
            left.addWidget(self.find)
            self.present_list.setModel(self.filter)
            self.present_list.setAccessibleName(self.tr("Members present"))
            self.present_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            self.present_list.setMinimumHeight(150)
            self.present_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.present_list.setObjectName("attendance")
            left.addWidget(self.present_list, 1)
            self.find.textChanged.connect(self._find_changed)
            self.find.returnPressed.connect(self._tick_first_match)
            self.find.installEventFilter(self)
            self.people.itemChanged.connect(lambda _item: self._count_ticked())
        self.ticked_label = note()
        left.addWidget(self.ticked_label)
        left.addWidget(self._error_label("present"))
        left.addWidget(self._error_label("members_count"))
        counts = QGridLayout()  # one count a row: side by side they would not fit at Largest text
        self.newcomers = spin(meeting.newcomers)
        self.guests = spin(meeting.guests)
        counts.addWidget(labelled(self.tr("&Newcomers:"), self.newcomers), 0, 0)
        counts.addWidget(self.newcomers, 0, 1)
        counts.addWidget(labelled(self.tr("G&uests:"), self.guests), 1, 0)
        counts.addWidget(self.guests, 1, 1)
        counts.setColumnStretch(1, 1)
        left.addLayout(counts)
        left.addWidget(self._error_label("newcomers"))
        left.addWidget(self._error_label("guests"))
        self.who_else = WhoElse(meeting, members, count_only=count_only)
        left.addWidget(self.who_else)
        for field in ("chair", "apologies", "newcomer_names"):
            left.addWidget(self._error_label(field))
        self.notes = text_box(meeting.confidential_notes, lines=2)
        left.addWidget(labelled(self.tr("Confidential n&otes (never printed):"), self.notes, wrap=True))
        left.addWidget(self.notes)
        left.addWidget(self._error_label("confidential_notes"))
        self.minutes = MinutesBox(meeting)
        left.addWidget(self.minutes)
        left.addWidget(self._error_label("minutes"))

        # -- decisions -------------------------------------------------------------------------------
        right.addWidget(wrapped(section(self.tr("Decisions"))))
        self.decision_text = QLineEdit()
        self.decision_text.setPlaceholderText(self.tr("What the group decided, then Enter"))
        right.addWidget(labelled(self.tr("&Decision:"), self.decision_text))
        right.addWidget(self.decision_text)
        self.method = narrow(combo(choices(DecisionMethod), DecisionMethod.CONSENSUS))
        self.votes_for, self.votes_against, self.abstentions = spin(), spin(), spin()
        votes = QGridLayout()
        votes.addWidget(labelled(self.tr("Decided &by:"), self.method), 0, 0)
        votes.addWidget(self.method, 0, 1, 1, 3)
        for place, (text, box) in enumerate(((self.tr("For:"), self.votes_for),
                                             (self.tr("Against:"), self.votes_against),
                                             (self.tr("Abstained:"), self.abstentions))):
            row, column = 1 + place // 2, (place % 2) * 2  # two to a row, so the column stays narrow
            votes.addWidget(labelled(text, box), row, column)
            votes.addWidget(box, row, column + 1)
        votes.setColumnStretch(1, 1)
        votes.setColumnStretch(3, 1)
        right.addLayout(votes)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self.decisions_list = self._item_list(self.tr("Decisions added"))
        right.addWidget(self.decisions_list)
        right.addWidget(self._error_label("decisions"))
        self.decisions: list[DecisionInput] = list(meeting.decisions)
        self.decision_text.returnPressed.connect(self._add_decision)

        # -- good things -----------------------------------------------------------------------------
        right.addWidget(wrapped(section(self.tr("Good things shared"))))
        self.good_text = QLineEdit()
        self.good_text.setPlaceholderText(self.tr("Something good someone shared, then Enter"))
        right.addWidget(labelled(self.tr("&Good thing:"), self.good_text))
        right.addWidget(self.good_text)
        self.good_by = narrow(combo([(self.tr("(anonymous)"), None)] + [(m.name, m.id) for m in members]))
        self.good_named = QCheckBox(self.tr("Print their name wi&th it"))
        good_row = QHBoxLayout()
        good_row.addWidget(labelled(self.tr("Shared b&y:"), self.good_by))
        good_row.addWidget(self.good_by, 1)
        right.addLayout(good_row)
        right.addWidget(self.good_named)
        self.good_list = self._item_list(self.tr("Good things added"))
        right.addWidget(self.good_list)
        right.addWidget(self._error_label("good_things"))
        self.good_things: list[GoodThingInput] = list(meeting.good_things)
        self.good_text.returnPressed.connect(self._add_good_thing)

        # -- actions ---------------------------------------------------------------------------------
        right.addWidget(wrapped(section(self.tr("Actions (they become jobs)"))))
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(self.tr("What needs doing, then Enter"))
        right.addWidget(labelled(self.tr("&Action:"), self.action_text))
        right.addWidget(self.action_text)
        self.action_who = narrow(combo([(self.tr("(nobody yet)"), None)] + [(m.name, m.id) for m in members]))
        self.action_due = date_edit(None)
        self.action_due.setDate(self.action_due.minimumDate())
        self.action_due.setSpecialValueText(self.tr("(by the next meeting)"))
        who_row = QGridLayout()
        who_row.addWidget(labelled(self.tr("&Who:"), self.action_who), 0, 0)
        who_row.addWidget(self.action_who, 0, 1)
        who_row.addWidget(labelled(self.tr("D&ue:"), self.action_due), 1, 0)
        who_row.addWidget(self.action_due, 1, 1)
        right.addLayout(who_row)
        self.actions_list = self._item_list(self.tr("Actions added"))
        right.addWidget(self.actions_list)
        right.addWidget(self._error_label("actions"))
        right.addStretch(1)  # the left column is the longer: the spare height goes below the actions
        self.actions: list[ActionInput] = [
            ActionInput(title=a.title, member_id=a.member_id, due_on=a.due_on, job_id=a.job_id)
            for a in meeting.actions
        ]
        self.names = {m.id: m.name for m in members}
        self.action_text.returnPressed.connect(self._add_action)
        right.addStretch(1)  # spare height goes below the last list, not between a caption and its box

        outer.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save the record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self._show_lists()
        self._count_ticked()
        # Too narrow a screen (or too large text) for the two columns side by side: one above the other.
        room = self.screen().availableGeometry().width() - 2 * outer.contentsMargins().left() - 40
        if body.minimumSizeHint().width() > room:
            columns.setDirection(QBoxLayout.Direction.TopToBottom)
        (self.members_count if count_only else self.find).setFocus()

    # -- building blocks -------------------------------------------------------------------------------
    def _error_label(self, field: str) -> QLabel:
        label = QLabel()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        if field:
            self._errors[field] = label
        return label

    def _item_list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setMaximumHeight(90)
        widget.setWordWrap(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setToolTip(self.tr("Select one and press Delete to remove it"))
        widget.installEventFilter(self)
        return widget

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter adds a name, decision or good thing; only Ctrl+Enter (or the Save button) saves.
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.find and event.key() == Qt.Key.Key_Down:
                self.present_list.setFocus()
                if not self.present_list.currentIndex().isValid() and self.filter.rowCount():
                    self.present_list.setCurrentIndex(self.filter.index(0, 0))
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and watched in (
                    self.decisions_list, self.good_list, self.actions_list):
                self._remove_selected(watched)  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    # -- who came ---------------------------------------------------------------------------------------
    def _find_changed(self, text: str) -> None:
        self.filter.set_text(text)
        if self.filter.rowCount():
            self.present_list.setCurrentIndex(self.filter.index(0, 0))

    def _tick_first_match(self) -> None:
        """Enter in "Find a member": tick the first unticked match, then clear the box for the next name."""
        if not self.find.text().strip():
            return
        for row in range(self.filter.rowCount()):
            source = self.filter.mapToSource(self.filter.index(row, 0))
            item = self.people.itemFromIndex(source)
            if item.checkState() == Qt.CheckState.Unchecked:
                item.setCheckState(Qt.CheckState.Checked)
                break
        self.find.clear()

    def present_ids(self) -> list[int]:
        return [self.people.item(row).data(PRESENT_ROLE) for row in range(self.people.rowCount())
                if self.people.item(row).checkState() == Qt.CheckState.Checked]

    def _count_ticked(self) -> None:
        if self.count_only:
            self.ticked_label.setText("")
            return
        names = [self.people.item(r).text() for r in range(self.people.rowCount())
                 if self.people.item(r).checkState() == Qt.CheckState.Checked]
        shown = ", ".join(names[:6]) + (self.tr(" and {n} more").format(n=len(names) - 6) if len(names) > 6 else "")
        self.ticked_label.setText(self.tr("{n} ticked: {names}").format(n=len(names), names=shown) if names
                                  else self.tr("Nobody ticked yet."))

    # -- lists of decisions, good things, actions ------------------------------------------------------
    def _method_changed(self, *_args: object) -> None:
        by_hands = self.method.currentData() == DecisionMethod.SHOW_OF_HANDS
        for box in (self.votes_for, self.votes_against, self.abstentions):
            box.setEnabled(by_hands)

    def _add_decision(self) -> None:
        text = self.decision_text.text().strip()
        if not text:
            return
        method = self.method.currentData()
        hands = method == DecisionMethod.SHOW_OF_HANDS
        self.decisions.append(DecisionInput(
            text=text, method=method,
            votes_for=self.votes_for.value() if hands else None,
            votes_against=self.votes_against.value() if hands else None,
            abstentions=self.abstentions.value() if hands else None))
        self.decision_text.clear()
        self._show_lists()

    def _add_good_thing(self) -> None:
        text = self.good_text.text().strip()
        if text:
            by = self.good_by.currentData()
            self.good_things.append(GoodThingInput(text=text, shared_by_id=by,
                                                   name_shareable=by is not None and self.good_named.isChecked()))
            self.good_text.clear()
            self.good_named.setChecked(False)
            self._show_lists()

    def _add_action(self) -> None:
        text = self.action_text.text().strip()
        if not text:
            return
        due = self.action_due.date().toPython() if self.action_due.date() != self.action_due.minimumDate() else None
        self.actions.append(ActionInput(title=text, member_id=self.action_who.currentData(), due_on=due))
        self.action_text.clear()
        self._show_lists()

    def _remove_selected(self, widget: QListWidget) -> None:
        row = widget.currentRow()
        if row < 0:
            return
        items = {id(self.decisions_list): self.decisions, id(self.good_list): self.good_things,
                 id(self.actions_list): self.actions}[id(widget)]
        del items[row]
        self._show_lists()

    def _describe_decision(self, d: DecisionInput) -> str:
        if d.method == DecisionMethod.SHOW_OF_HANDS:
            return self.tr("{text} (show of hands: {f} for, {a} against, {x} abstained)").format(
                text=d.text, f=d.votes_for or 0, a=d.votes_against or 0, x=d.abstentions or 0)
        return f"{d.text} ({word(d.method).lower()})"

    def _show_lists(self) -> None:
        self.decisions_list.clear()
        self.decisions_list.addItems([self._describe_decision(d) for d in self.decisions])
        self.good_list.clear()
        self.good_list.addItems([
            g.text + (f" — {self.names.get(g.shared_by_id, '')}" if g.name_shareable else "")
            for g in self.good_things])
        self.actions_list.clear()
        self.actions_list.addItems([
            a.title + (f" — {self.names.get(a.member_id, '')}" if a.member_id else "")
            + (f" ({self.tr('due')} {show_date(a.due_on)})" if a.due_on else "")
            for a in self.actions])

    # -- saving -------------------------------------------------------------------------------------------
    def _extras_changed(self) -> bool:
        minutes = self.minutes.values()
        return (minutes["minutes"].strip(), minutes["minutes_shareable"]) != \
            (self.meeting.minutes.strip(), self.meeting.minutes_shareable) or self.who_else.changed_from(self.meeting)

    def _has_typing(self) -> bool:
        return any(box.text().strip() for box in (self.decision_text, self.good_text, self.action_text))

    def accept(self) -> None:
        # Words typed but not yet added with Enter are meant to be kept.
        self._add_decision()
        self._add_good_thing()
        self._add_action()
        for label in (*self._errors.values(), self.general_error):
            label.hide()
        try:
            self.saved = self.save(
                present=() if self.count_only else self.present_ids(),
                members_count=self.members_count.value() if self.count_only else None,
                newcomers=self.newcomers.value(), guests=self.guests.value(),
                decisions=tuple(self.decisions), good_things=tuple(self.good_things),
                confidential_notes=self.notes.toPlainText(), actions=tuple(self.actions), today=self.today,
                **self.minutes.values(), **self.who_else.values())
        except ValidationError as error:
            label = self._errors.get(error.field, self.general_error)
            label.setText("⚠ " + error.message)
            label.show()
            return
        except (StorageError, NotFound) as error:
            explain(self, error)
            return
        super().accept()

    def reject(self) -> None:
        if self._has_typing() or self._extras_changed() or self.decisions != list(self.meeting.decisions) or \
                self.good_things != list(self.meeting.good_things) or \
                (not self.count_only and set(self.present_ids()) != set(self.meeting.present_ids)):
            answer = QMessageBox.question(
                self, self.tr("Leave without saving?"),
                self.tr("You have entered things that are not saved yet. Close and lose them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
