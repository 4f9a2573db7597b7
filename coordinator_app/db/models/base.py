"""Declarative base, naming convention and the enumerations stored as plain strings.

Enumerations are stored by value in VARCHAR columns (no native ENUM types) so the same models run
unchanged on SQLite and PostgreSQL, and Alembic batch migrations can rename values without table
rebuild tricks.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CreatedMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def str_enum(enum_cls: type[enum.Enum]) -> Enum:
    """A portable VARCHAR column holding an enum's *values*."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )


class LeadershipModel(StrEnum):
    PEER_LED = "peer_led"
    PEER_LED_WITH_SUPPORT = "peer_led_with_practitioner_support"
    PRACTITIONER_LED = "practitioner_led"


class AttendanceMode(StrEnum):
    BY_NAME = "by_name"
    COUNT_ONLY = "count_only"


class AimStatus(StrEnum):
    CURRENT = "current"
    ACHIEVED = "achieved"
    RETIRED = "retired"


class PractitionerWelcome(StrEnum):
    AS_MEMBERS = "as_members"
    GUESTS_BY_INVITATION = "guests_by_invitation"
    NOT_WELCOME = "not_welcome"


class AgreementHow(StrEnum):
    SIGNED_PAPER = "signed_paper"
    AT_MEETING = "at_meeting"
    BY_EMAIL = "by_email"


class MemberKind(StrEnum):
    MEMBER = "member"
    RELATIVE_OR_CARER = "relative_or_carer"
    PRACTITIONER_GUEST = "practitioner_guest"


class ConsentKind(StrEnum):
    CONTACT_BY_EMAIL = "contact_by_email"
    CONTACT_BY_PHONE = "contact_by_phone"
    NAMED_IN_REPORTS = "named_in_reports"
    NAMED_IN_GROUP = "named_in_group"
    PHOTOS = "photos"
    HEALTH_INFORMATION = "health_information"
    SHARE_CONTACT_DETAILS = "share_contact_details"


class EsteemRole(StrEnum):
    RESOURCE_BUILDER = "resource_builder"
    CAPACITY_BUILDER = "capacity_builder"
    FACILITATOR = "facilitator"
    BRIDGE_BUILDER = "bridge_builder"
    CO_EDUCATOR = "co_educator"


class MeetingKind(StrEnum):
    REGULAR = "regular"
    SOCIAL = "social"
    SPEAKER = "speaker"
    AGM = "agm"
    COMMITTEE = "committee"
    ONLINE = "online"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class DecisionMethod(StrEnum):
    CONSENSUS = "consensus"
    SHOW_OF_HANDS = "show_of_hands"


class ScheduleRule(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_NTH_WEEKDAY = "monthly_nth_weekday"


class JobFrequency(StrEnum):
    EVERY_MEETING = "every_meeting"
    MONTHLY = "monthly"
    YEARLY = "yearly"
    ONE_OFF = "one_off"


class AssignmentStatus(StrEnum):
    ASSIGNED = "assigned"
    DONE = "done"
    SWAPPED = "swapped"
    MISSED = "missed"


class AchievementKind(StrEnum):
    MILESTONE = "milestone"
    MEMBER_STORY = "member_story"
    EVENT = "event"
    FUNDING = "funding"
    PROFILE = "profile"
    PARTNERSHIP = "partnership"


class AccountKind(StrEnum):
    BANK = "bank"
    CASH = "cash"


class FundKind(StrEnum):
    UNRESTRICTED = "unrestricted"
    RESTRICTED = "restricted"


class CategoryDirection(StrEnum):
    RECEIPT = "receipt"
    PAYMENT = "payment"


class AccountsHeading(StrEnum):
    """Charity Commission receipts-and-payments headings (CC16)."""

    DONATIONS = "donations"
    GRANTS = "grants"
    FUNDRAISING = "fundraising"
    MEMBERS_CONTRIBUTIONS = "members_contributions"
    INVESTMENT_INCOME = "investment_income"
    OTHER_RECEIPTS = "other_receipts"
    CHARITABLE_ACTIVITIES = "charitable_activities"
    GOVERNANCE = "governance"
    OTHER_PAYMENTS = "other_payments"


class TransactionKind(StrEnum):
    RECEIPT = "receipt"
    PAYMENT = "payment"
    TRANSFER = "transfer"


class BalanceItemKind(StrEnum):
    OTHER_MONETARY_ASSET = "other_monetary_asset"
    LIABILITY = "liability"
    ASSET_FOR_USE = "asset_for_use"
