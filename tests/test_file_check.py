"""The check's answer in words: what File ▸ Check this group file says for each kind of problem."""

from __future__ import annotations

from coordinator_app.services.file_check import FileCheck, check_group


def test_a_new_group_file_is_sound_at_the_newest_version(group):
    result = check_group(group)
    assert result.sound and result.revision == result.newest and not result.on_server
    assert result.summary().startswith("The group file is sound")


def test_damage_and_broken_links_are_both_named_and_the_way_out_is_said():
    result = FileCheck(revision="0001", newest="0001", on_server=False,
                       storage_problems=("Storage check: page 7 is never used",),
                       link_problems=("Table attendance, row 3: refers to a missing row in members.",))
    assert not result.sound and len(result.problems) == 2
    assert result.summary() == (
        "Problems found: part of the file is damaged and 1 link between records points to a record that is "
        "missing. Restore the newest backup (File ▸ Restore from a backup) or keep a copy of this file and ask "
        "for help.")
