"""Members: adding, searching as you type, editing with problems shown beside the field, deleting and undoing."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import TODAY, modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from coordinator_app.db.groupfile import opened
from coordinator_app.services import members as members_service

pytestmark = pytest.mark.gui

NAMES = ("Zoë Adams", "Łukasz Wójcik", "Nguyễn Thị Hoa", "Siobhán Ó Briain", "أحمد حسن", "Tom & Jerry Clarke")


@pytest.fixture
def people(group_path):
    with opened(group_path) as group:
        return {name: members_service.add_member(group, name=name, joined_on=date(2025, 1, 1)) for name in NAMES}


def shown_names(page) -> list[str]:
    return [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]


def test_add_a_member(qtbot, make_window, group_path):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    qtbot.keyClicks(dialog.form.widgets["name"], "Tom & Jerry <3")
    qtbot.keyClicks(dialog.form.widgets["email"], "tom@example.org")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert shown_names(page) == ["Tom & Jerry <3"]
    assert page.detail.name == "Tom & Jerry <3"
    with opened(group_path) as group:
        (member,) = members_service.list_members(group, today=TODAY)
    assert (member.name, member.email, member.joined_on) == ("Tom & Jerry <3", "tom@example.org", TODAY)


def test_a_bad_email_is_explained_beside_the_field_and_nothing_is_saved(qtbot, make_window, group_path):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    page.add_member()
    dialog = modal(qtbot)
    dialog.form.widgets["name"].setText("Zoë Adams")
    dialog.form.widgets["email"].setText("zoe at home")
    dialog.accept()
    assert dialog.isVisible()
    error = dialog.form._errors["email"]
    assert error.isVisibleTo(dialog)
    assert "does not look like an email address" in error.text()
    dialog.reject()
    with opened(group_path) as group:
        assert members_service.list_members(group, today=TODAY) == []


def test_search_as_you_type_ignores_accents_and_case(qtbot, make_window, group_path, people):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    assert len(shown_names(page)) == len(NAMES)
    qtbot.keyClicks(page.search, "LUKA")
    assert shown_names(page) == ["Łukasz Wójcik"]
    page.search.clear()
    qtbot.keyClicks(page.search, "thi hoa")
    assert shown_names(page) == ["Nguyễn Thị Hoa"]
    page.search.setText("أحمد")
    assert shown_names(page) == ["أحمد حسن"]
    assert page.count_label.text() == "1 of 6 members match"


def test_edit_a_member_and_undo_the_edit(qtbot, make_window, group_path, people):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    assert page.select_member(people["Zoë Adams"])
    page.form.widgets["preferred_name"].setText("Zo")
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with opened(group_path) as group:
        assert members_service.get_member(group, people["Zoë Adams"]).preferred_name == "Zo"
    window.undo_action.trigger()
    with opened(group_path) as group:
        assert members_service.get_member(group, people["Zoë Adams"]).preferred_name == ""
    assert page.form.widgets["preferred_name"].text() == ""


def test_leaving_a_member_with_unsaved_edits_asks_first(qtbot, make_window, group_path, people, answer):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    page.select_member(people["Zoë Adams"])
    page.form.widgets["phone"].setText("01632 960000")
    asked = answer(QMessageBox.StandardButton.Cancel)
    window.desktop.show_page("home")
    assert asked and "Zoë Adams" in asked[0]
    assert window.desktop.current_key == "members"
    answer(QMessageBox.StandardButton.Save)
    window.desktop.show_page("home")
    assert window.desktop.current_key == "home"
    with opened(group_path) as group:
        assert members_service.get_member(group, people["Zoë Adams"]).phone == "01632 960000"


def test_delete_a_member_and_bring_them_back_with_undo(qtbot, make_window, group_path, people, answer):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    page.select_member(people["Tom & Jerry Clarke"])
    asked = answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Tom & Jerry Clarke" in asked[0]
    assert "Tom & Jerry Clarke" not in shown_names(page)
    with opened(group_path) as group:
        assert people["Tom & Jerry Clarke"] not in {m.id for m in members_service.list_members(group, today=TODAY)}

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Tom & Jerry Clarke" in shown_names(page)
    with opened(group_path) as group:
        assert people["Tom & Jerry Clarke"] in {m.id for m in members_service.list_members(group, today=TODAY)}

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Tom & Jerry Clarke" not in shown_names(page)
    with opened(group_path) as group:
        assert people["Tom & Jerry Clarke"] not in {m.id for m in members_service.list_members(group, today=TODAY)}


def test_leave_the_group_and_rejoin(qtbot, make_window, group_path, people):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    page.select_member(people["Siobhán Ó Briain"])
    page.leave()
    dialog = modal(qtbot)
    dialog.form.widgets["left_on"].setDate(date(2026, 1, 31))
    dialog.accept()
    assert "Siobhán Ó Briain" not in shown_names(page)
    page.show_former.setChecked(True)
    assert "Siobhán Ó Briain" in shown_names(page)
    with opened(group_path) as group:
        assert members_service.get_member(group, people["Siobhán Ó Briain"]).left_on == date(2026, 1, 31)


def test_give_a_member_a_role_and_record_their_consent(qtbot, make_window, group_path, people):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    page.select_member(people["أحمد حسن"])
    qtbot.mouseClick(page.role_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    qtbot.keyClicks(dialog.form.widgets["role"].lineEdit(), "welcomer")
    dialog.accept()
    assert not dialog.isVisible()
    qtbot.mouseClick(page.consent_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    kinds = dialog.form.widgets["kind"]
    kinds.setCurrentIndex(kinds.findText("Photos may be used"))
    dialog.accept()
    assert not dialog.isVisible()
    assert "Roles: welcomer" in page.info.text() and "Photos may be used" in page.info.text()

    with opened(group_path) as group:
        detail = members_service.get_member(group, people["أحمد حسن"], today=TODAY)
    assert [(r.role, r.started_on) for r in detail.roles] == [("welcomer", TODAY)]
    assert {str(kind) for kind in detail.current_consents} == {"photos"}
