"""A member list saved from a spreadsheet, read into members: columns are found by their headers.

Headers are matched ignoring case, spaces and punctuation ("Full name", "E-mail", "Date joined:"). A list
with "First name" and "Surname" columns instead of one name column works too. Dates may be written
2024-03-05, 05/03/2024 (day first, as in the UK), 5 Mar 2024 or 5-Mar-24. Any problem names the row and
the column as the spreadsheet shows them, and nothing is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import MemberKind
from coordinator_app.services.member_import import (
    ImportResult,
    NewMember,
    RowCheck,
    RowError,
    check_members,
    import_members,
)
from coordinator_app.services.validate import shorten

from .csv_text import ImportProblem, Row, normalise_header, read_bytes, read_table
from .dates import DateOutOfRange, parse_date

# Our field -> the headers (as normalise_header leaves them) that mean it.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "names", "member", "member name", "members name"),
    "first_name": ("first name", "forename", "forenames", "given name", "first names"),
    "last_name": ("last name", "surname", "family name"),
    "preferred_name": ("preferred name", "known as", "nickname", "likes to be called"),
    "email": ("email", "e mail", "email address", "e mail address"),
    "phone": ("phone", "telephone", "mobile", "tel", "phone number", "telephone number", "mobile number",
              "mobile phone", "home phone", "landline"),
    "joined_on": ("joined", "date joined", "joined on", "join date", "joining date", "member since", "start date"),
    "left_on": ("left", "date left", "left on", "leaving date", "end date"),
    "kind": ("kind", "type", "member type", "membership type", "membership"),
    "address": ("address", "postal address", "home address"),
    "private_notes": ("notes", "note", "comments", "private notes"),
}
# Fields that are one line; a line break in one means rows have run together.
_ONE_LINE = ("name", "first_name", "last_name", "preferred_name", "email", "joined_on", "left_on", "kind")
_FIELD_OF = {header: field for field, headers in HEADERS.items() for header in headers}

KINDS: dict[str, MemberKind] = {
    "": MemberKind.MEMBER,
    "member": MemberKind.MEMBER,
    "relative": MemberKind.RELATIVE_OR_CARER,
    "carer": MemberKind.RELATIVE_OR_CARER,
    "relative or carer": MemberKind.RELATIVE_OR_CARER,
    "relative carer": MemberKind.RELATIVE_OR_CARER,
    "carer relative": MemberKind.RELATIVE_OR_CARER,
    "family": MemberKind.RELATIVE_OR_CARER,
    "practitioner": MemberKind.PRACTITIONER_GUEST,
    "practitioner guest": MemberKind.PRACTITIONER_GUEST,
    "guest": MemberKind.PRACTITIONER_GUEST,
    "professional": MemberKind.PRACTITIONER_GUEST,
}

@dataclass(frozen=True)
class Columns:
    """Where each field is in the file: our field -> (column index, the header as written)."""

    found: dict[str, tuple[int, str]]
    phones: tuple[tuple[int, str], ...]

    def header(self, field: str) -> str:
        if field in self.found:
            return self.found[field][1]
        if field == "phone" and self.phones:
            return self.phones[0][1]
        if field == "name" and "first_name" in self.found:
            return self.found["first_name"][1]
        return field.removesuffix("_on").replace("_", " ")


def _columns(header: Sequence[str]) -> Columns:
    found: dict[str, tuple[int, str]] = {}
    phones: list[tuple[int, str]] = []
    for index, text in enumerate(header):
        field = _FIELD_OF.get(normalise_header(text))
        if field == "phone":
            phones.append((index, text))
        elif field and field not in found:
            found[field] = (index, text)
    return Columns(found, tuple(phones))


def _is_header(cells: Sequence[str]) -> bool:
    found = _columns(cells).found
    return "name" in found or {"first_name", "last_name"} <= found.keys()


def _member(row: Row, columns: Columns, today: date) -> NewMember:
    def cell(field: str) -> str:
        return row.cell(columns.found[field][0]) if field in columns.found else ""

    def problem(field: str, detail: str) -> ImportProblem:
        return ImportProblem(f'row {row.number}, column "{shorten(columns.header(field))}": {detail}')

    def when(field: str) -> date | None:
        text = cell(field)
        if not text:
            return None
        try:
            return parse_date(text, today=today)
        except DateOutOfRange as exc:
            raise problem(field, f'"{text}" {exc}') from None
        except ValueError:
            raise problem(field, f'"{shorten(text)}" is not a date (use DD/MM/YYYY).') from None

    for field in _ONE_LINE:
        if "\n" in cell(field) or "\r" in cell(field):
            raise problem(field, 'this cell runs over several lines, so a quote (") before it may never have been '
                                 "closed.")
    name = cell("name") or " ".join(part for part in (cell("first_name"), cell("last_name")) if part)
    kind_text = cell("kind")
    kind = KINDS.get(normalise_header(kind_text))
    if kind is None:
        raise problem("kind", f'"{shorten(kind_text)}" is not a kind of member (use member, relative or carer, '
                              "or practitioner guest).")
    phone = next((row.cell(index) for index, _ in columns.phones if row.cell(index)), "")
    return NewMember(
        row=row.number, name=name, joined_on=when("joined_on"), left_on=when("left_on"), kind=kind,
        preferred_name=cell("preferred_name"), email=cell("email"), phone=phone, address=cell("address"),
        private_notes=cell("private_notes"),
    )


@dataclass(frozen=True)
class MemberList:
    """A member list read and checked cell by cell, ready to import; ``columns`` says where things were."""

    members: tuple[NewMember, ...]
    columns: Columns


def read_members(data: bytes, *, today: date) -> MemberList:
    """The members in a member list's bytes; :class:`ImportProblem` if any cell is wrong."""
    table = read_table(data, is_header=_is_header, what="a column of names")
    columns = _columns(table.header)
    members = tuple(_member(row, columns, today) for row in table.rows)
    if not members:
        raise ImportProblem("The member list has headers but no members below them.")
    return MemberList(members, columns)


