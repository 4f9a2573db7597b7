"""Backups, restore, damaged files, stale locks and members' data rights, driven through the real window."""

from __future__ import annotations

import json
import os
import socket
from datetime import date, timedelta
from pathlib import Path

import pytest
from gui_helpers import TODAY
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox
from test_every_page import unlabelled_inputs

from coordinator_app import paths
from coordinator_app.db.groupfile import opened
from coordinator_app.db.lock import lock_path
from coordinator_app.services import backups as backups_service
from coordinator_app.services import members as members_service
from coordinator_app.ui.data_rights import ConfirmErasure, RetentionDialog
from coordinator_app.ui.remembered import Remembered
from coordinator_app.ui.safekeeping import RestoreDialog, backup_folder, set_backup_folder

pytestmark = pytest.mark.gui

YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


def add(group_path: Path, *names: str, left_on: date | None = None) -> list[int]:
    with opened(group_path) as group:
        ids = [members_service.add_member(group, name=name, joined_on=date(2020, 1, 6)) for name in names]
        if left_on is not None:
            for member_id in ids:
                members_service.leave_group(group, member_id, left_on=left_on)
    return ids


def names_in(group_path: Path) -> list[str]:
    with opened(group_path, read_only=True) as group:
        return sorted(m.name for m in members_service.list_members(group, include_former=True, today=TODAY))


def settle(qtbot) -> None:
    """Let the background work finish and its answers reach the window."""
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(20000)
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=5000)
    qtbot.wait(1)  # deliver the callbacks queued on the GUI thread


def test_opening_backs_up_and_back_up_now_adds_a_checked_backup_to_the_list(qtbot, make_window, group_path):
    add(group_path, "Zoë Adams")
    window = make_window(group_path)
    settle(qtbot)
    after_open = backups_service.list_backups(group_path)
    assert len(after_open) == 1 and after_open[0].members == 1
    assert after_open[0].path.parent == paths.backup_dir()
    window.safekeeping.back_up_action.trigger()
    qtbot.waitUntil(lambda: "Backed up and checked" in window.statusBar().currentMessage(), timeout=10000)
    listed = backups_service.list_backups(group_path)
    assert len(listed) == 2
    assert str(listed[0].path) in window.statusBar().currentMessage()
    assert (listed[0].path.stat().st_mode & 0o077) == 0, "a backup holds health information: owner only"
    assert (group_path.stat().st_mode & 0o077) == 0


def test_a_change_is_backed_up_when_the_group_closes(qtbot, make_window, group_path):
    window = make_window(group_path)
    settle(qtbot)
    members_service.add_member(window.group, name="Łukasz Wójcik", joined_on=TODAY)
    window.close_group()
    assert backups_service.list_backups(group_path)[0].members == 1


def test_the_backup_folder_can_be_changed_and_is_remembered(qtbot, make_window, group_path, tmp_path, monkeypatch):
    usb = tmp_path / "USB stick" / "backups"
    usb.mkdir(parents=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb))
    window = make_window(group_path)
    settle(qtbot)
    window.safekeeping.choose_folder()
    settle(qtbot)
    window.safekeeping.back_up_now()
    qtbot.waitUntil(lambda: "Backed up and checked" in window.statusBar().currentMessage(), timeout=10000)
    assert backups_service.list_backups(group_path, folder=usb)
    assert backup_folder(Remembered(window.remembered.settings)) == usb


def test_restore_from_the_dialog_brings_back_the_earlier_state_and_keeps_the_newer_file(
        qtbot, make_window, group_path, answer):
    add(group_path, "Zoë Adams")
    window = make_window(group_path, page="members")
    settle(qtbot)
    members_service.add_member(window.group, name="Nguyễn Thị Hoa", joined_on=TODAY)
    window.desktop.changed()
    window.safekeeping.restore_action.trigger()
    dialog = window.safekeeping.dialog
    assert isinstance(dialog, RestoreDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    assert dialog.model.index(0, 5).data() == "1 fewer member"
    assert unlabelled_inputs(dialog) == []
    asked = answer(YES)
    dialog.accept()
    qtbot.waitUntil(lambda: window.group is not None and "Restored the backup" in window.statusBar().currentMessage(),
                    timeout=10000)
    assert "1 fewer member" in asked[0] and "nothing is lost" in asked[0]
    assert window.desktop.current_key == "members"
    assert [m.name for m in members_service.list_members(window.group, today=TODAY)] == ["Zoë Adams"]
    kept = [p for p in group_path.parent.iterdir() if ".before-restore-" in p.name and p.suffix != ".lock"]
    assert kept and "Nguyễn Thị Hoa" in names_in(min(kept, key=lambda p: len(p.name)))


def test_restore_answered_no_changes_nothing(qtbot, make_window, group_path, answer):
    add(group_path, "Zoë Adams")
    window = make_window(group_path)
    settle(qtbot)
    members_service.add_member(window.group, name="Siobhán Ó Briain", joined_on=TODAY)
    window.safekeeping.choose_backup()
    dialog = window.safekeeping.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    answer(NO)
    dialog.accept()
    assert window.group is not None and not window.group.read_only
    assert len(members_service.list_members(window.group, today=TODAY)) == 2


def _zero_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_zero_header, lambda p: p.write_bytes(p.read_bytes()[:1500])],
                         ids=["zeroed header", "truncated"])
