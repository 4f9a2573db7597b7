"""The fair-share rota's promise, checked on random groups: nobody is given a turn at a job while a
willing volunteer who is free that day has had fewer turns at it recently (done in the last twelve months,
as *Who has done what* counts them, plus turns planned since), and nobody away or outside the group is ever
given a turn. So N = 0: a willing, free volunteer is never passed over for someone who has had more than
their share. And when everyone starts level, each of k willing volunteers who are free has a turn within
k meetings (N = k - 1 meetings without one), since every turn raises the chosen one above the rest.

Checked twice: on the pure planner with many examples, and end to end through the services on real group
files (fewer examples, as each builds a whole group).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from people_helpers import fresh_group, scratch_folder

from coordinator_app.db.models import JobFrequency, ScheduleRule
from coordinator_app.services import jobs, meetings, members, rota
from coordinator_app.services.jobs import recent_since
from coordinator_app.services.rota import RotaJob, RotaMeeting, RotaPerson, plan_rota

TODAY = date(2026, 6, 1)
SINCE = recent_since(TODAY)
MEETING_DAYS = [date(2026, 6, 2) + timedelta(weeks=n) for n in range(12)]  # 12 Tuesdays
FIRST_JOINED = date(2024, 1, 10)


@dataclass(frozen=True)
class Person:
    name: str
    joined_on: date
    left_on: date | None
    away: tuple[tuple[date, date], ...]

    def can_take(self, day: date) -> bool:
        in_group = self.joined_on <= day and (self.left_on is None or day <= self.left_on)
        return in_group and not any(a <= day <= b for a, b in self.away)


@dataclass(frozen=True)
class Scenario:
    people: tuple[Person, ...]
    jobs: tuple[tuple[JobFrequency, tuple[int, ...]], ...]  # frequency, indexes of willing people
    history: tuple[tuple[int, int, date], ...]  # job index, person index, date done


window_day = st.sampled_from(MEETING_DAYS).flatmap(lambda d: st.sampled_from([d - timedelta(days=1), d]))


@st.composite
def scenarios(draw) -> Scenario:
    n_people = draw(st.integers(2, 6))
    people = []
    for i in range(n_people):
        joined = draw(st.one_of(st.just(FIRST_JOINED), window_day))
        left = draw(st.one_of(st.none(), window_day.filter(lambda d, j=joined: d >= j)))
        spells = draw(st.lists(st.tuples(window_day, st.integers(0, 20)), max_size=2))
        away = tuple((start, start + timedelta(days=length)) for start, length in spells)
        people.append(Person(f"Person {i} Zoë", joined, left, away))
    job_list = []
    for _ in range(draw(st.integers(1, 3))):
        frequency = draw(st.sampled_from([JobFrequency.EVERY_MEETING, JobFrequency.EVERY_MEETING,
                                          JobFrequency.MONTHLY]))
        willing = draw(st.sets(st.integers(0, n_people - 1), max_size=n_people))
        job_list.append((frequency, tuple(sorted(willing))))
    history = draw(st.lists(
        st.tuples(st.integers(0, len(job_list) - 1), st.integers(0, n_people - 1),
                  st.dates(date(2025, 1, 1), date(2026, 5, 31))),
        max_size=6,
    ))
    history = [(j, p, d) for j, p, d in history if people[p].joined_on <= d]
    return Scenario(tuple(people), tuple(job_list), tuple(history))


def check_fair(scenario: Scenario, turns: list[tuple[int, date, int | None]]) -> None:
    """Replay the turns in date order, with the scenario's history, and check every promise."""
    at_job = Counter((j, p) for j, p, d in scenario.history if d >= SINCE)
    months: Counter[tuple[int, int, int]] = Counter()
    per_meeting: Counter[tuple[int, date]] = Counter()
    for job, day, person in sorted(turns, key=lambda t: t[1]):
        frequency, willing = scenario.jobs[job]
        free = [p for p in willing if scenario.people[p].can_take(day)]
        per_meeting[(job, day)] += 1
        months[(job, day.year, day.month)] += 1
        if person is None:
            assert free == [], f"job {job} on {day} left empty though {free} could take it"
            continue
        assert person in free, f"person {person} is not willing or not free on {day}"
        fewer = [p for p in free if at_job[(job, p)] < at_job[(job, person)]]
        assert fewer == [], f"person {person} got a turn at job {job} on {day} while {fewer} had had fewer"
        at_job[(job, person)] += 1
    for job, (frequency, _willing) in enumerate(scenario.jobs):
        if frequency is JobFrequency.EVERY_MEETING:
            assert all(per_meeting[(job, day)] == 1 for day in MEETING_DAYS)
        else:
            assert all(n == 1 for (j, _y, _m), n in months.items() if j == job)
            assert {(d.year, d.month) for d in MEETING_DAYS} == {(y, m) for (j, y, m) in months if j == job}


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_the_planner_is_fair(scenario):
    people = {i: RotaPerson(i, p.name, p.joined_on, p.left_on, p.away) for i, p in enumerate(scenario.people)}
    planned = plan_rota(
        meetings=[RotaMeeting(100 + n, day) for n, day in enumerate(MEETING_DAYS)],
        jobs=[RotaJob(j, f"Job {j}", frequency, willing) for j, (frequency, willing) in enumerate(scenario.jobs)],
        people=people,
        past_turns=[(j, p, d) for j, p, d in scenario.history if d >= SINCE],
    )
    check_fair(scenario, [(t.job_id, MEETING_DAYS[t.meeting_id - 100], t.member_id) for t in planned])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_rota_service_is_fair_over_twelve_meetings(scenario):
    with scratch_folder() as folder:
        group = fresh_group(folder)
        try:
            ids = [members.add_member(group, name=p.name, joined_on=p.joined_on) for p in scenario.people]
            for member_id, person in zip(ids, scenario.people, strict=True):
                if person.left_on is not None:
                    members.leave_group(group, member_id, left_on=person.left_on)
                for start, end in person.away:
                    members.add_unavailability(group, member_id, starts_on=start, ends_on=end)
            job_ids = []
            for n, (frequency, willing) in enumerate(scenario.jobs):
                job_ids.append(jobs.add_job(group, title=f"Job {n}", frequency=frequency))
                for p in willing:
                    jobs.volunteer(group, job_ids[-1], ids[p])
            for j, p, day in scenario.history:
                jobs.mark_done(group, jobs.assign(group, job_ids[j], ids[p], due_on=day), done_on=day)
            meetings.add_schedule(group, rule=ScheduleRule.WEEKLY, weekday=1, starts_on=TODAY, months_ahead=4)
            proposal = rota.propose_rota(group, meetings_ahead=12, today=TODAY)
            assert {t.held_on for t in proposal} <= set(MEETING_DAYS)
            turns = [(job_ids.index(t.job_id), t.held_on, ids.index(t.member_id) if t.member_id else None)
                     for t in proposal]
            check_fair(scenario, turns)
            shown = {row.member_id: row.turns for row in jobs.share_of_jobs(group, since=SINCE)}
            for t in proposal:  # the rota's counts are the ones *Who has done what* shows
                if t.member_id is not None:
                    assert t.done_recently == shown.get(t.member_id, {}).get(t.job_title, 0), t.why
            saved = rota.apply_rota(group, proposal)
            assert len(saved) == sum(1 for t in proposal if t.member_id is not None)
        finally:
            group.close()


@settings(max_examples=200, deadline=None)
@given(k=st.integers(1, 6), level=st.integers(0, 3), meetings_count=st.integers(1, 24), data=st.data())
def test_level_volunteers_each_have_a_turn_within_k_meetings(k, level, meetings_count, data):
    """Everyone free and level on recent turns: nobody goes more than k - 1 meetings without a turn."""
    days = [TODAY + timedelta(weeks=n) for n in range(meetings_count)]
    people = {i: RotaPerson(i, f"P{i}", FIRST_JOINED, None) for i in range(k)}
    history = [(1, i, data.draw(st.dates(SINCE, TODAY - timedelta(days=1)))) for i in range(k) for _ in range(level)]
    planned = plan_rota(meetings=[RotaMeeting(n, day) for n, day in enumerate(days)],
                        jobs=[RotaJob(1, "Tea", JobFrequency.EVERY_MEETING, tuple(range(k)))], people=people,
                        past_turns=history)
    for person in people.values():
        run = 0
        for turn in planned:
            run = 0 if turn.member_id == person.id else run + 1
            assert run <= k - 1, f"{person.name} went {run} meetings without a turn with {k} volunteers"
