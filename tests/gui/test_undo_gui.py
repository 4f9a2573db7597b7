"""Undo and redo reach every change made in the window: Ctrl+Z takes it out of the file, Ctrl+Shift+Z puts it back."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from gui_helpers import TODAY, back_to, modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from coordinator_app.db.groupfile import opened
from coordinator_app.imports.bank import StatementLine
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import boundaries as boundaries_service
from coordinator_app.services import contacts as contacts_service
from coordinator_app.services import group as group_service
from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services import venues as venues_service
from coordinator_app.services.contacts import EsteemRole
from coordinator_app.services.meetings import ActionInput, DecisionInput, MeetingStatus
from coordinator_app.services.money import approvals, attachments, books, reconcile, statement_import, transactions

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FEB = date(2026, 2, 10)


@pytest.fixture
def people(group_path):
    with opened(group_path) as group:
        return {name: members_service.add_member(group, name=name, joined_on=date(2025, 1, 1))
                for name in ("Zoë Adams", "Łukasz Wójcik", "Tom & Jerry Clarke")}


def undo(qtbot, window) -> None:
    back_to(qtbot, window)
    assert window.undo_stack.canUndo()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)


def redo(qtbot, window) -> None:
    back_to(qtbot, window)
    assert window.undo_stack.canRedo()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)


def enter(qtbot, box, text: str) -> None:
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def meeting(group_path, meeting_id):
    with opened(group_path) as group:
        return meetings_service.get_meeting(group, meeting_id)


def job_titles(group_path) -> list[str]:
    with opened(group_path) as group:
        return sorted(j.title for j in jobs_service.list_jobs(group, include_retired=True))


def record_through_dialog(qtbot, window, meeting_id, *, tick: str, decision: str, action: str) -> None:
    page = window.desktop.current_page()
    assert page.select_meeting(meeting_id)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    record = modal(qtbot)
    enter(qtbot, record.find, tick)
    enter(qtbot, record.decision_text, decision)
    enter(qtbot, record.action_text, action)
    record.newcomers.setValue(2)
    qtbot.keyClick(record.find, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not record.isVisible())
    QApplication.processEvents()


def test_undo_recording_a_meeting_makes_it_planned_again(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=FEB, topic="Sleep & pain")
    before = meeting(group_path, meeting_id)
    window = make_window(group_path, page="meetings")
    record_through_dialog(qtbot, window, meeting_id, tick="zoe", decision="Meet monthly", action="Book the room")
    recorded = meeting(group_path, meeting_id)
    assert (recorded.status, recorded.present_ids, recorded.newcomers) == (
        MeetingStatus.HELD, {people["Zoë Adams"]}, 2)
    assert job_titles(group_path) == ["Book the room"]

    undo(qtbot, window)
    assert meeting(group_path, meeting_id) == before
    assert job_titles(group_path) == []
    assert "not recorded yet" in window.desktop.current_page().hint.text()

    redo(qtbot, window)
    again = meeting(group_path, meeting_id)
    assert (again.status, again.present_ids, again.newcomers) == (MeetingStatus.HELD, {people["Zoë Adams"]}, 2)
    assert [d.text for d in again.decisions] == ["Meet monthly"]
    assert [(a.title, a.done) for a in again.actions] == [("Book the room", False)]
    assert job_titles(group_path) == ["Book the room"]


def test_undo_re_recording_a_meeting_brings_back_the_earlier_record(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=FEB)
        meetings_service.record_meeting(group, meeting_id, present=[people["Tom & Jerry Clarke"]], guests=1,
                                        decisions=[DecisionInput("Keep the tea fund")],
                                        actions=[ActionInput("Buy tea", member_id=people["Tom & Jerry Clarke"])],
                                        confidential_notes="Not for printing.", today=TODAY)
    before = meeting(group_path, meeting_id)
    window = make_window(group_path, page="meetings")
    record_through_dialog(qtbot, window, meeting_id, tick="lukasz", decision="Try a summer picnic",
                          action="Ask about the park")
    changed = meeting(group_path, meeting_id)
    assert changed.present_ids == {people["Tom & Jerry Clarke"], people["Łukasz Wójcik"]}
    assert [d.text for d in changed.decisions] == ["Keep the tea fund", "Try a summer picnic"]

    undo(qtbot, window)
    assert meeting(group_path, meeting_id) == before
    assert job_titles(group_path) == ["Buy tea"]

    redo(qtbot, window)
    again = meeting(group_path, meeting_id)
    assert (again.present_ids, again.newcomers, again.decisions) == (
        changed.present_ids, changed.newcomers, changed.decisions)
    assert job_titles(group_path) == ["Ask about the park", "Buy tea"]


def test_undo_cancelling_a_meeting_gives_back_its_planned_turns(qtbot, make_window, group_path, people, answer):
    april = date(2026, 4, 14)
    with opened(group_path) as group:
        meeting_id = meetings_service.plan_meeting(group, held_on=april)
        tea = jobs_service.add_job(group, title="Tea & biscuits")
        jobs_service.assign(group, tea, people["Łukasz Wójcik"], due_on=april, meeting_id=meeting_id)
    before = (meeting(group_path, meeting_id), turns_now(group_path))
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    assert page.select_meeting(meeting_id)
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert meeting(group_path, meeting_id).status == MeetingStatus.CANCELLED
    assert turns_now(group_path) == []

    undo(qtbot, window)
    assert (meeting(group_path, meeting_id), turns_now(group_path)) == before
    redo(qtbot, window)
    assert meeting(group_path, meeting_id).status == MeetingStatus.CANCELLED
    assert turns_now(group_path) == []


def test_undo_giving_a_role_and_recording_a_consent(qtbot, make_window, group_path, people):
    tom = people["Tom & Jerry Clarke"]

    def detail():
        with opened(group_path) as group:
            return members_service.get_member(group, tom, today=TODAY)

    before = detail()
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    page.select_member(tom)
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
    after = detail()
    assert [r.role for r in after.roles] == ["welcomer"] and {str(k) for k in after.current_consents} == {"photos"}

    undo(qtbot, window)
    assert detail().current_consents == before.current_consents
    assert "Photos may be used" not in page.info.text()
    undo(qtbot, window)
    assert detail() == before
    redo(qtbot, window)
    redo(qtbot, window)
    assert detail() == after


def test_undo_adding_a_venue(qtbot, make_window, group_path):
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.venue_button, Qt.MouseButton.LeftButton)
    listed = modal(qtbot)
    qtbot.mouseClick(listed.add_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["name"].setText("St Mary's Church Hall")
    dialog.form.widgets["cost"].setText("£12.50")
    dialog.accept()
    assert not dialog.isVisible()
    assert [v.name for v in listed.model.rows] == ["St Mary's Church Hall"]
    listed.reject()

    def venues():
        with opened(group_path) as group:
            return [(v.name, v.cost_pence) for v in venues_service.list_venues(group)]

    assert venues() == [("St Mary's Church Hall", 1250)]
    undo(qtbot, window)
    assert venues() == []
    redo(qtbot, window)
    assert venues() == [("St Mary's Church Hall", 1250)]


# -- aims -----------------------------------------------------------------------------------------------


def aims_now(group_path) -> list[tuple[str, str, int, date | None]]:
    with opened(group_path) as group:
        return [(a.text, str(a.status), a.position, a.reviewed_on)
                for a in aims_service.list_aims(group, include_closed=True, today=TODAY)]


def aims_page(make_window, group_path, *texts: str):
    with opened(group_path) as group:
        ids = [aims_service.add_aim(group, text=text, set_on=date(2024, 1, 15)) for text in texts]
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.tabs.setCurrentIndex(1)
    return window, page, ids


def test_undo_adding_an_aim(qtbot, make_window, group_path):
    window, page, _ids = aims_page(make_window, group_path, "Meet every month")
    qtbot.mouseClick(page.add_aim_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["text"].setPlainText("Invite a speaker on benefits <and> grants")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    added = aims_now(group_path)
    assert [a[0] for a in added] == ["Meet every month", "Invite a speaker on benefits <and> grants"]

    undo(qtbot, window)
    assert [a[0] for a in aims_now(group_path)] == ["Meet every month"]
    assert page.aims_model.rowCount() == 1
    redo(qtbot, window)
    assert aims_now(group_path) == added
    undo(qtbot, window)  # the aim redo made afresh is the one taken away again
    assert [a[0] for a in aims_now(group_path)] == ["Meet every month"]


def test_redo_of_an_add_then_an_edit_changes_the_aim_that_redo_brought_back(qtbot, make_window, group_path,
                                                                           no_surprise_messages):
    window, page, _ids = aims_page(make_window, group_path)
    qtbot.mouseClick(page.add_aim_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["text"].setPlainText("Meet every month")
    dialog.accept()
    page.select_aim(dialog.result_value)
    qtbot.mouseClick(page.edit_aim_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["text"].setPlainText("Meet every month, and online in winter")
    dialog.accept()
    edited = aims_now(group_path)
    assert [a[0] for a in edited] == ["Meet every month, and online in winter"]
    undo(qtbot, window)
    undo(qtbot, window)
    assert aims_now(group_path) == []
    redo(qtbot, window)
    redo(qtbot, window)
    assert aims_now(group_path) == edited
    assert no_surprise_messages == []


@pytest.mark.parametrize(("button", "status"), [("achieved_button", "achieved"), ("retire_button", "retired")])
def test_undo_closing_an_aim_puts_it_back_in_its_place(qtbot, make_window, group_path, button, status):
    window, page, ids = aims_page(make_window, group_path, "Meet every month", "Zoë's walking group", "Raise £500")
    before = aims_now(group_path)
    page.select_aim(ids[1])
    qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["note"].setPlainText("We did it & more")
    dialog.accept()
    assert not dialog.isVisible()
    closed = aims_now(group_path)
    assert closed[-1][:2] == ("Zoë's walking group", status)

    undo(qtbot, window)
    assert aims_now(group_path) == before
    redo(qtbot, window)
    assert aims_now(group_path) == closed


def test_undo_marking_an_aim_reviewed(qtbot, make_window, group_path):
    window, page, ids = aims_page(make_window, group_path, "Meet every month")
    page.select_aim(ids[0])
    qtbot.mouseClick(page.reviewed_button, Qt.MouseButton.LeftButton)
    assert aims_now(group_path)[0][3] == TODAY
    undo(qtbot, window)
    assert aims_now(group_path)[0][3] is None
    redo(qtbot, window)
    assert aims_now(group_path)[0][3] == TODAY


def test_undo_saving_who_can_join(qtbot, make_window, group_path):
    with opened(group_path) as group:
        boundaries_service.set_boundaries(group, effective_from=date(2025, 1, 1), who_is_welcome="Carers")

    def in_force():
        with opened(group_path) as group:
            return boundaries_service.current_boundaries(group, today=TODAY)

    before = in_force()
    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.bounds_form.widgets["who_is_welcome"].setPlainText("Carers & relatives of people with dementia")
    qtbot.mouseClick(page.save_bounds_button, Qt.MouseButton.LeftButton)
    saved = in_force()
    assert saved.who_is_welcome == "Carers & relatives of people with dementia"
    undo(qtbot, window)
    assert in_force() == before
    assert page.bounds_form.widgets["who_is_welcome"].toPlainText() == "Carers"
    redo(qtbot, window)
    assert in_force().who_is_welcome == saved.who_is_welcome
    undo(qtbot, window)
    assert in_force() == before


def test_undo_publishing_an_agreement_and_recording_who_agreed(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        agreement_service.publish_agreement(group, text="What is said here stays here.",
                                            effective_from=date(2025, 1, 1))

    def agreements():
        with opened(group_path) as group:
            current = agreement_service.current_agreement(group, today=TODAY)
            agreed = {m.name for m in agreement_service.agreement_status(group, today=TODAY) if m.agreed_current}
            return current.number, current.text, agreed

    window = make_window(group_path, page="group")
    page = window.desktop.current_page()
    page.tabs.setCurrentIndex(3)
    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["text"].setPlainText("We do not share photos without asking.")
    dialog.accept()
    assert not dialog.isVisible()
    published = agreements()
    assert published == (2, "We do not share photos without asking.", set())
    qtbot.mouseClick(page.record_agreement_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    names = dialog.form.widgets["member_ids"]
    for row in range(names.items.rowCount()):
        if names.items.item(row).text() in ("Zoë Adams", "Tom & Jerry Clarke"):
            names.items.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert not dialog.isVisible()
    recorded = agreements()
    assert recorded[2] == {"Zoë Adams", "Tom & Jerry Clarke"}

    undo(qtbot, window)
    assert agreements() == published
    undo(qtbot, window)
    assert agreements() == (1, "What is said here stays here.", set())
    assert "3 current members have not agreed" in page.agreement_note.text()
    redo(qtbot, window)
    redo(qtbot, window)
    assert agreements() == recorded


# -- jobs -------------------------------------------------------------------------------------------------


def choose(table, model, row_id: int) -> None:
    """Select the row with ``row_id`` in a sortable table, as a click on it would."""
    row = next(row for row, shown in enumerate(model.rows) if shown.id == row_id)
    table.selectRow(table.model().mapFromSource(model.index(row, 0)).row())


def turns_now(group_path) -> list[tuple[str, str, str, date | None]]:
    with opened(group_path) as group:
        turns = jobs_service.list_assignments(group)
    return sorted((t.job_title, t.member_name, str(t.status), t.done_on) for t in turns)


def jobs_page_on_a_turn(make_window, group_path, people):
    with opened(group_path) as group:
        leaflets = jobs_service.add_job(group, title="Leaflets & posters", frequency="one_off")
        turn = jobs_service.assign(group, leaflets, people["Zoë Adams"], due_on=TODAY)
    window = make_window(group_path, page="jobs")
    page = window.desktop.current_page()
    choose(page.turns_table, page.turns_model, turn)
    return window, page


def test_undo_marking_a_turn_done(qtbot, make_window, group_path, people):
    window, page = jobs_page_on_a_turn(make_window, group_path, people)
    before = turns_now(group_path)
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    done = turns_now(group_path)
    assert done == [("Leaflets & posters", "Zoë Adams", "done", TODAY)]
    undo(qtbot, window)
    assert turns_now(group_path) == before
    with opened(group_path) as group:
        assert [j.title for j in jobs_service.list_jobs(group)] == ["Leaflets & posters"]  # open again
    redo(qtbot, window)
    assert turns_now(group_path) == done


def test_undo_swapping_a_turn(qtbot, make_window, group_path, people):
    window, page = jobs_page_on_a_turn(make_window, group_path, people)
    before = turns_now(group_path)
    qtbot.mouseClick(page.swap_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    who = dialog.form.widgets["with_member_id"]
    who.setCurrentIndex(who.findText("Łukasz Wójcik"))
    dialog.accept()
    assert not dialog.isVisible()
    swapped = turns_now(group_path)
    assert swapped == [("Leaflets & posters", "Zoë Adams", "swapped", None),
                       ("Leaflets & posters", "Łukasz Wójcik", "assigned", None)]
    undo(qtbot, window)
    assert turns_now(group_path) == before
    redo(qtbot, window)
    assert turns_now(group_path) == swapped


def jobs_now(group_path) -> list[tuple[str, list[str]]]:
    with opened(group_path) as group:
        return [(j.title, sorted(name for _id, name in j.volunteers)) for j in jobs_service.list_jobs(group)]


def jobs_page_on_tea(make_window, group_path, people):
    with opened(group_path) as group:
        tea = jobs_service.add_job(group, title="Tea & biscuits")
        jobs_service.volunteer(group, tea, people["Zoë Adams"])
    window = make_window(group_path, page="jobs")
    page = window.desktop.current_page()
    choose(page.jobs_table, page.jobs_model, tea)
    return window, page


def test_undo_retiring_a_job(qtbot, make_window, group_path, people):
    window, page = jobs_page_on_tea(make_window, group_path, people)
    before = jobs_now(group_path)
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    assert jobs_now(group_path) == []
    undo(qtbot, window)
    assert jobs_now(group_path) == before
    redo(qtbot, window)
    assert jobs_now(group_path) == []


def test_undo_changing_who_volunteers(qtbot, make_window, group_path, people):
    window, page = jobs_page_on_tea(make_window, group_path, people)
    before = jobs_now(group_path)
    qtbot.mouseClick(page.volunteers_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["member_ids"].set_all(True)
    dialog.accept()
    assert not dialog.isVisible()
    everyone = [("Tea & biscuits", sorted(people))]
    assert jobs_now(group_path) == everyone
    undo(qtbot, window)
    assert jobs_now(group_path) == before
    redo(qtbot, window)
    assert jobs_now(group_path) == everyone


def test_undo_adding_a_job(qtbot, make_window, group_path):
    window = make_window(group_path, page="jobs")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.add_job_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["title"].setText("Open the room & put the kettle on")
    dialog.accept()
    assert not dialog.isVisible()
    added = jobs_now(group_path)
    assert added == [("Open the room & put the kettle on", [])]
    undo(qtbot, window)
    assert jobs_now(group_path) == [] and page.jobs_model.rowCount() == 0
    redo(qtbot, window)
    assert jobs_now(group_path) == added
    undo(qtbot, window)  # the job redo made afresh is the one taken away again
    assert jobs_now(group_path) == []


def test_undo_saving_a_rota(qtbot, make_window, group_path, people):
    with opened(group_path) as group:
        for weeks in (0, 4):
            meetings_service.plan_meeting(group, held_on=TODAY + timedelta(weeks=weeks))
        tea = jobs_service.add_job(group, title="Tea & biscuits")
        for person in people.values():
            jobs_service.volunteer(group, tea, person)
    window = make_window(group_path, page="jobs")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.rota_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = turns_now(group_path)
    assert len(saved) == 2
    undo(qtbot, window)
    assert turns_now(group_path) == [] and page.turns_model.rowCount() == 0
    redo(qtbot, window)
    assert turns_now(group_path) == saved
    undo(qtbot, window)  # the turns redo made afresh are the ones taken away again
    assert turns_now(group_path) == []


# -- contacts ---------------------------------------------------------------------------------------------


def contacts_now(group_path):
    with opened(group_path) as group:
        return contacts_service.list_contacts(group)


def contacts_page_on_siobhan(make_window, group_path):
    with opened(group_path) as group:
        contact_id = contacts_service.add_contact(group, name="Siobhán Ó Briain", organisation="Mind & Body",
                                                  roles=[EsteemRole.FACILITATOR])
        contacts_service.add_contact(group, name="أحمد حسن")
    window = make_window(group_path, page="contacts")
    page = window.desktop.current_page()
    assert page.select_contact(contact_id)
    return window, page


def test_change_a_contact_and_undo_the_change(qtbot, make_window, group_path):
    window, page = contacts_page_on_siobhan(make_window, group_path)
    before = contacts_now(group_path)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    assert dialog.form.widgets["organisation"].text() == "Mind & Body"
    dialog.form.widgets["organisation"].setText("Carers <North>")
    dialog.form.widgets["email"].setText("not an email")
    dialog.accept()
    assert dialog.isVisible() and contacts_now(group_path) == before  # the bad email is explained, nothing saved
    dialog.form.widgets["email"].setText("siobhan@example.org")
    dialog.accept()
    assert not dialog.isVisible()
    changed = contacts_now(group_path)
    siobhan = next(c for c in changed if c.name == "Siobhán Ó Briain")
    assert (siobhan.organisation, siobhan.email, siobhan.roles) == (
        "Carers <North>", "siobhan@example.org", {EsteemRole.FACILITATOR})

    undo(qtbot, window)
    assert contacts_now(group_path) == before
    redo(qtbot, window)
    assert contacts_now(group_path) == changed


def test_delete_a_contact_and_bring_them_back_with_undo(qtbot, make_window, group_path, answer):
    window, page = contacts_page_on_siobhan(make_window, group_path)
    before = contacts_now(group_path)
    asked = answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Siobhán Ó Briain" in asked[0]
    assert [c.name for c in contacts_now(group_path)] == ["أحمد حسن"]
    assert [c.name for c in page.model.rows] == ["أحمد حسن"]

    undo(qtbot, window)
    assert contacts_now(group_path) == before
    assert len(page.model.rows) == 2
    redo(qtbot, window)
    assert [c.name for c in contacts_now(group_path)] == ["أحمد حسن"]


def test_undo_adding_a_contact(qtbot, make_window, group_path):
    window = make_window(group_path, page="contacts")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["name"].setText("Tom & Jerry Clarke")
    dialog.accept()
    assert not dialog.isVisible()
    assert [c.name for c in contacts_now(group_path)] == ["Tom & Jerry Clarke"]
    undo(qtbot, window)
    assert contacts_now(group_path) == []
    redo(qtbot, window)
    assert [c.name for c in contacts_now(group_path)] == ["Tom & Jerry Clarke"]


# -- settings ---------------------------------------------------------------------------------------------


def test_undo_changing_the_group_settings(qtbot, make_window, group_path):
    with opened(group_path) as group:
        before = group_service.get_profile(group)
    window = make_window(group_path, page="settings")
    page = window.desktop.current_page()
    page.form.widgets["retention_months"].setValue(before.retention_months + 12)
    page.form.widgets["currency"].setText("EUR")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with opened(group_path) as group:
        changed = group_service.get_profile(group)
    assert (changed.retention_months, changed.currency) == (before.retention_months + 12, "EUR")

    undo(qtbot, window)
    with opened(group_path) as group:
        assert group_service.get_profile(group) == before
    assert page.form.widgets["currency"].text() == before.currency
    redo(qtbot, window)
    with opened(group_path) as group:
        assert group_service.get_profile(group) == changed


def test_undo_logging_support(qtbot, make_window, group_path):
    window, page = contacts_page_on_siobhan(make_window, group_path)
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    dialog = modal(qtbot)
    dialog.form.widgets["what"].setPlainText("Ran a workshop on <listening> & sharing")
    dialog.accept()
    assert not dialog.isVisible()

    def logged():
        with opened(group_path) as group:
            return [(s.contact_name, s.what, s.role) for s in contacts_service.support_log(group)]

    entry = [("Siobhán Ó Briain", "Ran a workshop on <listening> & sharing", EsteemRole.FACILITATOR)]
    assert logged() == entry
    undo(qtbot, window)
    assert logged() == [] and page.support_model.rowCount() == 0
    redo(qtbot, window)
    assert logged() == entry


TESCO = [StatementLine(row=1, on=date(2026, 1, 12), amount_pence=-1_234, description="TESCO STORES 2291")]


def file_rows(group_path) -> list[str]:
    """Every row of the file as SQL, sorted (a re-inserted row of a table keyed by text gets a new rowid)."""
    with sqlite3.connect(group_path) as conn:
        return sorted(conn.iterdump())


def test_remove_line_then_ctrl_z_brings_the_payment_back_whole(qtbot, make_window, group_path):
    """Imported, approved, with a receipt and ticked on a statement: back with the same id and all of it."""
    with opened(group_path) as group:
        bank = books.add_account(group, name="Community account", opened_on=date(2025, 4, 1),
                                 opening_balance_pence=10_000)
        [tid] = statement_import.import_lines(group, account_id=bank, lines=TESCO).transaction_ids
        approvals.approve(group, tid, approved_on=date(2026, 1, 13), approver_name="Bea Treasurer")
        attachments.attach_receipt(group, tid, filename="till receipt.pdf", data=b"%PDF-1.4 milk and tea")
        statement = reconcile.start_statement(group, account_id=bank, statement_date=date(2026, 1, 31),
                                              closing_balance_pence=10_000 - 1_234)
        reconcile.tick(group, statement, [tid])
        kept = transactions.get_transaction(group, tid)
    assert kept.cleared and kept.approvals == 1 and kept.attachments == 1
    first = file_rows(group_path)

    window = make_window(group_path, page="money")
    register = window.desktop.current_page().register
    assert register.select_line(tid)
    qtbot.mouseClick(register.delete_button, Qt.MouseButton.LeftButton)
    with opened(group_path) as group:
        assert transactions.register(group, account_id=bank) == []
    assert window.undo_action.text() == "&Undo: Remove TESCO STORES 2291"

    undo(qtbot, window)
    assert file_rows(group_path) == first
    with opened(group_path) as group:
        assert transactions.get_transaction(group, tid) == kept  # same id, cleared, on the statement
        assert [a.approver_name for a in approvals.list_approvals(group, tid)] == ["Bea Treasurer"]
        [receipt] = attachments.list_attachments(group, tid)
        assert attachments.get_attachment(group, receipt.id)[1] == b"%PDF-1.4 milk and tea"
        assert statement_import.import_lines(group, account_id=bank, lines=TESCO).added == 0  # its fingerprint
    assert register.model.rowCount() == 1

    redo(qtbot, window)
    with opened(group_path) as group:
        assert transactions.register(group, account_id=bank) == []
    undo(qtbot, window)
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)  # Ctrl+Y redoes too
    with opened(group_path) as group:
        assert transactions.register(group, account_id=bank) == []


def test_undo_after_the_row_changed_elsewhere_refuses_and_stays_put(qtbot, make_window, group_path, monkeypatch):
    window = make_window(group_path, page="meetings")
    page = window.desktop.current_page()
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    plan = modal(qtbot)
    enter(qtbot, plan.form.widgets["topic"], "Sleep")
    qtbot.waitUntil(lambda: not plan.isVisible())
    with opened(group_path) as group:  # another copy of the app changes the same meeting meanwhile
        [planned] = meetings_service.list_meetings(group)
        meetings_service.update_meeting(group, planned.id, topic="Sleep and pain")
    before = file_rows(group_path)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a, **_k: warned.append(text))

    undo(qtbot, window)
    day = planned.held_on
    [sentence] = warned
    assert sentence.startswith(f"Nothing was undone: the meeting of {day.day} {day:%b %Y} has been changed since "
                               "(its topic")
    assert file_rows(group_path) == before
    assert window.undo_stack.index() == 1  # still there to try again
