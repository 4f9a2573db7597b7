"""Creating a group with the wizard, adding an aim, and the confidentiality agreement, through real widgets."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import TODAY, modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from coordinator_app.db.groupfile import opened
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import group as group_service
from coordinator_app.services import members as members_service
from coordinator_app.services.group import AttendanceMode

pytestmark = pytest.mark.gui


def test_the_wizard_creates_a_group_with_its_aims(qtbot, make_window, tmp_path, monkeypatch):
    target = tmp_path / "chosen" / "Łódź carers"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window = make_window()
    assert window.central.currentWidget() is window.welcome

    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    wizard = modal(qtbot)
    assert isinstance(wizard, QWizard)
    qtbot.keyClicks(wizard.name, "Tom & Jerry's Circle")
    wizard.name.insert(" — Łódź")  # QTest types ASCII only; the rest arrives as an input method would send it
    wizard.about.setPlainText("Carers supporting carers")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wizard.aims.setPlainText("To meet every month\n\n  To share what helps ")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.count_only, Qt.MouseButton.LeftButton, pos=QPoint(8, wizard.count_only.height() // 2))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.group is not None)

    assert window.windowTitle() == "Tom & Jerry's Circle — Łódź — Group Coordinator"
    saved = target.with_name(target.name + ".group")
    window.close_group()
    with opened(saved) as group:
        profile = group_service.get_profile(group)
        aims = aims_service.list_aims(group, today=TODAY)
    assert profile.name == "Tom & Jerry's Circle — Łódź"
    assert profile.about == "Carers supporting carers"
    assert profile.attendance_mode == AttendanceMode.COUNT_ONLY
    assert [a.text for a in aims] == ["To meet every month", "To share what helps"]
    assert all(a.set_on == TODAY for a in aims)


def test_add_an_aim(qtbot, make_window, group_path):
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.add_aim_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["text"].setPlainText("Invite a speaker on benefits <and> grants")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.aims_model.rowCount() == 1

    with opened(group_path) as group:
        (aim,) = aims_service.list_aims(group, today=TODAY)
    assert aim.text == "Invite a speaker on benefits <and> grants"
    assert aim.set_on == TODAY


def test_an_empty_aim_is_refused_beside_the_field(qtbot, make_window, group_path):
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.add_aim()
    dialog = modal(qtbot)
    dialog.accept()
    assert dialog.isVisible()
    error = dialog.form._errors["text"]
    assert error.isVisibleTo(dialog) and error.text().startswith("⚠ Please enter")
    with opened(group_path) as group:
        assert aims_service.list_aims(group, today=TODAY) == []


def test_publish_a_new_agreement_and_record_three_members_agreeing(qtbot, make_window, group_path):
    with opened(group_path) as group:
        ids = [members_service.add_member(group, name=name, joined_on=date(2025, 1, 1))
               for name in ("Zoë Adams", "أحمد حسن", "Siobhán Ó Briain", "Nguyễn Thị Hoa")]
        agreement_service.publish_agreement(group, text="What is said here stays here.",
                                            effective_from=date(2025, 1, 1))
        first = agreement_service.current_agreement(group, today=TODAY)
        agreement_service.record_agreement(group, member_ids=ids, version_id=first.id, agreed_on=date(2025, 1, 1),
                                           how="signed_paper")
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.tabs.setCurrentIndex(3)

    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["text"].setPlainText("What is said here stays here.\nWe do not share photos without asking.")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "4 current members have not agreed" in page.agreement_note.text()

    qtbot.mouseClick(page.record_agreement_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    names = dialog.form.widgets["member_ids"]
    for row in range(names.items.rowCount()):
        if names.items.item(row).text() != "Nguyễn Thị Hoa":
            names.items.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "1 current member has not agreed" in page.agreement_note.text()

    with opened(group_path) as group:
        current = agreement_service.current_agreement(group, today=TODAY)
        waiting = agreement_service.members_not_agreed(group, today=TODAY)
    assert current.number == 2
    assert current.text.endswith("We do not share photos without asking.")
    assert current.agreed_count == 3
    assert [m.name for m in waiting] == ["Nguyễn Thị Hoa"]


def test_unsaved_profile_edits_are_not_lost_when_leaving_the_page(qtbot, make_window, group_path, answer):
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.profile_form.widgets["area"].setText("Łódź & Southsea")
    page.show_closed.toggle()  # a refresh while typing keeps what was typed
    assert page.profile_form.widgets["area"].text() == "Łódź & Southsea"
    asked = answer(QMessageBox.StandardButton.Save)
    window.desktop.show_page("members")
    assert asked == ["Save your changes to the group's profile?"]
    assert window.desktop.current_key == "members"
    with opened(group_path) as group:
        assert group_service.get_profile(group).area == "Łódź & Southsea"
