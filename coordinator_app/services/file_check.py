"""Is this group file sound? What ``check`` prints and File ▸ Check this group file shows, from one place.

It only reads (``quick_check`` and ``foreign_key_check``), so it is safe on a file open elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from coordinator_app.db.groupfile import GroupFile, integrity_problems
from coordinator_app.db.migrate import head_revision

STORAGE = "Storage check:"


@dataclass(frozen=True)
class FileCheck:
    revision: str
    newest: str  # the schema version this app writes
    on_server: bool  # a server group: PostgreSQL keeps storage and links sound itself
    storage_problems: tuple[str, ...] = ()
    link_problems: tuple[str, ...] = ()

    @property
    def sound(self) -> bool:
        return not self.storage_problems and not self.link_problems

    @property
    def problems(self) -> tuple[str, ...]:
        return self.storage_problems + self.link_problems

    def summary(self) -> str:
        """The result in one or two plain sentences, for someone who has never heard of SQLite."""
        if self.on_server:
            return "The server keeps this group's storage and the links between its records sound."
        if self.sound:
            return "The group file is sound: its storage is undamaged and every record's links are whole."
        parts = []
        if self.storage_problems:
            parts.append("part of the file is damaged")
        if self.link_problems:
            n = len(self.link_problems)
            parts.append("1 link between records points to a record that is missing" if n == 1
                         else f"{n} links between records point to records that are missing")
        return ("Problems found: " + " and ".join(parts) + ". Restore the newest backup (File ▸ Restore from a "
                "backup) or keep a copy of this file and ask for help.")


def check_group(group: GroupFile) -> FileCheck:
    """Check ``group`` without changing it."""
    with group.engine.connect() as conn:
        revision = str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar())
    if group.path is None:
        return FileCheck(revision=revision, newest=head_revision(), on_server=True)
    try:
        problems = integrity_problems(group)
    except DatabaseError as error:  # damaged so badly that SQLite stops reading part-way
        problems = [f"{STORAGE} the file could not be read to the end ({error.orig or error})."]
    return FileCheck(
        revision=revision, newest=head_revision(), on_server=False,
        storage_problems=tuple(p for p in problems if p.startswith(STORAGE)),
        link_problems=tuple(p for p in problems if not p.startswith(STORAGE)),
    )
