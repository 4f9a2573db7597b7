"""Rules that categorise a bank line from its payee text, learned from the treasurer's own choices.

When the treasurer puts "ST MARYS CHURCH HALL 0412" under Room hire, the rule "st marys church hall"
remembers it; the next imported line whose payee starts with that text is categorised the same way.
Numbers and punctuation are dropped first, since banks add dates and reference numbers to the payee.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Category, Fund, PayeeRule
from coordinator_app.services.errors import NotFound
from coordinator_app.services.uow import unit_of_work

_NOT_WORD = re.compile(r"[\W\d_]+")


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


def best_rule(session: Session, payee: str) -> PayeeRule | None:
    """The longest learned pattern that the payee's words begin with."""
    text = normalise_payee(payee)
    if not text:
        return None
    best: PayeeRule | None = None
    for rule in session.scalars(select(PayeeRule)):
        if (text == rule.pattern or text.startswith(rule.pattern + " ")) and (
            best is None or len(rule.pattern) > len(best.pattern)
        ):
            best = rule
    return best


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
