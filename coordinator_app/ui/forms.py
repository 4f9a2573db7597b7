"""Labelled form fields with room for a plain-words problem next to each, and a dialog built from them.

A service raises ``ValidationError(field, sentence)``; the form shows the sentence under the widget
registered for that field (or at the top when no widget matches), moves the focus there, and changes
nothing else. Every widget added here gets a label whose buddy it is, so screen readers and
Alt-shortcuts reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt, QTime
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.services.errors import ChangeConflict, NotFound, StorageError, ValidationError

from .i18n import tr

DATE_FORMAT = "d MMM yyyy"
DIALOG_WIDTH = 520


def line(text: str = "", *, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def text_box(text: str = "", *, lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # Tab moves on, so keyboard users never get stuck in a text box
    height = lines * box.fontMetrics().lineSpacing() + 16
    box.setMinimumHeight(height)
    box.setMaximumHeight(height * 2)
    return box


class DateEdit(QDateEdit):
    """A date box that Tab leaves (Left and Right move between day, month and year), like every other field."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class TimeEdit(QTimeEdit):
    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


def date_edit(value: date | None = None) -> QDateEdit:
    edit = DateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(QDate(value) if value else QDate.currentDate())
    return edit


def time_edit(value: time | None = None) -> QTimeEdit:
    edit = TimeEdit()
    edit.setDisplayFormat("HH:mm")
    edit.setTime(QTime(value) if value else QTime(19, 0))
    return edit


def spin(value: int = 0, *, maximum: int = 9999) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setValue(value)
    box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
    return box


def combo(items: Iterable[tuple[str, Any]], current: Any = None) -> QComboBox:
    box = QComboBox()
    for label, data in items:
        box.addItem(label, data)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


