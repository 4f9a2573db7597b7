"""Small factories for the charter, contacts and achievements tests: members and meetings made directly.

They write rows straight to the group file so these tests do not depend on the members and meetings
services; the rows are exactly what those services would store.
"""

from __future__ import annotations

from datetime import date

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Meeting, Member
from coordinator_app.db.models.base import utcnow
from coordinator_app.services.uow import unit_of_work

# A fixed "today" so no test depends on the clock.
TODAY = date(2026, 6, 1)

NAMES = ("Zoë Adams", "Łukasz Nowak", "Nguyễn Thị Hoa", "Siobhán Ó Briain", "أحمد", "Tom & Jerry")


def make_member(
    group: GroupFile,
    name: str,
    *,
    joined_on: date = date(2024, 1, 10),
    left_on: date | None = None,
    deleted: bool = False,
) -> int:
    with unit_of_work(group) as session:
        member = Member(name=name, joined_on=joined_on, left_on=left_on, deleted_at=utcnow() if deleted else None)
        session.add(member)
        session.flush()
        return member.id


def make_meeting(group: GroupFile, held_on: date = date(2026, 3, 10), *, deleted: bool = False) -> int:
    with unit_of_work(group) as session:
        meeting = Meeting(held_on=held_on, deleted_at=utcnow() if deleted else None)
        session.add(meeting)
        session.flush()
        return meeting.id


def delete_member_row(group: GroupFile, member_id: int) -> None:
    with unit_of_work(group) as session:
        session.get(Member, member_id).deleted_at = utcnow()
