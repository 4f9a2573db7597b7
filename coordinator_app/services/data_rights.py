"""Members' data rights: see everything the group holds about them (subject access), and retention review.

Which rows are "about" a member is read from the schema: the member's own row and every row whose
foreign key points at it (``Base.metadata``), so a table added later is covered without touching this
module. Other members are never revealed: their ids in those rows are blanked.

Erasure is ``services/erasure.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Column, ForeignKey, Select, Table, or_, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Base, Member

from .errors import NotFound
from .group import get_profile
from .uow import unit_of_work

_LABEL_COLUMNS = ("title", "topic", "held_on", "number", "name", "on", "role", "kind")
TABLE_WORDS = {
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
    return RowAbout(table.name, TABLE_WORDS.get(table.name, table.name.replace("_", " ").capitalize()),
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
