"""Practitioners and organisations the group works with, the ESTEEM roles they play, and the support they gave.

The ESTEEM study found five roles practitioners take with a self-help group (resource builder, capacity
builder, facilitator, bridge builder, co-educator); each contact is tagged with the ones they play and each
piece of support with the role it was given in, so the group can thank them and show funders its partners.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Contact, ContactRole, EsteemRole, SupportLogEntry
from coordinator_app.db.models.base import utcnow

from .errors import NotFound, ValidationError
from .uow import unit_of_work
from .validate import fold, optional_text, required_date, required_text

_FIELDS = ("name", "organisation", "job_title", "email", "phone", "notes", "roles")


@dataclass(frozen=True)
class ContactView:
    id: int
    name: str
    organisation: str
    job_title: str
    email: str
    phone: str
    notes: str
    roles: frozenset[EsteemRole]


@dataclass(frozen=True)
class SupportView:
    id: int
    contact_id: int
    contact_name: str
    given_on: date
    what: str
    role: EsteemRole


def _view(row: Contact) -> ContactView:
    return ContactView(
        id=row.id,
        name=row.name,
        organisation=row.organisation,
        job_title=row.job_title,
        email=row.email,
        phone=row.phone,
        notes=row.notes,
        roles=frozenset(link.role for link in row.roles),
    )


def _role(field: str, value: EsteemRole | str) -> EsteemRole:
    try:
        return EsteemRole(value)
    except ValueError:
        raise ValidationError(
            field,
            "Please choose a role from the five: resource builder, capacity builder, facilitator, bridge builder "
            "or co-educator.",
        ) from None


def _email(value: str | None) -> str:
    cleaned = optional_text("email", value, "the email address", max_length=254)
    local, at, domain = cleaned.partition("@")
    if cleaned and (not at or not local or "." not in domain or "@" in domain or any(c.isspace() for c in cleaned)):
        raise ValidationError("email", f"“{cleaned}” does not look like an email address (like name@example.org).")
    return cleaned


def _clean(fields: dict[str, object]) -> dict[str, object]:
    """Check the given fields, returning them tidied; only the fields present are checked."""
    checks = {
        "name": lambda v: required_text("name", v, "the contact's name"),
        "organisation": lambda v: optional_text("organisation", v, "the organisation", max_length=200),
        "job_title": lambda v: optional_text("job_title", v, "the job title", max_length=200),
        "email": _email,
        "phone": lambda v: optional_text("phone", v, "the phone number", max_length=50),
        "notes": lambda v: optional_text("notes", v, "the notes"),
        "roles": lambda v: frozenset(_role("roles", role) for role in v),
    }
    return {name: checks[name](value) for name, value in fields.items()}


def _contact(session: Session, contact_id: int) -> Contact:
    row = session.get(Contact, contact_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(f"Contact {contact_id} is not in this group file.")
    return row


def _apply(row: Contact, clean: dict[str, object]) -> None:
    for name, value in clean.items():
        if name == "roles":
            keep = {link.role for link in row.roles if link.role in value}
            row.roles = [link for link in row.roles if link.role in keep] + [
                ContactRole(role=role) for role in sorted(value - keep)
            ]
        else:
            setattr(row, name, value)


def add_contact(
    group: GroupFile,
    *,
    name: str,
    organisation: str = "",
    job_title: str = "",
    email: str = "",
    phone: str = "",
    notes: str = "",
    roles: Iterable[EsteemRole] = (),
) -> int:
    clean = _clean(
        {"name": name, "organisation": organisation, "job_title": job_title, "email": email, "phone": phone,
         "notes": notes, "roles": roles}
    )
    with unit_of_work(group) as session:
        row = Contact()
        _apply(row, clean)
        session.add(row)
        session.flush()
        return row.id


def update_contact(group: GroupFile, contact_id: int, **fields: object) -> ContactView:
    """Change any of add_contact's fields; ``roles`` replaces the whole set. Unknown names are a programming error."""
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    clean = _clean(fields)
    with unit_of_work(group) as session:
        row = _contact(session, contact_id)
        _apply(row, clean)
        session.flush()
        return _view(row)


