"""The group itself and its charter: profile, aims, who may join, the confidentiality agreement."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import (
    AgreementHow,
    AimStatus,
    AttendanceMode,
    Base,
    CreatedMixin,
    LeadershipModel,
    PractitionerWelcome,
    str_enum,
)


class GroupProfile(CreatedMixin, Base):
    """Exactly one row: the group this file belongs to."""

    __tablename__ = "group_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    about: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[str] = mapped_column(String(200), default="")
    founded_on: Mapped[date | None] = mapped_column(Date)
    leadership_model: Mapped[LeadershipModel] = mapped_column(
        str_enum(LeadershipModel), default=LeadershipModel.PEER_LED
    )
    financial_year_start_month: Mapped[int] = mapped_column(Integer, default=4)
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    attendance_mode: Mapped[AttendanceMode] = mapped_column(
        str_enum(AttendanceMode), default=AttendanceMode.BY_NAME
    )
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    retention_months: Mapped[int] = mapped_column(Integer, default=24)
    # Where the group meets, as an IANA name: meeting times in calendars are this zone's wall-clock times.
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/London")


class Setting(Base):
    """Group-wide settings that travel with the file (per-computer ones live in QSettings)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Aim(CreatedMixin, Base):
    __tablename__ = "aims"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    set_on: Mapped[date] = mapped_column(Date)
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[AimStatus] = mapped_column(str_enum(AimStatus), default=AimStatus.CURRENT)
    status_changed_on: Mapped[date | None] = mapped_column(Date)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    decided_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )


class BoundaryVersion(CreatedMixin, Base):
    """Who may join, as agreed from a date; the newest version in force is the current one."""

    __tablename__ = "boundary_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date)
    who_is_welcome: Mapped[str] = mapped_column(Text)
    relatives_and_carers_welcome: Mapped[bool] = mapped_column(Boolean, default=True)
    practitioners: Mapped[PractitionerWelcome] = mapped_column(
        str_enum(PractitionerWelcome), default=PractitionerWelcome.GUESTS_BY_INVITATION
    )
    age_range: Mapped[str] = mapped_column(String(100), default="")
    area: Mapped[str] = mapped_column(String(200), default="")
    how_newcomers_join: Mapped[str] = mapped_column(Text, default="")


class AgreementVersion(CreatedMixin, Base):
    """One dated version of the confidentiality agreement's text."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[date] = mapped_column(Date)
    decided_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )

    agreements: Mapped[list[Agreement]] = relationship(back_populates="version")


class Agreement(CreatedMixin, Base):
    """A member agreed to one version of the confidentiality agreement, on a date, in a way."""

    __tablename__ = "agreements"
    __table_args__ = (UniqueConstraint("member_id", "version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True)
    agreed_on: Mapped[date] = mapped_column(Date)
    how: Mapped[AgreementHow] = mapped_column(str_enum(AgreementHow))

    version: Mapped[AgreementVersion] = relationship(back_populates="agreements")
