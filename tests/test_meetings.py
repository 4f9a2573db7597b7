"""Meetings: planning, recording what happened, and reading them back; every rule names its field."""

from __future__ import annotations

from datetime import date, time

import pytest
from people_helpers import JOINED, TODAY, add_people

from coordinator_app.db.models import (
    AssignmentStatus,
    AttendanceMode,
    DecisionMethod,
    JobFrequency,
    MeetingKind,
    MeetingStatus,
)
from coordinator_app.services import group as group_service
from coordinator_app.services import jobs, members, venues
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.meetings import (
    ActionInput,
    DecisionInput,
    GoodThingInput,
    attendance_history,
    cancel_meeting,
    delete_meeting,
    get_meeting,
    list_meetings,
    next_meeting,
    plan_meeting,
    record_meeting,
    reopen_meeting,
    restore_meeting,
    unrecord_meeting,
    unrecorded_past_meetings,
    update_meeting,
)

MAY = date(2026, 5, 12)


def test_a_planned_meeting_reads_back(group):
    hall = venues.add_venue(group, name="St Mary's Church Hall")
    meeting_id = plan_meeting(group, held_on=MAY, start_time=time(19), end_time=time(21), venue_id=hall,
                              kind=MeetingKind.SPEAKER, topic="Sleep & stress", speaker="Dr Siobhán Ó Briain")
    record = get_meeting(group, meeting_id)
    assert (record.held_on, record.start_time, record.end_time) == (MAY, time(19), time(21))
    assert (record.venue_name, record.kind, record.topic, record.speaker) == (
        "St Mary's Church Hall", MeetingKind.SPEAKER, "Sleep & stress", "Dr Siobhán Ó Briain"
    )
    assert record.status is MeetingStatus.PLANNED and not record.recorded


@pytest.mark.parametrize(("fields", "field"), [
    ({"start_time": time(19), "end_time": time(18)}, "end_time"),
    ({"venue_id": 999}, "venue_id"),
    ({"topic": "t" * 301}, "topic"),
    ({"speaker": "s" * 201}, "speaker"),
    ({"held_on": None}, "held_on"),
    ({"kind": "picnic"}, "kind"),
    ({"start_time": "7pm"}, "start_time"),
])
def test_bad_plans_are_refused_naming_the_field(group, fields, field):
    with pytest.raises(ValidationError) as caught:
        plan_meeting(group, **{"held_on": MAY, **fields})
    assert caught.value.field == field
    assert list_meetings(group) == []


def test_recording_by_name_counts_everyone(group):
    ann, bob, _cat = add_people(group, "Ann", "Bob", "Cat")
    meeting_id = plan_meeting(group, held_on=MAY)
    record = record_meeting(group, meeting_id, present=[ann, bob], newcomers=2, guests=1, today=TODAY)
    assert record.status is MeetingStatus.HELD and record.recorded
    assert record.present_ids == {ann, bob}
    assert (record.present_count, record.newcomers, record.guests, record.total_attendance) == (2, 2, 1, 5)
    assert get_meeting(group, meeting_id) == record


def test_recording_again_replaces_the_earlier_record(group):
    ann, bob = add_people(group, "Ann", "Bob")
    meeting_id = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting_id, present=[ann, bob], decisions=[DecisionInput("Meet monthly")],
                   good_things=[GoodThingInput("A good week")], today=TODAY)
    record = record_meeting(group, meeting_id, present=[bob], good_things=[GoodThingInput("Better")], today=TODAY)
    assert record.present_ids == {bob}
    assert record.decisions == ()
    assert record.good_things == (GoodThingInput("Better"),)