def get_contact(group: GroupFile, contact_id: int) -> ContactView:
    with unit_of_work(group, write=False) as session:
        return _view(_contact(session, contact_id))


def delete_contact(group: GroupFile, contact_id: int) -> None:
    """Hide the contact and their support log; :func:`restore_contact` brings both back."""
    with unit_of_work(group) as session:
        _contact(session, contact_id).deleted_at = utcnow()


def restore_contact(group: GroupFile, contact_id: int) -> None:
    with unit_of_work(group) as session:
        row = session.get(Contact, contact_id)
        if row is None:
            raise NotFound(f"Contact {contact_id} is not in this group file.")
        row.deleted_at = None


def list_contacts(group: GroupFile, *, role: EsteemRole | None = None, search: str = "") -> list[ContactView]:
    """Contacts by name; ``role`` keeps those who play it, ``search`` matches name, organisation, job or email."""
    wanted = None if role is None else _role("role", role)
    needle = fold(search.strip())
    with unit_of_work(group, write=False) as session:
        rows = session.scalars(
            select(Contact).where(Contact.deleted_at.is_(None)).options(selectinload(Contact.roles))
        )
        views = [_view(row) for row in rows]
    return sorted(
        (
            view for view in views
            if (wanted is None or wanted in view.roles)
            and needle in fold(" ".join((view.name, view.organisation, view.job_title, view.email)))
        ),
        key=lambda view: (fold(view.name), view.id),
    )


def deleted_contacts(group: GroupFile) -> list[ContactView]:
    """Contacts that were deleted, so one removed by mistake can be restored."""
    with unit_of_work(group, write=False) as session:
        rows = session.scalars(select(Contact).where(Contact.deleted_at.is_not(None)))
        return sorted((_view(row) for row in rows), key=lambda view: (fold(view.name), view.id))


def log_support(group: GroupFile, contact_id: int, *, given_on: date, what: str, role: EsteemRole) -> int:
    """Record support the group received from a contact, in one of the five roles."""
    given_on = required_date("given_on", given_on, "the date the support was given")
    clean_what = required_text("what", what, "what the support was", max_length=2000)
    clean_role = _role("role", role)
    with unit_of_work(group) as session:
        _contact(session, contact_id)
        row = SupportLogEntry(contact_id=contact_id, given_on=given_on, what=clean_what, role=clean_role)
        session.add(row)
        session.flush()
        return row.id


def remove_support(group: GroupFile, entry_id: int) -> None:
    """Take away a support entry logged by mistake, as Undo of logging it."""
    with unit_of_work(group) as session:
        entry = session.get(SupportLogEntry, entry_id)
        if entry is None:
            raise NotFound(f"Support entry {entry_id} is not in this group file.")
        session.delete(entry)


def support_log(
    group: GroupFile, *, contact_id: int | None = None, year: int | None = None, role: EsteemRole | None = None
) -> list[SupportView]:
    """Support received, newest first, optionally for one contact, one calendar year or one role."""
    query = (
        select(SupportLogEntry, Contact.name)
        .join(Contact, Contact.id == SupportLogEntry.contact_id)
        .where(Contact.deleted_at.is_(None))
        .order_by(SupportLogEntry.given_on.desc(), SupportLogEntry.id.desc())
    )
    if contact_id is not None:
        query = query.where(SupportLogEntry.contact_id == contact_id)
    if year is not None:
        query = query.where(
            SupportLogEntry.given_on >= date(int(year), 1, 1), SupportLogEntry.given_on < date(int(year) + 1, 1, 1)
        )
    if role is not None:
        query = query.where(SupportLogEntry.role == _role("role", role))
    with unit_of_work(group, write=False) as session:
        return [
            SupportView(
                id=entry.id,
                contact_id=entry.contact_id,
                contact_name=name,
                given_on=entry.given_on,
                what=entry.what,
                role=entry.role,
            )
            for entry, name in session.execute(query)
        ]
