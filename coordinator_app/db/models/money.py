"""The treasurer's books: accounts, funds, categories, transactions, statements and grants.

Every amount is integer pence (``BigInteger``), never a float. A transaction's ``amount_pence`` is
signed from the account's point of view: money in is positive, money out negative. A transfer between
accounts is two transactions sharing a ``transfer_id``; a transfer between funds is a ``FundTransfer``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import (
    AccountKind,
    AccountsHeading,
    BalanceItemKind,
    Base,
    CategoryDirection,
    CreatedMixin,
    FundKind,
    TransactionKind,
    str_enum,
)


class Account(CreatedMixin, Base):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[AccountKind] = mapped_column(str_enum(AccountKind), default=AccountKind.BANK)
    bank_details: Mapped[str] = mapped_column(String(100), default="")
    opened_on: Mapped[date] = mapped_column(Date)
    opening_balance_pence: Mapped[int] = mapped_column(BigInteger, default=0)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Column mapping for bank statement CSVs, remembered once the treasurer has chosen it (JSON).
    import_mapping: Mapped[str] = mapped_column(Text, default="")


class Fund(CreatedMixin, Base):
    __tablename__ = "funds"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[FundKind] = mapped_column(str_enum(FundKind), default=FundKind.UNRESTRICTED)
    purpose: Mapped[str] = mapped_column(Text, default="")
    opening_balance_pence: Mapped[int] = mapped_column(BigInteger, default=0)
    # A retired fund (its money spent or moved) is no longer offered for new lines; its history stays.
    retired_on: Mapped[date | None] = mapped_column(Date)


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("name", "direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    direction: Mapped[CategoryDirection] = mapped_column(str_enum(CategoryDirection))
    heading: Mapped[AccountsHeading] = mapped_column(str_enum(AccountsHeading))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class BankStatement(CreatedMixin, Base):
    __tablename__ = "bank_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    statement_date: Mapped[date] = mapped_column(Date)
    closing_balance_pence: Mapped[int] = mapped_column(BigInteger)
    reconciled_on: Mapped[date | None] = mapped_column(Date)


class Grant(CreatedMixin, Base):
    __tablename__ = "grants"
    __table_args__ = (UniqueConstraint("reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    funder: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(100))
    amount_pence: Mapped[int] = mapped_column(BigInteger)
    awarded_on: Mapped[date | None] = mapped_column(Date)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(Text, default="")
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id", ondelete="RESTRICT"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"), index=True)
    closed_on: Mapped[date | None] = mapped_column(Date)  # the grant is finished with; reopened by clearing it


class GrantReportDue(Base):
    """A day a report to the funder is due (a grant may want one each year and a final one)."""

    __tablename__ = "grant_reports_due"

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date)


class GrantBudgetLine(Base):
    __tablename__ = "grant_budget_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    amount_pence: Mapped[int] = mapped_column(BigInteger)
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)  # kept for its spending, offered no more


class GrantOutcome(Base):
    """An outcome promised to a funder: counted by the app from the records (``measure``), or, with no
    measure, recorded by hand (``achieved``, the evidence, linked achievements, meetings and documents)."""

    __tablename__ = "grant_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(String(40), default="")  # meetings, attendances, newcomers, ...
    achievement_kind: Mapped[str] = mapped_column(String(40), default="")  # with "achievements": only this kind
    target: Mapped[int | None] = mapped_column(Integer)
    achieved: Mapped[int | None] = mapped_column(Integer)  # by hand only; a counted outcome is counted
    evidence: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class GrantOutcomeEvidence(Base):
    """An achievement or a meeting the treasurer points to as evidence of an outcome recorded by hand."""

    __tablename__ = "grant_outcome_evidence"
    __table_args__ = (UniqueConstraint("outcome_id", "achievement_id", "meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("grant_outcomes.id", ondelete="CASCADE"), index=True)
    achievement_id: Mapped[int | None] = mapped_column(ForeignKey("achievements.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)


class GrantOutcomeDocument(CreatedMixin, Base):
    """A document kept as evidence of an outcome (a certificate, a survey's results), inside the file."""

    __tablename__ = "grant_outcome_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("grant_outcomes.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Transaction(CreatedMixin, Base):
    __tablename__ = "transactions"
    # The register reads an account's lines in date order, a page at a time, and sums the earlier ones;
    # account balances sum by account and cleared, the year's accounts by account and fund up to a day,
    # fund balances and grants by fund, kind and budget line; the register counts an account's lines
    # not yet categorised. Each walks its index alone,
    # never the table (they lead with the foreign keys account_id, fund_id and category_id, so they
    # serve those too).
    __table_args__ = (Index("ix_transactions_register", "account_id", "on", "id", "amount_pence", "cleared",
                            "fund_id"),
                      Index("ix_transactions_funds", "fund_id", "kind", "budget_line_id", "amount_pence"),
                      Index("ix_transactions_uncategorised", "category_id", "account_id", "kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    on: Mapped[date] = mapped_column(Date, index=True)
    amount_pence: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[TransactionKind] = mapped_column(str_enum(TransactionKind))
    payee: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id", ondelete="SET NULL"))
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id", ondelete="RESTRICT"))
    budget_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("grant_budget_lines.id", ondelete="SET NULL"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    transfer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    cleared: Mapped[bool] = mapped_column(Boolean, default=False)
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("bank_statements.id", ondelete="SET NULL"), index=True
    )
    # Fingerprint of the imported statement line, so an overlapping re-import adds nothing twice.
    import_key: Mapped[str | None] = mapped_column(String(64), index=True)


class FundTransfer(CreatedMixin, Base):
    __tablename__ = "fund_transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    on: Mapped[date] = mapped_column(Date, index=True)
    from_fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id", ondelete="RESTRICT"), index=True)
    to_fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id", ondelete="RESTRICT"), index=True)
    amount_pence: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text, default="")


class Approval(CreatedMixin, Base):
    """One of the (usually two) people who approved a cash payment."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("transactions.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    approver_name: Mapped[str] = mapped_column(String(200), default="")
    approved_on: Mapped[date] = mapped_column(Date)


class Attachment(CreatedMixin, Base):
    """A receipt scan, kept inside the group file so the books travel whole."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("transactions.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PayeeRule(Base):
    """Learned from the treasurer: a payee text that means this category (and fund)."""

    __tablename__ = "payee_rules"
    __table_args__ = (UniqueConstraint("pattern"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pattern: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="CASCADE"), index=True)
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id", ondelete="SET NULL"), index=True)
    times_used: Mapped[int] = mapped_column(Integer, default=0)


class BalanceItem(Base):
    """Non-cash lines of the statement of assets and liabilities, as at a financial year end."""

    __tablename__ = "balance_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BalanceItemKind] = mapped_column(str_enum(BalanceItemKind))
    description: Mapped[str] = mapped_column(String(300))
    amount_pence: Mapped[int | None] = mapped_column(BigInteger)
    as_at: Mapped[date] = mapped_column(Date)
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id", ondelete="SET NULL"), index=True)
