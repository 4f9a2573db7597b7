"""Our group: the earlier versions of who can join, and the meeting that decided an aim or an agreement version."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import modal, press
from PySide6.QtCore import Qt

from coordinator_app.db.groupfile import opened
from coordinator_app.services import boundaries as boundaries_service
from coordinator_app.services.boundaries import PractitionerWelcome

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier


def test_who_can_join_shows_every_earlier_version_newest_first(qtbot, make_window, group_path):
    with opened(group_path) as group:
        boundaries_service.set_boundaries(group, effective_from=date(2024, 1, 1), who_is_welcome="Carers",
                                          practitioners=PractitionerWelcome.NOT_WELCOME)
        boundaries_service.set_boundaries(group, effective_from=date(2025, 6, 1),
                                          who_is_welcome="Carers and former carers", age_range="18 and over")
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.show_tab("who_can_join")

    press(qtbot, Qt.Key.Key_L, ALT)  # Earlier versions…
    history = modal(qtbot)
    rows = history.table.model()
    assert [rows.index(r, 0).data() for r in range(rows.rowCount())] == ["1 Jun 2025", "1 Jan 2024"]
    assert "Who is welcome: Carers and former carers" in history.detail.text()
    assert "Age range: 18 and over" in history.detail.text()
    press(qtbot, Qt.Key.Key_Down)  # the detail follows the chosen version
    assert "Who is welcome: Carers\n" in history.detail.text()
    assert "Practitioners: Not as members or guests" in history.detail.text()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not history.isVisible())
