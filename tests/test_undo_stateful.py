"""A Hypothesis state machine over undo and redo: random changes to members, meetings and money, with undo
and redo in between, on a real group file.

After every undo the file is exactly what it was before that change, after every redo what it was after
it; a change to a row behind the change's back makes undo refuse and leaves the file alone; and undoing
everything at the end gives back the file's first ``iterdump()``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule
from people_helpers import NAMES, fresh_group, scratch_folder
from sqlalchemy import Enum, Integer, String, Text, update

from coordinator_app.imports.bank import StatementLine
from coordinator_app.services import meetings, members
from coordinator_app.services.changes import _TABLES, ChangeSet, recording, redo_change, undo_change
from coordinator_app.services.errors import ChangeConflict, NotFound, ValidationError
from coordinator_app.services.meetings import ActionInput, DecisionInput
from coordinator_app.services.money import approvals, attachments, books, statement_import, transactions
from coordinator_app.services.uow import unit_of_work

TODAY = date(2026, 6, 1)
days = st.sampled_from([date(2026, 3, 10), date(2026, 5, 31), TODAY])
pence = st.integers(min_value=1, max_value=50_000)
LINES = [StatementLine(row=1, on=date(2026, 5, 2), amount_pence=-1_250, description="TESCO STORES"),
         StatementLine(row=2, on=date(2026, 5, 3), amount_pence=5_000, description="DONATION A SMITH")]


def dump(group) -> list[str]:
    """The file as SQL, sorted: a re-inserted row of a table without an integer key gets a new rowid."""
    with sqlite3.connect(group.path) as conn:
        return sorted(conn.iterdump())


class UndoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = scratch_folder()
        self.group = fresh_group(self.folder.name)
        self.bank = books.add_account(self.group, name="Community account", opened_on=date(2026, 1, 1),
                                      opening_balance_pence=10_000)
        self.first = dump(self.group)
        self.done: list[tuple[ChangeSet, list[str], list[str]]] = []  # change, file before, file after
        self.undone: list[tuple[ChangeSet, list[str], list[str]]] = []

    def teardown(self) -> None:
        try:
            while self.done:
                undo_change(self.group, self.done.pop()[0])
            assert dump(self.group) == self.first
        finally:
            self.group.close()
            self.folder.cleanup()

    def change(self, do: Callable[[], Any]) -> None:
        before = dump(self.group)
        with recording(self.group) as change_set:
            try:
                do()
            except (ValidationError, NotFound):
                assert not change_set and dump(self.group) == before  # a refused change records nothing
                return
        after = dump(self.group)
        assert bool(change_set) == (after != before)
        if change_set:
            self.done.append((change_set, before, after))
            self.undone.clear()

    def member_ids(self) -> list[int]:
        return [m.id for m in members.list_members(self.group, include_former=True, today=TODAY)]

    def meeting_ids(self) -> list[int]:
        return [m.id for m in meetings.list_meetings(self.group, today=TODAY)]

    def line_ids(self) -> list[int]:
        return [line.transaction.id for line in transactions.register(self.group, account_id=self.bank)]

    # -- members ---------------------------------------------------------------------------------
    @rule(name=st.sampled_from(NAMES), joined_on=days)
    def add_member(self, name, joined_on):
        self.change(lambda: members.add_member(self.group, name=name, joined_on=joined_on))

    @rule(data=st.data(), email=st.sampled_from(["a@example.org", "", "zoë@example.org"]))
    def edit_member(self, data, email):
        if ids := self.member_ids():
            member_id = data.draw(st.sampled_from(ids))
            self.change(lambda: members.update_member(self.group, member_id, email=email, today=TODAY))

    @rule(data=st.data(), left_on=days)
    def leave(self, data, left_on):
        if ids := self.member_ids():
            member_id = data.draw(st.sampled_from(ids))
            self.change(lambda: members.leave_group(self.group, member_id, left_on=left_on))

    @rule(data=st.data())
    def delete_member(self, data):
        if ids := self.member_ids():
            member_id = data.draw(st.sampled_from(ids))
            self.change(lambda: members.delete_member(self.group, member_id))

    # -- meetings --------------------------------------------------------------------------------
    @rule(held_on=days)
    def plan(self, held_on):
        self.change(lambda: meetings.plan_meeting(self.group, held_on=held_on))

    @rule(data=st.data(), decisions=st.lists(st.sampled_from(["Meet monthly", "Buy tea"]), max_size=2),
          action=st.booleans())
    def record(self, data, decisions, action):
        if ids := self.meeting_ids():
            meeting_id = data.draw(st.sampled_from(ids))
            present = data.draw(st.lists(st.sampled_from(self.member_ids()), unique=True, max_size=3)
                                if self.member_ids() else st.just([]))
            self.change(lambda: meetings.record_meeting(
                self.group, meeting_id, present=present, decisions=[DecisionInput(d) for d in decisions],
                actions=[ActionInput("Book the room")] if action else (), today=TODAY))

    @rule(data=st.data())
    def cancel_or_delete_meeting(self, data):
        if ids := self.meeting_ids():
            meeting_id = data.draw(st.sampled_from(ids))
            service = data.draw(st.sampled_from([meetings.cancel_meeting, meetings.delete_meeting]))
            self.change(lambda: service(self.group, meeting_id))

    # -- money -----------------------------------------------------------------------------------
    @rule(amount=pence, out=st.booleans(), on=days)
    def enter_money(self, amount, out, on):
        service = transactions.record_payment if out else transactions.record_receipt
        self.change(lambda: service(self.group, account_id=self.bank, on=on, amount_pence=amount, payee="Shop"))

    @rule()
    def import_statement(self):
        self.change(lambda: statement_import.import_lines(self.group, account_id=self.bank, lines=LINES))

    @rule(data=st.data())
    def approve_and_attach(self, data):
        if ids := self.line_ids():
            tid = data.draw(st.sampled_from(ids))
            self.change(lambda: (approvals.approve(self.group, tid, approved_on=TODAY, approver_name="Bea"),
                                 attachments.attach_receipt(self.group, tid, filename="r.pdf", data=b"%PDF-1.4 r")))

    @rule(data=st.data())
    def remove_line(self, data):
        if ids := self.line_ids():
            tid = data.draw(st.sampled_from(ids))
            self.change(lambda: transactions.delete_transaction(self.group, tid))

    @rule(name=st.sampled_from(["Lottery grant", "Tea fund"]), restricted=st.booleans())
    def add_fund(self, name, restricted):
        kind = books.FundKind.RESTRICTED if restricted else books.FundKind.UNRESTRICTED
        self.change(lambda: books.add_fund(self.group, name=name, kind=kind))

    # -- undo and redo ---------------------------------------------------------------------------
    @precondition(lambda self: self.done)
    @rule()
    def undo(self):
        change_set, before, after = self.done.pop()
        undo_change(self.group, change_set)
        assert dump(self.group) == before
        self.undone.append((change_set, before, after))

    @precondition(lambda self: self.undone)
    @rule()
    def redo(self):
        change_set, before, after = self.undone.pop()
        redo_change(self.group, change_set)
        assert dump(self.group) == after
        self.done.append((change_set, before, after))

    @precondition(lambda self: self.done)
    @rule(steps=st.integers(min_value=1, max_value=4))
    def undo_several_and_redo_them(self, steps):
        for _ in range(min(steps, len(self.done))):
            self.undo()
        while self.undone:
            self.redo()

    @precondition(lambda self: self.done)
    @rule(data=st.data())
    def undo_after_a_change_behind_its_back(self, data):
        """Another copy of the app changes one of the rows: undo refuses, and nothing is touched."""
        change_set = self.done[-1][0]
        present = sorted((key for key, (_before, after) in change_set.rows.items() if after is not None), key=repr)
        if not present:
            return
        name, key = data.draw(st.sampled_from(present))
        table = _TABLES[name]
        pk = list(table.primary_key.columns)
        columns = [c for c in table.columns if not c.primary_key and not c.foreign_keys
                   and isinstance(c.type, String | Text | Integer) and not isinstance(c.type, Enum)
                   and not c.unique]
        if not columns:
            return
        column = data.draw(st.sampled_from(columns))
        where = [c == v for c, v in zip(pk, key, strict=True)]
        old = change_set.rows[(name, key)][1][column.name]
        new = (old or 0) + 1 if isinstance(column.type, Integer) else (old or "") + " (changed)"
        with unit_of_work(self.group) as session:  # not recorded: someone else's change
            session.execute(update(table).where(*where).values({column.name: new}))
        moved_on = dump(self.group)
        with pytest.raises(ChangeConflict, match="^Nothing was undone: .* has been changed since"):
            undo_change(self.group, change_set)
        assert dump(self.group) == moved_on
        with unit_of_work(self.group) as session:  # they change it back, and undo works again
            session.execute(update(table).where(*where).values({column.name: old}))


UndoMachine.TestCase.settings = settings(
    max_examples=50, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TestUndo = UndoMachine.TestCase
