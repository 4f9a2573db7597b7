"""A group file from an older version is upgraded on a copy that replaces it only when all went well.

The app has one revision so far, so these tests add a second one in a copy of the migrations folder
(data, not our code) and point the app at it, as the next release will.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from coordinator_app.db import migrate
from coordinator_app.db.errors import GroupFileError
from coordinator_app.db.groupfile import open_group
from coordinator_app.services import group as group_service

NEXT = '''
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("settings") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    {extra}


def downgrade():
    pass
'''


def _next_release(folder: Path, monkeypatch: pytest.MonkeyPatch, extra: str = "") -> None:
    scripts = folder / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_next.py").write_text(NEXT.format(extra=extra or "pass"), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "0002")
    migrate.head_revision.cache_clear()
    migrate.known_revisions.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_caches():
    yield
    migrate.head_revision.cache_clear()
    migrate.known_revisions.cache_clear()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_older_file_is_upgraded_and_keeps_everything(group_path, tmp_path_factory, monkeypatch):
    _next_release(tmp_path_factory.mktemp("release"), monkeypatch)
    with open_group(group_path) as group:
        assert group_service.get_profile(group).name == "Riverside Carers' Circle"
    conn = sqlite3.connect(group_path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
        assert "note" in [row[1] for row in conn.execute("PRAGMA table_info(settings)")]
    finally:
        conn.close()
    assert sorted(p.name for p in group_path.parent.iterdir()) == [group_path.name]  # no copy left behind


def test_a_failed_upgrade_leaves_the_file_exactly_as_it_was(group_path, tmp_path_factory, monkeypatch):
    before = _sha(group_path)
    bug = 'raise RuntimeError("the new version has a bug")'
    _next_release(tmp_path_factory.mktemp("release"), monkeypatch, extra=bug)
    with pytest.raises(GroupFileError, match="could not be updated.*has not been changed"):
        open_group(group_path)
    assert _sha(group_path) == before
    assert sorted(p.name for p in group_path.parent.iterdir()) == [group_path.name]  # no lock, no copy
    # And the version that made it still opens it.
    monkeypatch.undo()
    migrate.known_revisions.cache_clear()
    with open_group(group_path) as group:
        assert group_service.get_profile(group).name == "Riverside Carers' Circle"