def combo_with_text(suggestions: Iterable[str]) -> QComboBox:
    """A box to type in, offering common answers; its value is the text shown."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(suggestions))
    box.setCurrentText("")
    return box


def check(text: str, checked: bool = False) -> QCheckBox:
    box = QCheckBox(text)
    box.setChecked(checked)
    return box


class CheckList(QListView):
    """A list of (label, value) with a tick box each; Space ticks. ``value()`` is the ticked values."""

    def __init__(self, items: Iterable[tuple[str, Any]], ticked: Iterable[Any] = ()) -> None:
        super().__init__()
        chosen = set(ticked)
        self.items = QStandardItemModel(self)
        for label, data in items:
            item = QStandardItem(label)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if data in chosen else Qt.CheckState.Unchecked)
            item.setData(data, Qt.ItemDataRole.UserRole)
            self.items.appendRow(item)
        self.setModel(self.items)
        self.setObjectName("attendance")
        self.setMinimumHeight(180)

    def value(self) -> list[Any]:
        return [self.items.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.items.rowCount())
                if self.items.item(row).checkState() == Qt.CheckState.Checked]

    def set_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for row in range(self.items.rowCount()):
            self.items.item(row).setCheckState(state)


class PhotoPicker(QWidget):
    """A "Choose a photo…" button that reads a PNG or JPEG file; ``value()`` is its bytes (or None)."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.choose = QPushButton(tr("Choose a photo…"))
        self.clear = QPushButton(tr("No photo"))
        self.label = QLabel(tr("No photo chosen."))
        self.label.setWordWrap(True)  # at Largest text the buttons keep their room
        row.addWidget(self.choose)
        row.addWidget(self.clear)
        row.addWidget(self.label, 1)
        self.photo: bytes | None = None
        self.choose.clicked.connect(self.pick)
        self.clear.clicked.connect(lambda: self.set_photo(None, ""))

    def setAccessibleName(self, name: str) -> None:  # the buttons are what a screen reader reaches
        super().setAccessibleName(name)
        self.choose.setAccessibleName(f"{name}: {self.choose.text()}")
        self.clear.setAccessibleName(f"{name}: {self.clear.text()}")

    def pick(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, tr("Choose a photo"), "",
                                                      tr("Photos (*.png *.jpg *.jpeg)"))
        if not chosen:
            return
        try:
            data = Path(chosen).read_bytes()
        except OSError as error:
            QMessageBox.warning(self, tr("Cannot read the photo"), str(error.strerror or error))
            return
        self.set_photo(data, Path(chosen).name)

    def set_photo(self, data: bytes | None, name: str) -> None:
        self.photo = data
        self.label.setText(tr("{name} ({size} KB)").format(name=name, size=len(data) // 1024) if data
                           else tr("No photo chosen."))

    def value(self) -> bytes | None:
        return self.photo


def value_of(widget: QWidget) -> Any:
    """The Python value a form widget holds: text, date, time, number, chosen data or a tick."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QTimeEdit):
        return widget.time().toPython()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, CheckList | PhotoPicker):
        return widget.value()
    raise TypeError(f"no value for {type(widget).__name__}")


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("fieldError")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


class FieldForm(QWidget):
    """A QFormLayout whose rows each have a label (buddy of the widget) and a hidden problem line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.general_error = _error_label()
        outer.addWidget(self.general_error)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.layout_)
        self.widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self.dirty = False  # set by any edit once watch_changes() is on; the page clears it after loading

    def watch_changes(self) -> None:
        for widget in self.widgets.values():
            for name in ("textChanged", "currentIndexChanged", "dateChanged", "valueChanged", "toggled"):
                signal = getattr(widget, name, None)
                if signal is not None:
                    signal.connect(self._touched)

    def _touched(self, *_args: object) -> None:
        self.dirty = True

    def add(self, field: str, label: str, widget: QWidget) -> Any:
        """Add a labelled row for ``field``; a QCheckBox carries its own text, so it gets no separate label."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = _error_label()
        column.addWidget(error)
        if isinstance(widget, QCheckBox):
            self.layout_.addRow("", holder)
            widget.setAccessibleName(widget.text().replace("&", ""))
        else:
            caption = QLabel(label)
            caption.setBuddy(widget)
            caption.setContentsMargins(0, 0, 2, 0)  # a last letter that overhangs its advance is not cut off
            self.layout_.addRow(caption, holder)
            widget.setAccessibleName(label.replace("&", ""))
        self.widgets[field] = widget
        self._errors[field] = error
        return widget

    def values(self) -> dict[str, Any]:
        return {field: value_of(widget) for field, widget in self.widgets.items()}

    def clear_errors(self) -> None:
        self.general_error.hide()
        for label in self._errors.values():
            label.hide()

    def show_error(self, error: ValidationError) -> None:
        """Show the sentence beside its field (with a warning sign, so meaning is not in colour alone)."""
        self.clear_errors()
        label = self._errors.get(error.field, self.general_error)
        label.setText("⚠ " + error.message)
        label.show()
        widget = self.widgets.get(error.field)
        if widget is not None:
            widget.setFocus()


def ask_to_save(parent: QWidget, what: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel, asked before unsaved edits would be lost."""
    return QMessageBox.question(
        parent, tr("Unsaved changes"), tr("Save your changes to {what}?").format(what=what),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save)


def explain(parent: QWidget, error: Exception) -> None:
    """Tell the user, in one sentence, why something they asked for did not happen."""
    if isinstance(error, ChangeConflict):  # undo or redo refused: the sentence says what moved on
        QMessageBox.warning(parent, tr("Nothing changed"), str(error))
        return
    if isinstance(error, ValidationError | StorageError):
        message = str(error)
    elif isinstance(error, NotFound):
        message = tr("That item is no longer in this group file; it may have been deleted.")
    else:
        raise error
    QMessageBox.warning(parent, tr("Not saved"), message)


class FormDialog(QDialog):
    """A dialog of labelled fields that stays open, showing the problem, until ``submit`` succeeds.

    ``submit(values)`` calls a service; a ValidationError it raises is shown beside its field.
    """

    def __init__(self, parent: QWidget, title: str, submit: Callable[[dict[str, Any]], Any], *,
                 intro: str = "", ok_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.form = FieldForm()
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add(self, field: str, label: str, widget: QWidget) -> Any:
        return self.form.add(field, label, widget)

    def sizeHint(self) -> QSize:
        """Roomy to start with; the layout alone decides how small it may become (a fixed minimum would
        let the window be narrower than its fields and cut their labels short)."""
        return super().sizeHint().expandedTo(QSize(DIALOG_WIDTH, 0))

    def accept(self) -> None:
        try:
            self.result_value = self._submit(self.form.values())
        except ValidationError as error:
            self.form.show_error(error)
            return
        except (StorageError, NotFound) as error:
            explain(self, error)
            return
        super().accept()
