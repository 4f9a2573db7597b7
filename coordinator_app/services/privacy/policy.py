"""Who may be named on a given day, and free text with everyone else's names taken out."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from coordinator_app.db.models import Consent, ConsentKind, Member

UNNAMED = "a member"
UNNAMED_HELPER = "Someone who prefers not to be named"


class Privacy:
    """Who may be named on ``on``, and free text with everyone else's names taken out."""

    def __init__(self, session: Session, on: date) -> None:
        current = (Consent.given_on <= on) & or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > on)
        self.consents: dict[int, set[ConsentKind]] = defaultdict(set)
        for member_id, kind in session.execute(select(Consent.member_id, Consent.kind).where(current)):
            self.consents[member_id].add(kind)
        self.members = {row.id: row for row in session.scalars(select(Member))}
        hidden: set[str] = set()
        for member in self.members.values():
            if self.may_name(member.id):
                continue
            for text in (member.name, member.preferred_name, *member.name.split()[:1]):
                if len(text.strip()) >= 2:
                    hidden.add(text.strip())
        self._hidden = (
            re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(hidden, key=len, reverse=True)))
            if hidden
            else None
        )

    def has(self, member_id: int | None, kind: ConsentKind) -> bool:
        member = self.members.get(member_id) if member_id is not None else None
        return member is not None and member.deleted_at is None and kind in self.consents.get(member.id, set())

    def may_name(self, member_id: int | None) -> bool:
        return self.has(member_id, ConsentKind.NAMED_IN_REPORTS)

    def name(self, member_id: int | None, otherwise: str = UNNAMED) -> str:
        return self.members[member_id].name if member_id is not None and self.may_name(member_id) else otherwise

    def scrub(self, text: str) -> str:
        """Free text with the names of members who have not agreed to be named replaced by "a member"."""
        if not text or self._hidden is None:
            return text

        def replace(match: re.Match[str]) -> str:
            before = text[:match.start()].rstrip(" \t\"“'(")
            starts_sentence = not before or before[-1] in ".!?\n"
            return UNNAMED[0].upper() + UNNAMED[1:] if starts_sentence else UNNAMED

        return self._hidden.sub(replace, text)

