"""The main window: its title, what it remembers, files it cannot open, read-only files, and saving a copy."""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import date

import pytest
from gui_helpers import TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from coordinator_app import paths
from coordinator_app.db.groupfile import opened
from coordinator_app.db.lock import lock_path
from coordinator_app.services import members as members_service
from coordinator_app.ui.app import open_window, report_bugs_plainly

pytestmark = pytest.mark.gui


def test_title_names_the_group(make_window, group_path):
    window = make_window(group_path)
    assert window.windowTitle() == "Riverside Carers' Circle — Group Coordinator"
    assert window.desktop.current_key == "home"


def test_the_window_remembers_the_last_group_and_page(qtbot, group_path):
    first = open_window(group_path)
    qtbot.addWidget(first)
    first.desktop.show_page("meetings")
    first.resize(first.width(), 480)
    first.close()

    second = open_window(None)
    qtbot.addWidget(second)
    assert second.group is not None and second.group.path == group_path.resolve()
    assert second.desktop.current_key == "meetings"
    assert second.height() == 480  # (the offscreen screen is too narrow to test the width)
    assert second.remembered.recent_groups() == [group_path.resolve()]
    second.close()


def test_a_file_that_is_not_a_group_is_explained_in_one_sentence(make_window, tmp_path, no_surprise_messages):
    bogus = tmp_path / "shopping.group"
    bogus.write_text("eggs, milk", encoding="utf-8")
    window = make_window()
    assert not window.open_path(bogus)
    assert no_surprise_messages == ["shopping.group is not a group file (it is some other kind of file)."]
    assert window.central.currentWidget() is window.welcome
    assert bogus.read_text(encoding="utf-8") == "eggs, milk"


def test_a_file_open_elsewhere_opens_read_only_with_a_banner_naming_who(make_window, group_path):
    lock_path(group_path.resolve()).write_text(json.dumps(
        {"host": socket.gethostname(), "pid": os.getppid(), "user": "Siobhán", "since": "2026-03-10 18:00"}),
        encoding="utf-8")
    window = make_window(group_path, page="members")
    assert window.group.read_only
    assert window.desktop.banner.isVisibleTo(window)
    assert window.desktop.banner.text().startswith("⚠ Read-only: Siobhán on this computer")
    assert "(read-only)" in window.windowTitle()


def test_save_a_copy(qtbot, make_window, group_path, tmp_path, monkeypatch):
    with opened(group_path) as group:
        members_service.add_member(group, name="Zoë Adams", joined_on=date(2025, 1, 1))
    target = tmp_path / "usb" / "riverside copy"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window = make_window(group_path)
    window.save_copy_action.trigger()
    copy = target.with_name("riverside copy.group")
    qtbot.waitUntil(lambda: "Saved a checked copy" in window.statusBar().currentMessage(), timeout=10000)
    with opened(copy) as group:
        assert [m.name for m in members_service.list_members(group, today=TODAY)] == ["Zoë Adams"]


def test_money_and_reports_pages_exist_even_before_their_work_lands(make_window, group_path):
    window = make_window(group_path)
    assert window.desktop.show_page("money").title == "Money"
    assert window.desktop.show_page("reports").title == "Reports"


def test_ctrl_and_a_number_goes_straight_to_a_page(qtbot, make_window, group_path):
    window = make_window(group_path)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.desktop.current_key == "meetings"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.desktop.current_key == "settings"
    assert window.desktop.sidebar.currentItem().text() == "Settings"


def test_a_bug_is_logged_and_explained_in_one_sentence(qtbot, monkeypatch, data_home):
    said: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *_a: said.append(text))
    report_bugs_plainly()
    try:
        raise KeyError("a bug")
    except KeyError as error:
        sys.excepthook(KeyError, error, error.__traceback__)
    log = paths.log_dir() / "coordinator.log"
    assert said == [f"Something went wrong that should not have. Nothing was half-saved; details are in {log}."]
    assert "KeyError: 'a bug'" in log.read_text(encoding="utf-8")


def test_try_the_demo_group_from_the_welcome_screen(qtbot, make_window):
    window = make_window()
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.group is not None, timeout=60000)
    assert window.group.path == (paths.data_dir() / "demo.group").resolve()
    assert window.desktop.current_key == "home"
    assert "Group Coordinator" in window.windowTitle() and window.windowTitle() != "Group Coordinator"
    assert window.desktop.current_page().texts["achievements"].text().startswith("•")