def test_decisions_and_good_things_keep_their_order_and_details(group):
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=MAY)
    decisions = (
        DecisionInput("Move to St Mary's from March"),
        DecisionInput("Buy a kettle", DecisionMethod.SHOW_OF_HANDS, votes_for=7, votes_against=1, abstentions=2),
    )
    good = (GoodThingInput("Tom & Jerry <3 brought cake"), GoodThingInput("Slept all night", shared_by_id=ann))
    record = record_meeting(group, meeting_id, decisions=decisions, good_things=good,
                            confidential_notes="Not for printing.", minutes="We met.", minutes_shareable=True,
                            today=TODAY)
    assert record.decisions == decisions
    assert record.good_things == good
    assert (record.confidential_notes, record.minutes, record.minutes_shareable) == (
        "Not for printing.", "We met.", True
    )


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"newcomers": -1}, "newcomers"),
    ({"guests": -2}, "guests"),
    ({"members_count": 5}, "members_count"),
    ({"decisions": [DecisionInput("Buy a kettle", DecisionMethod.SHOW_OF_HANDS)]}, "decisions"),
    ({"decisions": [DecisionInput("  ")]}, "decisions"),
    ({"decisions": [DecisionInput("x", DecisionMethod.SHOW_OF_HANDS, votes_for=-1, votes_against=0)]}, "decisions"),
    ({"good_things": [GoodThingInput("")]}, "good_things"),
    ({"good_things": [GoodThingInput("Nice", shared_by_id=999)]}, "good_things"),
    ({"actions": [ActionInput("")]}, "actions"),
    ({"actions": [ActionInput("Book the room", member_id=999)]}, "actions"),
    ({"present": [999]}, "present"),
])
def test_bad_records_change_nothing_and_name_the_field(group, kwargs, field):
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=MAY)
    with pytest.raises(ValidationError) as caught:
        record_meeting(group, meeting_id, **{"present": [ann], **kwargs}, today=TODAY)
    assert caught.value.field == field
    record = get_meeting(group, meeting_id)
    assert (record.status, record.present_ids, record.recorded) == (MeetingStatus.PLANNED, frozenset(), False)
    assert jobs.list_jobs(group, include_retired=True) == []


def test_a_meeting_in_the_future_cannot_be_recorded(group):
    meeting_id = plan_meeting(group, held_on=date(2026, 6, 2))
    with pytest.raises(ValidationError) as caught:
        record_meeting(group, meeting_id, newcomers=1, today=TODAY)
    assert caught.value.field == "held_on"
    assert "2 June 2026" in caught.value.message
    # On the day itself it can.
    assert record_meeting(group, meeting_id, newcomers=1, today=date(2026, 6, 2)).newcomers == 1


def test_someone_who_had_left_cannot_be_marked_present(group):
    (ann,) = add_people(group, "Łukasz Nowak")
    members.leave_group(group, ann, left_on=date(2026, 5, 1))
    meeting_id = plan_meeting(group, held_on=MAY)
    with pytest.raises(ValidationError) as caught:
        record_meeting(group, meeting_id, present=[ann], today=TODAY)
    assert caught.value.field == "present"
    assert "Łukasz Nowak" in caught.value.message and "1 May 2026" in caught.value.message


def test_someone_who_had_not_yet_joined_cannot_be_marked_present(group):
    zoe = members.add_member(group, name="Zoë", joined_on=date(2026, 5, 20))
    meeting_id = plan_meeting(group, held_on=MAY)
    with pytest.raises(ValidationError) as caught:
        record_meeting(group, meeting_id, present=[zoe], today=TODAY)
    assert caught.value.field == "present" and "Zoë" in caught.value.message


def test_a_member_can_be_present_on_the_day_they_join_and_the_day_they_leave(group):
    joiner = members.add_member(group, name="New", joined_on=MAY)
    (leaver,) = add_people(group, "Leaving")
    members.leave_group(group, leaver, left_on=MAY)
    meeting_id = plan_meeting(group, held_on=MAY)
    assert record_meeting(group, meeting_id, present=[joiner, leaver], today=TODAY).present_ids == {joiner, leaver}


