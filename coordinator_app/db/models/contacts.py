"""Practitioners and organisations the group works with, their ESTEEM roles, and venues."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, CreatedMixin, EsteemRole, str_enum


class Contact(CreatedMixin, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)

    roles: Mapped[list[ContactRole]] = relationship(cascade="all, delete-orphan")
    support: Mapped[list[SupportLogEntry]] = relationship(
        cascade="all, delete-orphan", order_by="SupportLogEntry.given_on"
    )


class ContactRole(Base):
    __tablename__ = "contact_roles"
    __table_args__ = (UniqueConstraint("contact_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    role: Mapped[EsteemRole] = mapped_column(str_enum(EsteemRole))


class SupportLogEntry(Base):
    """Support the group received from a contact, tagged with the role it was given in."""

    __tablename__ = "support_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    given_on: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    role: Mapped[EsteemRole] = mapped_column(str_enum(EsteemRole))


class Venue(CreatedMixin, Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    access_notes: Mapped[str] = mapped_column(Text, default="")
    cost_pence: Mapped[int] = mapped_column(Integer, default=0)
