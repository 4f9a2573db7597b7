"""Small building blocks the pages share: a page heading, section titles, a labelled search box."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ..flow import FlowLayout


def _title(text: str, name: str) -> QLabel:
    """A title whose size comes from the style sheet (``ui/style.py``), so it follows the text size at once."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)  # a long group name wraps rather than widening the window
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # spare height goes elsewhere
    return label


def heading(text: str) -> QLabel:
    return _title(text, "pageTitle")


def section(text: str) -> QLabel:
    return _title(text, "sectionTitle")


def note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def button(text: str, tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    if tip:
        widget.setToolTip(tip)
        widget.setAccessibleDescription(tip)
    return widget


def button_row(*buttons: QWidget) -> FlowLayout:
    """Buttons left to right, wrapping onto another row where the page is too narrow for them all."""
    row = FlowLayout()
    for widget in buttons:
        row.addWidget(widget)
    return row


def search_box(label_text: str, placeholder: str) -> tuple[QLabel, QLineEdit]:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setAccessibleName(label_text.replace("&", ""))
    label = QLabel(label_text)
    label.setBuddy(edit)
    return label, edit


def narrow(box: QComboBox) -> QComboBox:
    """A list box as wide as its place allows, not as wide as its longest entry (at Largest text that scrolls)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


def card(title: str) -> tuple[QFrame, QVBoxLayout]:
    """A framed box with a title, for the Home page's summaries."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.addWidget(section(title))
    return frame, layout
