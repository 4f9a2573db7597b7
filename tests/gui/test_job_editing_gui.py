"""Jobs: change a job, retire it, find it under Retired jobs and bring it back, by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import back_to, focused, modal, press, type_text
from PySide6.QtCore import Qt

from coordinator_app.db.groupfile import opened
from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import members as members_service
from coordinator_app.services.jobs import JobFrequency

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def tea(group_path) -> int:
    with opened(group_path) as group:
        zoe = members_service.add_member(group, name="Zoë Adams", joined_on=date(2025, 1, 1))
        job = jobs_service.add_job(group, title="Tea")
        jobs_service.volunteer(group, job, zoe)
        return job


def jobs_in(group_path):
    with opened(group_path) as group:
        return [(j.title, j.frequency, j.description, j.active)
                for j in jobs_service.list_jobs(group, include_retired=True)]


def test_change_a_job_then_retire_it_and_bring_it_back(qtbot, make_window, group_path, tea):
    window = make_window(group_path, page="jobs")
    page = window.desktop.current_page()
    page.tabs.setCurrentIndex(1)  # Jobs and volunteers
    page.jobs_table.setFocus()
    page.jobs_table.selectRow(0)

    press(qtbot, Qt.Key.Key_C, ALT)  # Change…
    dialog = modal(qtbot)
    press(qtbot, Qt.Key.Key_J, ALT)  # the Job box
    assert focused() is dialog.form.widgets["title"]
    focused().selectAll()
    type_text(qtbot, "Tea & biscuits")
    dialog.form.widgets["frequency"].setCurrentIndex(dialog.form.widgets["frequency"].findData(JobFrequency.MONTHLY))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    assert jobs_in(group_path) == [("Tea & biscuits", JobFrequency.MONTHLY, "", True)]

    page.jobs_table.setFocus()
    page.jobs_table.selectRow(0)
    press(qtbot, Qt.Key.Key_T, ALT)  # Retire job
    qtbot.waitUntil(lambda: page.retired_model.rowCount() == 1)
    assert page.jobs_model.rowCount() == 0
    page.tabs.setCurrentIndex(3)
    assert page.tabs.tabText(3) == "Retired jobs"
    assert page.retired_model.rows[0].title == "Tea & biscuits"

    page.retired_table.setFocus()
    page.retired_table.selectRow(0)
    press(qtbot, Qt.Key.Key_B, ALT)  # Bring back
    qtbot.waitUntil(lambda: page.jobs_model.rowCount() == 1)
    assert page.retired_model.rowCount() == 0 and page.retired_note.text() == "No job has been retired."
    assert jobs_in(group_path) == [("Tea & biscuits", JobFrequency.MONTHLY, "", True)]
    assert page.jobs_model.rows[0].volunteers[0][1] == "Zoë Adams"  # the volunteers came back with it

    press(qtbot, Qt.Key.Key_Z, CTRL)  # undo bringing it back
    assert [active for *_rest, active in jobs_in(group_path)] == [False]
