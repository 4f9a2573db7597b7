"""Every table of the group file. Import from here so Alembic sees the whole schema."""

from .achievements import Achievement
from .base import *  # noqa: F403 - the enumerations are part of the models' vocabulary
from .base import Base
from .contacts import Contact, ContactRole, SupportLogEntry, Venue
from .group import Agreement, AgreementVersion, Aim, BoundaryVersion, GroupProfile, Setting
from .jobs import Job, JobAssignment, JobVolunteer
from .meetings import Apology, Attendance, Decision, GoodThing, Meeting, MeetingSchedule
from .money import (
    Account,
    Approval,
    Attachment,
    BalanceItem,
    BankStatement,
    Category,
    Fund,
    FundTransfer,
    Grant,
    GrantBudgetLine,
    GrantOutcome,
    GrantOutcomeDocument,
    GrantOutcomeEvidence,
    GrantReportDue,
    PayeeRule,
    Transaction,
)
from .people import Consent, Member, MemberRole, Unavailability

__all__ = [
    "Account", "Achievement", "Agreement", "AgreementVersion", "Aim", "Approval", "Attachment",
    "Apology", "Attendance", "BalanceItem", "BankStatement", "Base", "BoundaryVersion", "Category", "Consent",
    "Contact", "ContactRole", "Decision", "Fund", "FundTransfer", "GoodThing", "Grant",
    "GrantBudgetLine", "GrantOutcome", "GrantOutcomeDocument", "GrantOutcomeEvidence", "GrantReportDue",
    "GroupProfile", "Job", "JobAssignment", "JobVolunteer",
    "Meeting", "MeetingSchedule", "Member", "MemberRole", "PayeeRule", "Setting", "SupportLogEntry",
    "Transaction", "Unavailability", "Venue",
]
