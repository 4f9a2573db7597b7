"""Who may be named in which document, judged on the day it is printed.

Each document has one rule (``AUDIENCE``): a sheet used inside the group (the sign-in sheet, the rota)
names members who agreed to be named inside the group or in reports; anything that may leave the room
(the celebration, funding and achievement reports, shareable minutes) names only those who agreed to be named in
reports. Everyone else is counted, or written as "a member" in free text. The contact list has its own
consent (share contact details), and a confidential note is never printed at all.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from enum import Enum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from coordinator_app.db.models import Consent, ConsentKind, Member

from .names import NameMatcher, Person

UNNAMED = "a member"
UNNAMED_HELPER = "Someone who prefers not to be named"


class Audience(Enum):
    INSIDE = "used inside the group"
    OUTSIDE = "may go outside the group"


class Document(Enum):
    SIGN_IN = "sign-in sheet"
    ROTA = "rota"
    CONTACT_LIST = "contact list"
    AGREEMENT = "confidentiality agreement"
    MINUTES = "minutes"
    CELEBRATION = "celebration report"
    FUNDING = "funding report"
    ACHIEVEMENTS = "achievement summary"


AUDIENCE = {
    Document.SIGN_IN: Audience.INSIDE,
    Document.ROTA: Audience.INSIDE,
    Document.CONTACT_LIST: Audience.INSIDE,
    Document.AGREEMENT: Audience.INSIDE,
    Document.MINUTES: Audience.OUTSIDE,
    Document.CELEBRATION: Audience.OUTSIDE,
    Document.FUNDING: Audience.OUTSIDE,
    Document.ACHIEVEMENTS: Audience.OUTSIDE,
}
NAMING_CONSENTS = {
    Audience.INSIDE: frozenset({ConsentKind.NAMED_IN_GROUP, ConsentKind.NAMED_IN_REPORTS}),
    Audience.OUTSIDE: frozenset({ConsentKind.NAMED_IN_REPORTS}),
}


def person(member: Member, *, identifiers: bool = False) -> Person:
    """What a member is called (and, for erasure, their email and phone) for the matcher."""
    also = (member.email, member.phone) if identifiers else ()
    return Person(member.id, member.name, member.preferred_name, also)


class Privacy:
    """Who may be named in ``document`` on ``on``, and free text with everyone else's names taken out."""

    def __init__(self, session: Session, on: date, document: Document) -> None:
        current = (Consent.given_on <= on) & or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > on)
        self.consents: dict[int, set[ConsentKind]] = defaultdict(set)
        for member_id, kind in session.execute(select(Consent.member_id, Consent.kind).where(current)):
            self.consents[member_id].add(kind)
        self.members = {row.id: row for row in session.scalars(select(Member))}
        self.naming = NAMING_CONSENTS[AUDIENCE[document]]
        self._matcher: NameMatcher | None = None

    def has(self, member_id: int | None, kind: ConsentKind) -> bool:
        member = self.members.get(member_id) if member_id is not None else None
        return member is not None and member.deleted_at is None and kind in self.consents.get(member.id, set())

    def may_name(self, member_id: int | None) -> bool:
        return any(self.has(member_id, kind) for kind in self.naming)

    def name(self, member_id: int | None, otherwise: str = UNNAMED) -> str:
        """The member's full name, for formal papers (minutes, officers), where they may be named."""
        return self.members[member_id].name if member_id is not None and self.may_name(member_id) else otherwise

    def goes_by(self, member_id: int | None, otherwise: str = UNNAMED) -> str:
        """The name the member goes by (their preferred name, else their full name), where they may be named."""
        if member_id is None or not self.may_name(member_id):
            return otherwise
        member = self.members[member_id]
        return member.preferred_name.strip() or member.name

    def said_by(self, member_id: int | None, name_shareable: bool) -> str:
        """Who shared a good thing, as printed: nobody unless they chose to share it with their name."""
        return self.goes_by(member_id, "") if name_shareable else ""

    def scrub(self, text: str) -> str:
        """Free text with every member who may not be named here written as "a member"."""
        if not text:
            return text
        if self._matcher is None:
            named = [person(m) for m in self.members.values() if self.may_name(m.id)]
            unnamed = [person(m) for m in self.members.values() if not self.may_name(m.id)]
            self._matcher = NameMatcher(unnamed, kept=named)
        return self._matcher.replace(text, UNNAMED)[0]
