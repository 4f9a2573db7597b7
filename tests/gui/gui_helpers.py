"""Helpers for driving the window by keyboard, as a user without a mouse would."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

TODAY = date(2026, 3, 10)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key wherever the focus is."""
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def modal(qtbot) -> QWidget:
    """The dialog that has just opened."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=2000)
    widget = QApplication.activeModalWidget()
    assert widget is not None
    qtbot.waitExposed(widget)
    back_to(qtbot, widget)
    return widget


def back_to(qtbot, window: QWidget) -> None:
    """Make ``window`` the active one, as a desktop's window manager does when a dialog opens or closes."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def png_bytes() -> bytes:
    """A small real PNG (a teal rectangle), as a photo a user might choose."""
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)
