"""File ▸ Check this group file: the check runs in the background and the answer is said in plain words."""

from __future__ import annotations

import sqlite3

import pytest

pytestmark = pytest.mark.gui


def test_a_sound_file_is_called_sound(qtbot, make_window, group_path, no_surprise_messages):
    window = make_window(group_path)
    assert window.check_action.isEnabled()

    window.check_action.trigger()

    qtbot.waitUntil(lambda: bool(no_surprise_messages), timeout=5000)
    assert no_surprise_messages == [
        "The group file is sound: its storage is undamaged and every record's links are whole."]
    assert window.check_action.isEnabled()


def test_broken_links_are_counted_in_words_and_listed(qtbot, make_window, group_path, no_surprise_messages):
    with sqlite3.connect(group_path) as conn:
        conn.execute("INSERT INTO attendance (meeting_id, member_id) VALUES (999, 998)")
    window = make_window(group_path)

    window.check_action.trigger()

    qtbot.waitUntil(lambda: bool(no_surprise_messages), timeout=5000)
    said = no_surprise_messages[0]
    assert said.startswith("Problems found: 2 links between records point to records that are missing. "
                            "Restore the newest backup")
    assert "• Table attendance, row" in said


def test_check_is_off_with_no_group_open(make_window):
    window = make_window()
    assert not window.check_action.isEnabled()