def test_count_only_groups_record_numbers_not_names(group):
    group_service.update_profile(group, attendance_mode=AttendanceMode.COUNT_ONLY)
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=MAY)
    with pytest.raises(ValidationError) as caught:
        record_meeting(group, meeting_id, present=[ann], today=TODAY)
    assert caught.value.field == "present"
    with pytest.raises(ValidationError) as caught:
        record_meeting(group, meeting_id, members_count=-3, today=TODAY)
    assert caught.value.field == "members_count"
    record = record_meeting(group, meeting_id, members_count=9, newcomers=1, today=TODAY)
    assert (record.present_ids, record.members_count, record.present_count, record.total_attendance) == (
        frozenset(), 9, 9, 10
    )


def test_actions_become_one_off_jobs_assigned_to_the_member_named(group):
    ann, _bob = add_people(group, "Ann", "Bob")
    meeting_id = plan_meeting(group, held_on=MAY)
    following = plan_meeting(group, held_on=date(2026, 6, 9))
    record = record_meeting(group, meeting_id, present=[ann], actions=[
        ActionInput("Ask the library about leaflets", member_id=ann),
        ActionInput("Find a speaker", due_on=date(2026, 7, 1)),
    ], today=TODAY)
    leaflets, speaker = record.actions
    assert (leaflets.title, leaflets.member_name, leaflets.due_on, leaflets.done) == (
        "Ask the library about leaflets", "Ann", date(2026, 6, 9), False  # due by the next meeting
    )
    assert (speaker.member_id, speaker.assignment_id, speaker.due_on) == (None, None, date(2026, 7, 1))
    job = next(j for j in jobs.list_jobs(group) if j.id == leaflets.job_id)
    assert (job.frequency, job.from_meeting_id) == (JobFrequency.ONE_OFF, meeting_id)
    (turn,) = jobs.list_assignments(group)
    assert (turn.member_id, turn.job_title, turn.due_on, turn.meeting_id) == (
        ann, "Ask the library about leaflets", date(2026, 6, 9), None
    )
    assert following not in {turn.meeting_id}


def test_an_action_with_no_later_meeting_is_due_four_weeks_on(group):
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=MAY)
    record = record_meeting(group, meeting_id, actions=[ActionInput("Ring the council", member_id=ann)], today=TODAY)
    assert record.actions[0].due_on == date(2026, 6, 9)


def test_re_recording_actions_keeps_the_same_jobs(group):
    ann, bob = add_people(group, "Ann", "Bob")
    meeting_id = plan_meeting(group, held_on=MAY)
    first = record_meeting(group, meeting_id, actions=[
        ActionInput("Book the room", member_id=ann), ActionInput("Buy tea", member_id=ann),
    ], today=TODAY)
    book, tea = first.actions
    jobs.mark_done(group, tea.assignment_id, done_on=date(2026, 5, 20))
    # Re-recorded from the form: "Book the room" moves to Bob, "Buy tea" (done) is dropped, one is new.
    second = record_meeting(group, meeting_id, actions=[
        ActionInput("Book the room", member_id=bob, job_id=book.job_id), ActionInput("Write to the paper"),
    ], today=TODAY)
    titles = [(a.title, a.member_name, a.done) for a in second.actions]
    assert titles == [("Book the room", "Bob", False), ("Buy tea", "Ann", True), ("Write to the paper", "", False)]
    assert second.actions[0].job_id == book.job_id
    assert sorted((t.job_title, t.member_name) for t in jobs.list_assignments(group)) == [
        ("Book the room", "Bob"), ("Buy tea", "Ann")
    ]
    # Round trip through as_input changes nothing.
    third = record_meeting(group, meeting_id, actions=[a.as_input() for a in second.actions], today=TODAY)
    assert third.actions == second.actions


