"""Who approved a payment. Cash paid out over the group's limit (£100 unless the group changes it, see
``books.set_approval_limit``) should carry two signatories' approval; the treasurer is warned (never
stopped) when it has fewer, because the money has already gone by the time it is written up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Account, AccountKind, Approval, Member, Transaction, TransactionKind
from coordinator_app.services import members
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work
from coordinator_app.services.validate import optional_text

from .amounts import format_pence
from .books import approval_limit
from .transactions import TransactionView, load_views, transaction_row, views_query


@dataclass(frozen=True)
class ApprovalView:
    id: int
    transaction_id: int
    approver_name: str
    member_id: int | None
    approved_on: date


@dataclass(frozen=True)
class Approver:
    name: str
    member_id: int
    signatory: bool


def approvers(group: GroupFile, *, today: date | None = None) -> list[Approver]:
    """Who may approve: today's members, those holding a signatory role first (each list by name)."""
    people = members.list_members(group, today=today)
    found = [Approver(m.name, m.id, any("signatory" in role.casefold() for role in m.roles_now)) for m in people]
    return sorted(found, key=lambda a: not a.signatory)  # stable: the names stay in order within each part


@dataclass(frozen=True)
class ApprovalWarning:
    transaction: TransactionView
    message: str


def approve(group: GroupFile, transaction_id: int, *, approved_on: date, approver_name: str = "",
            member_id: int | None = None) -> int:
    """Record one person's approval of a payment (a member, or a name typed in)."""
    with unit_of_work(group) as session:
        row = transaction_row(session, transaction_id)
        if row.kind is not TransactionKind.PAYMENT:
            raise ValidationError("transaction", "Only payments need approving.")
        name = optional_text("approver", approver_name, "the approver's name", max_length=200)
        if member_id is not None:
            member = session.get(Member, member_id)
            if member is None:
                raise ValidationError("approver", "That member is not in this group file.")
            name = name or member.name
        if not name:
            raise ValidationError("approver", "Please say who approved the payment.")
        for existing in session.scalars(select(Approval).where(Approval.transaction_id == row.id)):
            same_member = member_id is not None and existing.member_id == member_id
            if same_member or existing.approver_name.casefold() == name.casefold():
                raise ValidationError("approver", f"{name} has already approved this payment; a second approval "
                                                  "must come from someone else.")
        approval = Approval(transaction_id=row.id, member_id=member_id, approver_name=name, approved_on=approved_on)
        session.add(approval)
        session.flush()
        return approval.id


def list_approvals(group: GroupFile, transaction_id: int) -> list[ApprovalView]:
    with unit_of_work(group, write=False) as session:
        transaction_row(session, transaction_id)
        rows = session.scalars(select(Approval).where(Approval.transaction_id == transaction_id).order_by(Approval.id))
        return [ApprovalView(id=r.id, transaction_id=r.transaction_id, approver_name=r.approver_name,
                             member_id=r.member_id, approved_on=r.approved_on) for r in rows]


def withdraw_approval(group: GroupFile, approval_id: int) -> None:
    with unit_of_work(group) as session:
        row = session.get(Approval, approval_id)
        if row is None:
            raise NotFound(f"There is no approval number {approval_id}.")
        session.delete(row)


def approval_warnings(group: GroupFile, *, start: date | None = None, end: date | None = None
                      ) -> list[ApprovalWarning]:
    """Cash payments over £100 with fewer than two approvers, each with a sentence for the treasurer."""
    query = views_query().where(Transaction.kind == TransactionKind.PAYMENT, Account.kind == AccountKind.CASH)
    if start is not None:
        query = query.where(Transaction.on >= start)
    if end is not None:
        query = query.where(Transaction.on <= end)
    warnings = []
    with unit_of_work(group, write=False) as session:  # only cash payments over the limit can want approval
        views = load_views(session, query.where(Transaction.amount_pence < -approval_limit(session)))
    for view in views:
        if view.needs_second_approver:
            who = "no approval recorded" if view.approvals == 0 else "only one person's approval"
            warnings.append(ApprovalWarning(view, (
                f"The cash payment of {format_pence(-view.amount_pence)} to {view.payee or 'someone'} on "
                f"{view.on:%d/%m/%Y} has {who}; cash over {format_pence(view.approval_limit_pence)} "
                "needs two."
            )))
    return warnings

