"""Receipts, payments, transfers between accounts and between funds; the register and search.

A receipt is stored positive and a payment negative, both in pence. A transfer between two accounts is a
pair of rows sharing a ``transfer_id`` (money leaves one, arrives in the other, same fund), so it is
neither a receipt nor a payment in the accounts. Moving money between funds (say, to cover a grant's
overspend from general money) is a ``FundTransfer`` and touches no bank account.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Account,
    AccountKind,
    AccountsHeading,
    Approval,
    Attachment,
    BankStatement,
    Category,
    CategoryDirection,
    Fund,
    FundKind,
    FundTransfer,
    Grant,
    GrantBudgetLine,
    Member,
    Transaction,
    TransactionKind,
)
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work
from coordinator_app.services.validate import optional_text

from . import payee_rules
from .amounts import format_pence
from .books import DEFAULT_APPROVAL_LIMIT_PENCE, account_row, approval_limit, fund_row, general_fund_id


@dataclass(frozen=True)
class TransactionView:
    id: int
    account_id: int
    account_name: str
    account_kind: AccountKind
    on: date
    amount_pence: int
    kind: TransactionKind
    payee: str
    description: str
    reference: str
    category_id: int | None
    category_name: str | None
    heading: AccountsHeading | None
    fund_id: int
    fund_name: str
    fund_restricted: bool
    budget_line_id: int | None
    member_id: int | None
    transfer_id: str | None
    cleared: bool
    statement_id: int | None
    approvals: int
    attachments: int
    approval_limit_pence: int = DEFAULT_APPROVAL_LIMIT_PENCE  # the group's setting when the line was read

    @property
    def uncategorised(self) -> bool:
        return self.kind is not TransactionKind.TRANSFER and self.category_id is None

    @property
    def needs_second_approver(self) -> bool:
        return (self.account_kind is AccountKind.CASH and self.kind is TransactionKind.PAYMENT
                and -self.amount_pence > self.approval_limit_pence and self.approvals < 2)


@dataclass(frozen=True)
class RegisterLine:
    transaction: TransactionView
    balance_pence: int


@dataclass(frozen=True)
class FundTransferView:
    id: int
    on: date
    from_fund_id: int
    from_fund_name: str
    to_fund_id: int
    to_fund_name: str
    amount_pence: int
    reason: str


# The columns a view is made of, read as plain values: loading whole ORM objects costs four times as much.
_VIEW_COLUMNS = (Transaction.id, Transaction.account_id, Transaction.on, Transaction.amount_pence, Transaction.kind,
                 Transaction.payee, Transaction.description, Transaction.reference, Transaction.category_id,
                 Transaction.fund_id, Transaction.budget_line_id, Transaction.member_id, Transaction.transfer_id,
                 Transaction.cleared, Transaction.statement_id)


def views_query() -> Select:
    approvals = (select(Approval.transaction_id, func.count().label("n")).group_by(Approval.transaction_id)
                 .subquery())
    attachments = (select(Attachment.transaction_id, func.count().label("n")).group_by(Attachment.transaction_id)
                   .subquery())
    return (
        select(*_VIEW_COLUMNS, Account.name, Account.kind, Category.name, Category.heading, Fund.name, Fund.kind,
               approvals.c.n, attachments.c.n)
        .join(Account, Account.id == Transaction.account_id)
        .join(Fund, Fund.id == Transaction.fund_id)
        .outerjoin(Category, Category.id == Transaction.category_id)
        .outerjoin(approvals, approvals.c.transaction_id == Transaction.id)
        .outerjoin(attachments, attachments.c.transaction_id == Transaction.id)
        .order_by(Transaction.on, Transaction.id)
    )


def load_views(session: Session, query: Select | None = None) -> list[TransactionView]:
    limit = approval_limit(session)
    restricted = FundKind.RESTRICTED
    return [
        TransactionView(
            id=tid, account_id=account_id, account_name=account_name, account_kind=account_kind, on=on,
            amount_pence=amount, kind=kind, payee=payee, description=description, reference=reference,
            category_id=category_id, category_name=cat_name, heading=heading, fund_id=fund_id, fund_name=fund_name,
            fund_restricted=fund_kind is restricted, budget_line_id=budget_line_id, member_id=member_id,
            transfer_id=transfer_id, cleared=cleared, statement_id=statement_id, approvals=int(n_appr or 0),
            attachments=int(n_att or 0), approval_limit_pence=limit)
        for (tid, account_id, on, amount, kind, payee, description, reference, category_id, fund_id, budget_line_id,
             member_id, transfer_id, cleared, statement_id, account_name, account_kind, cat_name, heading, fund_name,
             fund_kind, n_appr, n_att) in session.execute(query if query is not None else views_query())
    ]


def transaction_row(session: Session, transaction_id: int) -> Transaction:
    row = session.get(Transaction, transaction_id)
    if row is None:
        raise NotFound(f"There is no transaction number {transaction_id}.")
    return row


def _view(session: Session, transaction_id: int) -> TransactionView:
    session.flush()
    return load_views(session, views_query().where(Transaction.id == transaction_id))[0]


def get_transaction(group: GroupFile, transaction_id: int) -> TransactionView:
    with unit_of_work(group, write=False) as session:
        transaction_row(session, transaction_id)
        return _view(session, transaction_id)


# ---- checks shared by every way in ----------------------------------------------------------------------

def _positive(amount_pence: int, field: str = "amount") -> int:
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int):
        raise ValidationError(field, "The amount must be a whole number of pence.")
    if amount_pence <= 0:
        raise ValidationError(field, "The amount must be more than £0.00.")
    return amount_pence


def _check_date(account: Account, on: date) -> None:
    if not isinstance(on, date):
        raise ValidationError("on", "Please enter the date the money moved.")
    if on < account.opened_on:
        raise ValidationError(
            "on", f"{on:%d/%m/%Y} is before the account “{account.name}” was opened ({account.opened_on:%d/%m/%Y})."
        )
    if account.closed_on is not None and on > account.closed_on:
        raise ValidationError("on", f"The account “{account.name}” was closed on {account.closed_on:%d/%m/%Y}.")


def _not_after_today(on: date, today: date | None) -> None:
    """The cash book records money that has moved; with ``today``, a later date is refused."""
    if today is not None and isinstance(on, date) and on > today:
        raise ValidationError("on", f"{on:%d/%m/%Y} is after today; record money once it has been paid.")


def _check_category(session: Session, category_id: int | None, direction: CategoryDirection) -> int | None:
    if category_id is None:
        return None
    category = session.get(Category, category_id)
    if category is None:
        raise ValidationError("category", "That category no longer exists; please choose another.")
    if category.direction is not direction:
        raise ValidationError("category", f"“{category.name}” is a category for {category.direction.value}s, "
                                          f"not {direction.value}s.")
    return category.id


def _resolve_fund(session: Session, fund_id: int | None, budget_line_id: int | None) -> int:
    if budget_line_id is not None:
        line = session.get(GrantBudgetLine, budget_line_id)
        if line is None:
            raise ValidationError("budget_line", "That budget line no longer exists; please choose another.")
        grant_fund = session.scalar(select(Grant.fund_id).where(Grant.id == line.grant_id))
        if fund_id is not None and fund_id != grant_fund:
            raise ValidationError("budget_line", f"The budget line “{line.name}” belongs to another fund's grant.")
        return int(grant_fund)  # type: ignore[arg-type]
    if fund_id is None:
        return general_fund_id(session)
    fund_row(session, fund_id)
    return fund_id


def _check_member(session: Session, member_id: int | None) -> int | None:
    if member_id is not None and session.get(Member, member_id) is None:
        raise ValidationError("member", "That member is not in this group file.")
    return member_id


def _texts(payee: str, description: str, reference: str) -> tuple[str, str, str]:
    return (optional_text("payee", payee, "the payee", max_length=300),
            optional_text("description", description, "the description"),
            optional_text("reference", reference, "the reference", max_length=100))


# ---- recording ------------------------------------------------------------------------------------------

def record_in_session(session: Session, *, direction: CategoryDirection, account_id: int, on: date,
                      amount_pence: int, payee: str, description: str, reference: str, category_id: int | None,
                      fund_id: int | None, budget_line_id: int | None, member_id: int | None, learn: bool,
                      import_key: str | None = None) -> int:
    """Add a receipt or payment inside an open session (keyboard entry)."""
    row = new_line(session, direction=direction, account=account_row(session, account_id), on=on,
                   amount_pence=amount_pence, payee=payee, description=description, reference=reference,
                   category_id=category_id, fund_id=fund_id, budget_line_id=budget_line_id, member_id=member_id,
                   import_key=import_key)
    session.add(row)
    session.flush()
    if learn and row.category_id is not None and row.payee:
        payee_rules.learn(session, row.payee, row.category_id, row.fund_id)
    return row.id


def new_line(session: Session, *, direction: CategoryDirection, account: Account, on: date, amount_pence: int,
             payee: str, description: str, reference: str, category_id: int | None, fund_id: int | None,
             budget_line_id: int | None, member_id: int | None, import_key: str | None = None) -> Transaction:
    """A receipt or payment, checked, not yet added to the session: a statement import adds thousands at
    once and flushes them together. Pass ``fund_id`` (the general fund's, if need be) to save a query."""
    amount = _positive(amount_pence)
    _check_date(account, on)
    payee, description, reference = _texts(payee, description, reference)
    if direction is CategoryDirection.RECEIPT and budget_line_id is not None:
        raise ValidationError("budget_line", "Only payments are charged to a grant's budget lines.")
    return Transaction(
        account_id=account.id, on=on, payee=payee, description=description, reference=reference,
        amount_pence=amount if direction is CategoryDirection.RECEIPT else -amount,
        kind=TransactionKind.RECEIPT if direction is CategoryDirection.RECEIPT else TransactionKind.PAYMENT,
        category_id=_check_category(session, category_id, direction),
        fund_id=_resolve_fund(session, fund_id, budget_line_id), budget_line_id=budget_line_id,
        member_id=_check_member(session, member_id), import_key=import_key,
    )


def record_receipt(group: GroupFile, *, account_id: int, on: date, amount_pence: int, payee: str = "",
                   description: str = "", reference: str = "", category_id: int | None = None,
                   fund_id: int | None = None, member_id: int | None = None, learn: bool = True,
                   today: date | None = None) -> TransactionView:
    """Money in. ``amount_pence`` is positive; without a fund it goes to the general fund."""
    _not_after_today(on, today)
    with unit_of_work(group) as session:
        new_id = record_in_session(session, direction=CategoryDirection.RECEIPT, account_id=account_id, on=on,
                         amount_pence=amount_pence, payee=payee, description=description, reference=reference,
                         category_id=category_id, fund_id=fund_id, budget_line_id=None, member_id=member_id,
                         learn=learn)
        return _view(session, new_id)


def record_payment(group: GroupFile, *, account_id: int, on: date, amount_pence: int, payee: str = "",
                   description: str = "", reference: str = "", category_id: int | None = None,
                   fund_id: int | None = None, budget_line_id: int | None = None, member_id: int | None = None,
                   learn: bool = True, today: date | None = None) -> TransactionView:
    """Money out. ``amount_pence`` is positive (it is stored as a negative amount); a budget line charges
    the payment to a grant and puts it in the grant's fund."""
    _not_after_today(on, today)
    with unit_of_work(group) as session:
        new_id = record_in_session(session, direction=CategoryDirection.PAYMENT, account_id=account_id, on=on,
                         amount_pence=amount_pence, payee=payee, description=description, reference=reference,
                         category_id=category_id, fund_id=fund_id, budget_line_id=budget_line_id,
                         member_id=member_id, learn=learn)
        return _view(session, new_id)


def record_transfer(group: GroupFile, *, from_account_id: int, to_account_id: int, on: date, amount_pence: int,
                    description: str = "", fund_id: int | None = None,
                    today: date | None = None) -> tuple[TransactionView, TransactionView]:
    """Move money between two of the group's accounts (say, banking the cash tin): two linked rows."""
    amount = _positive(amount_pence)
    _not_after_today(on, today)
    if from_account_id == to_account_id:
        raise ValidationError("to_account", "Choose two different accounts to move money between.")
    with unit_of_work(group) as session:
        source, target = account_row(session, from_account_id), account_row(session, to_account_id)
        _check_date(source, on)
        _check_date(target, on)
        fund = _resolve_fund(session, fund_id, None)
        text = (optional_text("description", description, "the description")
                or f"Transfer {source.name} to {target.name}")
        link = str(uuid.uuid4())
        rows = [
            Transaction(account_id=source.id, on=on, amount_pence=-amount, kind=TransactionKind.TRANSFER,
                        payee=target.name, description=text, fund_id=fund, transfer_id=link),
            Transaction(account_id=target.id, on=on, amount_pence=amount, kind=TransactionKind.TRANSFER,
                        payee=source.name, description=text, fund_id=fund, transfer_id=link),
        ]
        session.add_all(rows)
        session.flush()
        return _view(session, rows[0].id), _view(session, rows[1].id)


def mark_as_transfer(group: GroupFile, transaction_id: int, *, other_account_id: int,
                     match_id: int | None = None) -> tuple[TransactionView, TransactionView]:
    """Turn a line (say, an imported "paid in" that was the cash tin being banked) into a transfer between
    accounts: linked to the matching line in the other account, or with that line made for it."""
    with unit_of_work(group) as session:
        row = transaction_row(session, transaction_id)
        if row.transfer_id is not None:
            raise ValidationError("transaction", "This line is already a transfer between accounts.")
        other = account_row(session, other_account_id)
        if other.id == row.account_id:
            raise ValidationError("to_account", "Choose the other account the money moved to or from.")
        if match_id is None:
            _check_date(other, row.on)
            partner = Transaction(account_id=other.id, on=row.on, amount_pence=-row.amount_pence,
                                  kind=TransactionKind.TRANSFER, payee=account_row(session, row.account_id).name,
                                  description=row.description, fund_id=row.fund_id)
            session.add(partner)
        else:
            partner = transaction_row(session, match_id)
            if partner.account_id != other.id or partner.amount_pence != -row.amount_pence:
                raise ValidationError("match", f"The matching line must be in “{other.name}” for the opposite "
                                               f"amount ({format_pence(-row.amount_pence)}).")
            if partner.transfer_id is not None:
                raise ValidationError("match", "The matching line is already part of another transfer.")
        link = str(uuid.uuid4())
        for leg in (row, partner):
            leg.kind, leg.category_id, leg.budget_line_id = TransactionKind.TRANSFER, None, None
            leg.fund_id, leg.transfer_id = row.fund_id, link
        session.flush()
        return _view(session, row.id), _view(session, partner.id)


def move_between_funds(group: GroupFile, *, from_fund_id: int, to_fund_id: int, on: date, amount_pence: int,
                       reason: str = "") -> FundTransferView:
    """Move money from one fund to another without it leaving any account (shown as a transfer in the accounts)."""
    amount = _positive(amount_pence)
    if from_fund_id == to_fund_id:
        raise ValidationError("to_fund", "Choose two different funds to move money between.")
    with unit_of_work(group) as session:
        fund_row(session, from_fund_id)
        fund_row(session, to_fund_id)
        row = FundTransfer(on=on, from_fund_id=from_fund_id, to_fund_id=to_fund_id, amount_pence=amount,
                           reason=optional_text("reason", reason, "the reason"))
        session.add(row)
        session.flush()
        return _fund_transfer_views(session, FundTransfer.id == row.id)[0]


def _fund_transfer_views(session: Session, *where: object) -> list[FundTransferView]:
    names = dict(session.execute(select(Fund.id, Fund.name)).all())
    rows = session.scalars(select(FundTransfer).where(*where).order_by(FundTransfer.on, FundTransfer.id))
    return [FundTransferView(id=r.id, on=r.on, from_fund_id=r.from_fund_id, from_fund_name=names[r.from_fund_id],
                             to_fund_id=r.to_fund_id, to_fund_name=names[r.to_fund_id], amount_pence=r.amount_pence,
                             reason=r.reason) for r in rows]


def list_fund_transfers(group: GroupFile, *, start: date | None = None, end: date | None = None
                        ) -> list[FundTransferView]:
    with unit_of_work(group, write=False) as session:
        where = [FundTransfer.on >= start] if start else []
        if end:
            where.append(FundTransfer.on <= end)
        return _fund_transfer_views(session, *where)


def delete_fund_transfer(group: GroupFile, fund_transfer_id: int) -> None:
    with unit_of_work(group) as session:
        row = session.get(FundTransfer, fund_transfer_id)
        if row is None:
            raise NotFound(f"There is no transfer between funds number {fund_transfer_id}.")
        session.delete(row)


_UNSET = object()


def update_transaction(group: GroupFile, transaction_id: int, *, on: date | None = None,
                       amount_pence: int | None = None, payee: str | None = None, description: str | None = None,
                       reference: str | None = None, category_id: int | None | object = _UNSET,
                       fund_id: int | None | object = _UNSET, budget_line_id: int | None | object = _UNSET,
                       member_id: int | None | object = _UNSET, learn: bool = True) -> TransactionView:
    """Correct a line. ``amount_pence`` is the size of the amount (positive); a receipt stays a receipt.
    Both halves of a transfer between accounts change together."""
    with unit_of_work(group) as session:
        row = transaction_row(session, transaction_id)
        _correct(session, row, on=on, amount_pence=amount_pence, payee=payee, description=description,
                 reference=reference, category_id=category_id, fund_id=fund_id, budget_line_id=budget_line_id,
                 member_id=member_id, learn=learn)
        return _view(session, row.id)


def _reconciled_sentence(session: Session, legs: Sequence[Transaction]) -> str | None:
    for leg in legs:
        if _reconciled(session, leg):
            statement = session.get(BankStatement, leg.statement_id)
            assert statement is not None
            return (f"This line is on the bank statement to {statement.statement_date:%d/%m/%Y}, which is "
                    "reconciled, so its date and amount cannot change. To correct them, reopen that statement on "
                    "the Reconcile tab first.")
    return None


def _correct(session: Session, row: Transaction, *, on: date | None = None, amount_pence: int | None = None,
             payee: str | None = None, description: str | None = None, reference: str | None = None,
             category_id: int | None | object = _UNSET, fund_id: int | None | object = _UNSET,
             budget_line_id: int | None | object = _UNSET, member_id: int | None | object = _UNSET,
             learn: bool = True) -> None:
    legs = [row]
    if row.transfer_id is not None:
        legs = list(session.scalars(select(Transaction).where(Transaction.transfer_id == row.transfer_id)))
    moving = (on is not None and on != row.on) or (amount_pence is not None and amount_pence != abs(row.amount_pence))
    if moving and (refused := _reconciled_sentence(session, legs)):
        raise ValidationError("amount" if on is None or on == row.on else "on", refused)
    if on is not None:
        for leg in legs:
            _check_date(account_row(session, leg.account_id), on)
            leg.on = on
    if amount_pence is not None:
        amount = _positive(amount_pence)
        for leg in legs:
            leg.amount_pence = amount if leg.amount_pence > 0 else -amount
    texts = _texts(row.payee if payee is None else payee, row.description if description is None else description,
                   row.reference if reference is None else reference)
    row.payee, row.description, row.reference = texts
    if row.kind is TransactionKind.TRANSFER:
        if any(value not in (_UNSET, None) for value in (category_id, budget_line_id)):
            raise ValidationError("category", "A transfer between accounts has no category.")
        if fund_id is not _UNSET:
            new_fund = _resolve_fund(session, fund_id, None)  # type: ignore[arg-type]
            for leg in legs:
                leg.fund_id = new_fund
        return
    direction = CategoryDirection(row.kind.value)
    if category_id is not _UNSET:
        row.category_id = _check_category(session, category_id, direction)  # type: ignore[arg-type]
    if budget_line_id is not _UNSET:
        if budget_line_id is not None and direction is CategoryDirection.RECEIPT:
            raise ValidationError("budget_line", "Only payments are charged to a grant's budget lines.")
        row.budget_line_id = budget_line_id  # type: ignore[assignment]
    if fund_id is not _UNSET or budget_line_id is not _UNSET:
        wanted = row.fund_id if fund_id is _UNSET and row.budget_line_id is None else fund_id
        row.fund_id = _resolve_fund(session, wanted, row.budget_line_id)  # type: ignore[arg-type]
    if member_id is not _UNSET:
        row.member_id = _check_member(session, member_id)  # type: ignore[arg-type]
    if learn and category_id is not _UNSET and row.category_id is not None and row.payee:
        payee_rules.learn(session, row.payee, row.category_id, row.fund_id)


def set_many(group: GroupFile, transaction_ids: Sequence[int], *, category_id: int | None | object = _UNSET,
             fund_id: int | None | object = _UNSET, budget_line_id: int | None | object = _UNSET,
             learn: bool = False) -> int:
    """Give many lines the same category, fund or budget line at once: all of them, or (naming the line
    that cannot take it) none. Returns how many lines were changed."""
    if not transaction_ids:
        raise ValidationError("transactions", "Choose at least one line first.")
    with unit_of_work(group) as session:
        for transaction_id in dict.fromkeys(transaction_ids):
            row = transaction_row(session, transaction_id)
            try:
                _correct(session, row, category_id=category_id, fund_id=fund_id, budget_line_id=budget_line_id,
                         learn=learn)
            except ValidationError as exc:
                who = row.payee or row.description or format_pence(row.amount_pence)
                raise ValidationError(exc.field, f"The line of {row.on:%d/%m/%Y} ({who}): {exc.message} "
                                                 "Nothing was changed.") from exc
        return len(set(transaction_ids))


def lines_like(group: GroupFile, transaction_id: int) -> list[TransactionView]:
    """The other receipts or payments from the same payee (as the payee rules read it) with another
    category, to offer "also apply to the other lines from this payee"."""
    with unit_of_work(group, write=False) as session:
        row = transaction_row(session, transaction_id)
        wanted = payee_rules.normalise_payee(row.payee)
        if not wanted or row.kind is TransactionKind.TRANSFER or row.category_id is None:
            return []
        candidates = load_views(session, views_query().where(
            Transaction.kind == row.kind, Transaction.id != row.id,
            or_(Transaction.category_id.is_(None), Transaction.category_id != row.category_id)))
        return [v for v in candidates if payee_rules.normalise_payee(v.payee) == wanted]


def cash_warning(group: GroupFile, account_id: int) -> str | None:
    """A sentence when a cash account's running balance goes below nothing (cash cannot), else None.
    Only a warning: the treasurer may be writing up the lines in a different order from the day."""
    with unit_of_work(group, write=False) as session:
        account = account_row(session, account_id)
        if account.kind is not AccountKind.CASH:
            return None
        balance = account.opening_balance_pence
        for on, amount in session.execute(select(Transaction.on, Transaction.amount_pence)
                                          .where(Transaction.account_id == account.id)
                                          .order_by(Transaction.on, Transaction.id)):
            balance += amount
            if balance < 0:
                return (f"“{account.name}” goes down to {format_pence(balance)} on {on:%d/%m/%Y}, but cash cannot "
                        "go below nothing: is a line missing, or an amount wrong?")
        return None


def categorise(group: GroupFile, transaction_id: int, *, category_id: int | None, fund_id: int | None = None,
               learn: bool = True) -> TransactionView:
    """Put a line under a category (and optionally a fund); the choice is learned for this payee."""
    if fund_id is None:
        return update_transaction(group, transaction_id, category_id=category_id, learn=learn)
    return update_transaction(group, transaction_id, category_id=category_id, fund_id=fund_id, learn=learn)


def apply_rules(group: GroupFile) -> int:
    """Categorise every uncategorised line whose payee matches a learned rule; returns how many."""
    with unit_of_work(group) as session:
        directions = dict(session.execute(select(Category.id, Category.direction)).all())
        rules = payee_rules.RuleBook.load(session)
        used: Counter[payee_rules.Rule] = Counter()
        done = 0
        for row in session.scalars(select(Transaction).where(Transaction.category_id.is_(None),
                                                             Transaction.kind != TransactionKind.TRANSFER)).all():
            rule = rules.best(row.payee)
            if rule is None or directions.get(rule.category_id) is not CategoryDirection(row.kind.value):
                continue
            row.category_id = rule.category_id
            if rule.fund_id is not None and row.budget_line_id is None:
                row.fund_id = rule.fund_id
            used[rule] += 1
            done += 1
        payee_rules.count_uses(session, used)
        return done


def delete_transaction(group: GroupFile, transaction_id: int) -> None:
    """Remove a line for good (both halves of a transfer); a reconciled line cannot be removed."""
    with unit_of_work(group) as session:
        row = transaction_row(session, transaction_id)
        legs = [row] if row.transfer_id is None else list(
            session.scalars(select(Transaction).where(Transaction.transfer_id == row.transfer_id)))
        for leg in legs:
            if _reconciled(session, leg):
                raise ValidationError("transaction", "This line is on a reconciled bank statement, so it "
                                                     "cannot be removed.")
            session.delete(leg)


def _reconciled(session: Session, row: Transaction) -> bool:
    if row.statement_id is None:
        return False
    statement = session.get(BankStatement, row.statement_id)
    return statement is not None and statement.reconciled_on is not None


# ---- reading --------------------------------------------------------------------------------------------

def register(group: GroupFile, *, account_id: int, search: str = "", start: date | None = None,
             end: date | None = None) -> list[RegisterLine]:
    """One account's lines in date order with the balance after each; searching keeps the true balances.
    Only the lines from ``start`` to ``end`` are read: the earlier ones come in as one sum."""
    with unit_of_work(group, write=False) as session:
        account = account_row(session, account_id)
        balance = account.opening_balance_pence
        query = views_query().where(Transaction.account_id == account_id)
        if start is not None:
            balance += session.scalar(select(func.coalesce(func.sum(Transaction.amount_pence), 0)).where(
                Transaction.account_id == account_id, Transaction.on < start)) or 0
            query = query.where(Transaction.on >= start)
        if end is not None:
            query = query.where(Transaction.on <= end)
        lines = []
        for view in load_views(session, query):
            balance += view.amount_pence
            if _matches(view, search):
                lines.append(RegisterLine(view, balance))
        return lines


def _matches(view: TransactionView, search: str) -> bool:
    needle = search.strip().casefold()
    if not needle:
        return True
    haystack = " ".join((view.payee, view.description, view.reference, view.category_name or "", view.fund_name,
                         format_pence(view.amount_pence), format_pence(abs(view.amount_pence)))).casefold()
    return all(word in haystack for word in needle.split())


def first_and_last_day(group: GroupFile) -> tuple[date | None, date | None]:
    """The first day of the books (the earliest account opening or line) and the day of the latest line."""
    with unit_of_work(group, write=False) as session:
        opened = session.scalar(select(func.min(Account.opened_on)))
        first, last = session.execute(select(func.min(Transaction.on), func.max(Transaction.on))).one()
        starts = [d for d in (opened, first) if d is not None]
        return (min(starts) if starts else None), last


def search_transactions(group: GroupFile, *, text: str = "", start: date | None = None, end: date | None = None,
                        account_id: int | None = None, fund_id: int | None = None, category_id: int | None = None,
                        uncategorised: bool = False, kinds: Sequence[TransactionKind] = ()) -> list[TransactionView]:
    """Lines across all accounts, filtered; ``text`` matches payee, description, reference, category or amount."""
    query = views_query()
    if start is not None:
        query = query.where(Transaction.on >= start)
    if end is not None:
        query = query.where(Transaction.on <= end)
    if account_id is not None:
        query = query.where(Transaction.account_id == account_id)
    if fund_id is not None:
        query = query.where(Transaction.fund_id == fund_id)
    if category_id is not None:
        query = query.where(Transaction.category_id == category_id)
    if uncategorised:
        query = query.where(Transaction.category_id.is_(None), Transaction.kind != TransactionKind.TRANSFER)
    if kinds:
        query = query.where(or_(*(Transaction.kind == TransactionKind(k) for k in kinds)))
    with unit_of_work(group, write=False) as session:
        return [view for view in load_views(session, query) if _matches(view, text)]