def test_an_action_from_another_meeting_or_too_long_is_refused(group):
    (ann,) = add_people(group, "Ann")
    first = plan_meeting(group, held_on=date(2026, 4, 14))
    other = record_meeting(group, first, actions=[ActionInput("Book the room", member_id=ann)], today=TODAY)
    meeting_id = plan_meeting(group, held_on=MAY)
    for action in (ActionInput("Book the room", job_id=other.actions[0].job_id), ActionInput("x" * 201)):
        with pytest.raises(ValidationError) as caught:
            record_meeting(group, meeting_id, actions=[action], today=TODAY)
        assert caught.value.field == "actions"
    assert get_meeting(group, first).actions == other.actions


def test_dropping_an_action_not_yet_done_removes_its_job(group):
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting_id, actions=[ActionInput("Book the room", member_id=ann)], today=TODAY)
    record = record_meeting(group, meeting_id, actions=[], today=TODAY)
    assert record.actions == ()
    assert jobs.list_jobs(group, include_retired=True) == [] and jobs.list_assignments(group) == []


def test_lists_upcoming_soonest_first_and_past_newest_first(group):
    ids = {d: plan_meeting(group, held_on=d) for d in
           (date(2026, 3, 10), date(2026, 4, 14), date(2026, 6, 1), date(2026, 7, 14), date(2025, 12, 9))}
    upcoming = list_meetings(group, when="upcoming", today=TODAY)
    past = list_meetings(group, when="past", today=TODAY)
    assert [m.held_on for m in upcoming] == [date(2026, 6, 1), date(2026, 7, 14)]
    assert [m.held_on for m in past] == [date(2026, 4, 14), date(2026, 3, 10), date(2025, 12, 9)]
    assert [m.held_on for m in list_meetings(group, year=2025)] == [date(2025, 12, 9)]
    assert len(list_meetings(group)) == len(ids)
    with pytest.raises(ValidationError) as caught:
        list_meetings(group, when="soon")
    assert caught.value.field == "when"


def test_next_meeting_skips_cancelled_and_recorded_ones(group):
    today_meeting = plan_meeting(group, held_on=TODAY)
    cancelled = plan_meeting(group, held_on=date(2026, 6, 9))
    later = plan_meeting(group, held_on=date(2026, 7, 14))
    assert next_meeting(group, today=TODAY).id == today_meeting
    record_meeting(group, today_meeting, newcomers=1, today=TODAY)
    cancel_meeting(group, cancelled)
    assert next_meeting(group, today=TODAY).id == later
    assert next_meeting(group, today=date(2026, 8, 1)) is None


def test_unrecorded_past_meetings_include_today_and_skip_cancelled(group):
    old = plan_meeting(group, held_on=date(2026, 4, 14))
    plan_meeting(group, held_on=date(2026, 3, 10))
    recorded = plan_meeting(group, held_on=date(2026, 2, 10))
    record_meeting(group, recorded, today=TODAY)
    cancel_meeting(group, plan_meeting(group, held_on=date(2026, 1, 13)))
    today_meeting = plan_meeting(group, held_on=TODAY)
    plan_meeting(group, held_on=date(2026, 7, 14))
    found = unrecorded_past_meetings(group, today=TODAY)
    assert [m.held_on for m in found] == [date(2026, 3, 10), date(2026, 4, 14), TODAY]
    assert {old, today_meeting} <= {m.id for m in found}


def test_a_held_meeting_cannot_be_cancelled(group):
    meeting_id = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting_id, today=TODAY)
    with pytest.raises(ValidationError) as caught:
        cancel_meeting(group, meeting_id)
    assert caught.value.field == "status"


def test_cancelling_drops_the_turns_planned_for_it(group):
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=date(2026, 6, 9))
    tea = jobs.add_job(group, title="Tea")
    jobs.assign(group, tea, ann, due_on=date(2026, 6, 9), meeting_id=meeting_id)
    cancel_meeting(group, meeting_id)
    assert get_meeting(group, meeting_id).status is MeetingStatus.CANCELLED
    assert jobs.list_assignments(group) == []


