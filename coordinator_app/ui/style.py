"""The look shared by every page: a readable base font, big click targets, colours from the system.

No colours are set here, so light and dark follow the operating system's scheme; only sizes are.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

DEFAULT_TEXT_SIZE = 12
TEXT_SIZES = (11, 12, 14, 16, 18)
MIN_TARGET = 36

_SHEET = f"""
QPushButton, QToolButton, QLineEdit, QComboBox, QSpinBox, QDateEdit, QTimeEdit {{ min-height: {MIN_TARGET - 8}px; }}
QPushButton {{ padding: 4px 14px; }}
QListWidget#sidebar::item {{ padding-left: 10px; }}
QListView#attendance::item {{ padding: 5px; }}
QLabel#fieldError {{ color: palette(bright-text); background: #b3261e; padding: 3px 6px; border-radius: 3px; }}
QLabel#banner {{ background: #fff4ce; color: #3b2f00; padding: 8px; border: 1px solid #c9a400; }}
QFrame#card {{ border: 1px solid palette(mid); border-radius: 6px; }}
"""


def apply_look(app: QApplication, text_size: int = DEFAULT_TEXT_SIZE) -> None:
    """Set the base font size (never below 11pt) and the size rules for controls."""
    font = QFont(app.font())
    font.setPointSize(max(11, int(text_size)))
    app.setFont(font)
    app.setStyleSheet(_SHEET)
