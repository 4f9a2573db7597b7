"""``make screenshots``: a PNG of every page, opened on the demo group, for the README and for review: at
Normal text, at Largest text on a small laptop's screen, and in dark colours.

Run offscreen: ``QT_QPA_PLATFORM=offscreen python -m coordinator_app.ui.screenshots docs/screenshots``.
"Today" is fixed so the pictures only change when the app does.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from coordinator_app.services.demo import write_demo_group

from .app import make_application
from .main_window import PAGES, MainWindow
from .remembered import Remembered
from .style import DARK, DEFAULT_TEXT_SIZE, SYSTEM, apply_look

TODAY = date(2026, 3, 10)
SIZE = (1280, 820)
SCREEN = (1440, 900)
# Every page again: at Largest text on a 1366×768 laptop (less its task bar and title bar), and in dark colours.
LOOKS = (("-largest", (1366, 704), 18, SYSTEM), ("-dark", SIZE, DEFAULT_TEXT_SIZE, DARK))


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def _show_an_example(page: QWidget | None) -> None:
    """Choose a row so the picture shows a page in use, not an empty form."""
    if hasattr(page, "select_member"):
        zoe = next((m for m in page.model.rows if m.name.startswith("Zoë")), None)
        if zoe is not None:
            page.select_member(zoe.id)
    elif hasattr(page, "aims_table"):
        page.tabs.setCurrentIndex(1)
    elif hasattr(page, "past_model") and page.past_model.rows:
        page.select_meeting(page.past_model.rows[0].id)
    elif hasattr(page, "share_table"):
        page.tabs.setCurrentIndex(2)
    elif hasattr(page, "photo") and page.model.rows:
        row = next((i for i, a in enumerate(page.model.rows) if a.has_photo), 0)
        page.table.selectRow(row)


def _every_page(app: QApplication, window: MainWindow, folder: Path, suffix: str) -> list[Path]:
    assert window.desktop is not None
    made = []
    for number, (key, _label, _target) in enumerate(PAGES, start=1):
        page = window.desktop.show_page(key)
        _show_an_example(page)
        _settle(app)
        path = folder / f"{number:02d}-{key}{suffix}.png"
        _save(window, path)
        made.append(path)
    return made


def _offscreen_screen(work: Path) -> None:
    """Offscreen, give Qt a desktop-sized screen (its own is 800×600), so dialogs take the size they would."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" and QApplication.instance() is None:
        config = work / "screen.json"
        config.write_text(json.dumps({"screens": [{"name": "desktop", "x": 0, "y": 0, "width": SCREEN[0],
                                                   "height": SCREEN[1], "logicalDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def take_screenshots(folder: Path) -> list[Path]:
    setup = tempfile.TemporaryDirectory()
    _offscreen_screen(Path(setup.name))
    app = make_application()
    apply_look(app)
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        demo_path = Path(work) / "demo.group"
        write_demo_group(demo_path, today=TODAY)
        settings = QSettings(str(Path(work) / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(today=lambda: TODAY, remembered=Remembered(settings))
        window.resize(*SIZE)
        window.show()
        _settle(app)
        path = folder / "00-welcome.png"
        _save(window, path)
        made.append(path)
        window.open_path(demo_path, page="home")
        assert window.desktop is not None
        made += _every_page(app, window, folder, "")
        meetings = window.desktop.show_page("meetings")
        assert meetings is not None
        meetings.select_meeting(meetings.past_model.rows[0].id)
        meetings.record()
        _settle(app)
        path = folder / "20-record-a-meeting.png"
        _save(meetings.dialog, path)
        made.append(path)
        meetings.dialog.done(0)
        for suffix, size, text_size, colours in LOOKS:
            apply_look(app, text_size, colours)
            _settle(app)
            window.resize(*size)
            made += _every_page(app, window, folder, suffix)
        apply_look(app)
        window.close_group()
        window.close()
    setup.cleanup()
    return made


if __name__ == "__main__":
    take_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
