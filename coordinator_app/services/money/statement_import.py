"""Adding a bank statement's lines to an account: all or nothing, and never the same line twice.

Each line gets a fingerprint (``import_key``) of the account, date, amount, description and how many
identical lines came before it in the same file, so re-importing a statement that overlaps the last one
adds only the new lines, while two genuinely identical payments on one day are both kept. Lines are
categorised by the payee rules learned from the treasurer.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Category, CategoryDirection, Fund, Transaction
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.uow import unit_of_work

from . import payee_rules
from .books import account_row, general_fund_id
from .transactions import new_line


@dataclass(frozen=True)
class StatementLine:
    """One line read from a statement file; ``row`` is where it is in the file, for messages."""

    row: int
    on: date
    amount_pence: int  # money in positive, money out negative
    description: str
    balance_pence: int | None = None
    reference: str = ""


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_there: int
    zero_lines: int
    categorised: int
    transaction_ids: tuple[int, ...]

    @property
    def uncategorised(self) -> int:
        return self.added - self.categorised


@dataclass(frozen=True)
class PreviewLine:
    line: StatementLine
    already_there: bool
    category_name: str | None  # what the learned rules would choose


def _keyed(account_id: int, lines: Sequence[StatementLine]) -> list[tuple[StatementLine, str]]:
    """Each line with its fingerprint; identical lines in one file are told apart by their order."""
    seen: dict[tuple[date, int, str], int] = {}
    keyed = []
    for line in lines:
        same = (line.on, line.amount_pence, " ".join(line.description.casefold().split()))
        keyed.append((line, import_key(account_id, line, seen.get(same, 0))))
        seen[same] = seen.get(same, 0) + 1
    return keyed


def preview(group: GroupFile, *, account_id: int, lines: Sequence[StatementLine]) -> list[PreviewLine]:
    """What importing would do, line by line, without changing anything (for the import wizard)."""
    with unit_of_work(group, write=False) as session:
        account_row(session, account_id)
        known = set(session.scalars(select(Transaction.import_key).where(
            Transaction.account_id == account_id, Transaction.import_key.is_not(None))))
        categories = {c.id: (c.name, c.direction) for c in session.scalars(select(Category))}
        rules = payee_rules.RuleBook.load(session)
        result = []
        for line, key in _keyed(account_id, lines):
            rule = rules.best(line.description)
            direction = CategoryDirection.RECEIPT if line.amount_pence > 0 else CategoryDirection.PAYMENT
            name, rule_direction = categories.get(rule.category_id, (None, None)) if rule else (None, None)
            result.append(PreviewLine(line, key in known, name if rule_direction is direction else None))
        return result


def import_key(account_id: int, line: StatementLine, occurrence: int) -> str:
    description = " ".join(line.description.casefold().split())
    text = f"{account_id}|{line.on.isoformat()}|{line.amount_pence}|{description}|{occurrence}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def import_lines(group: GroupFile, *, account_id: int, lines: Sequence[StatementLine]) -> ImportResult:
    """Add the lines not already in the account; if any line is refused, nothing at all is added.

    In bulk: the fingerprints already there and the payee rules are read once, every new line is
    checked first, then all are added in one flush (the ORM's, so the change can be undone)."""
    with unit_of_work(group) as session:
        general = general_fund_id(session)
        account = account_row(session, account_id)
        known = set(session.scalars(select(Transaction.import_key).where(
            Transaction.account_id == account_id, Transaction.import_key.is_not(None))))
        directions = dict(session.execute(select(Category.id, Category.direction)).all())
        rules = payee_rules.RuleBook.load(session)
        # Held here so that checking each line's category and fund finds them in the session, unread.
        held = (session.scalars(select(Category)).all(), session.scalars(select(Fund)).all())
        rows: list[Transaction] = []
        used: Counter[payee_rules.Rule] = Counter()
        already = zero = 0
        for line, key in _keyed(account_id, lines):
            if line.amount_pence == 0:
                zero += 1
                continue
            if key in known:
                already += 1
                continue
            direction = CategoryDirection.RECEIPT if line.amount_pence > 0 else CategoryDirection.PAYMENT
            rule = rules.best(line.description)
            if rule is not None and directions.get(rule.category_id) is not direction:
                rule = None  # a rule learned for money the other way
            try:
                rows.append(new_line(
                    session, direction=direction, account=account, on=line.on,
                    amount_pence=abs(line.amount_pence), payee=line.description[:300], description="",
                    reference=line.reference[:100], category_id=rule.category_id if rule else None,
                    fund_id=(rule.fund_id if rule else None) or general, budget_line_id=None, member_id=None,
                    import_key=key,
                ))
            except ValidationError as exc:
                raise ValidationError(exc.field, f"row {line.row}: {exc.message} Nothing was imported.") from exc
            if rule is not None:
                used[rule] += 1
            known.add(key)
        session.add_all(rows)
        payee_rules.count_uses(session, used)
        session.flush()
        del held
        return ImportResult(added=len(rows), already_there=already, zero_lines=zero,
                            categorised=sum(used.values()), transaction_ids=tuple(row.id for row in rows))


def remembered_mapping(group: GroupFile, *, account_id: int) -> dict[str, str] | None:
    """The statement columns the treasurer chose for this account last time, if any."""
    with unit_of_work(group, write=False) as session:
        text = account_row(session, account_id).import_mapping
    if not text:
        return None
    try:
        mapping = json.loads(text)
    except ValueError:
        return None
    return {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else None


def remember_mapping(group: GroupFile, *, account_id: int, mapping: Mapping[str, str]) -> None:
    with unit_of_work(group) as session:
        account_row(session, account_id).import_mapping = json.dumps(dict(mapping), ensure_ascii=False,
                                                                     sort_keys=True)
