"""The parts of the record dialog that say who chaired, who sent apologies, newcomers by name, and the minutes.

Kept apart from ``record_meeting.py`` so that dialog stays about its two-minute flow; each part gives
``record_meeting``'s keyword arguments through ``values()``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from coordinator_app.services.meetings import MeetingRecord
from coordinator_app.services.members import MemberSummary

from ..forms import CheckList, text_box
from .widgets import narrow, note

NOBODY = ""


def labelled(text: str, widget: QWidget, *, wrap: bool = False) -> QLabel:
    """A caption for ``widget`` (its buddy, so Alt+letter reaches it); a long one on a line of its own wraps
    rather than widen the dialog (one beside its box stays on one line, which a row can give height to)."""
    label = QLabel(text)
    label.setBuddy(widget)
    label.setWordWrap(wrap)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    return label


def wrapped(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    return label


class WhoElse(QWidget):
    """The chair (a member chosen, or any name typed), apologies (members ticked) and newcomers by name."""

    def __init__(self, meeting: MeetingRecord, members: list[MemberSummary], *, count_only: bool) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.members = {m.name: m.id for m in members}
        self.chair = narrow(QComboBox())
        self.chair.setEditable(True)
        self.chair.addItem(NOBODY)
        self.chair.addItems([m.name for m in members])
        names = {m.id: m.name for m in members}
        self.chair.setCurrentText(names.get(meeting.chair_member_id, "") if meeting.chair_member_id is not None
                                  else meeting.chair_name)
        self.chair.lineEdit().setPlaceholderText(self.tr("Choose a member or type a name"))
        layout.addWidget(labelled(self.tr("C&hair:"), self.chair))
        layout.addWidget(self.chair)

        self.apologies = CheckList(((m.name, m.id) for m in members), meeting.apology_ids)
        self.apologies.setMinimumHeight(90)
        self.apologies.setMaximumHeight(120)
        self.apologies.setObjectName("apologies")
        self.apologies_label = labelled(self.tr("A&pologies from (type a name, Space ticks):"), self.apologies,
                                         wrap=True)
        layout.addWidget(self.apologies_label)
        layout.addWidget(self.apologies)

        self.newcomer = QLineEdit()
        self.newcomer.setPlaceholderText(self.tr("A newcomer's name, then Enter (optional)"))
        self.newcomer_label = labelled(self.tr("New&comer by name:"), self.newcomer)
        layout.addWidget(self.newcomer_label)
        layout.addWidget(self.newcomer)
        self.newcomers = QListWidget()
        self.newcomers.setAccessibleName(self.tr("Newcomers to add as members"))
        self.newcomers.setMaximumHeight(70)
        self.newcomers.setToolTip(self.tr("Select one and press Delete to remove it"))
        self.newcomers.installEventFilter(self)
        layout.addWidget(self.newcomers)
        self.newcomer_note = note(self.tr("Each becomes a member who joined on the day of this meeting, "
                                          "marked as present. The Newcomers count is for those not named."))
        layout.addWidget(self.newcomer_note)
        self.newcomer.returnPressed.connect(self.add_newcomer)
        for widget in (self.apologies_label, self.apologies, self.newcomer_label, self.newcomer, self.newcomers,
                       self.newcomer_note):
            widget.setVisible(not count_only)
        self.count_only = count_only

    def add_newcomer(self) -> None:
        name = self.newcomer.text().strip()
        if name:
            self.newcomers.addItem(name)
            self.newcomer.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.newcomers and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.newcomers.currentRow() >= 0:
            self.newcomers.takeItem(self.newcomers.currentRow())
            return True
        return super().eventFilter(watched, event)

    def values(self) -> dict[str, Any]:
        self.add_newcomer()  # a name typed but not yet added with Enter is meant to be kept
        chair = self.chair.currentText().strip()
        member = self.members.get(chair)
        return {
            "chair_member_id": member, "chair_name": "" if member is not None else chair,
            "apologies": () if self.count_only else tuple(self.apologies.value()),
            "newcomer_names": tuple(self.newcomers.item(r).text() for r in range(self.newcomers.count())),
        }

    def changed_from(self, meeting: MeetingRecord) -> bool:
        now = self.values()
        return (now["chair_member_id"], now["chair_name"]) != (meeting.chair_member_id, meeting.chair_name) \
            or set(now["apologies"]) != set(meeting.apology_ids) or bool(now["newcomer_names"])


class MinutesBox(QWidget):
    """The minutes, and whether they may be shared, with what will print said in words beside the tick."""

    def __init__(self, meeting: MeetingRecord) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = text_box(meeting.minutes, lines=3)
        self.text.setPlaceholderText(self.tr("What was talked about, for the printed minutes"))
        layout.addWidget(labelled(self.tr("M&inutes:"), self.text))
        layout.addWidget(self.text)
        self.shareable = QCheckBox(self.tr("These minutes may be shar&ed"))
        self.shareable.setChecked(meeting.minutes_shareable)
        layout.addWidget(self.shareable)
        self.prints = note()
        layout.addWidget(self.prints)
        self.shareable.toggled.connect(self._say_what_prints)
        self._say_what_prints()

    def _say_what_prints(self, *_args: object) -> None:
        if self.shareable.isChecked():
            self.prints.setText(self.tr("The printed minutes will include these words. Names of members who "
                                        "have not agreed to be named are left out."))
        else:
            self.prints.setText(self.tr("Not shared: the printed minutes will say only “What was said at this "
                                        "meeting stays within the group.”"))

    def values(self) -> dict[str, Any]:
        return {"minutes": self.text.toPlainText(), "minutes_shareable": self.shareable.isChecked()}
