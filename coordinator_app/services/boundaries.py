"""Who may join the group, kept as dated versions so the group can see how its boundaries changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import BoundaryVersion, PractitionerWelcome

from .errors import NotFound, ValidationError
from .uow import unit_of_work
from .validate import optional_text, required_date, required_text


@dataclass(frozen=True)
class BoundaryView:
    id: int
    effective_from: date
    who_is_welcome: str
    relatives_and_carers_welcome: bool
    practitioners: PractitionerWelcome
    age_range: str
    area: str
    how_newcomers_join: str


def _view(row: BoundaryVersion) -> BoundaryView:
    return BoundaryView(
        id=row.id,
        effective_from=row.effective_from,
        who_is_welcome=row.who_is_welcome,
        relatives_and_carers_welcome=row.relatives_and_carers_welcome,
        practitioners=row.practitioners,
        age_range=row.age_range,
        area=row.area,
        how_newcomers_join=row.how_newcomers_join,
    )


# Newest first; of two versions from the same day, the one written later wins.
_NEWEST_FIRST = (BoundaryVersion.effective_from.desc(), BoundaryVersion.id.desc())


def _practitioners(value: PractitionerWelcome | str) -> PractitionerWelcome:
    try:
        return PractitionerWelcome(value)
    except ValueError:
        raise ValidationError(
            "practitioners", "Please choose whether practitioners are welcome as members, as guests, or not."
        ) from None


def set_boundaries(
    group: GroupFile,
    *,
    effective_from: date,
    who_is_welcome: str,
    relatives_and_carers_welcome: bool = True,
    practitioners: PractitionerWelcome = PractitionerWelcome.GUESTS_BY_INVITATION,
    age_range: str = "",
    area: str = "",
    how_newcomers_join: str = "",
) -> int:
    """Record a new version of the boundaries, in force from ``effective_from``; older versions are kept."""
    effective_from = required_date("effective_from", effective_from, "the date these boundaries start")
    row = BoundaryVersion(
        effective_from=effective_from,
        who_is_welcome=required_text("who_is_welcome", who_is_welcome, "who is welcome", max_length=2000),
        relatives_and_carers_welcome=bool(relatives_and_carers_welcome),
        practitioners=_practitioners(practitioners),
        age_range=optional_text("age_range", age_range, "the age range", max_length=100),
        area=optional_text("area", area, "the area", max_length=200),
        how_newcomers_join=optional_text("how_newcomers_join", how_newcomers_join, "how newcomers join"),
    )
    with unit_of_work(group) as session:
        session.add(row)
        session.flush()
        return row.id


def remove_boundaries(group: GroupFile, version_id: int) -> None:
    """Take away a version saved by mistake, as Undo of saving it; the versions before it stand again."""
    with unit_of_work(group) as session:
        row = session.get(BoundaryVersion, version_id)
        if row is None:
            raise NotFound(f"Version {version_id} of who can join is not in this group file.")
        session.delete(row)


def current_boundaries(group: GroupFile, *, today: date | None = None) -> BoundaryView | None:
    """The newest version already in force today, or None before the group has set any."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        row = session.scalars(
            select(BoundaryVersion).where(BoundaryVersion.effective_from <= today).order_by(*_NEWEST_FIRST).limit(1)
        ).first()
        return None if row is None else _view(row)


def boundary_history(group: GroupFile) -> list[BoundaryView]:
    """Every version, newest first (including any agreed for a date still to come)."""
    with unit_of_work(group, write=False) as session:
        return [_view(row) for row in session.scalars(select(BoundaryVersion).order_by(*_NEWEST_FIRST))]
