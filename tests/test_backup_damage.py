"""The backup check catches a damaged page anywhere in a backup, not only its first page (so removing
``integrity_check`` from ``verify`` would fail this test)."""

from __future__ import annotations

import random

import pytest
from backup_helpers import put_setting

from coordinator_app.db.backup import take_backup, verify


@pytest.mark.parametrize("seed", range(8))
def test_damage_to_a_random_page_of_a_backup_is_caught(group, tmp_path, seed):
    for n in range(200):
        put_setting(group, f"key {n}", f"value {n} " * 20)
    made = take_backup(group.path, tmp_path / "backups")
    assert verify(made)
    data = bytearray(made.read_bytes())
    page_size = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // page_size
    chance = random.Random(seed)
    page = chance.randrange(1, pages)  # any page but the first (page 1 is index 0)
    start = page * page_size  # the page's header and cell pointers: what a torn write or bad sector breaks
    data[start:start + 16] = bytes(chance.randrange(256) for _ in range(16))
    made.write_bytes(bytes(data))
    assert not verify(made), f"page {page + 1} of {pages}"