def test_deleting_hides_a_meeting_and_its_turns_until_restored(group):
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting_id, present=[ann], today=TODAY)
    tea = jobs.add_job(group, title="Tea")
    jobs.assign(group, tea, ann, due_on=MAY, meeting_id=meeting_id)
    delete_meeting(group, meeting_id)
    assert list_meetings(group) == [] and jobs.list_assignments(group) == []
    assert attendance_history(group, ann) == []
    with pytest.raises(NotFound):
        get_meeting(group, meeting_id)
    restore_meeting(group, meeting_id)
    assert attendance_history(group, ann) == [MAY]
    assert [a.status for a in jobs.list_assignments(group)] == [AssignmentStatus.ASSIGNED]


def test_update_meeting_moves_and_renames(group):
    meeting_id = plan_meeting(group, held_on=MAY)
    update_meeting(group, meeting_id, held_on=date(2026, 5, 19), topic="Carers' rights", start_time=time(18, 30))
    record = get_meeting(group, meeting_id)
    assert (record.held_on, record.topic, record.start_time) == (date(2026, 5, 19), "Carers' rights", time(18, 30))
    with pytest.raises(TypeError):
        update_meeting(group, meeting_id, colour="blue")


def test_a_recorded_meeting_cannot_move_to_when_someone_present_was_not_a_member(group):
    (ann,) = add_people(group, "Ann")
    members.leave_group(group, ann, left_on=date(2026, 5, 15))
    meeting_id = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting_id, present=[ann], today=TODAY)
    with pytest.raises(ValidationError) as caught:
        update_meeting(group, meeting_id, held_on=date(2026, 5, 19), today=TODAY)
    assert caught.value.field == "held_on" and "Ann" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        update_meeting(group, meeting_id, held_on=date(2026, 6, 30), today=TODAY)
    assert caught.value.field == "held_on"
    assert get_meeting(group, meeting_id).held_on == MAY


def test_attendance_history_lists_held_meetings_oldest_first(group):
    ann, bob = add_people(group, "Ann", "Bob")
    for day in (date(2026, 4, 14), date(2026, 2, 10), MAY):
        record_meeting(group, plan_meeting(group, held_on=day), present=[ann] if day != MAY else [bob], today=TODAY)
    assert attendance_history(group, ann) == [date(2026, 2, 10), date(2026, 4, 14)]
    assert attendance_history(group, bob) == [MAY]


def test_a_deleted_member_no_longer_counts_as_present(group):
    ann, bob = add_people(group, "Ann", "Bob")
    meeting_id = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting_id, present=[ann, bob], today=TODAY)
    members.delete_member(group, bob)
    record = get_meeting(group, meeting_id)
    assert (record.present_ids, record.present_count) == ({ann}, 1)
    assert JOINED < MAY


def test_unrecording_puts_the_meeting_back_as_it_was_before_it_was_recorded(group):
    ann, bob = add_people(group, "Ann", "Bob")
    meeting_id = plan_meeting(group, held_on=MAY, topic="Sleep & pain")
    before = get_meeting(group, meeting_id)
    record_meeting(group, meeting_id, present=[ann, bob], newcomers=2, guests=1, confidential_notes="Private.",
                   decisions=[DecisionInput("Meet monthly")], good_things=[GoodThingInput("A good week", ann)],
                   actions=[ActionInput("Book the room", member_id=ann)], today=TODAY)
    unrecord_meeting(group, meeting_id)
    assert get_meeting(group, meeting_id) == before
    assert [m.id for m in unrecorded_past_meetings(group, today=TODAY)] == [meeting_id]
    assert jobs.list_jobs(group, include_retired=True) == [] and jobs.list_assignments(group) == []
    assert attendance_history(group, ann) == []


