"""Small building blocks the pages share: a page heading, section titles, a labelled search box."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


def _scaled(label: QLabel, factor: float) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(True)
    label.setFont(font)
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    return _scaled(label, 1.5)


def section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return _scaled(label, 1.15)


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


def button_row(*buttons: QWidget, stretch: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in buttons:
        row.addWidget(widget)
    if stretch:
        row.addStretch()
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
