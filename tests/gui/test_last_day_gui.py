"""A member whose last day is a meeting day belongs to that meeting everywhere: dialog, sheet, rota, report."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import TODAY, modal, press
from PySide6.QtCore import Qt
from reports_helpers import flat, pdf_text

from coordinator_app.db.groupfile import opened
from coordinator_app.db.models import AgreementHow, ConsentKind
from coordinator_app.reports.printables import make_sign_in_sheet
from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services import rota as rota_service
from coordinator_app.services.report_data import celebration_data, sign_in_data

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def leaving_today(group_path):
    """Ann's last day is today's meeting; Bob stays; Cat left the day before."""
    with opened(group_path) as group:
        ids = {name: members_service.add_member(group, name=name, joined_on=date(2026, 1, 5), today=TODAY)
               for name in ("Ann Ames", "Bob Brown", "Cat Cole")}
        for member_id in ids.values():
            members_service.give_consent(group, member_id, kind=ConsentKind.NAMED_IN_REPORTS,
                                         given_on=date(2026, 1, 5), how=AgreementHow.SIGNED_PAPER)
        members_service.leave_group(group, ids["Ann Ames"], left_on=TODAY)
        members_service.leave_group(group, ids["Cat Cole"], left_on=date(2026, 3, 9))
        ids["meeting"] = meetings_service.plan_meeting(group, held_on=TODAY)
        ids["job"] = jobs_service.add_job(group, title="Tea and biscuits")
        jobs_service.volunteer(group, ids["job"], ids["Ann Ames"])
        return ids


def test_a_member_on_their_last_day_is_at_that_meeting_everywhere(qtbot, make_window, group_path, leaving_today,
                                                                  tmp_path):
    window = make_window(group_path, page="meetings")
    assert window.desktop.current_page().select_meeting(leaving_today["meeting"])
    press(qtbot, Qt.Key.Key_R, ALT)
    record = modal(qtbot)
    listed = [record.people.item(row).text() for row in range(record.people.rowCount())]
    record.reject()
    assert listed == ["Ann Ames", "Bob Brown"]  # Ann can be ticked present; Cat had already gone

    with opened(group_path) as group:
        sheet = sign_in_data(group, held_on=TODAY, today=TODAY)
        paper = flat(pdf_text(make_sign_in_sheet(group, tmp_path / "sign-in.pdf", held_on=TODAY, today=TODAY)))
        turns = rota_service.propose_rota(group, meetings_ahead=1, today=TODAY)
        year = celebration_data(group, year=2026, today=TODAY)
    assert sheet.names == ("Ann Ames", "Bob Brown") and sheet.unnamed_members == 0
    assert "Ann Ames" in paper and "Cat Cole" not in paper
    assert [(t.held_on, t.member_name) for t in turns] == [(TODAY, "Ann Ames")]
    assert (year.members_at_end, year.new_members) == (2, 2)  # on the day printed, Ann still belongs
