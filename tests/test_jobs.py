"""Jobs: volunteering, turns assigned, done and swapped, who has done what, and the rota as a user sees it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from people_helpers import TODAY, add_people

from coordinator_app.db.models import AssignmentStatus, JobFrequency
from coordinator_app.services import jobs, members, rota
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.meetings import cancel_meeting, plan_meeting

JUNE_9 = date(2026, 6, 9)


def test_jobs_are_listed_by_title_with_their_volunteers(group):
    zoe, lukasz = add_people(group, "Zoë", "Łukasz")
    tea = jobs.add_job(group, title="tea and biscuits", description="Milk from the Co-op")
    room = jobs.add_job(group, title="Open the room", frequency=JobFrequency.EVERY_MEETING)
    jobs.volunteer(group, tea, zoe)
    jobs.volunteer(group, tea, lukasz)
    jobs.volunteer(group, tea, zoe)  # saying so twice changes nothing
    listed = jobs.list_jobs(group)
    assert [j.id for j in listed] == [room, tea]
    assert listed[1].volunteers == ((lukasz, "Łukasz"), (zoe, "Zoë"))
    assert listed[1].description == "Milk from the Co-op"
    jobs.stop_volunteering(group, tea, zoe)
    assert jobs.list_jobs(group)[1].volunteers == ((lukasz, "Łukasz"),)


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": " "}, "title"), ({"title": "t" * 201}, "title"), ({"frequency": "hourly"}, "frequency"),
])
def test_bad_jobs_are_refused_naming_the_field(group, fields, field):
    with pytest.raises(ValidationError) as caught:
        jobs.add_job(group, **{"title": "Tea", **fields})
    assert caught.value.field == field
    assert jobs.list_jobs(group, include_retired=True) == []


def test_update_and_retire_a_job(group):
    tea = jobs.add_job(group, title="Tea")
    jobs.update_job(group, tea, title="Tea and coffee", frequency=JobFrequency.MONTHLY)
    (job,) = jobs.list_jobs(group)
    assert (job.title, job.frequency) == ("Tea and coffee", JobFrequency.MONTHLY)
    jobs.retire_job(group, tea)
    assert jobs.list_jobs(group) == []
    assert [j.active for j in jobs.list_jobs(group, include_retired=True)] == [False]
    (ann,) = add_people(group, "Ann")
    with pytest.raises(ValidationError) as caught:
        jobs.volunteer(group, tea, ann)
    assert caught.value.field == "job_id"
    with pytest.raises(ValidationError) as caught:
        jobs.assign(group, tea, ann, due_on=JUNE_9)
    assert caught.value.field == "job_id"
    jobs.reinstate_job(group, tea)
    assert len(jobs.list_jobs(group)) == 1


def test_dates_must_be_dates(group):
    (ann,) = add_people(group, "Ann")
    tea = jobs.add_job(group, title="Tea")
    with pytest.raises(ValidationError) as caught:
        jobs.assign(group, tea, ann, due_on="next Tuesday")
    assert caught.value.field == "due_on"
    turn = jobs.assign(group, tea, ann, due_on=JUNE_9)
    with pytest.raises(ValidationError) as caught:
        jobs.mark_done(group, turn, done_on=None)
    assert caught.value.field == "done_on"
    with pytest.raises(ValidationError) as caught:
        jobs.update_job(group, tea, due_on="soon")
    assert caught.value.field == "due_on"
    assert [v.status for v in jobs.list_assignments(group)] == [AssignmentStatus.ASSIGNED]


def test_assign_then_mark_done(group):
    (ann,) = add_people(group, "Ann")
    tea = jobs.add_job(group, title="Tea")
    meeting = plan_meeting(group, held_on=JUNE_9)
    turn = jobs.assign(group, tea, ann, due_on=JUNE_9, meeting_id=meeting)
    (view,) = jobs.list_assignments(group)
    assert (view.id, view.member_name, view.job_title, view.status, view.meeting_id) == (
        turn, "Ann", "Tea", AssignmentStatus.ASSIGNED, meeting
    )
    jobs.mark_done(group, turn, done_on=JUNE_9)
    (view,) = jobs.list_assignments(group)
    assert (view.status, view.done_on) == (AssignmentStatus.DONE, JUNE_9)


def test_cannot_assign_someone_away_or_no_longer_in_the_group(group):
    ann, bob = add_people(group, "Ann", "Bob")
    tea = jobs.add_job(group, title="Tea")
    members.add_unavailability(group, ann, starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 14), reason="Holiday")
    with pytest.raises(ValidationError) as caught:
        jobs.assign(group, tea, ann, due_on=JUNE_9)
    assert caught.value.field == "member_id"
    assert "Ann is away from 1 June 2026 to 14 June 2026" in caught.value.message
    members.leave_group(group, bob, left_on=date(2026, 6, 1))
    with pytest.raises(ValidationError) as caught:
        jobs.assign(group, tea, bob, due_on=JUNE_9)
    assert caught.value.field == "member_id" and "Bob" in caught.value.message
    assert jobs.list_assignments(group) == []


def test_cannot_assign_a_turn_at_a_cancelled_meeting(group):
    (ann,) = add_people(group, "Ann")
    tea = jobs.add_job(group, title="Tea")
    meeting = plan_meeting(group, held_on=JUNE_9)
    cancel_meeting(group, meeting)
    with pytest.raises(ValidationError) as caught:
        jobs.assign(group, tea, ann, due_on=JUNE_9, meeting_id=meeting)
    assert caught.value.field == "meeting_id"


def test_swap_hands_the_turn_to_someone_else(group):
    ann, bob = add_people(group, "Ann", "Bob")
    tea = jobs.add_job(group, title="Tea")
    turn = jobs.assign(group, tea, ann, due_on=JUNE_9)
    new = jobs.swap(group, turn, with_member_id=bob)
    views = {v.id: v for v in jobs.list_assignments(group)}
    assert (views[turn].status, views[turn].swapped_with_name) == (AssignmentStatus.SWAPPED, "Bob")
    assert (views[new].status, views[new].member_name, views[new].due_on) == (AssignmentStatus.ASSIGNED, "Bob", JUNE_9)
    with pytest.raises(ValidationError) as caught:
        jobs.mark_done(group, turn, done_on=JUNE_9)
    assert caught.value.field == "status"
    with pytest.raises(ValidationError) as caught:
        jobs.swap(group, turn, with_member_id=ann)
    assert caught.value.field == "status"


def test_swap_rules_name_their_field(group):
    ann, bob = add_people(group, "Ann", "Bob")
    tea = jobs.add_job(group, title="Tea")
    turn = jobs.assign(group, tea, ann, due_on=JUNE_9)
    with pytest.raises(ValidationError) as caught:
        jobs.swap(group, turn, with_member_id=ann)
    assert caught.value.field == "with_member_id"
    members.add_unavailability(group, bob, starts_on=JUNE_9, ends_on=JUNE_9)
    with pytest.raises(ValidationError) as caught:
        jobs.swap(group, turn, with_member_id=bob)
    assert caught.value.field == "with_member_id"
    jobs.mark_done(group, turn, done_on=JUNE_9)
    with pytest.raises(ValidationError) as caught:
        jobs.swap(group, turn, with_member_id=bob)
    assert caught.value.field == "status"
    with pytest.raises(NotFound):
        jobs.mark_done(group, 999, done_on=JUNE_9)


def test_list_assignments_filters_by_dates_and_status(group):
    (ann,) = add_people(group, "Ann")
    tea = jobs.add_job(group, title="Tea")
    turns = [jobs.assign(group, tea, ann, due_on=JUNE_9 + timedelta(weeks=n)) for n in range(4)]
    jobs.mark_done(group, turns[0], done_on=JUNE_9)
    window = jobs.list_assignments(group, from_date=date(2026, 6, 16), to_date=date(2026, 6, 23))
    assert [v.id for v in window] == turns[1:3]
    assert [v.id for v in jobs.list_assignments(group, status=AssignmentStatus.DONE)] == turns[:1]


def test_jobs_due_includes_overdue_turns_and_stops_at_the_horizon(group):
    (ann,) = add_people(group, "Ann")
    tea = jobs.add_job(group, title="Tea")
    overdue = jobs.assign(group, tea, ann, due_on=date(2026, 5, 20))
    soon = jobs.assign(group, tea, ann, due_on=date(2026, 6, 10))
    jobs.assign(group, tea, ann, due_on=date(2026, 6, 30))
    done = jobs.assign(group, tea, ann, due_on=date(2026, 6, 2))
    jobs.mark_done(group, done, done_on=date(2026, 6, 2))
    assert [v.id for v in jobs.jobs_due(group, today=TODAY, within_days=14)] == [overdue, soon]
    with pytest.raises(ValidationError) as caught:
        jobs.jobs_due(group, today=TODAY, within_days=-1)
    assert caught.value.field == "within_days"


def test_share_of_jobs_says_who_has_done_what(group):
    ann, bob, _cat = add_people(group, "Ann", "Bob", "Cat")
    tea = jobs.add_job(group, title="Tea")
    room = jobs.add_job(group, title="Open the room")
    for job, who, day in [(tea, ann, date(2026, 1, 13)), (tea, ann, date(2026, 3, 10)), (room, ann, date(2026, 3, 10)),
                          (tea, bob, date(2026, 2, 10))]:
        jobs.mark_done(group, jobs.assign(group, job, who, due_on=day), done_on=day)
    jobs.assign(group, tea, bob, due_on=JUNE_9)  # not done yet: not counted
    rows = jobs.share_of_jobs(group)
    assert [(r.name, r.turns, r.total) for r in rows] == [
        ("Ann", {"Open the room": 1, "Tea": 2}, 3), ("Bob", {"Tea": 1}, 1)
    ]
    assert [(r.name, r.total) for r in jobs.share_of_jobs(group, since=date(2026, 3, 1))] == [("Ann", 2)]


def test_a_one_off_job_retires_once_done(group):
    (ann,) = add_people(group, "Ann")
    leaflets = jobs.add_job(group, title="Print leaflets", frequency=JobFrequency.ONE_OFF)
    jobs.mark_done(group, jobs.assign(group, leaflets, ann, due_on=JUNE_9), done_on=JUNE_9)
    assert jobs.list_jobs(group) == []


def test_propose_rota_shares_turns_and_respects_time_away(group):
    ann, bob, cat = add_people(group, "Ann", "Bob", "Cat")
    days = [date(2026, 6, 9), date(2026, 7, 14), date(2026, 8, 11), date(2026, 9, 8)]
    for day in days:
        plan_meeting(group, held_on=day)
    tea = jobs.add_job(group, title="Tea")
    for who in (ann, bob, cat):
        jobs.volunteer(group, tea, who)
    jobs.mark_done(group, jobs.assign(group, tea, ann, due_on=date(2026, 5, 12)), done_on=date(2026, 5, 12))
    members.add_unavailability(group, bob, starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30))
    proposal = rota.propose_rota(group, meetings_ahead=4, today=TODAY)
    assert [(t.held_on, t.member_name) for t in proposal] == [
        (days[0], "Cat"),  # Ann has had a turn and Bob is away
        (days[1], "Bob"),
        (days[2], "Ann"),  # everyone has had one: Ann's was longest ago
        (days[3], "Cat"),  # Bob and Cat level on one each: Cat's was longer ago
    ]
    assert "Bob" in proposal[0].why and "Cat: fewest recent turns" in proposal[0].why


def test_the_rota_counts_only_the_last_twelve_months_as_who_has_done_what_does(group):
    ann, bob = add_people(group, "Ann", "Bob", joined_on=date(2020, 1, 1))
    plan_meeting(group, held_on=JUNE_9)
    tea = jobs.add_job(group, title="Tea")
    jobs.volunteer(group, tea, ann)
    jobs.volunteer(group, tea, bob)
    for year in (2021, 2022, 2023, 2024):  # Ann made the tea for years, long ago
        jobs.mark_done(group, jobs.assign(group, tea, ann, due_on=date(year, 3, 1)), done_on=date(year, 3, 1))
    jobs.mark_done(group, jobs.assign(group, tea, bob, due_on=date(2026, 1, 6)), done_on=date(2026, 1, 6))
    (turn,) = rota.propose_rota(group, meetings_ahead=1, today=TODAY)
    assert turn.member_name == "Ann" and turn.done_recently == 0
    assert "no turns at Tea in the last 12 months" in turn.why and "Bob 1" in turn.why
    shares = {row.name: row.turns.get("Tea", 0)
              for row in jobs.share_of_jobs(group, since=jobs.recent_since(TODAY))}
    assert shares == {"Bob": 1}


def test_monthly_jobs_get_one_turn_a_month(group):
    ann, bob = add_people(group, "Ann", "Bob")
    for day in (date(2026, 6, 2), date(2026, 6, 16), date(2026, 7, 7), date(2026, 7, 21)):
        plan_meeting(group, held_on=day)
    banking = jobs.add_job(group, title="Bank the takings", frequency=JobFrequency.MONTHLY)
    jobs.volunteer(group, banking, ann)
    jobs.volunteer(group, banking, bob)
    proposal = rota.propose_rota(group, meetings_ahead=4, today=TODAY)
    assert [(t.held_on, t.member_name) for t in proposal] == [(date(2026, 6, 2), "Ann"), (date(2026, 7, 7), "Bob")]


def test_a_slot_nobody_can_take_is_shown_empty(group):
    (ann,) = add_people(group, "Ann")
    plan_meeting(group, held_on=JUNE_9)
    tea = jobs.add_job(group, title="Tea")
    jobs.volunteer(group, tea, ann)
    members.add_unavailability(group, ann, starts_on=JUNE_9, ends_on=JUNE_9)
    (turn,) = rota.propose_rota(group, meetings_ahead=1, today=TODAY)
    assert (turn.job_title, turn.member_id, turn.member_name) == ("Tea", None, "")
    assert rota.apply_rota(group, [turn]) == []


def test_apply_rota_saves_turns_once(group):
    ann, bob = add_people(group, "Ann", "Bob")
    for day in (JUNE_9, date(2026, 7, 14)):
        plan_meeting(group, held_on=day)
    tea = jobs.add_job(group, title="Tea")
    jobs.volunteer(group, tea, ann)
    jobs.volunteer(group, tea, bob)
    proposal = rota.propose_rota(group, today=TODAY)
    ids = rota.apply_rota(group, proposal)
    assert len(ids) == 2
    assert [(v.member_name, v.due_on) for v in jobs.list_assignments(group)] == [("Ann", JUNE_9),
                                                                               ("Bob", date(2026, 7, 14))]
    assert rota.apply_rota(group, proposal) == []
    assert rota.propose_rota(group, today=TODAY) == []  # every slot already has someone


def test_apply_rota_refuses_a_stale_proposal_and_saves_nothing(group):
    ann, bob = add_people(group, "Ann", "Bob")
    for day in (JUNE_9, date(2026, 7, 14)):
        plan_meeting(group, held_on=day)
    tea = jobs.add_job(group, title="Tea")
    jobs.volunteer(group, tea, ann)
    jobs.volunteer(group, tea, bob)
    proposal = rota.propose_rota(group, today=TODAY)
    members.add_unavailability(group, bob, starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 31))
    with pytest.raises(ValidationError) as caught:
        rota.apply_rota(group, proposal)
    assert caught.value.field == "proposal" and "Bob" in caught.value.message
    assert jobs.list_assignments(group) == []


def test_a_deleted_members_turns_no_longer_fill_the_rota(group):
    ann, bob = add_people(group, "Ann", "Bob")
    plan_meeting(group, held_on=JUNE_9)
    tea = jobs.add_job(group, title="Tea")
    jobs.volunteer(group, tea, ann)
    jobs.volunteer(group, tea, bob)
    rota.apply_rota(group, rota.propose_rota(group, today=TODAY))
    members.delete_member(group, ann)
    (turn,) = rota.propose_rota(group, today=TODAY)
    assert (turn.held_on, turn.member_name) == (JUNE_9, "Bob")
    rota.apply_rota(group, [turn])
    assert [v.member_name for v in jobs.list_assignments(group)] == ["Bob"]


def test_propose_rota_needs_a_sensible_number_of_meetings(group):
    with pytest.raises(ValidationError) as caught:
        rota.propose_rota(group, meetings_ahead=0, today=TODAY)
    assert caught.value.field == "meetings_ahead"


def test_mark_not_done_makes_the_turn_to_do_again_and_reopens_a_one_off_job(group):
    (ann,) = add_people(group, "Ann")
    leaflets = jobs.add_job(group, title="Leaflets", frequency=JobFrequency.ONE_OFF)
    turn = jobs.assign(group, leaflets, ann, due_on=JUNE_9)
    before = (jobs.list_jobs(group), jobs.list_assignments(group))
    jobs.mark_done(group, turn, done_on=JUNE_9)
    jobs.mark_not_done(group, turn)
    assert (jobs.list_jobs(group), jobs.list_assignments(group)) == before
    assert all(row.total == 0 for row in jobs.share_of_jobs(group))
    with pytest.raises(ValidationError) as caught:
        jobs.mark_not_done(group, turn)
    assert caught.value.field == "status"


def test_undo_swap_gives_the_turn_back(group):
    ann, bob = add_people(group, "Ann", "Bob")
    tea = jobs.add_job(group, title="Tea")
    turn = jobs.assign(group, tea, ann, due_on=JUNE_9)
    before = jobs.list_assignments(group)
    jobs.swap(group, turn, with_member_id=bob)
    jobs.undo_swap(group, turn)
    assert jobs.list_assignments(group) == before
    with pytest.raises(ValidationError) as caught:
        jobs.undo_swap(group, turn)
    assert caught.value.field == "status"


def test_a_swap_whose_new_turn_was_done_is_not_taken_back(group):
    ann, bob = add_people(group, "Ann", "Bob")
    tea = jobs.add_job(group, title="Tea")
    turn = jobs.assign(group, tea, ann, due_on=JUNE_9)
    new = jobs.swap(group, turn, with_member_id=bob)
    jobs.mark_done(group, new, done_on=JUNE_9)
    with pytest.raises(ValidationError) as caught:
        jobs.undo_swap(group, turn)
    assert caught.value.field == "status"
    assert {v.id: v.status for v in jobs.list_assignments(group)} == {
        turn: AssignmentStatus.SWAPPED, new: AssignmentStatus.DONE}


def test_a_job_added_by_mistake_can_be_deleted_but_not_one_with_turns(group):
    (ann,) = add_people(group, "Ann")
    tea, mistake = jobs.add_job(group, title="Tea"), jobs.add_job(group, title="Oops")
    jobs.volunteer(group, mistake, ann)
    jobs.assign(group, tea, ann, due_on=JUNE_9)
    jobs.delete_job(group, mistake)
    assert [j.title for j in jobs.list_jobs(group, include_retired=True)] == ["Tea"]
    with pytest.raises(ValidationError) as caught:
        jobs.delete_job(group, tea)
    assert caught.value.field == "job_id"
    with pytest.raises(NotFound):
        jobs.delete_job(group, mistake)


def test_remove_turns_takes_away_turns_still_to_do_all_or_none(group):
    ann, bob = add_people(group, "Ann", "Bob")
    tea = jobs.add_job(group, title="Tea")
    first, second = (jobs.assign(group, tea, who, due_on=JUNE_9) for who in (ann, bob))
    kept = jobs.assign(group, tea, ann, due_on=JUNE_9 + timedelta(weeks=4))
    jobs.mark_done(group, second, done_on=JUNE_9)
    with pytest.raises(ValidationError) as caught:
        jobs.remove_turns(group, [first, second])
    assert caught.value.field == "status"
    assert len(jobs.list_assignments(group)) == 3
    jobs.remove_turns(group, [first])
    assert sorted(t.id for t in jobs.list_assignments(group)) == [second, kept]
