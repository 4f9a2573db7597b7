"""What "fits" means for a window or dialog: nothing outside it, no text cut short, no sideways scrolling."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QWidget,
)

# A task bar and a title bar take this much of a screen's height.
WINDOW_FURNITURE = QSize(0, 64)


def room_on(screen: QSize) -> QSize:
    return screen - WINDOW_FURNITURE


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _scrolled(widget: QWidget, root: QWidget) -> bool:
    """Whether ``widget`` sits inside a scroll area (within ``root``), where lying past the edge is normal."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    name = widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {(shown or name)[:60]!r}"


def _cut_short(widget: QWidget) -> str:
    """How a label's or button's text is cut short, or "" if it shows whole."""
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            needs = widget.heightForWidth(widget.width())
            return f"{widget.height()} px tall, needs {needs}" if widget.height() < needs - 1 else ""
    elif not (isinstance(widget, QAbstractButton) and widget.text()) or isinstance(widget.parentWidget(), QTabBar):
        return ""
    needs = widget.sizeHint().width()
    return f"{widget.width()} px wide, needs {needs}" if widget.width() < needs - 1 else ""


def misfits(root: QWidget) -> list[str]:
    """Every visible widget of ``root`` that lies outside it, or whose text is cut short, in plain words."""
    found = []
    inside = root.rect()
    for widget in root.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        where = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
        if not _scrolled(widget, root) and not inside.contains(where):
            found.append(f"{_describe(widget)} lies outside the window at {where.getRect()}")
        problem = _cut_short(widget)
        if problem:
            found.append(f"{_describe(widget)} is cut off: {problem}")
    for area in root.findChildren(QScrollArea):
        if area.isVisibleTo(root) and area.widgetResizable() and area.horizontalScrollBar().maximum() > 0:
            found.append(f"{_describe(area.widget())} needs scrolling sideways: "
                         f"{area.widget().minimumSizeHint().width()} px in {area.viewport().width()}")
    return found


def every_tab(root: QWidget):
    """Show each tab of each tab widget in ``root`` in turn (and the first again at the end)."""
    yield "first tab"
    for tabs in root.findChildren(QTabWidget):
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            yield tabs.tabText(index).replace("&", "")
        tabs.setCurrentIndex(0)


def too_big(window: QWidget, room: QSize) -> list[str]:
    """Why ``window`` cannot be made as small as ``room``, if it cannot."""
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    if smallest.width() > room.width() or smallest.height() > room.height():
        return [f"{type(window).__name__} {window.windowTitle()!r} needs at least {smallest.toTuple()}, "
                f"the screen leaves {room.toTuple()}"]
    return []
