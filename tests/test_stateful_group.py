"""A Hypothesis state machine over members, meetings, attendance and jobs.

Random sequences of what a coordinator does (people join, leave, are deleted and restored; meetings are
planned and recorded; jobs are defined, volunteered for, assigned and done) run against a real group
file, and after every step what the services say is compared with a small in-memory model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from people_helpers import NAMES, fresh_group, scratch_folder

from coordinator_app.db.models import AssignmentStatus
from coordinator_app.services import jobs, meetings, members
from coordinator_app.services.errors import NotFound, ValidationError

TODAY = date(2026, 6, 1)
# A few dates, so that joining, leaving, meeting and "today" often fall on the same day: the edges.
days = st.sampled_from([date(2026, 3, 10), date(2026, 5, 31), TODAY, date(2026, 6, 2)])


@dataclass
class ModelMember:
    name: str
    joined_on: date
    left_on: date | None = None
    deleted: bool = False

    def belongs_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


@dataclass
class ModelTurn:
    job_id: int
    member_id: int
    due_on: date
    status: AssignmentStatus = AssignmentStatus.ASSIGNED
    done_on: date | None = None


@dataclass
class ModelMeeting:
    held_on: date
    present: set[int] = field(default_factory=set)
    recorded: bool = False


class GroupMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = scratch_folder()
        self.group = fresh_group(self.folder.name)
        self.members: dict[int, ModelMember] = {}
        self.meetings: dict[int, ModelMeeting] = {}
        self.jobs: dict[int, set[int]] = {}  # job id -> willing member ids
        self.turns: dict[int, ModelTurn] = {}

    def teardown(self) -> None:
        self.group.close()
        self.folder.cleanup()

    def live(self) -> list[int]:
        return sorted(i for i, m in self.members.items() if not m.deleted)

    # ---------------------------------------------------------------------------------------- members

    @rule(name=st.sampled_from(NAMES + ("Ann", "ann", "Émile")), joined_on=days)
    def add_member(self, name, joined_on):
        member_id = members.add_member(self.group, name=name, joined_on=joined_on)
        self.members[member_id] = ModelMember(name, joined_on)

    @precondition(lambda self: self.live())
    @rule(data=st.data(), left_on=days)
    def leave(self, data, left_on):
        member_id = data.draw(st.sampled_from(self.live()))
        member = self.members[member_id]
        attended_later = any(member_id in m.present and m.held_on > left_on for m in self.meetings.values())
        if left_on < member.joined_on or attended_later:
            try:
                members.leave_group(self.group, member_id, left_on=left_on)
            except ValidationError as exc:
                assert exc.field == "left_on"
            else:
                raise AssertionError("leaving before joining, or before a meeting they came to, was accepted")
        else:
            members.leave_group(self.group, member_id, left_on=left_on)
            member.left_on = left_on

    @precondition(lambda self: any(m.left_on for m in self.members.values() if not m.deleted))
    @rule(data=st.data())
    def rejoin(self, data):
        member_id = data.draw(st.sampled_from([i for i in self.live() if self.members[i].left_on]))
        members.rejoin_group(self.group, member_id)
        self.members[member_id].left_on = None

    @precondition(lambda self: self.live())
    @rule(data=st.data())
    def delete(self, data):
        member_id = data.draw(st.sampled_from(self.live()))
        members.delete_member(self.group, member_id)
        self.members[member_id].deleted = True

    @precondition(lambda self: any(m.deleted for m in self.members.values()))
    @rule(data=st.data())
    def restore(self, data):
        member_id = data.draw(st.sampled_from(sorted(i for i, m in self.members.items() if m.deleted)))
        members.restore_member(self.group, member_id)
        self.members[member_id].deleted = False

    # ---------------------------------------------------------------------------------------- meetings

    @precondition(lambda self: len(self.meetings) < 3)
    @rule(held_on=days)
    def plan(self, held_on):
        self.meetings[meetings.plan_meeting(self.group, held_on=held_on)] = ModelMeeting(held_on)

    @precondition(lambda self: self.meetings)
    @rule(data=st.data())
    def record_attendance(self, data):
        meeting_id = data.draw(st.sampled_from(sorted(self.meetings)))
        meeting = self.meetings[meeting_id]
        present = data.draw(st.sets(st.sampled_from(self.live()), max_size=4) if self.live() else st.just(set()))
        refused = None
        if meeting.held_on > TODAY:
            refused = "held_on"
        elif any(not self.members[i].belongs_on(meeting.held_on) for i in present):
            refused = "present"
        try:
            meetings.record_meeting(self.group, meeting_id, present=present, today=TODAY)
        except ValidationError as exc:
            assert exc.field == refused
        else:
            assert refused is None, f"expected a refusal naming {refused}"
            meeting.present, meeting.recorded = set(present), True

    # ---------------------------------------------------------------------------------------- jobs

    @precondition(lambda self: len(self.jobs) < 3)
    @rule(title=st.sampled_from(["Tea & biscuits", "Open the room", "Welcome newcomers"]))
    def add_job(self, title):
        self.jobs[jobs.add_job(self.group, title=title)] = set()

    @precondition(lambda self: self.jobs and self.live())
    @rule(data=st.data())
    def volunteer(self, data):
        job_id = data.draw(st.sampled_from(sorted(self.jobs)))
        member_id = data.draw(st.sampled_from(self.live()))
        jobs.volunteer(self.group, job_id, member_id)
        self.jobs[job_id].add(member_id)

    @precondition(lambda self: self.jobs and self.members)
    @rule(data=st.data(), due_on=days)
    def assign(self, data, due_on):
        job_id = data.draw(st.sampled_from(sorted(self.jobs)))
        member_id = data.draw(st.sampled_from(sorted(self.members)))
        member = self.members[member_id]
        try:
            turn_id = jobs.assign(self.group, job_id, member_id, due_on=due_on)
        except NotFound:
            assert member.deleted
        except ValidationError as exc:
            assert exc.field == "member_id" and not member.belongs_on(due_on)
        else:
            assert not member.deleted and member.belongs_on(due_on)
            self.turns[turn_id] = ModelTurn(job_id, member_id, due_on)

    @precondition(lambda self: self.turns)
    @rule(data=st.data(), done_on=days)
    def mark_done(self, data, done_on):
        turn_id = data.draw(st.sampled_from(sorted(self.turns)))
        jobs.mark_done(self.group, turn_id, done_on=done_on)
        self.turns[turn_id].status, self.turns[turn_id].done_on = AssignmentStatus.DONE, done_on

    # ---------------------------------------------------------------------------------------- checks

    @invariant()
    def members_match(self):
        everyone = members.list_members(self.group, include_former=True, today=TODAY)
        assert {m.id: (m.name, m.left_on, m.is_current) for m in everyone} == {
            i: (m.name, m.left_on, m.left_on is None or m.left_on > TODAY)
            for i, m in self.members.items() if not m.deleted
        }

    @invariant()
    def attendance_matches(self):
        for meeting_id, meeting in self.meetings.items():
            record = meetings.get_meeting(self.group, meeting_id)
            assert record.recorded == meeting.recorded
            assert record.present_ids == {i for i in meeting.present if not self.members[i].deleted}

    @invariant()
    def turns_match(self):
        shown = jobs.list_assignments(self.group)
        assert {(v.id, v.job_id, v.member_id, v.due_on, v.status, v.done_on) for v in shown} == {
            (i, t.job_id, t.member_id, t.due_on, t.status, t.done_on)
            for i, t in self.turns.items() if not self.members[t.member_id].deleted
        }


GroupMachine.TestCase.settings = settings(
    max_examples=20, stateful_step_count=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_group_state_machine = GroupMachine.TestCase
