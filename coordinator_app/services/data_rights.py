"""Members' data rights: see everything the group holds about them, and erase it.

Which rows are "about" a member is read from the schema: the member's own row and every row whose
foreign key points at it (``Base.metadata``), so a table added later is covered without touching this
module. Other members are never revealed: their ids in those rows are blanked.

Erasure keeps what the group needs and holds nothing personal:
- rows that only make sense with the person (roles, consents, agreements, unavailability, willingness
  to do a job) are deleted;
- rows that belong to the group's record keep their facts and lose the link: a payment keeps its date
  and amount, a good thing shared keeps its words, a job turn stays done, but none points at the person
  any more, and any text in them naming the person reads "former member" instead;
- attendance becomes a count: a meeting they came to keeps its headcount (the meeting's
  ``members_count`` takes the number present, which the meetings service shows in place of names), so
  attendance figures in funding and celebration reports do not change;
- a quote they gave is removed (a quote can identify its speaker);
- the person's full name, email and phone are replaced by "former member" wherever they were typed into
  any other text in the file.
Then the file is vacuumed with ``secure_delete`` on and its log truncated, so the old bytes are gone from
the group file and its write-ahead log. Backups made before the erasure still hold the person until
rotation removes them (at most about a year); the window should say so when it confirms an erasure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Column, ForeignKey, Select, String, Table, Text, delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Attendance, Base, Meeting, Member

from .errors import NotFound, StorageError
from .group import get_profile
from .uow import plain_storage_message, unit_of_work

FORMER_MEMBER = "former member"
_LABEL_COLUMNS = ("title", "topic", "held_on", "number", "name", "on", "role", "kind")
_TABLE_WORDS = {
    "members": "Member record",
    "member_roles": "Roles held",
    "consents": "Consents",
    "agreements": "Confidentiality agreement signed",
    "attendance": "Meetings attended",
    "unavailability": "Dates unavailable",
    "job_volunteers": "Jobs volunteered for",
    "job_assignments": "Turns at jobs",
    "good_things": "Good things shared",
    "achievements": "Quotes in achievements",
    "transactions": "Money paid or received",
    "approvals": "Payments approved",
}


@dataclass(frozen=True)
class RowAbout:
    """One row that refers to the member: its table and its values, ready for JSON."""

    table: str
    heading: str
    values: tuple[tuple[str, Any], ...]
    refers_to: tuple[tuple[str, str], ...] = ()  # (column, a short description of the row it points at)


@dataclass(frozen=True)
class SubjectAccessExport:
    member_id: int
    name: str
    group_name: str
    produced_on: date
    rows: tuple[RowAbout, ...]

    def tables(self) -> dict[str, list[RowAbout]]:
        grouped: dict[str, list[RowAbout]] = {}
        for row in self.rows:
            grouped.setdefault(row.table, []).append(row)
        return grouped

    def to_json(self) -> str:
        """Everything, as JSON: one list of rows per table, dates in ISO 8601."""
        document = {
            "about": self.name,
            "member_id": self.member_id,
            "group": self.group_name,
            "produced_on": self.produced_on.isoformat(),
            "tables": {
                table: [{**dict(row.values), **{f"{col} (refers to)": text for col, text in row.refers_to}}
                        for row in rows]
                for table, rows in self.tables().items()
            },
        }
        return json.dumps(document, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class ErasureReport:
    member_id: int
    deleted: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)
    meetings_kept_as_counts: int = 0
    mentions_replaced: int = 0


@dataclass(frozen=True)
class RetentionDue:
    member_id: int
    name: str
    left_on: date
    months_since_leaving: int


def member_references(metadata=Base.metadata) -> list[tuple[Table, Column]]:
    """Every (table, column) whose foreign key points at ``members.id``, from the schema itself."""
    members_id = Member.__table__.c.id
    found: list[tuple[Table, Column]] = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column is members_id for fk in column.foreign_keys):
                found.append((table, column))
    return found


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes of binary data, not copied>"
    return value


def _is_member_column(column: Column) -> bool:
    return any(fk.column is Member.__table__.c.id for fk in column.foreign_keys)


def _label(session: Session, fk: ForeignKey, value: Any) -> str | None:
    target: Table = fk.column.table
    if target is Member.__table__ or value is None:
        return None
    row = session.execute(select(target).where(fk.column == value)).mappings().first()
    if row is None:
        return None
    parts = [str(_json_value(row[name])) for name in _LABEL_COLUMNS if name in row and row[name] not in (None, "")]
    return ", ".join(parts[:2]) if parts else f"{target.name} {value}"


def _row_about(session: Session, table: Table, row: Any, member_id: int) -> RowAbout:
    values: list[tuple[str, Any]] = []
    refers: list[tuple[str, str]] = []
    for column in table.columns:
        value = row[column.name]
        if _is_member_column(column) and value not in (None, member_id):
            value = None  # another member: never named in someone else's export
        values.append((column.name, _json_value(value)))
        for fk in column.foreign_keys:
            label = _label(session, fk, value)
            if label:
                refers.append((column.name, label))
    return RowAbout(table.name, _TABLE_WORDS.get(table.name, table.name.replace("_", " ").capitalize()),
                    tuple(values), tuple(refers))


def _rows_referring(table: Table, columns: list[Column], member_id: int) -> Select:
    return select(table).where(or_(*(column == member_id for column in columns)))


def subject_access_export(group: GroupFile, member_id: int, *, today: date | None = None) -> SubjectAccessExport:
    """Every row that refers to the member (and nothing about anyone else), for a subject access request."""
    group_name = get_profile(group).name
    with unit_of_work(group, write=False) as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(f"There is no member number {member_id} in this group file.")
        members = Member.__table__
        rows = [_row_about(session, members, session.execute(select(members).where(members.c.id == member_id))
                           .mappings().one(), member_id)]
        by_table: dict[Table, list[Column]] = {}
        for table, column in member_references():
            by_table.setdefault(table, []).append(column)
        for table, columns in by_table.items():
            for row in session.execute(_rows_referring(table, columns, member_id)).mappings():
                rows.append(_row_about(session, table, row, member_id))
        return SubjectAccessExport(member_id, member.name, group_name, today or date.today(), tuple(rows))


def _mention_pattern(member: Member) -> re.Pattern[str] | None:
    needles = [text.strip() for text in (member.name, member.email, member.phone) if len(text.strip()) >= 3]
    if not needles:
        return None
    alternatives = "|".join(re.escape(needle) for needle in sorted(needles, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _replace_mentions(session: Session, pattern: re.Pattern[str], member_id: int) -> int:
    """Replace the person's name, email and phone typed anywhere else in the file; returns how many."""
    replaced = 0
    members = Member.__table__
    for table in Base.metadata.sorted_tables:
        text_columns = [c for c in table.columns if isinstance(c.type, String | Text)]
        keys = list(table.primary_key.columns)
        if not text_columns or not keys:
            continue
        for row in session.execute(select(*keys, *text_columns)).mappings():
            if table is members and row["id"] == member_id:
                continue  # the row itself is deleted
            changes = {}
            for column in text_columns:
                value = row[column.name]
                if isinstance(value, str) and pattern.search(value):
                    changes[column.name], count = pattern.subn(FORMER_MEMBER, value)
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


