"""Members: joining and leaving, roles over time, consents, and finding people by name.

A member "belongs" on a day from ``joined_on`` up to and including ``left_on`` (the day they left may
still be their last meeting); from the day after, they are a former member. Deleting is soft: the row
keeps ``deleted_at`` so a mistake can be undone, and every list hides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Agreement,
    AgreementHow,
    AgreementVersion,
    Attendance,
    Consent,
    ConsentKind,
    Job,
    JobAssignment,
    Meeting,
    MeetingStatus,
    Member,
    MemberKind,
    MemberRole,
    Unavailability,
)
from coordinator_app.db.models.base import AssignmentStatus, utcnow

from .errors import NotFound, ValidationError
from .uow import unit_of_work
from .validate import fold, optional_text, required_date, required_text, say_date, shorten

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_FIELDS = ("name", "joined_on", "preferred_name", "email", "phone", "address", "kind", "private_notes")


@dataclass(frozen=True)
class RoleSpell:
    id: int
    role: str
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    kind: ConsentKind
    given_on: date
    how: AgreementHow
    withdrawn_on: date | None


@dataclass(frozen=True)
class TimeAway:
    """Days a member cannot take a turn (both ends included); the rota passes over them."""

    id: int
    starts_on: date
    ends_on: date
    reason: str


@dataclass(frozen=True)
class MemberSummary:
    id: int
    name: str
    preferred_name: str
    kind: MemberKind
    joined_on: date
    left_on: date | None
    is_current: bool
    email: str
    phone: str
    roles_now: tuple[str, ...]
    agreed_current: bool


@dataclass(frozen=True)
class MemberDetail:
    id: int
    name: str
    preferred_name: str
    kind: MemberKind
    joined_on: date
    left_on: date | None
    email: str
    phone: str
    address: str
    private_notes: str
    roles: tuple[RoleSpell, ...]
    consents: tuple[ConsentRecord, ...]
    current_consents: frozenset[ConsentKind]
    agreed_version: int | None
    agreed_on: date | None
    current_version: int | None
    attendance: tuple[date, ...]
    jobs_done: tuple[tuple[date, str], ...]
    away: tuple[TimeAway, ...] = ()


def name_key(name: str) -> tuple[str, str]:
    return fold(name), name.casefold()


class Span(Protocol):
    """Anything with a joining day and an optional last day: a Member row, a MemberSummary, a RotaPerson."""

    @property
    def joined_on(self) -> date: ...
    @property
    def left_on(self) -> date | None: ...


def belongs_on(member: Span, day: date) -> bool:
    """Whether the member was part of the group on ``day``: from ``joined_on`` to ``left_on``, both included.

    ``left_on`` is the member's last day, not the first day away: the record dialog lets you tick someone
    present at a meeting held on the day they left (their last meeting is often why that day is chosen), so
    the sign-in sheet, the rota and the reports must count them too. :func:`belonging_on` is the same rule
    for a query; keep the two side by side.
    """
    return member.joined_on <= day and (member.left_on is None or day <= member.left_on)


def belonging_on(day: date) -> ColumnElement[bool]:
    """:func:`belongs_on` as a portable SQL condition on ``Member`` (deleted rows not excluded)."""
    return and_(Member.joined_on <= day, or_(Member.left_on.is_(None), Member.left_on >= day))


def is_current(member: Span, today: date) -> bool:
    """Whether the member is on today's list of current members: not yet left as of ``today``.

    A different question from :func:`belongs_on`: recording that someone left today takes them off the
    current lists at once (members page, contact list, agreement status), though today still counts as a day
    they belonged. :func:`current_on` is the same rule for a query.
    """
    return member.left_on is None or member.left_on > today


def current_on(today: date) -> ColumnElement[bool]:
    """:func:`is_current` as a portable SQL condition on ``Member`` (deleted rows not excluded)."""
    return or_(Member.left_on.is_(None), Member.left_on > today)


def not_belonging_reason(member: Member, day: date) -> str | None:
    """A sentence saying why the member was not part of the group on ``day``, or None if they were."""
    if belongs_on(member, day):
        return None
    if member.joined_on > day:
        return f"{member.name} joined on {say_date(member.joined_on)}, after {say_date(day)}."
    return f"{member.name} left the group on {say_date(member.left_on)}, before {say_date(day)}."


def live_member(session: Session, member_id: int) -> Member:
    """The member with this id, unless it does not exist or was deleted."""
    member = session.get(Member, member_id)
    if member is None or member.deleted_at is not None:
        raise NotFound(f"There is no member with id {member_id} in this group file.")
    return member


def unavailable_on(session: Session, member_id: int, day: date) -> Unavailability | None:
    return session.scalars(
        select(Unavailability).where(
            Unavailability.member_id == member_id, Unavailability.starts_on <= day, Unavailability.ends_on >= day
        )
    ).first()


def _clean_email(email: str) -> str:
    cleaned = optional_text("email", email, "the email address", max_length=254)
    if cleaned and not _EMAIL.match(cleaned):
        raise ValidationError("email", f"“{shorten(cleaned)}” does not look like an email address "
                                       "(like name@example.org).")
    return cleaned


def _apply(member: Member, fields: dict[str, object], today: date | None = None) -> None:
    """Validate and set the editable fields; on a bad value the unit of work rolls all of them back.

    With ``today``, a joined date after it is refused (nobody joins in the future).
    """
    if "name" in fields:
        member.name = required_text("name", str(fields["name"] or ""), "the member's name")
    if "preferred_name" in fields:
        member.preferred_name = optional_text(
            "preferred_name", str(fields["preferred_name"] or ""), "the preferred name", max_length=200
        )
    if "email" in fields:
        member.email = _clean_email(str(fields["email"] or ""))
    if "phone" in fields:
        member.phone = optional_text("phone", str(fields["phone"] or ""), "the phone number", max_length=50)
    if "address" in fields:
        member.address = optional_text("address", str(fields["address"] or ""), "the address")
    if "private_notes" in fields:
        member.private_notes = optional_text("private_notes", str(fields["private_notes"] or ""), "the private notes")
    if "kind" in fields:
        try:
            member.kind = MemberKind(fields["kind"])
        except ValueError as exc:
            raise ValidationError("kind", "Please choose what kind of member this is.") from exc
    if "joined_on" in fields:
        member.joined_on = required_date("joined_on", fields["joined_on"], "the date they joined")
        if today is not None and member.joined_on > today:
            raise ValidationError("joined_on", f"{say_date(member.joined_on)} is after today; "
                                               "nobody can join in the future.")
        if member.left_on is not None and member.left_on < member.joined_on:
            raise ValidationError("joined_on", "The date they joined cannot be after the date they left.")


def add_member(
    group: GroupFile,
    *,
    name: str,
    joined_on: date,
    preferred_name: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    kind: MemberKind = MemberKind.MEMBER,
    private_notes: str = "",
    today: date | None = None,
) -> int:
    member = Member()
    _apply(member, {
        "name": name, "joined_on": joined_on, "preferred_name": preferred_name, "email": email,
        "phone": phone, "address": address, "kind": kind, "private_notes": private_notes,
    }, today or date.today())
    with unit_of_work(group) as session:
        session.add(member)
        session.flush()
        return member.id


def update_member(group: GroupFile, member_id: int, *, today: date | None = None, **fields: object) -> MemberDetail:
    """Change any of the fields ``add_member`` takes; unknown names are a programming error."""
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown member fields: {sorted(unknown)}")
    with unit_of_work(group) as session:
        member = live_member(session, member_id)
        _apply(member, fields, today or date.today())
        if "joined_on" in fields:
            _check_attendance_fits(session, member, "joined_on")
        session.flush()
        return _detail(session, member, today or date.today())


def leave_group(group: GroupFile, member_id: int, *, left_on: date) -> None:
    left_on = required_date("left_on", left_on, "the date they left")
    with unit_of_work(group) as session:
        member = live_member(session, member_id)
        if left_on < member.joined_on:
            raise ValidationError(
                "left_on", f"{member.name} joined on {say_date(member.joined_on)}, so cannot have left before that."
            )
        member.left_on = left_on
        _check_attendance_fits(session, member, "left_on")


def _check_attendance_fits(session: Session, member: Member, field: str) -> None:
    """Keep the rule that nobody is marked present at a meeting before they joined or after they left."""
    attended = session.scalars(
        select(Meeting.held_on)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(Attendance.member_id == member.id, Meeting.deleted_at.is_(None))
        .order_by(Meeting.held_on)
    ).all()
    outside = [day for day in attended if not belongs_on(member, day)]
    if outside:
        raise ValidationError(
            field, f"{member.name} is marked present at the meeting on {say_date(outside[0])}; "
            "change that meeting's attendance first, or choose another date."
        )


def rejoin_group(group: GroupFile, member_id: int) -> None:
    """Undo leaving: the member is current again (their original joining date is kept)."""
    with unit_of_work(group) as session:
        live_member(session, member_id).left_on = None


def _roles_now(member: Member, today: date) -> tuple[str, ...]:
    return tuple(sorted(
        {r.role for r in member.roles if r.started_on <= today and (r.ended_on is None or r.ended_on > today)},
        key=str.casefold,
    ))


def _current_version(session: Session, today: date) -> AgreementVersion | None:
    return session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.effective_from <= today)
        .order_by(AgreementVersion.effective_from.desc(), AgreementVersion.number.desc())
        .limit(1)
    ).first()


def _agreed_current_ids(session: Session, today: date) -> set[int]:
    """Members who agreed to the version in force today (or a later one); nobody when none is in force."""
    version = _current_version(session, today)
    if version is None:
        return set()
    return set(session.scalars(
        select(Agreement.member_id)
        .join(AgreementVersion, AgreementVersion.id == Agreement.version_id)
        .where(AgreementVersion.number >= version.number)
    ))


def _matches(member: Member, needle: str) -> bool:
    return any(needle in fold(text) for text in (member.name, member.preferred_name, member.email))


def list_members(group: GroupFile, *, include_former: bool = False, search: str = "", today: date | None = None
                 ) -> list[MemberSummary]:
    """Members sorted by name (ignoring case and accents); former members only when asked for."""
    today = today or date.today()
    needle = fold(search.strip())
    with unit_of_work(group, write=False) as session:
        members = session.scalars(
            select(Member).where(Member.deleted_at.is_(None)).options(selectinload(Member.roles))
        ).all()
        agreed = _agreed_current_ids(session, today)
        chosen = [
            m for m in members
            if (include_former or is_current(m, today)) and (not needle or _matches(m, needle))
        ]
        chosen.sort(key=lambda m: (*name_key(m.name), m.id))
        return [
            MemberSummary(
                id=m.id, name=m.name, preferred_name=m.preferred_name, kind=m.kind, joined_on=m.joined_on,
                left_on=m.left_on, is_current=is_current(m, today), email=m.email, phone=m.phone,
                roles_now=_roles_now(m, today), agreed_current=m.id in agreed,
            )
            for m in chosen
        ]


def _detail(session: Session, member: Member, today: date) -> MemberDetail:
    current = _current_version(session, today)
    latest = session.execute(
        select(AgreementVersion.number, Agreement.agreed_on)
        .join(Agreement, Agreement.version_id == AgreementVersion.id)
        .where(Agreement.member_id == member.id)
        .order_by(AgreementVersion.number.desc())
        .limit(1)
    ).first()
    attended = session.scalars(
        select(Meeting.held_on)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(Attendance.member_id == member.id, Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.HELD)
        .order_by(Meeting.held_on)
    ).all()
    done = session.execute(
        select(JobAssignment.done_on, JobAssignment.due_on, Job.title)
        .join(Job, Job.id == JobAssignment.job_id)
        .where(JobAssignment.member_id == member.id, JobAssignment.status == AssignmentStatus.DONE)
    ).all()
    consents = tuple(
        ConsentRecord(id=c.id, kind=c.kind, given_on=c.given_on, how=c.how, withdrawn_on=c.withdrawn_on)
        for c in member.consents
    )
    return MemberDetail(
        id=member.id, name=member.name, preferred_name=member.preferred_name, kind=member.kind,
        joined_on=member.joined_on, left_on=member.left_on, email=member.email, phone=member.phone,
        address=member.address, private_notes=member.private_notes,
        roles=tuple(RoleSpell(id=r.id, role=r.role, started_on=r.started_on, ended_on=r.ended_on)
                    for r in sorted(member.roles, key=lambda r: (r.started_on, r.id))),
        consents=consents,
        current_consents=frozenset(
            c.kind for c in consents if c.given_on <= today and (c.withdrawn_on is None or c.withdrawn_on > today)
        ),
        agreed_version=latest.number if latest else None,
        agreed_on=latest.agreed_on if latest else None,
        current_version=current.number if current else None,
        attendance=tuple(attended),
        jobs_done=tuple(sorted((done_on or due_on, title) for done_on, due_on, title in done)),
        away=tuple(
            TimeAway(id=u.id, starts_on=u.starts_on, ends_on=u.ends_on, reason=u.reason)
            for u in session.scalars(
                select(Unavailability).where(Unavailability.member_id == member.id)
                .order_by(Unavailability.starts_on, Unavailability.id)
            )
        ),
    )


def get_member(group: GroupFile, member_id: int, *, today: date | None = None) -> MemberDetail:
    with unit_of_work(group, write=False) as session:
        return _detail(session, live_member(session, member_id), today or date.today())


def add_role(group: GroupFile, member_id: int, *, role: str, started_on: date) -> int:
    clean = required_text("role", role, "the role", max_length=100)
    started_on = required_date("started_on", started_on, "the date the role started")
    with unit_of_work(group) as session:
        member = live_member(session, member_id)
        spell = MemberRole(member_id=member.id, role=clean, started_on=started_on)
        session.add(spell)
        session.flush()
        return spell.id


def end_role(group: GroupFile, role_id: int, *, ended_on: date) -> None:
    ended_on = required_date("ended_on", ended_on, "the date the role ended")
    with unit_of_work(group) as session:
        spell = session.get(MemberRole, role_id)
        if spell is None:
            raise NotFound(f"There is no role with id {role_id} in this group file.")
        if ended_on < spell.started_on:
            raise ValidationError(
                "ended_on", f"The role started on {say_date(spell.started_on)}, so it cannot end before that."
            )
        spell.ended_on = ended_on


def remove_role(group: GroupFile, role_id: int) -> None:
    """Take away a role recorded by mistake, as Undo of adding it; a role that really ended is ended instead."""
    with unit_of_work(group) as session:
        spell = session.get(MemberRole, role_id)
        if spell is None:
            raise NotFound(f"There is no role with id {role_id} in this group file.")
        session.delete(spell)


def _active_consent(member: Member, kind: ConsentKind) -> Consent | None:
    return next((c for c in member.consents if c.kind == kind and c.withdrawn_on is None), None)


def give_consent(group: GroupFile, member_id: int, *, kind: ConsentKind, given_on: date, how: AgreementHow) -> int:
    given_on = required_date("given_on", given_on, "the date consent was given")
    try:
        kind, how = ConsentKind(kind), AgreementHow(how)
    except ValueError as exc:
        raise ValidationError("kind", "Please choose what the consent is for and how it was given.") from exc
    with unit_of_work(group) as session:
        member = live_member(session, member_id)
        if _active_consent(member, kind) is not None:
            raise ValidationError("kind", f"{member.name} has already given this consent.")
        consent = Consent(member_id=member.id, kind=kind, given_on=given_on, how=how)
        session.add(consent)
        session.flush()
        return consent.id


def remove_consent(group: GroupFile, consent_id: int) -> None:
    """Take away a consent recorded by mistake, as Undo of recording it; a member changing their mind withdraws it."""
    with unit_of_work(group) as session:
        consent = session.get(Consent, consent_id)
        if consent is None:
            raise NotFound(f"There is no consent with id {consent_id} in this group file.")
        session.delete(consent)


def withdraw_consent(group: GroupFile, member_id: int, *, kind: ConsentKind, withdrawn_on: date) -> None:
    withdrawn_on = required_date("withdrawn_on", withdrawn_on, "the date consent was withdrawn")
    with unit_of_work(group) as session:
        member = live_member(session, member_id)
        consent = _active_consent(member, ConsentKind(kind))
        if consent is None:
            raise ValidationError("kind", f"{member.name} has not given this consent, so there is nothing to withdraw.")
        if withdrawn_on < consent.given_on:
            raise ValidationError(
                "withdrawn_on", f"The consent was given on {say_date(consent.given_on)}; it cannot be withdrawn before."
            )
        consent.withdrawn_on = withdrawn_on


def delete_member(group: GroupFile, member_id: int) -> None:
    with unit_of_work(group) as session:
        live_member(session, member_id).deleted_at = utcnow()


def restore_member(group: GroupFile, member_id: int) -> None:
    with unit_of_work(group) as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFound(f"There is no member with id {member_id} in this group file.")
        member.deleted_at = None


def list_deleted_members(group: GroupFile, *, today: date | None = None) -> list[MemberSummary]:
    """Deleted members, so a mistake can be undone with ``restore_member``."""
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        members = sorted(
            session.scalars(select(Member).where(Member.deleted_at.is_not(None))),
            key=lambda m: (*name_key(m.name), m.id),
        )
        return [
            MemberSummary(
                id=m.id, name=m.name, preferred_name=m.preferred_name, kind=m.kind, joined_on=m.joined_on,
                left_on=m.left_on, is_current=is_current(m, today), email=m.email, phone=m.phone,
                roles_now=(), agreed_current=False,
            )
            for m in members
        ]


def _checked_away(starts_on: date, ends_on: date, reason: str) -> tuple[date, date, str]:
    starts_on = required_date("starts_on", starts_on, "the first day away")
    ends_on = required_date("ends_on", ends_on, "the last day away")
    if ends_on < starts_on:
        raise ValidationError("ends_on", "The last day away cannot be before the first day away.")
    return starts_on, ends_on, optional_text("reason", reason, "the reason", max_length=200)


def _time_away(session: Session, away_id: int) -> Unavailability:
    row = session.get(Unavailability, away_id)
    if row is None:
        raise NotFound(f"There is no time away with id {away_id} in this group file.")
    return row


def add_unavailability(group: GroupFile, member_id: int, *, starts_on: date, ends_on: date, reason: str = "") -> int:
    starts_on, ends_on, clean_reason = _checked_away(starts_on, ends_on, reason)
    with unit_of_work(group) as session:
        member = live_member(session, member_id)
        row = Unavailability(member_id=member.id, starts_on=starts_on, ends_on=ends_on, reason=clean_reason)
        session.add(row)
        session.flush()
        return row.id


def change_unavailability(group: GroupFile, away_id: int, *, starts_on: date, ends_on: date, reason: str = "") -> None:
    """Change the dates or reason of a time away (plans change: home a week early)."""
    starts_on, ends_on, clean_reason = _checked_away(starts_on, ends_on, reason)
    with unit_of_work(group) as session:
        row = _time_away(session, away_id)
        row.starts_on, row.ends_on, row.reason = starts_on, ends_on, clean_reason


def remove_unavailability(group: GroupFile, away_id: int) -> None:
    """The member can take turns on those days after all."""
    with unit_of_work(group) as session:
        session.delete(_time_away(session, away_id))
