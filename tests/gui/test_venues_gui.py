"""Meetings ▸ Venues…: change a venue's name and cost by keyboard; a bad cost is refused beside its box."""

from __future__ import annotations

import pytest
from gui_helpers import TODAY, back_to, focused, modal, press, type_text
from PySide6.QtCore import Qt

from coordinator_app.db.groupfile import opened
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import venues as venues_service

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier


def test_change_a_venue_by_keyboard(qtbot, make_window, group_path):
    with opened(group_path) as group:
        hall = venues_service.add_venue(group, name="Church hall", cost_pence=1000)
        meetings_service.plan_meeting(group, held_on=TODAY, venue_id=hall)
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()

    press(qtbot, Qt.Key.Key_V, ALT)  # Venues…
    listed = modal(qtbot)
    assert listed.table.model().index(0, 2).data() == "£10.00"
    press(qtbot, Qt.Key.Key_C, ALT)  # Change… the chosen (only) venue
    qtbot.waitUntil(lambda: listed.form_dialog is not None and listed.form_dialog.isVisible())
    form = modal(qtbot)
    assert form is listed.form_dialog
    press(qtbot, Qt.Key.Key_N, ALT)
    focused().selectAll()
    type_text(qtbot, "St Mary's Church Hall")
    press(qtbot, Qt.Key.Key_O, ALT)
    assert focused().text() == "10.00"
    focused().selectAll()
    type_text(qtbot, "twelve")
    press(qtbot, Qt.Key.Key_Return)
    assert "not an amount of money" in form.form._errors["cost"].text()  # said beside the box, nothing saved
    with opened(group_path) as group:
        assert venues_service.get_venue(group, hall).name == "Church hall"

    focused().selectAll()
    type_text(qtbot, "12.50")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    back_to(qtbot, listed)
    assert [(v.name, v.cost_pence) for v in listed.model.rows] == [("St Mary's Church Hall", 1250)]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not listed.isVisible())
    assert page.upcoming_model.rows[0].venue_name == "St Mary's Church Hall"  # the meetings show the new name