def erase_member(group: GroupFile, member_id: int) -> ErasureReport:
    """Erase a person: their personal data goes; the group's counts and accounts stay exactly as they were."""
    with unit_of_work(group) as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(f"There is no member number {member_id} in this group file.")
        session.execute(text("PRAGMA secure_delete = ON"))  # deleted rows are overwritten, not just unlinked
        pattern = _mention_pattern(member)
        counted = _attendance_to_counts(session, member_id)
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
        mentions = _replace_mentions(session, pattern, member_id) if pattern is not None else 0
        session.execute(delete(Member.__table__).where(Member.__table__.c.id == member_id))
        deleted["members"] = 1
    _scrub_file(group)
    return ErasureReport(member_id, deleted, unlinked, counted, mentions)


def _scrub_file(group: GroupFile) -> None:
    """Rewrite the file with deleted bytes zeroed, and empty the log, so nothing erased can be read back."""
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


def retention_review(group: GroupFile, *, today: date | None = None) -> list[RetentionDue]:
    """People who left more than the group's retention period ago: candidates for erasure, oldest first."""
    today = today or date.today()
    keep_months = get_profile(group).retention_months
    due: list[RetentionDue] = []
    with unit_of_work(group, write=False) as session:
        for member in session.scalars(select(Member).where(Member.left_on.is_not(None)).order_by(Member.left_on)):
            left = member.left_on
            assert left is not None
            months = (today.year - left.year) * 12 + today.month - left.month - (today.day < left.day)
            if months >= keep_months:
                due.append(RetentionDue(member.id, member.name, left, months))
    return due
