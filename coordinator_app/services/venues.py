"""Places the group meets: name, address, access notes (steps, parking, hearing loop) and what a booking costs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Meeting, MeetingSchedule, Venue

from .errors import NotFound, ValidationError
from .uow import unit_of_work
from .validate import fold, optional_text, required_text

_FIELDS = ("name", "address", "access_notes", "cost_pence")


@dataclass(frozen=True)
class VenueView:
    id: int
    name: str
    address: str
    access_notes: str
    cost_pence: int


def _view(row: Venue) -> VenueView:
    return VenueView(
        id=row.id, name=row.name, address=row.address, access_notes=row.access_notes, cost_pence=row.cost_pence
    )


def _cost(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("cost_pence", "The cost must be a whole number of pence.")
    if value < 0:
        raise ValidationError("cost_pence", "The cost cannot be less than zero.")
    return value


def _clean(fields: dict[str, object]) -> dict[str, object]:
    checks = {
        "name": lambda v: required_text("name", v, "the venue's name"),
        "address": lambda v: optional_text("address", v, "the address", max_length=1000),
        "access_notes": lambda v: optional_text("access_notes", v, "the access notes"),
        "cost_pence": _cost,
    }
    return {name: checks[name](value) for name, value in fields.items()}


def _check_name_free(session: Session, name: str, venue_id: int | None) -> None:
    """Two venues with the same name could not be told apart when choosing where a meeting is."""
    for other in session.scalars(select(Venue)):
        if other.id != venue_id and fold(other.name) == fold(name):
            raise ValidationError("name", f"There is already a venue called “{other.name}”.")


def add_venue(group: GroupFile, *, name: str, address: str = "", access_notes: str = "", cost_pence: int = 0) -> int:
    clean = _clean({"name": name, "address": address, "access_notes": access_notes, "cost_pence": cost_pence})
    with unit_of_work(group) as session:
        _check_name_free(session, clean["name"], None)
        row = Venue(**clean)
        session.add(row)
        session.flush()
        return row.id


def _venue(session: Session, venue_id: int) -> Venue:
    row = session.get(Venue, venue_id)
    if row is None:
        raise NotFound(f"Venue {venue_id} is not in this group file.")
    return row


def update_venue(group: GroupFile, venue_id: int, **fields: object) -> VenueView:
    """Change any of add_venue's fields; unknown names are a programming error."""
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown venue fields: {sorted(unknown)}")
    clean = _clean(fields)
    with unit_of_work(group) as session:
        row = _venue(session, venue_id)
        if "name" in clean:
            _check_name_free(session, clean["name"], venue_id)
        for name, value in clean.items():
            setattr(row, name, value)
        session.flush()
        return _view(row)


def remove_venue(group: GroupFile, venue_id: int) -> None:
    """Take away a venue added by mistake, as Undo of adding it; not while a meeting or schedule names it."""
    with unit_of_work(group) as session:
        row = _venue(session, venue_id)
        for model in (Meeting, MeetingSchedule):
            if session.scalars(select(model.id).where(model.venue_id == venue_id).limit(1)).first() is not None:
                raise ValidationError("venue_id", f"Meetings are planned at {row.name}, so it stays.")
        session.delete(row)


def get_venue(group: GroupFile, venue_id: int) -> VenueView:
    with unit_of_work(group, write=False) as session:
        return _view(_venue(session, venue_id))


def list_venues(group: GroupFile) -> list[VenueView]:
    """Every venue, by name."""
    with unit_of_work(group, write=False) as session:
        views = [_view(row) for row in session.scalars(select(Venue))]
    return sorted(views, key=lambda view: (fold(view.name), view.id))