def test_unrecording_keeps_an_action_someone_already_did(group):
    (ann,) = add_people(group, "Ann")
    meeting_id = plan_meeting(group, held_on=MAY)
    record = record_meeting(group, meeting_id, actions=[ActionInput("Buy tea", member_id=ann),
                                                        ActionInput("Book the room", member_id=ann)], today=TODAY)
    jobs.mark_done(group, record.actions[0].assignment_id, done_on=date(2026, 5, 20))
    unrecord_meeting(group, meeting_id)
    assert [(a.title, a.done) for a in get_meeting(group, meeting_id).actions] == [("Buy tea", True)]


def test_a_deleted_meeting_cannot_be_unrecorded(group):
    meeting_id = plan_meeting(group, held_on=MAY)
    record_meeting(group, meeting_id, newcomers=1, today=TODAY)
    delete_meeting(group, meeting_id)
    with pytest.raises(NotFound):
        unrecord_meeting(group, meeting_id)


def test_reopening_a_cancelled_meeting_gives_back_the_turns_it_dropped(group):
    ann, bob = add_people(group, "Ann", "Bob")
    meeting_id = plan_meeting(group, held_on=date(2026, 6, 9))
    tea = jobs.add_job(group, title="Tea")
    jobs.assign(group, tea, ann, due_on=date(2026, 6, 9), meeting_id=meeting_id)
    done = jobs.assign(group, tea, bob, due_on=date(2026, 6, 9), meeting_id=meeting_id)
    jobs.mark_done(group, done, done_on=date(2026, 6, 9))

    def turns():
        return sorted((t.member_name, t.status, t.meeting_id, t.due_on) for t in jobs.list_assignments(group))

    before, summary = turns(), get_meeting(group, meeting_id)
    dropped = cancel_meeting(group, meeting_id)
    assert [t.member_id for t in dropped] == [ann]
    reopen_meeting(group, meeting_id, turns=dropped)
    assert (turns(), get_meeting(group, meeting_id)) == (before, summary)
    with pytest.raises(ValidationError) as caught:
        reopen_meeting(group, meeting_id)
    assert caught.value.field == "status"


def test_a_chair_apologies_and_newcomers_by_name_are_recorded(group):
    ann, bob, cat = add_people(group, "Ann", "Bob", "Cat")
    meeting = plan_meeting(group, held_on=MAY)
    record = record_meeting(group, meeting, present=[ann], chair_member_id=ann, apologies=[bob],
                            newcomer_names=["Dee Newman"], today=TODAY)
    assert record.chair_member_id == ann and record.apology_ids == {bob}
    dee = next(m for m in members.list_members(group, today=TODAY) if m.name == "Dee Newman")
    assert dee.joined_on == MAY and record.present_ids == {ann, dee.id}
    record = record_meeting(group, meeting, present=[ann, dee.id], chair_name="Visiting chair", today=TODAY)
    assert (record.chair_member_id, record.chair_name, record.apology_ids) == (None, "Visiting chair", frozenset())


@pytest.mark.parametrize(("changes", "field", "words"), [
    (lambda ann, bob: {"chair_member_id": ann, "chair_name": "Someone"}, "chair", "not both"),
    (lambda ann, bob: {"present": [ann], "apologies": [ann]}, "apologies", "ticked as present"),
    (lambda ann, bob: {"newcomer_names": ["Bob"]}, "newcomer_names", "already a member"),
    (lambda ann, bob: {"newcomer_names": ["Dee", "dee"]}, "newcomer_names", "twice"),
    (lambda ann, bob: {"good_things": [GoodThingInput("A new job", name_shareable=True)]}, "good_things",
     "say who shared it"),
])
def test_a_wrong_chair_apology_or_newcomer_is_refused_and_nothing_is_saved(group, changes, field, words):
    ann, bob = add_people(group, "Ann", "Bob")
    meeting = plan_meeting(group, held_on=MAY)
    with pytest.raises(ValidationError) as caught:
        record_meeting(group, meeting, today=TODAY, **changes(ann, bob))
    assert caught.value.field == field and words in caught.value.message
    assert get_meeting(group, meeting).status is MeetingStatus.PLANNED
    assert len(members.list_members(group, today=TODAY)) == 2