@dataclass(frozen=True)
class PreviewRow:
    """One row of the file as the import would treat it; ``problem`` is the command line's sentence."""

    row: int
    name: str
    joined_on: date | None
    problem: str  # 'row 7, column "joined": ...', or "" when the row is fine
    already: bool
    possible_duplicate: str


@dataclass(frozen=True)
class MemberListPreview:
    """Every row with its problem, so all of them can be put right at once; nothing has been saved."""

    rows: tuple[PreviewRow, ...]
    member_list: MemberList | None  # None while any row has a problem: then nothing may be imported

    @property
    def problems(self) -> tuple[PreviewRow, ...]:
        return tuple(r for r in self.rows if r.problem)

    @property
    def to_add(self) -> int:
        return sum(1 for r in self.rows if not r.problem and not r.already)


def preview_members(group: GroupFile, data: bytes, *, today: date) -> MemberListPreview:
    """Read and check every row of a member list without saving; the same rules and messages as importing.

    A problem with the whole file (not a table, no names column) raises :class:`ImportProblem`.
    """
    table = read_table(data, is_header=_is_header, what="a column of names")
    columns = _columns(table.header)
    if not table.rows:
        raise ImportProblem("The member list has headers but no members below them.")
    read: list[NewMember | ImportProblem] = []
    for row in table.rows:
        try:
            read.append(_member(row, columns, today))
        except ImportProblem as problem:
            read.append(problem)
    readable = [m for m in read if isinstance(m, NewMember)]
    checks = iter(check_members(group, members=readable, today=today))
    rows: list[PreviewRow] = []
    for row, item in zip(table.rows, read, strict=True):
        if isinstance(item, ImportProblem):
            name = row.cell(columns.found["name"][0]) if "name" in columns.found else ""
            rows.append(PreviewRow(row.number, name, None, str(item), False, ""))
            continue
        check: RowCheck = next(checks)
        problem = f'row {item.row}, column "{shorten(columns.header(check.problem_field))}": {check.problem}' \
            if check.problem else ""
        rows.append(PreviewRow(item.row, item.name, item.joined_on, problem, check.already, check.possible_duplicate))
    ok = not any(r.problem for r in rows)
    return MemberListPreview(tuple(rows), MemberList(tuple(readable), columns) if ok else None)


def load_members(path: Path, *, today: date) -> MemberList:
    """Read the member list at ``path``, before any group file is opened, so a bad list touches nothing."""
    return read_members(read_bytes(path), today=today)


def import_member_list(group: GroupFile, member_list: MemberList, *, today: date) -> ImportResult:
    """Add every member on the list to the group, or none (an :class:`ImportProblem` names the row and column)."""
    try:
        return import_members(group, members=member_list.members, today=today)
    except RowError as exc:
        header = member_list.columns.header(exc.field)
        raise ImportProblem(f'row {exc.row}, column "{shorten(header)}": {exc.detail}') from exc


def import_members_csv(group: GroupFile, path: Path, *, today: date | None = None) -> ImportResult:
    """Import the member list at ``path`` into the group: every member, or none."""
    today = today or date.today()
    return import_member_list(group, load_members(path, today=today), today=today)
