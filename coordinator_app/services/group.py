"""The group's profile: creating a group file and reading or changing what the group is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile, create_group_file
from coordinator_app.db.models import AttendanceMode, GroupProfile, LeadershipModel

from .errors import ValidationError
from .uow import unit_of_work
from .validate import optional_text, required_text


@dataclass(frozen=True)
class Profile:
    name: str
    about: str
    area: str
    founded_on: date | None
    leadership_model: LeadershipModel
    financial_year_start_month: int
    currency: str
    attendance_mode: AttendanceMode
    has_logo: bool
    retention_months: int
    time_zone: str

    @property
    def count_only(self) -> bool:
        return self.attendance_mode is AttendanceMode.COUNT_ONLY


def _to_profile(row: GroupProfile) -> Profile:
    return Profile(
        name=row.name,
        about=row.about,
        area=row.area,
        founded_on=row.founded_on,
        leadership_model=row.leadership_model,
        financial_year_start_month=row.financial_year_start_month,
        currency=row.currency,
        attendance_mode=row.attendance_mode,
        has_logo=row.logo_png is not None,
        retention_months=row.retention_months,
        time_zone=row.time_zone,
    )


def check_time_zone(name: str) -> str:
    """An IANA time zone name such as Europe/London, as calendars need it."""
    clean = name.strip()
    try:
        ZoneInfo(clean)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("time_zone", f"“{clean}” is not a time zone; write it like Europe/London.") from None
    return clean


def _check_month(month: int) -> int:
    if not 1 <= int(month) <= 12:
        raise ValidationError("financial_year_start_month", "The financial year must start in a month from 1 to 12.")
    return int(month)


def create_group(
    path: Path | str,
    *,
    name: str,
    about: str = "",
    area: str = "",
    founded_on: date | None = None,
    attendance_mode: AttendanceMode = AttendanceMode.BY_NAME,
    leadership_model: LeadershipModel = LeadershipModel.PEER_LED,
    financial_year_start_month: int = 4,
) -> Path:
    """Create a new group file holding just the group's profile."""
    clean_name = required_text("name", name, "the group's name")
    clean_about = optional_text("about", about, "what the group is about")
    month = _check_month(financial_year_start_month)

    def initialise(session: Session) -> None:
        session.add(
            GroupProfile(
                name=clean_name,
                about=clean_about,
                area=optional_text("area", area, "the area"),
                founded_on=founded_on,
                attendance_mode=AttendanceMode(attendance_mode),
                leadership_model=LeadershipModel(leadership_model),
                financial_year_start_month=month,
            )
        )

    return create_group_file(path, initialise)


def _profile_row(session: Session) -> GroupProfile:
    row = session.scalars(select(GroupProfile).order_by(GroupProfile.id).limit(1)).first()
    if row is None:  # a file made by create_group always has one
        raise ValidationError("name", "This group file has no group details yet.")
    return row


def get_profile(group: GroupFile) -> Profile:
    with unit_of_work(group, write=False) as session:
        return _to_profile(_profile_row(session))


def update_profile(group: GroupFile, **changes: object) -> Profile:
    """Change any of the profile's fields; unknown names are a programming error."""
    allowed = {
        "name", "about", "area", "founded_on", "leadership_model", "financial_year_start_month",
        "attendance_mode", "retention_months", "currency", "time_zone",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    with unit_of_work(group) as session:
        row = _profile_row(session)
        if "name" in changes:
            row.name = required_text("name", str(changes["name"]), "the group's name")
        if "about" in changes:
            row.about = optional_text("about", str(changes["about"]), "what the group is about")
        if "area" in changes:
            row.area = optional_text("area", str(changes["area"]), "the area", max_length=200)
        if "founded_on" in changes:
            row.founded_on = changes["founded_on"]  # type: ignore[assignment]
        if "leadership_model" in changes:
            row.leadership_model = LeadershipModel(changes["leadership_model"])
        if "attendance_mode" in changes:
            row.attendance_mode = AttendanceMode(changes["attendance_mode"])
        if "financial_year_start_month" in changes:
            row.financial_year_start_month = _check_month(int(changes["financial_year_start_month"]))  # type: ignore[arg-type]
        if "retention_months" in changes:
            months = int(changes["retention_months"])  # type: ignore[arg-type]
            if months < 1:
                raise ValidationError("retention_months", "Keep former members' details for at least one month.")
            row.retention_months = months
        if "currency" in changes:
            row.currency = required_text("currency", str(changes["currency"]), "the currency", max_length=3).upper()
        if "time_zone" in changes:
            row.time_zone = check_time_zone(str(changes["time_zone"]))
        return _to_profile(row)


def set_logo(group: GroupFile, png: bytes | None) -> None:
    if png is not None and len(png) > 2_000_000:
        raise ValidationError("logo", "The logo picture is too big (at most 2 MB).")
    with unit_of_work(group) as session:
        _profile_row(session).logo_png = png


def get_logo(group: GroupFile) -> bytes | None:
    with unit_of_work(group, write=False) as session:
        return _profile_row(session).logo_png
