"""Alembic, driven from code: which revision a file is at, and upgrading it to the newest.

Alembic is imported only when it is needed (an upgrade, or a revision this version does not know):
importing it costs a third of a second, and a file already at ``SCHEMA_HEAD`` needs none of it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; tests/test_storage.py checks the two agree.
SCHEMA_HEAD = "0001"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache  # the scripts ship with the app; reading them compiles Python, so read them once
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@functools.cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(connection: Connection) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def regenerate_initial() -> None:
    """Write revision 0001 afresh from the models (allowed only before the first release)."""
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    config = alembic_config()
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/empty.db")
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.revision(config, message="the whole group schema", autogenerate=True, rev_id="0001")
        engine.dispose()


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--regenerate-initial"]:
        regenerate_initial()
