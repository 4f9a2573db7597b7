"""Erasing a person (UK GDPR Article 17): from the group file, and if asked from its backups too.

Which rows are "about" the person is read from the schema (every foreign key to ``members.id``), and
which text might name them is every text column of every table in ``Base.metadata``, so a table added
later is covered without touching this module. The group keeps what it needs and holds nothing personal:
- rows that only make sense with the person (roles, consents, agreements, unavailability, willingness
  to do a job) are deleted;
- rows that belong to the group's record keep their facts and lose the link: a payment keeps its date
  and amount, a good thing shared keeps its words, a job turn stays done;
- attendance becomes a count: each meeting they came to keeps its headcount (``members_count``), so the
  figures in funding and celebration reports do not change;
- a quote they gave is removed (a quote can identify its speaker);
- every form of their name the matcher knows (``services/privacy``: full name, each name, preferred name,
  titles, possessives, any case, accents or none), their email and their phone, wherever typed in any text,
  reads "a member" ("A member" starting a sentence, "a member's" for a possessive). Other members' own
  names are never rewritten, and a member who shares a word with them keeps their full name.
Then the file is vacuumed with ``secure_delete`` on and its log truncated, so the old bytes are gone.

Backups hold the person until rotation drops them (about a year). With ``backups=True`` each backup of
this group in the backup folder is rewritten the same way (``db.backup.rewrite_backup``: on a copy,
checked, then put in place under the same name, so rotation keeps it as before). Copies saved elsewhere
("Back up to…", a memory stick) cannot be reached; the summary says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from coordinator_app.db import backup as backup_db
from coordinator_app.db.backup import BackupFailed
from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Attendance, Base, Meeting, Member

from .data_rights import TABLE_WORDS, member_references, text_columns
from .errors import NotFound, StorageError
from .privacy import UNNAMED, NameMatcher, Person, person
from .uow import plain_storage_message, unit_of_work

_OWN_NAME_COLUMNS = ("name", "preferred_name")  # another member's own name is theirs, never a mention


@dataclass(frozen=True)
class BackupsErased:
    """What erasing from the backups did: each backup rewritten, or why one could not be."""

    folder: Path
    rewritten: tuple[Path, ...] = ()
    failed: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True)
class ErasureReport:
    member_id: int
    deleted: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)
    meetings_kept_as_counts: int = 0
    mentions_replaced: int = 0
    wiped: bool = True  # the file itself rewritten so erased bytes cannot be read back
    backups: BackupsErased | None = None

    def summary(self) -> list[str]:
        """What was done, in short plain sentences, for the window and the command line."""
        deleted = {table: n for table, n in self.deleted.items() if table != "members"}
        said = [f"Deleted their member record{', ' + _listed(deleted) if deleted else ''}."]
        if self.unlinked:
            said.append(f"Kept {_listed(self.unlinked)} in the group's records, no longer linked to them.")
        if self.mentions_replaced:
            said.append(f"Took their name or contact details out of {_count(self.mentions_replaced, 'place')} in "
                        f"notes, minutes and other text; each now reads “{UNNAMED}”.")
        kept = f" ({_count(self.meetings_kept_as_counts, 'meeting')} keep their count)" \
            if self.meetings_kept_as_counts else ""
        said.append(f"The accounts and the meetings' head-counts are unchanged{kept}.")
        if self.wiped:
            said.append("The group file was wiped, so the erased details cannot be read back from it.")
        if self.backups is None:
            said.append("Backups made before now still hold their details until rotation replaces them "
                        "(within about a year).")
            return said
        done, failed = self.backups.rewritten, self.backups.failed
        if not done and not failed:
            said.append(f"There were no backups of this group in {self.backups.folder}.")
        if done:
            said.append(f"Erased them from {_count(len(done), 'backup')} in {self.backups.folder}, each checked "
                        "and kept under its own name.")
        for _path, why in failed:
            said.append(f"{why} It still holds their details.")
        said.append("Copies saved anywhere else (Back up to…, a memory stick) are not changed.")
        return said


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _listed(counts: dict[str, int]) -> str:
    parts = [f"{TABLE_WORDS.get(table, table.replace('_', ' ')).lower()} ({n})" for table, n in counts.items()]
    return ", ".join(parts) if parts else "nothing"


def _others(session: Session, member_id: int) -> list[Person]:
    return [person(m) for m in session.scalars(select(Member).where(Member.id != member_id))]


def _replace_mentions(session: Session, matcher: NameMatcher, member_id: int) -> int:
    """Write every mention of the person in every text column as "a member"; returns how many."""
    replaced = 0
    for table in Base.metadata.sorted_tables:
        columns, keys = text_columns(table), list(table.primary_key.columns)
        if not columns or not keys:
            continue
        for row in session.execute(select(*keys, *columns)).mappings():
            if table is Member.__table__ and row["id"] == member_id:
                continue  # the row itself is deleted
            changes = {}
            for column in columns:
                value = row[column.name]
                if table is Member.__table__ and column.name in _OWN_NAME_COLUMNS or not isinstance(value, str):
                    continue
                changed, count = matcher.replace(value, UNNAMED)
                if count:
                    changes[column.name] = changed
                    replaced += count
            if changes:
                session.execute(update(table).where(*(key == row[key.name] for key in keys)).values(**changes))
    return replaced


def _attendance_to_counts(session: Session, member_id: int) -> int:
    meeting_ids = session.scalars(select(Attendance.meeting_id).where(Attendance.member_id == member_id)).all()
    for meeting_id in meeting_ids:
        meeting = session.get(Meeting, meeting_id)
        if meeting is not None and meeting.members_count is None:
            present = session.scalar(select(func.count()).where(Attendance.meeting_id == meeting_id))
            meeting.members_count = int(present or 0)
    return len(meeting_ids)


def _unlink(session: Session, member_id: int) -> tuple[dict[str, int], dict[str, int]]:
    deleted: dict[str, int] = {}
    unlinked: dict[str, int] = {}
    for table, column in member_references():
        where = column == member_id
        if table.name == "achievements":
            session.execute(update(table).where(where).values(quote="", consent_to_include=False))
        if column.nullable:
            count = session.execute(update(table).where(where).values({column.name: None})).rowcount
            if count:
                unlinked[table.name] = unlinked.get(table.name, 0) + count
        else:
            count = session.execute(delete(table).where(where)).rowcount
            if count:
                deleted[table.name] = deleted.get(table.name, 0) + count
    return deleted, unlinked


def _is_sqlite(group: GroupFile) -> bool:
    return group.engine.dialect.name == "sqlite"


def _erase_in(group: GroupFile, member_id: int, target: Person | None) -> ErasureReport:
    """Erase member ``member_id`` from one file; ``target`` says who they are when the file is a backup.

    In a backup the row with that id is taken for the person only if the matcher knows its name or it
    holds their email: a backup older than the person may have given that number to someone else.
    """
    with unit_of_work(group) as session:
        member = session.get(Member, member_id)
        if target is None:
            if member is None:
                raise NotFound(f"There is no member number {member_id} in this group file.")
            target = person(member, identifiers=True)
        matcher = NameMatcher([target], kept=_others(session, member_id))
        if member is not None and not (matcher.names(member.name, target.id) or (
                member.email and member.email.casefold() in map(str.casefold, target.also))):
            member = None
        if _is_sqlite(group):
            session.execute(text("PRAGMA secure_delete = ON"))  # deleted rows are overwritten, not just unlinked
        counted, deleted, unlinked = 0, {}, {}
        if member is not None:
            counted = _attendance_to_counts(session, member_id)
            deleted, unlinked = _unlink(session, member_id)
        mentions = _replace_mentions(session, matcher, member_id if member is not None else -1)
        if member is not None:
            session.execute(delete(Member.__table__).where(Member.__table__.c.id == member_id))
            deleted = {"members": 1, **deleted}
    wiped = _scrub_file(group)
    return ErasureReport(member_id, deleted, unlinked, counted, mentions, wiped)


def name_of(group: GroupFile, member_id: int) -> str:
    """The name of the member about to be erased (a deleted member too), to ask about them by name."""
    with unit_of_work(group, write=False) as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(f"There is no member number {member_id} in this group file.")
        return member.name


def erase_member(group: GroupFile, member_id: int, *, backups: bool = False,
                 backup_folder: Path | None = None) -> ErasureReport:
    """Erase a person: their personal data goes; the group's counts and accounts stay exactly as they were.

    With ``backups``, each backup of this group in ``backup_folder`` (default: the usual one) is erased too.
    """
    with unit_of_work(group, write=False) as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(f"There is no member number {member_id} in this group file.")
        target = person(member, identifiers=True)
    report = _erase_in(group, member_id, None)
    if not backups or not _is_sqlite(group):
        return report
    folder = backup_db.default_folder(backup_folder)
    found = backup_db.find_backups(group.path, folder)
    return ErasureReport(report.member_id, report.deleted, report.unlinked, report.meetings_kept_as_counts,
                         report.mentions_replaced, report.wiped,
                         _erase_from_backups(folder, (b.path for b in found), member_id, target))


def _erase_from_backups(folder: Path, paths: Iterable[Path], member_id: int, target: Person) -> BackupsErased:
    rewritten: list[Path] = []
    failed: list[tuple[Path, str]] = []
    for path in paths:
        try:
            backup_db.rewrite_backup(path, lambda copy: _erase_in(copy, member_id, target))
        except (BackupFailed, StorageError) as exc:
            failed.append((path, str(exc)))
        else:
            rewritten.append(path)
    return BackupsErased(folder, tuple(rewritten), tuple(failed))


def _scrub_file(group: GroupFile) -> bool:
    """Rewrite the file with deleted bytes zeroed, and empty the log, so nothing erased can be read back.

    Only a group file can be wiped this way; a group on a server is left to the server's own vacuuming.
    """
    if not _is_sqlite(group):
        return False
    raw = group.engine.raw_connection()
    try:
        conn = raw.driver_connection
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("VACUUM")
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except Exception as exc:
        message = plain_storage_message(exc)
        raise StorageError(message or f"The erased data could not be wiped from the file ({exc}).") from exc
    finally:
        raw.close()
    if busy:
        raise StorageError("The erasure is saved, but the group file is busy; close other copies and erase again.")
    return True
