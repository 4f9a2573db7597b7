"""The first run, by keyboard only: from an empty data folder to a group with aims, who can join, an agreement
and two members, then the file reopened through the services to check each."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import TODAY, focused, modal, press, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from coordinator_app import paths
from coordinator_app.db.groupfile import opened
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import boundaries as boundaries_service
from coordinator_app.services import group as group_service
from coordinator_app.services import members as members_service
from coordinator_app.services.agreement import SUGGESTED_AGREEMENT
from coordinator_app.services.boundaries import PractitionerWelcome

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier


def test_first_run_by_keyboard_sets_the_group_up(qtbot, make_window, monkeypatch):
    folder = paths.data_dir()
    assert not folder.exists() or list(folder.iterdir()) == []
    offered: list[str] = []

    def save_where(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return suggested, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_where)
    window = make_window()
    window.welcome.create_button.setFocus()
    press(qtbot, Qt.Key.Key_C, ALT)  # &Create your group…
    wizard = modal(qtbot)
    assert isinstance(wizard, QWizard) and focused() is wizard.name
    type_text(qtbot, "Hillside Pain Support")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "People living with long-term pain")
    press(qtbot, Qt.Key.Key_N, ALT)  # Next
    qtbot.waitUntil(lambda: focused() is wizard.aims)
    type_text(qtbot, "To meet every month")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "To share what helps")
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wizard.by_name.isVisible())
    press(qtbot, Qt.Key.Key_N, ALT)  # by name, as suggested
    qtbot.waitUntil(lambda: focused() is wizard.who)
    type_text(qtbot, "Adults in Hillside living with pain")
    press(qtbot, Qt.Key.Key_O, ALT)  # practitioners: not at our meetings
    qtbot.waitUntil(wizard.practitioners[PractitionerWelcome.NOT_WELCOME].isChecked)
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wizard.agreement.isVisible())
    assert wizard.agreement.toPlainText() == SUGGESTED_AGREEMENT
    press(qtbot, Qt.Key.Key_G, ALT)
    press(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Phones on silent, please.")
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: focused() is wizard.members)
    type_text(qtbot, "Ann Baker")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "Ben Carter")
    press(qtbot, Qt.Key.Key_F, ALT)  # Finish
    qtbot.waitUntil(lambda: window.group is not None)

    (suggested,) = offered
    assert Path(suggested) == folder / "hillside-pain-support.group"
    path = window.group.path
    window.close_group()
    with opened(path) as group:
        profile = group_service.get_profile(group)
        aims = [a.text for a in aims_service.list_aims(group, today=TODAY)]
        bounds = boundaries_service.current_boundaries(group, today=TODAY)
        agreement = agreement_service.current_agreement(group, today=TODAY)
        people = [m.name for m in members_service.list_members(group, today=TODAY)]
    assert (profile.name, profile.about) == ("Hillside Pain Support", "People living with long-term pain")
    assert aims == ["To meet every month", "To share what helps"]
    assert bounds.who_is_welcome == "Adults in Hillside living with pain"
    assert bounds.relatives_and_carers_welcome and bounds.practitioners == PractitionerWelcome.NOT_WELCOME
    assert agreement.number == 1 and agreement.text.endswith("Phones on silent, please.")
    assert agreement.text.startswith("What is said in the group stays in the group.")
    assert people == ["Ann Baker", "Ben Carter"]
