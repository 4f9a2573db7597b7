"""Every page and the main dialogs on the demo group fit a 1024×600 laptop at Normal text and a 1366×768 one at
Largest text: nothing outside the window, no text cut short, no page scrolling sideways, and the window can be
made that small. Run offscreen (and under Xvfb: ``xvfb-run -a .venv/bin/pytest tests/gui/test_fits_the_screen_gui.py``).
"""

from __future__ import annotations

import pytest
from gui_helpers import main_dialogs
from layout_checks import every_tab, misfits, room_on, settle, too_big
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from coordinator_app.ui.main_window import PAGES
from coordinator_app.ui.screen_fit import first_geometry
from coordinator_app.ui.style import DARK, DEFAULT_TEXT_SIZE, HIGH_CONTRAST, SYSTEM, apply_look

pytestmark = pytest.mark.gui

SCREENS = {"1024x600, Normal text": (QSize(1024, 600), DEFAULT_TEXT_SIZE),
           "1366x768, Largest text": (QSize(1366, 768), 18)}


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def screen(request: pytest.FixtureRequest):
    """(room the window has, text size); the text size goes back to Normal afterwards."""
    size, text_size = SCREENS[request.param]
    yield room_on(size), text_size
    apply_look(QApplication.instance())


def shrink_to(window: QWidget, room: QSize) -> None:
    window.resize(room)
    settle()
    assert window.size() == room, f"the window would not shrink to {room.toTuple()}"


def test_every_page_fits(make_window, demo, screen):
    room, text_size = screen
    window = make_window(demo)
    apply_look(QApplication.instance(), text_size)
    settle()
    assert too_big(window, room) == []
    shrink_to(window, room)
    assert window.statusBar().isVisible() and window.rect().contains(window.statusBar().geometry())
    problems = []
    for key, _label, _target in PAGES:
        page = window.desktop.show_page(key)
        settle()
        for tab in every_tab(page):
            problems += [f"{key} ({tab}): {problem}" for problem in misfits(window)]
    assert not problems, "\n".join(problems)


def test_the_main_dialogs_fit(make_window, demo, screen):
    room, text_size = screen
    window = make_window(demo)
    apply_look(QApplication.instance(), text_size)
    settle()
    shrink_to(window, room)
    problems = []
    for name, dialog in main_dialogs(window):
        settle()
        problems += [f"{name}: {problem}" for problem in too_big(dialog, room)]
        dialog.resize(dialog.size().boundedTo(room))
        settle()
        problems += [f"{name}: {problem}" for problem in misfits(dialog)]
    assert not problems, "\n".join(problems)


def test_changing_the_text_size_reaches_the_sidebar_and_lets_the_window_shrink_again(make_window, demo):
    window = make_window(demo)
    settings = window.desktop.show_page("settings")
    sidebar = window.desktop.sidebar
    normal_width, normal_text = sidebar.width(), sidebar.font().pointSizeF()
    settings.text_size.setCurrentIndex(settings.text_size.findData(18))
    settle()
    assert sidebar.font().pointSizeF() > normal_text
    assert sidebar.width() > normal_width  # still as wide as "Achievements" needs
    assert window.desktop.current_page().findChild(QWidget, "pageTitle").font().pointSizeF() >= 27
    shrink_to(window, room_on(QSize(1366, 768)))
    for key, _label, _target in PAGES:  # pages built at Normal text are laid out again at Largest
        window.desktop.show_page(key)
        settle()
        assert not misfits(window), key
    settings.text_size.setCurrentIndex(settings.text_size.findData(DEFAULT_TEXT_SIZE))
    settle()
    assert sidebar.font().pointSizeF() == normal_text
    shrink_to(window, room_on(QSize(1024, 600)))


def test_the_first_window_comes_from_the_screen():
    assert first_geometry(QRect(0, 0, 1024, 560)) is None  # a small laptop: the whole screen (maximised)
    assert first_geometry(QRect(0, 0, 1366, 728)) is None
    big = first_geometry(QRect(0, 0, 1920, 1040))
    assert big is not None and QRect(0, 0, 1920, 1040).contains(big)
    assert big.width() >= 1400 and big.center() == QRect(0, 0, 1920, 1040).center()


def test_the_colours_chosen_in_settings_apply_at_once_and_are_remembered(make_window, demo):
    window = make_window(demo)
    settings = window.desktop.show_page("settings")
    app = QApplication.instance()
    system_window = app.palette().color(QPalette.ColorRole.Window)
    for choice, window_colour, text_colour in ((DARK, "#2b2b2b", "#ececec"), (HIGH_CONTRAST, "#000000", "#ffffff")):
        settings.colours.setCurrentIndex(settings.colours.findData(choice))
        assert app.palette().color(QPalette.ColorRole.Window).name() == window_colour
        assert settings.palette().color(QPalette.ColorRole.WindowText).name() == text_colour
        assert window.remembered.colours() == choice
    settings.colours.setCurrentIndex(settings.colours.findData(SYSTEM))
    assert app.palette().color(QPalette.ColorRole.Window) == system_window
    assert window.remembered.colours() == SYSTEM
