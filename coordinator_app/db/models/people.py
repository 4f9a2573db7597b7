"""Members, the roles they hold over time, their consents and when they cannot help."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import AgreementHow, Base, ConsentKind, CreatedMixin, MemberKind, str_enum


class Member(CreatedMixin, Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    preferred_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[MemberKind] = mapped_column(str_enum(MemberKind), default=MemberKind.MEMBER)
    # Deferred: not read by ordinary queries, so a server login without the right to see it can list the rest.
    private_notes: Mapped[str] = mapped_column(Text, default="", deferred=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)

    roles: Mapped[list[MemberRole]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="MemberRole.started_on"
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="Consent.given_on"
    )


class MemberRole(Base):
    """A role (coordinator, treasurer, welcomer...) held from one date until another."""

    __tablename__ = "member_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(100))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    member: Mapped[Member] = relationship(back_populates="roles")


class Consent(Base):
    """An explicit consent: what, when, how it was given, and when (if ever) withdrawn."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ConsentKind] = mapped_column(str_enum(ConsentKind))
    given_on: Mapped[date] = mapped_column(Date)
    how: Mapped[AgreementHow] = mapped_column(str_enum(AgreementHow))
    withdrawn_on: Mapped[date | None] = mapped_column(Date)

    member: Mapped[Member] = relationship(back_populates="consents")


class Unavailability(Base):
    """Dates a member cannot take a turn at a job (holiday, hospital, caring)."""

    __tablename__ = "unavailability"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
