"""What the group achieved: milestones, members' stories, events, funding, with an optional photo and quote.

Whether an achievement may go into a printed report is the member's choice, so consent to include it is
recorded with the date it was given. Deleting only hides an achievement; it can be restored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, defer

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Achievement, AchievementKind, Meeting, Member
from coordinator_app.db.models.base import utcnow

from .errors import NotFound, ValidationError
from .uow import unit_of_work
from .validate import optional_text, required_date, required_text

PHOTO_LIMIT = 5 * 1024 * 1024
_MIME_BY_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))
_FIELDS = (
    "achieved_on", "title", "story", "kind", "meeting_id", "photo", "quote", "quote_by_id",
    "consent_to_include", "consent_recorded_on",
)


@dataclass(frozen=True)
class AchievementView:
    id: int
    achieved_on: date
    title: str
    story: str
    kind: AchievementKind
    meeting_id: int | None
    has_photo: bool
    photo_mime: str
    quote: str
    quote_by_id: int | None
    quote_by_name: str
    consent_to_include: bool
    consent_recorded_on: date | None = None


def photo_mime(photo: bytes) -> str:
    """The picture's type read from its first bytes (not its file name), or a ValidationError."""
    if len(photo) > PHOTO_LIMIT:
        size = math.ceil(len(photo) / (1024 * 1024) * 10) / 10
        raise ValidationError("photo", f"The photo is {size:.1f} MB; please choose one of at most 5 MB.")
    for magic, mime in _MIME_BY_MAGIC:
        if photo.startswith(magic):
            return mime
    raise ValidationError("photo", "The photo must be a PNG or JPEG picture.")


def _checked(session: Session, state: dict[str, object]) -> dict[str, object]:
    """All of an achievement's fields except the photo, checked together (in the form's order) and tidied."""
    achieved_on = required_date("achieved_on", state["achieved_on"], "the date of the achievement")
    title = required_text("title", state["title"], "a title for the achievement", max_length=300)
    story = optional_text("story", state["story"], "the story", max_length=20_000)
    try:
        kind = AchievementKind(state["kind"])
    except ValueError:
        raise ValidationError("kind", "Please choose what kind of achievement this is.") from None
    meeting_id = state["meeting_id"]
    if meeting_id is not None:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted_at is not None:
            raise ValidationError("meeting_id", "That meeting is not in this group file.")
    quote = optional_text("quote", state["quote"], "the quote", max_length=2000)
    quote_by_id = state["quote_by_id"]
    if quote_by_id is not None:
        member = session.get(Member, quote_by_id)
        if member is None or member.deleted_at is not None:
            raise ValidationError("quote_by_id", "The member who said the quote is not in this group file.")
        if not quote:
            raise ValidationError("quote", "Please enter the quote, or leave out who said it.")
    consent = bool(state["consent_to_include"])
    recorded_on = state["consent_recorded_on"]
    if consent:
        recorded_on = required_date("consent_recorded_on", recorded_on, "the date consent to include it was given")
    return {
        "achieved_on": achieved_on,
        "title": title,
        "story": story,
        "kind": kind,
        "meeting_id": meeting_id,
        "quote": quote,
        "quote_by_id": quote_by_id,
        "consent_to_include": consent,
        "consent_recorded_on": recorded_on if consent else None,
    }


def _set_photo(row: Achievement, photo: bytes | None) -> None:
    row.photo_mime = "" if photo is None else photo_mime(photo)
    row.photo = photo


def add_achievement(
    group: GroupFile,
    *,
    achieved_on: date,
    title: str,
    story: str = "",
    kind: AchievementKind = AchievementKind.MILESTONE,
    meeting_id: int | None = None,
    photo: bytes | None = None,
    quote: str = "",
    quote_by_id: int | None = None,
    consent_to_include: bool = False,
    consent_recorded_on: date | None = None,
) -> int:
    """Record an achievement; ``consent_to_include`` needs the date the consent was given."""
    state = dict(
        achieved_on=achieved_on, title=title, story=story, kind=kind, meeting_id=meeting_id, quote=quote,
        quote_by_id=quote_by_id, consent_to_include=consent_to_include, consent_recorded_on=consent_recorded_on,
    )
    with unit_of_work(group) as session:
        row = Achievement(**_checked(session, state))
        _set_photo(row, photo)
        session.add(row)
        session.flush()
        return row.id


