"""Repeating meeting dates: the pure rules, their plain-words description, and planning a schedule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordinator_app.db.models import MeetingStatus, ScheduleRule
from coordinator_app.services import meetings
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.schedule import add_months, describe, occurrences

TUESDAY, FRIDAY = 1, 4


def test_second_tuesday_of_the_month():
    days = occurrences(ScheduleRule.MONTHLY_NTH_WEEKDAY, TUESDAY, 2, date(2026, 1, 1), date(2026, 6, 30))
    assert days == [date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 14), date(2026, 5, 12),
                    date(2026, 6, 9)]


def test_last_friday_of_the_month_including_leap_february():
    days = occurrences(ScheduleRule.MONTHLY_NTH_WEEKDAY, FRIDAY, -1, date(2028, 1, 1), date(2028, 3, 31))
    assert days == [date(2028, 1, 28), date(2028, 2, 25), date(2028, 3, 31)]


def test_weekly_and_fortnightly_start_on_the_first_matching_day():
    start = date(2026, 6, 3)  # a Wednesday
    assert occurrences(ScheduleRule.WEEKLY, TUESDAY, None, start, date(2026, 6, 30)) == [
        date(2026, 6, 9), date(2026, 6, 16), date(2026, 6, 23), date(2026, 6, 30)
    ]
    assert occurrences(ScheduleRule.FORTNIGHTLY, TUESDAY, None, start, date(2026, 7, 31)) == [
        date(2026, 6, 9), date(2026, 6, 23), date(2026, 7, 7), date(2026, 7, 21)
    ]


def test_a_start_date_after_this_months_meeting_begins_next_month():
    days = occurrences(ScheduleRule.MONTHLY_NTH_WEEKDAY, TUESDAY, 2, date(2026, 1, 14), date(2026, 2, 28))
    assert days == [date(2026, 2, 10)]


@pytest.mark.parametrize(("rule", "weekday", "nth", "words"), [
    (ScheduleRule.MONTHLY_NTH_WEEKDAY, TUESDAY, 2, "Second Tuesday of the month"),
    (ScheduleRule.MONTHLY_NTH_WEEKDAY, FRIDAY, -1, "Last Friday of the month"),
    (ScheduleRule.WEEKLY, 0, None, "Every Monday"),
    (ScheduleRule.FORTNIGHTLY, 3, 2, "Every other Thursday"),
])
def test_describe_in_plain_words(rule, weekday, nth, words):
    assert describe(rule, weekday, nth) == words


@pytest.mark.parametrize(("rule", "weekday", "nth", "field"), [
    (ScheduleRule.MONTHLY_NTH_WEEKDAY, TUESDAY, None, "nth"),
    (ScheduleRule.MONTHLY_NTH_WEEKDAY, TUESDAY, 5, "nth"),
    (ScheduleRule.WEEKLY, 7, None, "weekday"),
    ("yearly", 1, None, "rule"),
])
def test_bad_rules_name_their_field(rule, weekday, nth, field):
    with pytest.raises(ValidationError) as caught:
        occurrences(rule, weekday, nth, date(2026, 1, 1), date(2026, 12, 31))
    assert caught.value.field == field


def test_add_months_clips_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


@settings(max_examples=100, deadline=None)
@given(
    rule=st.sampled_from(list(ScheduleRule)),
    weekday=st.integers(0, 6),
    nth=st.sampled_from([1, 2, 3, 4, -1]),
    starts_on=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
    days=st.integers(0, 800),
)
def test_every_occurrence_fits_its_rule(rule, weekday, nth, starts_on, days):
    until = starts_on + timedelta(days=days)
    found = occurrences(rule, weekday, nth, starts_on, until)
    assert all(starts_on <= d <= until and d.weekday() == weekday for d in found)
    assert found == sorted(set(found))
    if rule is ScheduleRule.MONTHLY_NTH_WEEKDAY:
        for d in found:
            if nth == -1:
                assert (d + timedelta(weeks=1)).month != d.month
            else:
                assert (d.day - 1) // 7 + 1 == nth
        assert len({(d.year, d.month) for d in found}) == len(found)
    else:
        step = 7 if rule is ScheduleRule.WEEKLY else 14
        assert all((b - a).days == step for a, b in zip(found, found[1:], strict=False))
        assert not found or (found[0] - starts_on).days < 7
        assert found or (until - starts_on).days < 6


def test_add_schedule_plans_a_year_of_meetings(group):
    schedule_id, planned = meetings.add_schedule(
        group, rule=ScheduleRule.MONTHLY_NTH_WEEKDAY, weekday=TUESDAY, nth=2, starts_on=date(2026, 1, 1)
    )
    assert schedule_id > 0 and len(planned) == 12
    listed = meetings.list_meetings(group, when="upcoming", today=date(2026, 1, 1))
    assert [m.held_on for m in listed][:3] == [date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10)]
    assert all(m.status is MeetingStatus.PLANNED for m in listed)


def test_add_schedule_skips_days_that_already_have_a_meeting(group):
    existing = meetings.plan_meeting(group, held_on=date(2026, 2, 10), topic="Speaker evening")
    _sid, planned = meetings.add_schedule(
        group, rule=ScheduleRule.MONTHLY_NTH_WEEKDAY, weekday=TUESDAY, nth=2, starts_on=date(2026, 1, 1),
        months_ahead=3,
    )
    assert len(planned) == 2 and existing not in planned
    _again, planned_again = meetings.add_schedule(
        group, rule=ScheduleRule.MONTHLY_NTH_WEEKDAY, weekday=TUESDAY, nth=2, starts_on=date(2026, 1, 1),
        months_ahead=3,
    )
    assert planned_again == []
    assert len(meetings.list_meetings(group)) == 3


def test_add_schedule_stops_at_its_end_date(group):
    _sid, planned = meetings.add_schedule(
        group, rule=ScheduleRule.WEEKLY, weekday=TUESDAY, starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 20)
    )
    assert [m.held_on for m in meetings.list_meetings(group, when="upcoming", today=date(2026, 6, 1))] == [
        date(2026, 6, 2), date(2026, 6, 9), date(2026, 6, 16)
    ]
    assert len(planned) == 3


@pytest.mark.parametrize(("changes", "field"), [
    ({"ends_on": date(2025, 12, 31)}, "ends_on"),
    ({"months_ahead": 0}, "months_ahead"),
    ({"nth": None}, "nth"),
    ({"weekday": -1}, "weekday"),
])
def test_bad_schedules_plan_nothing(group, changes, field):
    args = {"rule": ScheduleRule.MONTHLY_NTH_WEEKDAY, "weekday": TUESDAY, "nth": 2, "starts_on": date(2026, 1, 1)}
    with pytest.raises(ValidationError) as caught:
        meetings.add_schedule(group, **{**args, **changes})
    assert caught.value.field == field
    assert meetings.list_meetings(group) == []
