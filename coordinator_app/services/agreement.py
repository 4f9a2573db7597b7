"""The confidentiality agreement: numbered, dated versions of its text, and who agreed to which, when and how.

Publishing a new version means everyone is asked again: a member who agreed only to an older version
no longer counts as having agreed to the one in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Agreement, AgreementHow, AgreementVersion, Member

from .decided_at import check_meeting, meeting_days
from .errors import NotFound, ValidationError
from .members import current_on, not_belonging_reason
from .uow import unit_of_work
from .validate import fold, not_before, required_date, required_text, say_date


@dataclass(frozen=True)
class AgreementVersionView:
    id: int
    number: int
    text: str
    effective_from: date
    agreed_count: int
    decided_at_meeting_id: int | None = None
    decided_on: date | None = None  # the date of that meeting


@dataclass(frozen=True)
class MemberAgreement:
    """A current member and the newest version they agreed to (None if they never have)."""

    member_id: int
    name: str
    agreed_version: int | None
    agreed_on: date | None
    how: AgreementHow | None
    agreed_current: bool


# Offered as the first version when a group is set up; written for this app from the self-help guide's
# advice ("there should always be some agreement on confidentiality"), for the group to change as it likes.
SUGGESTED_AGREEMENT = """\
What is said in the group stays in the group. We do not repeat outside a meeting what anyone has shared, \
or who was there.

We may talk about what we learned, but not about who said it.

If we meet each other outside the group, we leave it to the other person to say whether they know us from here.

Each of us decides how much to share. Nobody has to speak.

We listen without judging, and everyone has the chance to have their say.

The only time something may be passed on is if someone is in danger of serious harm. If that happens, we \
will try to talk with the person first.