def _achievement(session: Session, achievement_id: int) -> Achievement:
    row = session.get(Achievement, achievement_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(f"Achievement {achievement_id} is not in this group file.")
    return row


def update_achievement(group: GroupFile, achievement_id: int, **fields: object) -> AchievementView:
    """Change any of add_achievement's fields; ``photo=None`` removes the photo.

    Unknown field names are a programming error.
    """
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown achievement fields: {sorted(unknown)}")
    with unit_of_work(group) as session:
        row = _achievement(session, achievement_id)
        state = {name: getattr(row, name) for name in _FIELDS if name != "photo"}
        state.update((name, value) for name, value in fields.items() if name != "photo")
        for name, value in _checked(session, state).items():
            setattr(row, name, value)
        if "photo" in fields:
            _set_photo(row, fields["photo"])
        session.flush()
        return _get(session, achievement_id)


def _query(*, deleted: bool = False) -> Select:
    return (
        select(Achievement, Achievement.photo.is_not(None), Member.name, Member.deleted_at)
        .outerjoin(Member, Member.id == Achievement.quote_by_id)
        .options(defer(Achievement.photo))
        .where(Achievement.deleted_at.is_not(None) if deleted else Achievement.deleted_at.is_(None))
        .order_by(Achievement.achieved_on.desc(), Achievement.id.desc())
    )


def _views(session: Session, query: Select) -> list[AchievementView]:
    return [
        AchievementView(
            id=row.id,
            achieved_on=row.achieved_on,
            title=row.title,
            story=row.story,
            kind=row.kind,
            meeting_id=row.meeting_id,
            has_photo=bool(has_photo),
            photo_mime=row.photo_mime if has_photo else "",
            quote=row.quote,
            quote_by_id=row.quote_by_id,
            # A deleted member's name is not shown, even beside their own words.
            quote_by_name=name if name is not None and member_deleted_at is None else "",
            consent_to_include=row.consent_to_include,
            consent_recorded_on=row.consent_recorded_on,
        )
        for row, has_photo, name, member_deleted_at in session.execute(query)
    ]


def _get(session: Session, achievement_id: int) -> AchievementView:
    views = _views(session, _query().where(Achievement.id == achievement_id))
    if not views:
        raise NotFound(f"Achievement {achievement_id} is not in this group file.")
    return views[0]


def get_achievement(group: GroupFile, achievement_id: int) -> AchievementView:
    with unit_of_work(group, write=False) as session:
        return _get(session, achievement_id)


def list_achievements(group: GroupFile, *, year: int | None = None) -> list[AchievementView]:
    """Achievements newest first, optionally only those of one calendar year."""
    query = _query()
    if year is not None:
        query = query.where(
            Achievement.achieved_on >= date(int(year), 1, 1), Achievement.achieved_on < date(int(year) + 1, 1, 1)
        )
    with unit_of_work(group, write=False) as session:
        return _views(session, query)


def deleted_achievements(group: GroupFile) -> list[AchievementView]:
    """Achievements that were deleted, newest first, so one removed by mistake can be restored."""
    with unit_of_work(group, write=False) as session:
        return _views(session, _query(deleted=True))


def get_photo(group: GroupFile, achievement_id: int) -> tuple[bytes, str] | None:
    """The photo's bytes and type (``image/png`` or ``image/jpeg``), or None if there is no photo."""
    with unit_of_work(group, write=False) as session:
        row = _achievement(session, achievement_id)
        return None if row.photo is None else (row.photo, row.photo_mime)


def delete_achievement(group: GroupFile, achievement_id: int) -> None:
    """Hide the achievement from every list and report; :func:`restore_achievement` brings it back."""
    with unit_of_work(group) as session:
        _achievement(session, achievement_id).deleted_at = utcnow()


def restore_achievement(group: GroupFile, achievement_id: int) -> None:
    with unit_of_work(group) as session:
        row = session.get(Achievement, achievement_id)
        if row is None:
            raise NotFound(f"Achievement {achievement_id} is not in this group file.")
        row.deleted_at = None
