"""Small factories for the charter, contacts and achievements tests, built on the members and meetings services."""

from __future__ import annotations

from datetime import date

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services import meetings, members

# A fixed "today" so no test depends on the clock.
TODAY = date(2026, 6, 1)


def make_member(
    group: GroupFile,
    name: str,
    *,
    joined_on: date = date(2024, 1, 10),
    left_on: date | None = None,
    deleted: bool = False,
) -> int:
    member_id = members.add_member(group, name=name, joined_on=joined_on)
    if left_on is not None:
        members.leave_group(group, member_id, left_on=left_on)
    if deleted:
        members.delete_member(group, member_id)
    return member_id


def make_meeting(group: GroupFile, held_on: date = date(2026, 3, 10), *, deleted: bool = False) -> int:
    meeting_id = meetings.plan_meeting(group, held_on=held_on)
    if deleted:
        meetings.delete_meeting(group, meeting_id)
    return meeting_id