We made this agreement together, and we can change it together at a meeting.
"""

def _versions(session: Session) -> list[AgreementVersionView]:
    """Every version, newest first, counting agreements by members who have not been deleted."""
    counts = dict(
        session.execute(
            select(Agreement.version_id, func.count())
            .join(Member, Member.id == Agreement.member_id)
            .where(Member.deleted_at.is_(None))
            .group_by(Agreement.version_id)
        ).all()
    )
    rows = list(session.scalars(select(AgreementVersion).order_by(AgreementVersion.number.desc())))
    days = meeting_days(session, (row.decided_at_meeting_id for row in rows))
    return [
        AgreementVersionView(
            id=row.id,
            number=row.number,
            text=row.text,
            effective_from=row.effective_from,
            agreed_count=counts.get(row.id, 0),
            decided_at_meeting_id=row.decided_at_meeting_id if row.decided_at_meeting_id in days else None,
            decided_on=days.get(row.decided_at_meeting_id) if row.decided_at_meeting_id is not None else None,
        )
        for row in rows
    ]


def _in_force(versions: list[AgreementVersionView], today: date) -> AgreementVersionView | None:
    return next((version for version in versions if version.effective_from <= today), None)


def publish_agreement(
    group: GroupFile, *, text: str, effective_from: date, decided_at_meeting_id: int | None = None
) -> int:
    """Add the next numbered version; from ``effective_from`` everyone is asked to agree to it."""
    clean = required_text("text", text, "the text of the agreement", max_length=20_000)
    effective_from = required_date("effective_from", effective_from, "the date the agreement starts")
    with unit_of_work(group) as session:
        check_meeting(session, decided_at_meeting_id)
        previous = session.scalars(select(AgreementVersion).order_by(AgreementVersion.number.desc()).limit(1)).first()
        if previous is not None:
            not_before(
                "effective_from",
                effective_from,
                previous.effective_from,
                f"A new version cannot start before version {previous.number} did"
                f" ({say_date(previous.effective_from)}).",
            )
        row = AgreementVersion(
            number=1 if previous is None else previous.number + 1,
            text=clean,
            effective_from=effective_from,
            decided_at_meeting_id=decided_at_meeting_id,
        )
        session.add(row)
        session.flush()
        return row.id


def set_decided_at(group: GroupFile, version_id: int, *, decided_at_meeting_id: int | None) -> None:
    """Say which meeting agreed this version (None: not said); its words and dates stay as they are."""
    with unit_of_work(group) as session:
        row = session.get(AgreementVersion, version_id)
        if row is None:
            raise NotFound(f"Version {version_id} of the agreement is not in this group file.")
        row.decided_at_meeting_id = check_meeting(session, decided_at_meeting_id)


def current_agreement(group: GroupFile, *, today: date | None = None) -> AgreementVersionView | None:
    """The newest version already in force today, or None if the group has none yet."""
    with unit_of_work(group, write=False) as session:
        return _in_force(_versions(session), today or date.today())


def agreement_versions(group: GroupFile) -> list[AgreementVersionView]:
    """Every version, newest first, including any that starts on a date still to come."""
    with unit_of_work(group, write=False) as session:
        return _versions(session)


def record_agreement(
    group: GroupFile, *, member_ids: Iterable[int], version_id: int, agreed_on: date, how: AgreementHow
) -> int:
    """Record that several members agreed to one version; those who already had are skipped.

    Only members of the group on ``agreed_on`` can agree (the day they joined and the day they left
    included). All or nothing: if any chosen member cannot, nobody is recorded. Returns how many new
    agreements were recorded.
    """
    agreed_on = required_date("agreed_on", agreed_on, "the date they agreed")
    try:
        how = AgreementHow(how)
    except ValueError:
        raise ValidationError("how", "Please choose how they agreed: signed paper, at a meeting or by email.") from None
    ids = list(dict.fromkeys(member_ids))
    if not ids:
        raise ValidationError("member_ids", "Please choose at least one member.")
    with unit_of_work(group) as session:
        version = session.get(AgreementVersion, version_id)
        if version is None:
            raise NotFound(f"Version {version_id} of the agreement is not in this group file.")
        not_before(
            "agreed_on",
            agreed_on,
            version.effective_from,
            f"Nobody can agree to version {version.number} before it started ({say_date(version.effective_from)}).",
        )
        already = set(
            session.scalars(
                select(Agreement.member_id).where(Agreement.version_id == version.id, Agreement.member_id.in_(ids))
            )
        )
        added = 0
        for member_id in ids:
            member = session.get(Member, member_id)
            if member is None or member.deleted_at is not None:
                raise ValidationError("member_ids", "One of the chosen members is no longer in this group file.")
            reason = not_belonging_reason(member, agreed_on)
            if reason is not None:
                raise ValidationError("member_ids", reason)
            if member_id not in already:
                session.add(Agreement(member_id=member_id, version_id=version.id, agreed_on=agreed_on, how=how))
                added += 1
        return added


def remove_version(group: GroupFile, version_id: int) -> None:
    """Take away the newest version, published by mistake, as Undo of publishing it; not once anyone agreed."""
    with unit_of_work(group) as session:
        version = session.get(AgreementVersion, version_id)
        if version is None:
            raise NotFound(f"Version {version_id} of the agreement is not in this group file.")
        newest = session.scalars(select(func.max(AgreementVersion.number))).one()
        agreed = session.scalars(select(Agreement.member_id).where(Agreement.version_id == version_id).limit(1))
        if version.number != newest or agreed.first() is not None:
            raise ValidationError(
                "version_id", f"Version {version.number} is not the newest or someone has agreed to it, so it stays."
            )
        session.delete(version)


def remove_agreements(group: GroupFile, *, version_id: int, member_ids: Iterable[int]) -> None:
    """Take back recorded agreement to one version for these members, as Undo of recording it."""
    ids = list(member_ids)
    with unit_of_work(group) as session:
        for row in session.scalars(select(Agreement).where(Agreement.version_id == version_id,
                                                           Agreement.member_id.in_(ids))):
            session.delete(row)


def agreement_status(group: GroupFile, *, today: date | None = None) -> list[MemberAgreement]:
    """Every current member (by name) with the newest version they agreed to and whether it is the one in force.

    ``agreed_current`` is True when they agreed to the version in force today (or a later one); when the
    group has no agreement in force it is False for everyone, and :func:`members_not_agreed` is empty.
    """
    today = today or date.today()
    with unit_of_work(group, write=False) as session:
        in_force = _in_force(_versions(session), today)
        members = session.scalars(
            select(Member).where(Member.deleted_at.is_(None), current_on(today))
        ).all()
        newest: dict[int, tuple[int, date, AgreementHow]] = {}
        for member_id, number, agreed_on, how in session.execute(
            select(Agreement.member_id, AgreementVersion.number, Agreement.agreed_on, Agreement.how)
            .join(AgreementVersion, AgreementVersion.id == Agreement.version_id)
            .order_by(AgreementVersion.number)
        ):
            newest[member_id] = (number, agreed_on, how)
        rows = []
        for member in sorted(members, key=lambda m: (fold(m.name), m.name.casefold(), m.id)):
            number, agreed_on, how = newest.get(member.id, (None, None, None))
            rows.append(
                MemberAgreement(
                    member_id=member.id,
                    name=member.name,
                    agreed_version=number,
                    agreed_on=agreed_on,
                    how=how,
                    agreed_current=in_force is not None and number is not None and number >= in_force.number,
                )
            )
        return rows


def members_not_agreed(group: GroupFile, *, today: date | None = None) -> list[MemberAgreement]:
    """Current members still to agree to the version in force today (empty if there is none)."""
    today = today or date.today()
    if current_agreement(group, today=today) is None:
        return []
    return [row for row in agreement_status(group, today=today) if not row.agreed_current]
