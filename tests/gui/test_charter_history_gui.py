"""Our group: the earlier versions of who can join, and the meeting that decided an aim or an agreement version."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from gui_helpers import TODAY, back_to, focused, modal, press
from PySide6.QtCore import Qt

from coordinator_app.db.groupfile import opened
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import boundaries as boundaries_service
from coordinator_app.services import meetings as meetings_service
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


def test_an_aim_and_an_agreement_version_name_the_meeting_that_decided_them(qtbot, make_window, group_path):
    with opened(group_path) as group:
        agm = meetings_service.plan_meeting(group, held_on=date(2026, 2, 10), topic="AGM")
        meetings_service.plan_meeting(group, held_on=TODAY + timedelta(days=7))  # not yet held: not offered
        version = agreement_service.publish_agreement(group, text="What is said here stays here.",
                                                      effective_from=date(2025, 1, 1))
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()

    page.show_tab("aims")
    press(qtbot, Qt.Key.Key_A, ALT)  # Add aim…
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = modal(qtbot)
    dialog.form.widgets["text"].setPlainText("Meet every month")
    press(qtbot, Qt.Key.Key_M, ALT)  # Decided at meeting
    chooser = focused()
    assert [chooser.itemText(i) for i in range(chooser.count())] == ["(not said)", "10 Feb 2026 — AGM"]
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    assert page.aims_model.index(0, 5).data() == "the meeting of 10 Feb 2026"

    page.show_tab("agreement")
    page.versions_table.setFocus()
    page.versions_table.selectRow(0)
    press(qtbot, Qt.Key.Key_M, ALT)  # Decided at meeting…
    qtbot.waitUntil(lambda: page.dialog is not dialog and page.dialog.isVisible())
    linking = modal(qtbot)
    press(qtbot, Qt.Key.Key_M, ALT)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not linking.isVisible())
    assert page.versions_model.index(0, 3).data() == "the meeting of 10 Feb 2026"

    with opened(group_path) as group:
        (aim,) = aims_service.list_aims(group, today=TODAY)
        (saved,) = agreement_service.agreement_versions(group)
    assert (aim.decided_at_meeting_id, aim.decided_on) == (agm, date(2026, 2, 10))
    assert (saved.id, saved.decided_at_meeting_id, saved.decided_on) == (version, agm, date(2026, 2, 10))
