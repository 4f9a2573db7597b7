"""Withdrawing a consent, ending a role and entering time away, by keyboard, and what that changes elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import TODAY, back_to, focused, modal, press, type_text
from PySide6.QtCore import Qt

from coordinator_app.db.groupfile import opened
from coordinator_app.db.models import AgreementHow, ConsentKind, JobFrequency
from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services import rota as rota_service
from coordinator_app.services.report_data import sign_in_data

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def ann(group_path):
    with opened(group_path) as group:
        ann = members_service.add_member(group, name="Ann Ames", joined_on=date(2025, 1, 1), today=TODAY)
        members_service.give_consent(group, ann, kind=ConsentKind.NAMED_IN_REPORTS, given_on=date(2025, 1, 1),
                                     how=AgreementHow.SIGNED_PAPER)
        members_service.add_role(group, ann, role="treasurer", started_on=date(2025, 1, 1))
        return ann


def open_member(qtbot, make_window, group_path, member_id):
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    assert page.select_member(member_id)
    page.table.setFocus()
    return window, page


def test_withdraw_a_consent_by_keyboard_and_the_sign_in_sheet_no_longer_names_them(qtbot, make_window, group_path,
                                                                                    ann):
    with opened(group_path) as group:
        assert sign_in_data(group, today=TODAY).names == ("Ann Ames",)
    window, page = open_member(qtbot, make_window, group_path, ann)
    press(qtbot, Qt.Key.Key_T, ALT)  # Withdraw consen&t…
    dialog = modal(qtbot)
    assert dialog.form.widgets["kind"].currentData() == ConsentKind.NAMED_IN_REPORTS
    press(qtbot, Qt.Key.Key_Return)  # withdrawn today
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    assert "withdrawn on" in page.info.text() and not page.withdraw_button.isEnabled()
    with opened(group_path) as group:
        sheet = sign_in_data(group, today=TODAY)
        (consent,) = members_service.get_member(group, ann, today=TODAY).consents
    assert (sheet.names, sheet.unnamed_members) == ((), 1)
    assert consent.withdrawn_on == TODAY


def test_end_a_role_by_keyboard(qtbot, make_window, group_path, ann):
    window, page = open_member(qtbot, make_window, group_path, ann)
    press(qtbot, Qt.Key.Key_M, ALT)  # Step down fro&m a role…
    dialog = modal(qtbot)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    with opened(group_path) as group:
        (role,) = members_service.get_member(group, ann, today=TODAY).roles
        (summary,) = members_service.list_members(group, today=TODAY)
    assert role.ended_on == TODAY and summary.roles_now == ()
    assert "Role: treasurer, from" in page.info.text() and "until" in page.info.text()


def test_time_away_entered_by_keyboard_is_skipped_by_the_rota(qtbot, make_window, group_path, ann):
    next_week = date(2026, 3, 17)
    with opened(group_path) as group:
        bob = members_service.add_member(group, name="Bob Brown", joined_on=date(2025, 1, 1), today=TODAY)
        tea = jobs_service.add_job(group, title="Tea", frequency=JobFrequency.EVERY_MEETING)
        jobs_service.volunteer(group, tea, ann)
        jobs_service.volunteer(group, tea, bob)
        meetings_service.plan_meeting(group, held_on=next_week)
        (before,) = rota_service.propose_rota(group, meetings_ahead=1, today=TODAY)
    assert before.member_name == "Ann Ames"
    window, page = open_member(qtbot, make_window, group_path, ann)
    press(qtbot, Qt.Key.Key_Y, ALT)  # Times awa&y…
    away = modal(qtbot)
    press(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: away.form_dialog is not None and away.form_dialog.isVisible())
    form = away.form_dialog
    back_to(qtbot, form)
    assert focused() is form.form.widgets["starts_on"]
    form.form.widgets["starts_on"].setDate(date(2026, 3, 16))
    press(qtbot, Qt.Key.Key_L, ALT)
    focused().setDate(date(2026, 3, 20))
    press(qtbot, Qt.Key.Key_R, ALT)
    type_text(qtbot, "Holiday")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    back_to(qtbot, away)
    assert away.spells.item(0).text() == "16 Mar 2026 to 20 Mar 2026 (Holiday)"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not away.isVisible())
    with opened(group_path) as group:
        (after,) = rota_service.propose_rota(group, meetings_ahead=1, today=TODAY)
    assert after.member_name == "Bob Brown" and "Not free that day: Ann Ames" in after.why