def test_a_damaged_file_at_open_offers_the_backup_and_recovers(qtbot, make_window, group_path, answer, damage):
    add(group_path, "Zoë Adams", "Tom & Jerry <3")
    with opened(group_path) as group:
        backups_service.back_up_now(group)
    damage(group_path)
    damaged = group_path.read_bytes()
    window = make_window()
    asked = answer(YES)
    assert not window.open_path(group_path)
    assert len(asked) == 1 and "checked backup" in asked[0] and "2 members" in asked[0]
    qtbot.waitUntil(lambda: window.group is not None, timeout=10000)
    assert [m.name for m in members_service.list_members(window.group, today=TODAY)] == ["Tom & Jerry <3", "Zoë Adams"]
    aside = [p for p in group_path.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in aside] == [damaged], "the damaged file is kept, unchanged"
    assert "damaged file was kept" in window.statusBar().currentMessage()


def test_a_damaged_file_is_left_alone_when_the_offer_is_declined(qtbot, make_window, group_path, answer):
    add(group_path, "Zoë Adams")
    with opened(group_path) as group:
        backups_service.back_up_now(group)
    _zero_header(group_path)
    damaged = group_path.read_bytes()
    window = make_window()
    answer(NO)
    assert not window.open_path(group_path)
    settle(qtbot)
    assert window.group is None and group_path.read_bytes() == damaged
    assert sorted(p.name for p in group_path.parent.iterdir()) == [group_path.name]


def test_a_damaged_file_without_backups_is_explained_as_before(make_window, group_path, answer, no_surprise_messages):
    _zero_header(group_path)
    asked = answer(YES)
    window = make_window()
    assert not window.open_path(group_path)
    assert asked == [] and no_surprise_messages == ["test.group is not a group file (it is some other kind of file)."]


