"""The group file: creation, reopening, and the models agreeing with the migrations."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.migrate import SCHEMA_HEAD, head_revision, upgrade_to_head
from coordinator_app.db.models import Base
from coordinator_app.services import group as group_service


def test_models_and_alembic_head_agree(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with engine.begin() as conn:
        upgrade_to_head(conn)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_from_empty_reaches_head(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with engine.begin() as conn:
        upgrade_to_head(conn)
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == head_revision()


def test_created_group_reopens_with_its_name(group_path):
    with open_group(group_path) as group:
        assert group_service.get_profile(group).name == "Riverside Carers' Circle"
        assert not group.read_only


def test_pragmas_are_set_on_every_connection(group):
    with group.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_the_head_the_app_expects_is_the_newest_migration():
    assert head_revision() == SCHEMA_HEAD
