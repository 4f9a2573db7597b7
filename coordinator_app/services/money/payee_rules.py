"""Rules that categorise a bank line from its payee text, learned from the treasurer's own choices.

When the treasurer puts "ST MARYS CHURCH HALL 0412" under Room hire, the rule "st marys church hall"
remembers it; the next imported line whose payee starts with that text is categorised the same way.
Numbers and punctuation are dropped first, since banks add dates and reference numbers to the payee.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Category, Fund, PayeeRule
from coordinator_app.services.errors import NotFound
from coordinator_app.services.uow import unit_of_work

_NOT_WORD = re.compile(r"[\W\d_]+")
_CHUNK = 400  # rules per IN (...): well inside SQLite's and PostgreSQL's parameter limits


def normalise_payee(text: str) -> str:
    """Lower-case words only: ``"TESCO STORES 3217, LEEDS"`` becomes ``"tesco stores leeds"``."""
    folded = unicodedata.normalize("NFKC", text or "").casefold().replace("'", "").replace("\u2019", "")
    return " ".join(_NOT_WORD.sub(" ", folded).split())[:200]


@dataclass(frozen=True)
class RuleView:
    id: int
    pattern: str
    category_id: int
    category_name: str
    fund_id: int | None
    fund_name: str | None
    times_used: int


@dataclass(frozen=True)
class Rule:
    id: int
    pattern: str
    category_id: int
    fund_id: int | None


class RuleBook:
    """Every learned rule, read once and looked up by the payee's leading words: a statement of 10,000
    lines against 3,000 rules costs 10,000 look-ups, not 30 million comparisons."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._by_pattern = {rule.pattern: rule for rule in rules}

    @classmethod
    def load(cls, session: Session) -> RuleBook:
        return cls(Rule(*row) for row in session.execute(
            select(PayeeRule.id, PayeeRule.pattern, PayeeRule.category_id, PayeeRule.fund_id)))

    def best(self, payee: str) -> Rule | None:
        """The longest learned pattern that the payee's words begin with (the whole payee, or its first
        words: a pattern matches only at a word's end)."""
        text = normalise_payee(payee)
        if not text:
            return None
        words = text.split(" ")
        for count in range(len(words), 0, -1):
            rule = self._by_pattern.get(text if count == len(words) else " ".join(words[:count]))
            if rule is not None:
                return rule
        return None


def count_uses(session: Session, used: Mapping[Rule, int]) -> None:
    """Add to each rule's count of lines it has categorised (``used``: rule -> how many more)."""
    by_id = {rule.id: times for rule, times in used.items()}
    ids = list(by_id)
    for start in range(0, len(ids), _CHUNK):
        for row in session.scalars(select(PayeeRule).where(PayeeRule.id.in_(ids[start:start + _CHUNK]))):
            row.times_used += by_id[row.id]


def best_rule(session: Session, payee: str) -> PayeeRule | None:
    """The longest learned pattern that the payee's words begin with, as the row (to count its use)."""
    rule = RuleBook.load(session).best(payee)
    return None if rule is None else session.get(PayeeRule, rule.id)


def learn(session: Session, payee: str, category_id: int, fund_id: int | None) -> None:
    """Remember the treasurer's choice for this payee (the newest choice wins)."""
    pattern = normalise_payee(payee)
    if not pattern:
        return
    rule = session.scalar(select(PayeeRule).where(PayeeRule.pattern == pattern))
    if rule is None:
        session.add(PayeeRule(pattern=pattern, category_id=category_id, fund_id=fund_id, times_used=1))
    else:
        rule.category_id, rule.fund_id = category_id, fund_id
        rule.times_used += 1
    session.flush()


def list_rules(group: GroupFile) -> list[RuleView]:
    with unit_of_work(group, write=False) as session:
        rows = session.execute(
            select(PayeeRule, Category.name, Fund.name)
            .join(Category, Category.id == PayeeRule.category_id)
            .outerjoin(Fund, Fund.id == PayeeRule.fund_id)
            .order_by(PayeeRule.pattern)
        ).all()
        return [RuleView(id=r.id, pattern=r.pattern, category_id=r.category_id, category_name=c, fund_id=r.fund_id,
                         fund_name=f, times_used=r.times_used) for r, c, f in rows]


def suggest(group: GroupFile, *, payee: str) -> RuleView | None:
    """What the treasurer chose last time for a payee like this, if anything."""
    with unit_of_work(group, write=False) as session:
        rule = best_rule(session, payee)
        rule_id = None if rule is None else rule.id
    return next((view for view in list_rules(group) if view.id == rule_id), None)


def forget_rule(group: GroupFile, rule_id: int) -> None:
    with unit_of_work(group) as session:
        rule = session.get(PayeeRule, rule_id)
        if rule is None:
            raise NotFound(f"There is no rule number {rule_id}.")
        session.delete(rule)
