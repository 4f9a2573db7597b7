"""Change sets: undo puts back exactly the rows a change touched, cascades included, or refuses."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from money_helpers import set_up
from sqlalchemy import delete, select, update

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import Attendance, Member, Transaction
from coordinator_app.imports.bank import StatementLine
from coordinator_app.services import meetings, members
from coordinator_app.services.changes import recording, redo_change, undo_change
from coordinator_app.services.errors import ChangeConflict, NotFound, StorageError
from coordinator_app.services.money import approvals, attachments, reconcile, statement_import, transactions
from coordinator_app.services.uow import unit_of_work

TESCO = [StatementLine(row=1, on=date(2025, 3, 3), amount_pence=-1234, description="TESCO STORES 2291")]


def dump(group) -> list[str]:
    """The file's contents as SQL, sorted: re-inserted rows of tables without an integer key get a new rowid."""
    with sqlite3.connect(group.path) as conn:
        return sorted(conn.iterdump())


@pytest.fixture
def payment(group):
    """An imported payment, approved, with a receipt, ticked on a statement being reconciled."""
    books = set_up(group)
    member = members.add_member(group, name="Ann Okafor", joined_on=date(2025, 1, 1))
    [tid] = statement_import.import_lines(group, account_id=books.bank, lines=TESCO).transaction_ids
    transactions.update_transaction(group, tid, member_id=member)
    approvals.approve(group, tid, approved_on=date(2025, 3, 4), approver_name="Bea Treasurer")
    attachments.attach_receipt(group, tid, filename="receipt.pdf", data=b"%PDF-1.4 till receipt")
    statement = reconcile.start_statement(group, account_id=books.bank, statement_date=date(2025, 3, 31),
                                          closing_balance_pence=100_000 - 1234)
    reconcile.tick(group, statement, [tid])
    return books, tid


def test_undoing_a_removed_payment_brings_back_its_approvals_receipt_fingerprint_and_flag(group, payment):
    books, tid = payment
    first = dump(group)
    kept = transactions.get_transaction(group, tid)
    with recording(group) as change_set:
        transactions.delete_transaction(group, tid)
    assert {name for name, _key in change_set.rows} == {"transactions", "approvals", "attachments"}

    undo_change(group, change_set)
    assert dump(group) == first
    back = transactions.get_transaction(group, tid)
    assert back == kept and back.cleared and back.approvals == 1 and back.attachments == 1
    assert attachments.list_attachments(group, tid)[0].filename == "receipt.pdf"
    assert statement_import.import_lines(group, account_id=books.bank, lines=TESCO).added == 0

    redo_change(group, change_set)
    with pytest.raises(NotFound):
        transactions.get_transaction(group, tid)


def test_undo_after_another_change_to_the_same_row_refuses_and_changes_nothing(group, payment):
    _books, tid = payment
    with recording(group) as change_set:
        transactions.update_transaction(group, tid, payee="Tesco (tea and milk)")
    transactions.update_transaction(group, tid, description="Bought for the social")  # not recorded
    before = dump(group)
    with pytest.raises(ChangeConflict, match="money entry “Tesco \\(tea and milk\\)” of 3 Mar 2025 .*description"):
        undo_change(group, change_set)
    assert dump(group) == before


def test_undoing_twice_refuses_the_second_time(group, payment):
    _books, tid = payment
    with recording(group) as change_set:
        transactions.delete_transaction(group, tid)
    undo_change(group, change_set)
    before = dump(group)
    with pytest.raises(ChangeConflict, match="Nothing was undone"):
        undo_change(group, change_set)
    assert dump(group) == before


def test_undo_refuses_to_remove_a_row_something_newer_depends_on(group):
    with recording(group) as change_set:
        member = members.add_member(group, name="Cal Byrne", joined_on=date(2025, 1, 1))
    members.add_role(group, member, role="Treasurer", started_on=date(2025, 2, 1))  # not recorded
    before = dump(group)
    with pytest.raises(ChangeConflict, match="a role .* depends on the member “Cal Byrne”"):
        undo_change(group, change_set)
    assert dump(group) == before


def test_rows_the_database_deletes_or_clears_by_itself_are_put_back(group, payment):
    """A bulk delete of a member: attendance goes by ON DELETE CASCADE, the payment's link by SET NULL."""
    _books, tid = payment
    member = transactions.get_transaction(group, tid).member_id
    meeting = meetings.plan_meeting(group, held_on=date(2025, 3, 10))
    meetings.record_meeting(group, meeting, present=[member], today=date(2025, 3, 11))
    first = dump(group)
    with recording(group) as change_set, unit_of_work(group) as session:
        session.execute(delete(Member).where(Member.id == member))
    assert {name for name, _key in change_set.rows} == {"members", "attendance", "transactions"}
    with unit_of_work(group, write=False) as session:
        assert session.scalar(select(Transaction.member_id).where(Transaction.id == tid)) is None
        assert session.scalars(select(Attendance)).all() == []
    undo_change(group, change_set)
    assert dump(group) == first
    redo_change(group, change_set)
    undo_change(group, change_set)
    assert dump(group) == first


def test_bulk_updates_are_recorded(group, payment):
    _books, tid = payment
    first = dump(group)
    with recording(group) as change_set, unit_of_work(group) as session:
        session.execute(update(Transaction).where(Transaction.id == tid).values(payee="Renamed"))
    assert [name for name, _key in change_set.rows] == ["transactions"]
    undo_change(group, change_set)
    assert dump(group) == first


def test_a_change_that_fails_records_nothing(group):
    with recording(group) as change_set, pytest.raises(Exception, match="name"):
        members.add_member(group, name="  ", joined_on=date(2025, 1, 1))
    assert not change_set


def test_several_units_of_work_make_one_change_set(group):
    first = dump(group)
    with recording(group) as change_set:
        member = members.add_member(group, name="Dee Patel", joined_on=date(2025, 1, 1))
        members.update_member(group, member, email="dee@example.org")
        members.leave_group(group, member, left_on=date(2025, 6, 1))
    assert [name for name, _key in change_set.rows] == ["members"]
    undo_change(group, change_set)
    assert dump(group) == first
    redo_change(group, change_set)
    assert members.get_member(group, member).email == "dee@example.org"


def test_an_undo_from_a_read_only_copy_says_so(group, group_path):
    with recording(group) as change_set:
        members.add_member(group, name="Eve Long", joined_on=date(2025, 1, 1))
    reader = open_group(group_path, read_only=True)
    try:
        with pytest.raises(StorageError, match="read-only"):
            undo_change(reader, change_set)
    finally:
        reader.close()
