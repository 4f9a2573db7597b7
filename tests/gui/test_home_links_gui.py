"""Home's buttons open the very tab they name, and a group with nobody in it yet is described as such."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import press
from PySide6.QtCore import Qt

from coordinator_app.db.groupfile import opened
from coordinator_app.services import agreement as agreement_service

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier


def test_needs_attention_opens_the_agreement_tab_and_our_aims_the_aims_tab(qtbot, make_window, group_path):
    with opened(group_path) as group:
        agreement_service.publish_agreement(group, text="What is said here stays here.",
                                            effective_from=date(2025, 1, 1))
    window = make_window(group_path, page="home")
    home = window.desktop.current_page()
    assert "Nobody is a member yet: add the first members on the Members page." in home.texts["reminders"].text()

    press(qtbot, Qt.Key.Key_G, ALT)  # See the agreement
    qtbot.waitUntil(lambda: window.desktop.current_key == "group")  # a mnemonic clicks after a short flash
    group_page = window.desktop.current_page()
    assert group_page.tabs.tabText(group_page.tabs.currentIndex()) == "Confidentiality agreement"
    assert group_page.agreement_note.text().endswith("There are no members yet to agree to it.")

    window.desktop.show_page("home")
    press(qtbot, Qt.Key.Key_A, ALT)  # See our aims
    qtbot.waitUntil(lambda: window.desktop.current_key == "group")
    assert group_page.tabs.tabText(group_page.tabs.currentIndex()) == "Aims"
