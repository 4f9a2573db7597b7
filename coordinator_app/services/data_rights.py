"""Members' data rights: see everything the group holds about them (subject access), and retention review.

A subject access export (UK GDPR Article 15) holds:
- every row that refers to the member: their own row and every row whose foreign key points at it
  (read from ``Base.metadata``, so a table added later is covered without touching this module);
- every other row whose free text mentions them (a confidential note about their medication is their
  personal data), found by the privacy matcher in every text column of every table: only the
  mentioning text and the row's date or title are shown;
- the Article 15 supporting information: why it is held, where it came from, who it is shared with,
  how long it is kept, and their rights (to correct, erase, object, complain to the ICO).
Other people are never revealed: their ids are blanked and their names in any text read "a member".

Erasure is ``services/erasure.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Column, ForeignKey, Select, String, Table, Text, or_, select
from sqlalchemy import Enum as EnumType
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Base, Member

from .errors import NotFound
from .group import Profile, get_profile
from .privacy import UNNAMED, NameMatcher, Person, person
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
    "apologies": "Apologies sent",
    "meetings": "Meetings",
    "decisions": "Decisions",
    "jobs": "Jobs",
    "aims": "The group's aims",
    "contacts": "Contacts",
    "support_log": "Support received",
    "venues": "Venues",
    "grant_outcomes": "What grants achieved",
}
# Columns that say what a row is about, shown beside a mention so it can be found again.
_CONTEXT_COLUMNS = ("held_on", "on", "achieved_on", "given_on", "set_on", "topic", "title", "name")
_OWN_CONTACT_COLUMNS = ("name", "preferred_name", "email", "phone")
# Text in a row linked to the member that was not written by or about them (a meeting they chaired):
# shown only where it mentions them.
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NOT_THEIRS = {"meetings": ("confidential_notes", "minutes")}


@dataclass(frozen=True)
class RowAbout:
    """One row that refers to the member: its table and its values, ready for JSON."""

    table: str
    heading: str
    values: tuple[tuple[str, Any], ...]
    refers_to: tuple[tuple[str, str], ...] = ()  # (column, a short description of the row it points at)
    mentioned: bool = False  # found because its text names the member, not by a link to them


@dataclass(frozen=True)
class SubjectAccessExport:
    member_id: int
    name: str
    group_name: str
    produced_on: date
    rows: tuple[RowAbout, ...]
    supporting: tuple[tuple[str, str], ...] = ()  # the Article 15 information: (question, answer)

    def tables(self) -> dict[str, list[RowAbout]]:
        """The rows linked to the member, by table."""
        return _grouped(row for row in self.rows if not row.mentioned)

    def mentions(self) -> dict[str, list[RowAbout]]:
        """The rows whose text mentions the member, by table."""
        return _grouped(row for row in self.rows if row.mentioned)

    def to_json(self) -> str:
        """Everything, as JSON: one list of rows per table, dates in ISO 8601."""

        def listed(groups: dict[str, list[RowAbout]]) -> dict[str, list[dict[str, Any]]]:
            return {table: [{**dict(row.values), **{f"{col} (refers to)": text for col, text in row.refers_to}}
                            for row in rows] for table, rows in groups.items()}

        document = {
            "about": self.name,
            "member_id": self.member_id,
            "group": self.group_name,
            "produced_on": self.produced_on.isoformat(),
            "tables": listed(self.tables()),
            "mentioned_in": listed(self.mentions()),
            "about_this_data": dict(self.supporting),
        }
        return json.dumps(document, ensure_ascii=False, indent=2)


def _grouped(rows: Iterable[RowAbout]) -> dict[str, list[RowAbout]]:
    grouped: dict[str, list[RowAbout]] = {}
    for row in rows:
        grouped.setdefault(row.table, []).append(row)
    return grouped


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


def text_columns(table: Table) -> list[Column]:
    """The columns of ``table`` where people type words (not the stored choices of an enumeration)."""
    return [c for c in table.columns if isinstance(c.type, String | Text) and not isinstance(c.type, EnumType)]


def supporting_information(profile: Profile) -> tuple[tuple[str, str], ...]:
    """What Article 15 says a person must be told beside the copy of their data, in plain words."""
    group = profile.name
    return (
        ("Why the group holds it",
         f"To run {group}: to know who belongs and who came to meetings, to keep in touch with members who "
         "agreed to be contacted, to share out jobs, to keep the accounts, and to report to funders, who see "
         "numbers, and names only of people who agreed to be named."),
        ("Where it came from", "From you, or written down by the group's volunteers at meetings and in the "
                               "group's records and accounts."),
        ("Who it is shared with",
         "Nobody outside the group. It is kept by the group's own volunteers on the group's own computer "
         "(or the group's own server). The app sends nothing over the internet, so nothing is sent abroad."),
        ("How long it is kept",
         f"While you are a member, and for {profile.retention_months} months after you leave. Then the group "
         "erases it unless it still needs it; payments stay in the accounts without your name."),
        ("Decisions made by computer", "None. No decision about you is made automatically."),
        ("Your rights",
         "You may ask the group to correct anything that is wrong, to erase your details, to stop or limit how "
         "they are used, and for this copy again at any time. Ask the group's coordinator; there is no charge."),
        ("If you are unhappy",
         "You can complain to the Information Commissioner's Office (ICO), the UK's regulator for personal "
         "data: ico.org.uk/make-a-complaint, telephone 0303 123 1113."),
    )


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


def _row_about(session: Session, table: Table, row: Any, member_id: int, find: NameMatcher,
               hide: NameMatcher) -> RowAbout:
    values: list[tuple[str, Any]] = []
    refers: list[tuple[str, str]] = []
    own_row = table is Member.__table__ and row["id"] == member_id
    for column in table.columns:
        value = row[column.name]
        if _is_member_column(column) and value not in (None, member_id):
            value = None  # another member: never named in someone else's export
        if column.name in _NOT_THEIRS.get(table.name, ()):
            value = _naming_sentences(value, find, member_id) if find.names(value or "", member_id) else None
        if isinstance(value, str) and not (own_row and column.name in _OWN_CONTACT_COLUMNS):
            value = hide.replace(value, UNNAMED)[0]
        values.append((column.name, _json_value(value)))
        for fk in column.foreign_keys:
            label = _label(session, fk, value)
            if label:
                refers.append((column.name, hide.replace(label, UNNAMED)[0]))
    return RowAbout(table.name, TABLE_WORDS.get(table.name, table.name.replace("_", " ").capitalize()),
                    tuple(values), tuple(refers))


def _naming_sentences(text: str, find: NameMatcher, member_id: int) -> str:
    """The sentences of ``text`` that name the member (all of it if only the whole does), joined by " … "."""
    sentences = [part.strip() for part in _SENTENCE.split(text) if part.strip()]
    naming = [sentence for sentence in sentences if find.names(sentence, member_id)]
    return " … ".join(naming) if naming else text


def _mentions(session: Session, member_id: int, find: NameMatcher, hide: NameMatcher,
              linked: set[tuple[str, tuple[Any, ...]]]) -> list[RowAbout]:
    """Rows not linked to the member whose text names them: the sentences naming them, and what the row is.

    Other people's names in them read "a member"; the rest of the text (about others) is left out.
    """
    found: list[RowAbout] = []
    for table in Base.metadata.sorted_tables:
        columns, keys = text_columns(table), list(table.primary_key.columns)
        if not columns or not keys:
            continue
        context = [name for name in _CONTEXT_COLUMNS if name in table.c and table is not Member.__table__]
        extra = [table.c[name] for name in context if table.c[name] not in columns]
        for row in session.execute(select(*keys, *extra, *columns)).mappings():
            key = tuple(row[k.name] for k in keys)
            if (table.name, key) in linked:
                continue
            naming = [c.name for c in columns if isinstance(row[c.name], str) and find.names(row[c.name], member_id)]
            if not naming:
                continue
            values = [(name, hide.replace(row[name], UNNAMED)[0] if isinstance(row[name], str)
                       else _json_value(row[name])) for name in context if name not in naming]
            values += [(name, hide.replace(_naming_sentences(row[name], find, member_id), UNNAMED)[0])
                       for name in naming]
            found.append(RowAbout(table.name, TABLE_WORDS.get(table.name, table.name.replace("_", " ").capitalize()),
                                  tuple(values), mentioned=True))
    return found


def _rows_referring(table: Table, columns: list[Column], member_id: int) -> Select:
    return select(table).where(or_(*(column == member_id for column in columns)))


def subject_access_export(group: GroupFile, member_id: int, *, today: date | None = None) -> SubjectAccessExport:
    """Everything held about the member (and nothing about anyone else), for a subject access request."""
    profile = get_profile(group)
    with unit_of_work(group, write=False) as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(f"There is no member number {member_id} in this group file.")
        others = [person(m) for m in session.scalars(select(Member).where(Member.id != member_id))]
        them: Person = person(member, identifiers=True)
        find = NameMatcher([them], kept=others)
        hide = NameMatcher(others, kept=[person(member)])
        members = Member.__table__
        rows = [_row_about(session, members, session.execute(select(members).where(members.c.id == member_id))
                           .mappings().one(), member_id, find, hide)]
        linked = {("members", (member_id,))}
        by_table: dict[Table, list[Column]] = {}
        for table, column in member_references():
            by_table.setdefault(table, []).append(column)
        for table, columns in by_table.items():
            for row in session.execute(_rows_referring(table, columns, member_id)).mappings():
                rows.append(_row_about(session, table, row, member_id, find, hide))
                linked.add((table.name, tuple(row[k.name] for k in table.primary_key.columns)))
        rows += _mentions(session, member_id, find, hide, linked)
        return SubjectAccessExport(member_id, member.name, profile.name, today or date.today(), tuple(rows),
                                   supporting_information(profile))


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
