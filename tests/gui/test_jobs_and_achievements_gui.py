"""Sharing out the jobs with the rota, marking a turn done, and adding an achievement with a photo."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from gui_helpers import TODAY, modal, png_bytes, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView

from coordinator_app.db.groupfile import opened
from coordinator_app.services import achievements as achievements_service
from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services.jobs import AssignmentStatus

pytestmark = pytest.mark.gui


@pytest.fixture
def with_jobs(group_path):
    with opened(group_path) as group:
        people = [members_service.add_member(group, name=name, joined_on=date(2025, 1, 1))
                  for name in ("Zoë Adams", "Łukasz Wójcik", "Siobhán Ó Briain")]
        for weeks in (0, 4, 8):
            meetings_service.plan_meeting(group, held_on=TODAY + timedelta(weeks=weeks), start_time=time(19))
        tea = jobs_service.add_job(group, title="Tea & biscuits")
        room = jobs_service.add_job(group, title="Open the room")
        for person in people:
            jobs_service.volunteer(group, tea, person)
        jobs_service.volunteer(group, room, people[0])
        return people


def test_generate_a_rota_and_mark_a_job_done(qtbot, make_window, group_path, with_jobs):
    window = make_window(group_path, page="jobs")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.rota_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    proposal = dialog.proposal
    assert len(proposal) == 6
    tea_turns = [t.member_name for t in proposal if t.job_title == "Tea & biscuits"]
    assert sorted(tea_turns) == ["Siobhán Ó Briain", "Zoë Adams", "Łukasz Wójcik"]  # everyone once, nobody twice
    assert dialog.findChild(QTableView).currentIndex().row() == 0  # the first turn is chosen, its reason shown
    assert dialog.why.text() == proposal[0].why and proposal[0].member_name in dialog.why.text()
    press(qtbot, Qt.Key.Key_Down)  # the explanation follows the chosen turn
    assert dialog.why.text() == proposal[1].why != proposal[0].why
    assert "in the last 12 months" in dialog.why.text()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.turns_model.rowCount() == 6

    first_today = next(row for row, turn in enumerate(page.turns_model.rows) if turn.due_on == TODAY)
    page.turns_table.selectRow(page.turns_table.model().mapFromSource(page.turns_model.index(first_today, 0)).row())
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)

    with opened(group_path) as group:
        turns = jobs_service.list_assignments(group, from_date=TODAY, to_date=TODAY + timedelta(weeks=9))
        share = jobs_service.share_of_jobs(group)
    assert len(turns) == 6
    done = [t for t in turns if t.status == AssignmentStatus.DONE]
    assert len(done) == 1 and done[0].due_on == TODAY and done[0].done_on == TODAY
    assert [(row.name, row.total) for row in share if row.total] == [(done[0].member_name, 1)]


def test_add_an_achievement_with_a_photo_and_delete_it_with_undo(qtbot, make_window, group_path, tmp_path,
                                                                  monkeypatch, answer):
    photo = tmp_path / "picnic.png"
    photo.write_bytes(png_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(photo), ""))
    window = make_window(group_path, page="achievements")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    widgets = dialog.form.widgets
    qtbot.keyClicks(widgets["title"], "Summer picnic & games")
    widgets["story"].setPlainText("Twenty of us, and the sun came out.")
    qtbot.mouseClick(widgets["photo"].choose, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(widgets["quote"], "Best day in years")
    widgets["consent_to_include"].setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.model.rowCount() == 1

    with opened(group_path) as group:
        (saved,) = achievements_service.list_achievements(group)
        stored = achievements_service.get_photo(group, saved.id)
    assert (saved.title, saved.story, saved.quote) == ("Summer picnic & games", "Twenty of us, and the sun came out.",
                                                       "Best day in years")
    assert saved.consent_to_include and saved.consent_recorded_on == TODAY
    assert stored == (photo.read_bytes(), "image/png")

    page.table.selectRow(0)
    assert page.photo.pixmap() is not None and not page.photo.pixmap().isNull()
    answer(QMessageBox.StandardButton.Yes)
    page.delete()
    assert page.model.rowCount() == 0
    window.undo_action.trigger()
    assert page.model.rowCount() == 1
    with opened(group_path) as group:
        assert [a.title for a in achievements_service.list_achievements(group)] == ["Summer picnic & games"]
