"""GUI fixtures: a main window with a fixed "today", its memory in the test's own folder; the demo group."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from gui_helpers import TODAY
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from coordinator_app.services.demo import write_demo_group
from coordinator_app.ui.main_window import MainWindow
from coordinator_app.ui.remembered import Remembered
from coordinator_app.ui.style import apply_look


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot pass size hints to a window manager it does not have.
    for item in items:
        if "tests/gui/" in item.nodeid:
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@pytest.fixture(scope="session")
def demo_original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.group"
    write_demo_group(path, today=TODAY)
    return path


@pytest.fixture
def demo(demo_original: Path, tmp_path: Path) -> Path:
    """A copy of the demo group, to change freely."""
    copy = tmp_path / "demo.group"
    shutil.copy(demo_original, copy)
    return copy


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """Build a shown main window, optionally opened on a group file at a given page."""
    windows: list[MainWindow] = []

    def make(group_path: Path | None = None, page: str = "home", today: date = TODAY) -> MainWindow:
        apply_look(QApplication.instance())
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(today=lambda: today, remembered=Remembered(settings))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        if group_path is not None:
            assert window.open_path(group_path, page=page)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close_group()


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> Callable[[QMessageBox.StandardButton], list[str]]:
    """Answer every QMessageBox.question with ``button``; returns the questions asked."""

    def set_answer(button: QMessageBox.StandardButton) -> list[str]:
        asked: list[str] = []

        def question(_parent, _title, text, *_args, **_kwargs):
            asked.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "question", question)
        return asked

    return set_answer


@pytest.fixture(autouse=True)
def no_surprise_messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A warning box would block a test; record its sentence instead so the test can assert on it."""
    said: list[str] = []

    def warning(_parent, _title, text, *_args, **_kwargs):
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "information", warning)
    return said
