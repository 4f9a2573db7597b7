"""Adding many members at once (from a member list): all of them, or none if any one is wrong.

Each row is checked by the same rules as adding one member by hand (``services.members``). A member already
in the group with the same name and joined date is left as it is, so bringing in an updated copy of the
same list adds only the new people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Member, MemberKind

from .errors import ValidationError
from .members import _apply as apply_member_fields
from .uow import unit_of_work
from .validate import say_date


@dataclass(frozen=True)
class NewMember:
    """One member to add; ``row`` says where it came from (a spreadsheet row number) for messages."""

    row: int
    name: str
    joined_on: date | None = None  # None: joined today
    preferred_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    left_on: date | None = None
    kind: MemberKind = MemberKind.MEMBER
    private_notes: str = ""


@dataclass(frozen=True)
class ImportResult:
    imported: int
    already_there: tuple[str, ...]  # names left alone because the group has them already
    joined_today: int  # how many had no joined date and were given today's


class RowError(ValidationError):
    """A :class:`ValidationError` that also says which row; ``detail`` is the sentence without the row."""

    def __init__(self, row: int, field: str, detail: str) -> None:
        super().__init__(field, f"Row {row}: {detail}")
        self.row = row
        self.detail = detail


def _key(name: str, joined_on: date) -> tuple[str, date]:
    return " ".join(name.casefold().split()), joined_on


def _checked(new: NewMember, today: date) -> Member:
    """A new member row, checked by the same rules as adding one member by hand."""
    joined_on = new.joined_on or today
    try:
        if joined_on > today:
            raise ValidationError("joined_on", f"{say_date(joined_on)} is after today; nobody can join in the future.")
        member = Member(left_on=new.left_on)
        apply_member_fields(member, {
            "name": new.name, "joined_on": joined_on, "preferred_name": new.preferred_name, "email": new.email,
            "phone": new.phone, "address": new.address, "kind": new.kind, "private_notes": new.private_notes,
        })
        return member
    except ValidationError as exc:
        raise RowError(new.row, exc.field, exc.message) from exc


@dataclass(frozen=True)
class RowCheck:
    """What importing one row would do: ``problem`` (the sentence without the row), or ``already`` in the
    group, or ``possible_duplicate`` naming a current member of the same name who joined on another day."""

    member: NewMember
    problem: str = ""
    problem_field: str = ""
    already: bool = False
    possible_duplicate: str = ""


def _known(session: Session) -> tuple[set[tuple[str, date]], dict[str, list[date]]]:
    known: set[tuple[str, date]] = set()
    current: dict[str, list[date]] = {}
    for name, joined_on, left_on in session.execute(
            select(Member.name, Member.joined_on, Member.left_on).where(Member.deleted_at.is_(None))):
        known.add(_key(name, joined_on))
        if left_on is None:
            current.setdefault(_key(name, joined_on)[0], []).append(joined_on)
    return known, current


def check_members(group: GroupFile, *, members: Sequence[NewMember], today: date | None = None) -> list[RowCheck]:
    """Each row checked as :func:`import_members` would, without saving anything: the import's preview."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        known, current = _known(session)
    checks: list[RowCheck] = []
    for new in members:
        try:
            member = _checked(new, today)
        except RowError as exc:
            checks.append(RowCheck(new, problem=exc.detail, problem_field=exc.field))
            continue
        key = _key(member.name, member.joined_on)
        if key in known:
            checks.append(RowCheck(new, already=True))
            continue
        known.add(key)
        others = [day for day in current.get(key[0], []) if day != member.joined_on]
        duplicate = f"{member.name} (joined {say_date(others[0])})" if others else ""
        checks.append(RowCheck(new, possible_duplicate=duplicate))
    return checks


def import_members(group: GroupFile, *, members: Sequence[NewMember], today: date | None = None) -> ImportResult:
    """Add every member, or raise :class:`RowError` for the first wrong one and add none."""
    today = today or date.today()
    checked = [_checked(new, today) for new in members]
    with unit_of_work(group) as session:
        rows = session.execute(select(Member.name, Member.joined_on).where(Member.deleted_at.is_(None)))
        known = {_key(name, joined_on) for name, joined_on in rows}
        added: list[Member] = []
        already: list[str] = []
        joined_today = 0
        for new, member in zip(members, checked, strict=True):
            key = _key(member.name, member.joined_on)
            if key in known:
                already.append(member.name)
                continue
            known.add(key)
            added.append(member)
            joined_today += new.joined_on is None
        session.add_all(added)
    return ImportResult(imported=len(added), already_there=tuple(already), joined_today=joined_today)
