"""The group's aims: an ordered list of current aims, each reviewed yearly, with achieved and retired ones kept.

Clear aims strengthen a group, and aims drift: one not looked at for a year is flagged for review.
Closing an aim (achieved or retired) takes it off the current list but never deletes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Aim, AimStatus

from .decided_at import check_meeting, meeting_days
from .errors import NotFound, ValidationError
from .uow import unit_of_work
from .validate import not_before, optional_text, required_date, required_text, say_date

REVIEW_AFTER = timedelta(days=365)
_KEEP = object()
_TEXT_LIMIT = 1000


@dataclass(frozen=True)
class AimView:
    id: int
    text: str
    position: int
    set_on: date
    reviewed_on: date | None
    status: AimStatus
    status_changed_on: date | None
    outcome_note: str
    needs_review: bool
    decided_at_meeting_id: int | None = None
    decided_on: date | None = None  # the date of that meeting


def _needs_review(row: Aim, today: date) -> bool:
    if row.status is not AimStatus.CURRENT:
        return False
    last_looked_at = max(row.set_on, row.reviewed_on or row.set_on)
    return today - last_looked_at > REVIEW_AFTER


def _view(row: Aim, today: date, days: dict[int, date]) -> AimView:
    return AimView(
        id=row.id,
        text=row.text,
        position=row.position,
        set_on=row.set_on,
        reviewed_on=row.reviewed_on,
        status=row.status,
        status_changed_on=row.status_changed_on,
        outcome_note=row.outcome_note,
        needs_review=_needs_review(row, today),
        decided_at_meeting_id=row.decided_at_meeting_id if row.decided_at_meeting_id in days else None,
        decided_on=days.get(row.decided_at_meeting_id) if row.decided_at_meeting_id is not None else None,
    )


def _current(session: Session) -> list[Aim]:
    return list(
        session.scalars(select(Aim).where(Aim.status == AimStatus.CURRENT).order_by(Aim.position, Aim.id))
    )


def _aim(session: Session, aim_id: int) -> Aim:
    row = session.get(Aim, aim_id)
    if row is None:
        raise NotFound(f"Aim {aim_id} is not in this group file.")
    return row


def _renumber(aims: Sequence[Aim]) -> None:
    for position, row in enumerate(aims):
        row.position = position


def add_aim(group: GroupFile, *, text: str, set_on: date, decided_at_meeting_id: int | None = None) -> int:
    """Add an aim at the end of the current list."""
    clean = required_text("text", text, "the aim", max_length=_TEXT_LIMIT)
    set_on = required_date("set_on", set_on, "the date the aim was set")
    with unit_of_work(group) as session:
        check_meeting(session, decided_at_meeting_id)
        row = Aim(
            text=clean,
            set_on=set_on,
            position=len(_current(session)),
            status=AimStatus.CURRENT,
            decided_at_meeting_id=decided_at_meeting_id,
        )
        session.add(row)
        session.flush()
        return row.id


def edit_aim(group: GroupFile, aim_id: int, *, text: str, decided_at_meeting_id: int | None | object = _KEEP) -> None:
    """Change the aim's words and, if given, the meeting that decided it (None: not said)."""
    clean = required_text("text", text, "the aim", max_length=_TEXT_LIMIT)
    with unit_of_work(group) as session:
        row = _aim(session, aim_id)
        row.text = clean
        if decided_at_meeting_id is not _KEEP:
            row.decided_at_meeting_id = check_meeting(session, decided_at_meeting_id)  # type: ignore[arg-type]


def reorder_aims(group: GroupFile, ordered_ids: Sequence[int]) -> None:
    """Put the current aims in the given order; the list must name each current aim exactly once."""
    with unit_of_work(group) as session:
        current = {row.id: row for row in _current(session)}
        ids = list(ordered_ids)
        if len(ids) != len(current) or set(ids) != set(current):
            raise ValidationError(
                "ordered_ids", "The aims have changed since the list was shown; please look at them again."
            )
        _renumber([current[aim_id] for aim_id in ids])


def _close(group: GroupFile, aim_id: int, status: AimStatus, on: date, note: str) -> None:
    on = required_date("on", on, "the date")
    clean_note = optional_text("note", note, "the note")
    with unit_of_work(group) as session:
        row = _aim(session, aim_id)
        if row.status is not AimStatus.CURRENT:
            raise ValidationError("status", f"This aim is already {row.status.value}.")
        not_before("on", on, row.set_on, f"The date cannot be before the aim was set ({say_date(row.set_on)}).")
        row.status = status
        row.status_changed_on = on
        row.outcome_note = clean_note
        session.flush()
        _renumber(_current(session))


def mark_achieved(group: GroupFile, aim_id: int, *, on: date, note: str = "") -> None:
    """The group achieved this aim: it leaves the current list and stays in the history."""
    _close(group, aim_id, AimStatus.ACHIEVED, on, note)


def retire_aim(group: GroupFile, aim_id: int, *, on: date, note: str = "") -> None:
    """The group no longer holds this aim: it leaves the current list and stays in the history."""
    _close(group, aim_id, AimStatus.RETIRED, on, note)


def mark_reviewed(group: GroupFile, aim_id: int, *, on: date) -> None:
    """The group looked at this aim again and kept it."""
    on = required_date("on", on, "the date the aim was reviewed")
    with unit_of_work(group) as session:
        row = _aim(session, aim_id)
        if row.status is not AimStatus.CURRENT:
            raise ValidationError("status", f"Only current aims can be reviewed; this one is {row.status.value}.")
        not_before("on", on, row.set_on, f"The review date cannot be before the aim was set ({say_date(row.set_on)}).")
        row.reviewed_on = on


def delete_aim(group: GroupFile, aim_id: int) -> None:
    """Take away an aim added by mistake, as Undo of adding it; the group ends an aim it held by closing it."""
    with unit_of_work(group) as session:
        session.delete(_aim(session, aim_id))
        session.flush()
        _renumber(_current(session))


def reopen_aim(group: GroupFile, aim_id: int, *, position: int) -> None:
    """Put an achieved or retired aim back on the current list at ``position``, as Undo of closing it."""
    with unit_of_work(group) as session:
        row = _aim(session, aim_id)
        if row.status is AimStatus.CURRENT:
            raise ValidationError("status", "This aim is already one of the current aims.")
        others = _current(session)
        row.status = AimStatus.CURRENT
        row.status_changed_on = None
        row.outcome_note = ""
        others.insert(max(0, min(position, len(others))), row)
        _renumber(others)


def set_reviewed_on(group: GroupFile, aim_id: int, *, reviewed_on: date | None) -> None:
    """Put back when the aim was last reviewed (or that it never was), as Undo of marking it reviewed."""
    with unit_of_work(group) as session:
        _aim(session, aim_id).reviewed_on = reviewed_on


def list_aims(group: GroupFile, *, include_closed: bool = False, today: date | None = None) -> list[AimView]:
    """Current aims in their order; with ``include_closed``, then the achieved and retired ones, newest first."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        rows = _current(session)
        if include_closed:
            rows += session.scalars(
                select(Aim)
                .where(Aim.status != AimStatus.CURRENT)
                .order_by(Aim.status_changed_on.desc(), Aim.id.desc())
            )
        days = meeting_days(session, (row.decided_at_meeting_id for row in rows))
        return [_view(row, today, days) for row in rows]


def aims_needing_review(group: GroupFile, *, today: date | None = None) -> list[AimView]:
    """Current aims neither set nor reviewed within the last year."""
    return [aim for aim in list_aims(group, today=today) if aim.needs_review]
