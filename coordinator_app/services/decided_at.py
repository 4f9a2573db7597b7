"""The meeting at which the group decided something (an aim, a version of its agreement).

"Group members take the decisions": linking a charter change to its meeting lets anyone see when and where
it was agreed. One home for the check and for reading the meetings' dates, used by aims and the agreement.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.db.models import Meeting

from .errors import ValidationError

FIELD = "decided_at_meeting_id"


def check_meeting(session: Session, meeting_id: int | None) -> int | None:
    """``meeting_id`` if it names a meeting in this file (or None: not said); otherwise a sentence."""
    if meeting_id is None:
        return None
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise ValidationError(FIELD, "That meeting is not in this group file.")
    return meeting_id


def meeting_days(session: Session, meeting_ids: Iterable[int | None]) -> dict[int, date]:
    """The date of each meeting named (deleted ones are left out, so they show as not said)."""
    wanted = {meeting_id for meeting_id in meeting_ids if meeting_id is not None}
    if not wanted:
        return {}
    return dict(session.execute(
        select(Meeting.id, Meeting.held_on).where(Meeting.id.in_(wanted), Meeting.deleted_at.is_(None))
    ).all())
