"""Keeping the window and what has the focus on the screen, whatever its size and the text size.

The first window comes from the screen's available geometry (a small laptop's screen is used whole);
after that the window's own remembered geometry is used, which Qt keeps on a screen that exists.
A page sits in a scroll area, so no page can make the window wider or taller than the screen, and a
field reached from the keyboard (Tab, or a mnemonic such as Alt+O) is scrolled into view.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

SMALL_SCREEN = QSize(1280, 800)  # below this the window starts maximised: every pixel is needed
SHARE = 0.85  # of a bigger screen, centred
LARGEST_FIRST = QSize(1440, 960)
_FOLLOWING = "coordinatorFollowsFocus"
MARGIN = 12  # room left around a field scrolled into view


def first_geometry(available: QRect) -> QRect | None:
    """Where the first window goes on a screen with ``available`` room: None means maximised."""
    if available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height():
        return None
    size = QSize(min(round(available.width() * SHARE), LARGEST_FIRST.width()),
                 min(round(available.height() * SHARE), LARGEST_FIRST.height()))
    placed = QRect(available.topLeft(), size)
    placed.moveCenter(available.center())
    return placed


def place_first_time(window: QWidget) -> None:
    geometry = first_geometry(window.screen().availableGeometry())
    if geometry is None:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.setGeometry(geometry)


def sized_for_screen(window: QWidget, wanted: QSize) -> None:
    """Give ``window`` (a dialog, say) the size it would like, or as much of it as the screen has room for."""
    screen = window.screen() if window.parentWidget() is None else window.parentWidget().screen()
    window.resize(wanted.boundedTo(screen.availableGeometry().size()))


def keep_on_screen(window: QWidget) -> None:
    """After the text size changed: a window that has grown past the screen's edges is brought back inside."""
    if window.isMaximized() or window.isFullScreen():
        return
    available = window.screen().availableGeometry()
    frame = window.frameGeometry()
    extra = frame.size() - window.size()  # the title bar and borders
    room = available.size() - extra
    size = window.size().boundedTo(room).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    left = max(available.left(), min(frame.left(), available.right() - frame.width() + 1))
    top = max(available.top(), min(frame.top(), available.bottom() - frame.height() + 1))
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that gives it all the room there is, and scrolls when there is not."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area


class ScrollDown(QScrollArea):
    """A frameless scroll area that scrolls up and down only: it is always as wide as its content needs."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)

    def minimumSizeHint(self) -> QSize:
        content = self.widget().minimumSizeHint() if self.widget() is not None else QSize()
        width = content.width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(width, super().minimumSizeHint().height())


def _show_focused(_old: QWidget | None, new: QWidget | None) -> None:
    """Scroll every scroll area holding ``new`` so all of it is in sight (its top, if it is too tall), the
    innermost first. (``ensureWidgetVisible`` would show only a text box's cursor line.)"""
    if new is None:
        return
    parent = new.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if content is not None and content.isAncestorOf(new):
            box = QRect(new.mapTo(content, QPoint(0, 0)), new.size())
            parent.ensureVisible(box.center().x(), box.bottom(), box.width() // 2 + MARGIN, MARGIN)
            parent.ensureVisible(box.center().x(), box.top(), box.width() // 2 + MARGIN, MARGIN)
        parent = parent.parentWidget()


def follow_focus_into_view(app: QApplication) -> None:
    """Once per application: whatever gets the keyboard focus inside a scroll area is scrolled into view."""
    if not app.property(_FOLLOWING):
        app.setProperty(_FOLLOWING, True)
        app.focusChanged.connect(_show_focused)