def test_a_lock_left_by_another_computer_can_be_cleared_after_asking(qtbot, make_window, group_path, answer):
    lock_path(group_path.resolve()).write_text(json.dumps(
        {"host": "laptop-upstairs", "pid": 4242, "user": "Siobhán", "since": "2026-03-01 18:00"}), encoding="utf-8")
    window = make_window(group_path)
    assert window.group.read_only
    button = window.safekeeping.open_anyway_button
    assert button.isVisibleTo(window)
    answer(NO)
    button.click()
    assert window.group.read_only
    asked = answer(YES)
    window.safekeeping.open_anyway_button.click()
    assert "nobody else" in asked[0]
    assert window.group is not None and not window.group.read_only
    assert json.loads(lock_path(group_path.resolve()).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_a_lock_held_by_a_running_copy_here_offers_no_way_round_it(make_window, group_path):
    lock_path(group_path.resolve()).write_text(json.dumps(
        {"host": socket.gethostname(), "pid": os.getppid(), "user": "", "since": "2026-03-10 18:00"}),
        encoding="utf-8")
    window = make_window(group_path)
    assert window.group.read_only
    assert not hasattr(window.safekeeping, "open_anyway_button")


def _members_page(window, name: str):
    page = window.desktop.show_page("members")
    page.show_former.setChecked(True)
    member_id = next(row.id for row in page.model.rows if row.name == name)
    assert page.select_member(member_id)
    return page


def test_erasing_a_person_from_the_members_page_wipes_their_name_from_the_file_and_its_backups(
        qtbot, make_window, group_path, no_surprise_messages):
    add(group_path, "Siobhán Ó Briain", "Zoë Adams")
    window = make_window(group_path, page="members")
    settle(qtbot)
    page = _members_page(window, "Siobhán Ó Briain")
    page.erase_button.click()
    confirm = page.dialog
    assert isinstance(confirm, ConfirmErasure) and unlabelled_inputs(confirm) == []
    assert "cannot be undone" in confirm.explained.text()
    assert confirm.from_backups.isChecked() and confirm.from_backups.text() == "Also erase them from the backup"
    confirm.reject()
    settle(qtbot)
    assert names_in(group_path) == ["Siobhán Ó Briain", "Zoë Adams"]
    page.erase_button.click()
    page.dialog.erase_button.click()
    qtbot.waitUntil(lambda: "has been erased" in window.statusBar().currentMessage(), timeout=20000)
    assert [row.name for row in page.model.rows] == ["Zoë Adams"]
    assert not window.undo_stack.canUndo()
    summary = no_surprise_messages[-1]
    assert summary.startswith("• Deleted their member record") and "\n• Erased them from 1 backup in " in summary
    window.close_group()
    made = [b.path for b in backups_service.list_backups(group_path)]
    for side in [Path(f"{group_path}{suffix}") for suffix in ("", "-wal")] + made:
        if side.exists():
            data = side.read_bytes()
            assert "Siobhán".encode() not in data and b"Briain" not in data, side
    assert names_in(group_path) == ["Zoë Adams"]


def test_export_writes_a_pdf_and_json_of_the_person(qtbot, make_window, group_path, tmp_path, monkeypatch):
    add(group_path, "Zoë Adams", "Łukasz Wójcik")
    out = tmp_path / "for Zoë"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(out))
    window = make_window(group_path, page="members")
    page = _members_page(window, "Zoë Adams")
    page.export_button.click()
    qtbot.waitUntil(lambda: "Saved the data held about Zoë Adams" in window.statusBar().currentMessage(),
                    timeout=20000)
    stem = f"Data held about Zoë Adams {TODAY.isoformat()}"
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}.json", f"{stem}.pdf"]
    document = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    assert document["about"] == "Zoë Adams"
    assert "Łukasz" not in (out / f"{stem}.json").read_text(encoding="utf-8")
    text = "".join(p.extract_text() for p in PdfReader(out / f"{stem}.pdf").pages)
    assert "Adams" in text and "Wójcik" not in text


def test_retention_review_lists_people_who_left_long_ago_and_can_erase_them(
        qtbot, make_window, group_path, answer):
    add(group_path, "Zoë Adams")
    add(group_path, "أحمد حسن", left_on=date(2021, 2, 1))
    add(group_path, "Łukasz Wójcik", left_on=date(2026, 1, 1))
    window = make_window(group_path, page="members")
    page = window.desktop.show_page("members")
    page.review_button.click()
    dialog = page.dialog
    assert isinstance(dialog, RetentionDialog)
    assert unlabelled_inputs(dialog) == []
    assert [row.name for row in dialog.model.rows] == ["أحمد حسن"]
    dialog.erase_button.click()
    dialog.confirm.from_backups.setChecked(False)
    dialog.confirm.erase_button.click()
    qtbot.waitUntil(lambda: "has been erased" in dialog.status.text(), timeout=20000)
    assert dialog.model.rowCount() == 0 and not dialog.erase_button.isEnabled()
    dialog.done(0)
    assert names_in(group_path) == ["Zoë Adams", "Łukasz Wójcik"]



def test_the_timer_backs_up_a_group_that_keeps_changing(qtbot, make_window, group_path):
    window = make_window(group_path)
    settle(qtbot)
    auto = window.safekeeping.auto
    assert auto.timer.isActive() and auto.timer.interval() <= 10 * 60 * 1000
    auto.scheduler.interval = timedelta(0)  # as if half an hour had passed
    members_service.add_member(window.group, name="Zoë Adams", joined_on=TODAY)
    auto.timer.timeout.emit()
    settle(qtbot)
    assert [b.members for b in backups_service.list_backups(group_path)] == [1, 0]
    auto.timer.timeout.emit()  # nothing changed since: no new backup
    settle(qtbot)
    assert len(backups_service.list_backups(group_path)) == 2


def test_a_backup_that_cannot_be_written_is_said_plainly_and_the_group_stays_open(
        qtbot, make_window, group_path, tmp_path):
    not_a_folder = tmp_path / "backups.txt"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    window = make_window()
    set_backup_folder(window.remembered, not_a_folder)
    assert window.open_path(group_path)
    qtbot.waitUntil(lambda: "automatic backup could not be made" in window.statusBar().currentMessage(),
                    timeout=10000)
    assert window.group is not None
    members_service.add_member(window.group, name="Zoë Adams", joined_on=TODAY)
    window.close_group()  # the backup on closing fails quietly; closing is never stopped
    assert names_in(group_path) == ["Zoë Adams"]
