"""Helpers for driving the window by keyboard, as a user without a mouse would."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from coordinator_app.ui.help import about_window, files_window, guide_window, shortcuts_window

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


def main_dialogs(window):
    """Open each main dialog of a window on the demo group in turn: yields (name, dialog), closing each after."""
    members = window.desktop.show_page("members")
    members.select_member(members.model.rows[0].id)
    meetings = window.desktop.show_page("meetings")
    meetings.select_meeting(meetings.upcoming_model.rows[0].id)
    for key, method in (("members", "add_member"), ("members", "add_role"), ("members", "record_consent"),
                        ("meetings", "plan"), ("meetings", "plan_schedule"), ("meetings", "edit"),
                        ("meetings", "venues"), ("group", "boundary_history"),
                        ("group", "add_aim"), ("group", "publish"), ("group", "record_agreement"),
                        ("jobs", "add_job"), ("achievements", "add"), ("contacts", "add")):
        page = window.desktop.show_page(key)
        before = getattr(page, "dialog", None)
        getattr(page, method)()
        dialog = page.add_dialog if method == "add_member" else page.dialog
        assert dialog is not None and dialog is not before, f"{key}.{method} opened no dialog"
        yield f"{key}.{method}", dialog
        dialog.done(0)
    meetings = window.desktop.show_page("meetings")
    meetings.venues()
    meetings.dialog.change()
    yield "meetings.venues: change a venue", meetings.dialog.form_dialog
    meetings.dialog.form_dialog.done(0)
    meetings.dialog.done(0)
    meetings.select_meeting(meetings.past_model.rows[0].id)
    meetings.record()
    yield "record a meeting", meetings.dialog
    meetings.dialog.done(0)
    for make in (guide_window, shortcuts_window, files_window, about_window):
        dialog = make(window)
        dialog.open()
        yield f"Help: {dialog.windowTitle()}", dialog
        dialog.done(0)
    window.new_group()
    for step in range(len(window.wizard.pageIds())):
        yield f"create a group, step {step + 1}", window.wizard
        window.wizard.next()
    window.wizard.done(0)
