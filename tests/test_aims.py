"""Aims: an ordered current list, closed aims kept in history, and a yearly review prompt."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from charter_helpers import TODAY, make_meeting
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordinator_app.db.models import AimStatus
from coordinator_app.services import aims
from coordinator_app.services.errors import NotFound, ValidationError

SET_ON = date(2026, 1, 15)


def _add(group, *texts: str, set_on: date = SET_ON) -> list[int]:
    return [aims.add_aim(group, text=text, set_on=set_on) for text in texts]


def _current(group) -> list[tuple[int, str, int]]:
    return [(aim.id, aim.text, aim.position) for aim in aims.list_aims(group, today=TODAY)]


def test_aims_come_back_in_the_order_added_with_positions_from_zero(group):
    a, b, c = _add(group, "Meet every month", "Welcome newcomers warmly", "Raise £500 for a day trip")
    assert _current(group) == [
        (a, "Meet every month", 0), (b, "Welcome newcomers warmly", 1), (c, "Raise £500 for a day trip", 2),
    ]
    first = aims.list_aims(group, today=TODAY)[0]
    assert first.set_on == SET_ON and first.status is AimStatus.CURRENT and first.reviewed_on is None


def test_text_is_trimmed_and_kept_exactly_as_typed(group):
    (aim_id,) = _add(group, "  Support Zoë, Łukasz & أحمد's families <together>  ")
    assert aims.list_aims(group, today=TODAY)[0].text == "Support Zoë, Łukasz & أحمد's families <together>"


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_aim_needs_words(group, text):
    with pytest.raises(ValidationError) as caught:
        aims.add_aim(group, text=text, set_on=SET_ON)
    assert caught.value.field == "text"
    assert aims.list_aims(group, include_closed=True, today=TODAY) == []


def test_an_aim_needs_the_date_it_was_set(group):
    with pytest.raises(ValidationError) as caught:
        aims.add_aim(group, text="Meet monthly", set_on=None)
    assert caught.value.field == "set_on"
    assert aims.list_aims(group, today=TODAY) == []


def test_an_aim_can_name_the_meeting_that_decided_it_but_not_a_missing_or_deleted_one(group):
    meeting = make_meeting(group)
    gone = make_meeting(group, deleted=True)
    assert aims.add_aim(group, text="Meet monthly", set_on=SET_ON, decided_at_meeting_id=meeting)
    for bad in (gone, 9999):
        with pytest.raises(ValidationError) as caught:
            aims.add_aim(group, text="Another", set_on=SET_ON, decided_at_meeting_id=bad)
        assert caught.value.field == "decided_at_meeting_id"
    assert len(aims.list_aims(group, today=TODAY)) == 1


def test_editing_changes_the_words_only(group):
    a, b = _add(group, "Meet monthly", "Grow")
    aims.edit_aim(group, b, text="Grow to twenty members")
    assert _current(group) == [(a, "Meet monthly", 0), (b, "Grow to twenty members", 1)]
    with pytest.raises(ValidationError) as caught:
        aims.edit_aim(group, b, text=" ")
    assert caught.value.field == "text"
    assert _current(group)[1][1] == "Grow to twenty members"
    with pytest.raises(NotFound):
        aims.edit_aim(group, 9999, text="Nothing")


def test_reorder_puts_the_aims_in_the_new_order(group):
    a, b, c = _add(group, "A", "B", "C")
    aims.reorder_aims(group, [c, a, b])
    assert _current(group) == [(c, "C", 0), (a, "A", 1), (b, "B", 2)]


def test_reorder_refuses_a_list_that_is_not_exactly_the_current_aims(group):
    a, b, c = _add(group, "A", "B", "C")
    closed = aims.add_aim(group, text="Old", set_on=SET_ON)
    aims.retire_aim(group, closed, on=TODAY)
    for wrong in ([a, b], [a, b, c, 9999], [a, a, b], [a, b, c, closed], [a, b, closed], []):
        with pytest.raises(ValidationError) as caught:
            aims.reorder_aims(group, wrong)
        assert caught.value.field == "ordered_ids"
    assert _current(group) == [(a, "A", 0), (b, "B", 1), (c, "C", 2)]


@pytest.mark.parametrize(
    ("close", "status"), [(aims.mark_achieved, AimStatus.ACHIEVED), (aims.retire_aim, AimStatus.RETIRED)]
)
def test_a_closed_aim_leaves_the_current_list_but_stays_in_history(group, close, status):
    a, b, c = _add(group, "A", "B", "C")
    close(group, b, on=date(2026, 5, 1), note="We did it together")
    assert _current(group) == [(a, "A", 0), (c, "C", 1)]
    history = aims.list_aims(group, include_closed=True, today=TODAY)
    assert [aim.id for aim in history] == [a, c, b]
    closed = history[-1]
    assert closed.status is status
    assert (closed.status_changed_on, closed.outcome_note) == (date(2026, 5, 1), "We did it together")
    assert not closed.needs_review


def test_closed_aims_are_listed_after_the_current_ones_newest_first(group):
    a, b, c, d = _add(group, "A", "B", "C", "D")
    aims.mark_achieved(group, b, on=date(2026, 2, 1))
    aims.retire_aim(group, c, on=date(2026, 4, 1))
    aims.mark_achieved(group, d, on=date(2026, 3, 1))
    assert [aim.id for aim in aims.list_aims(group, include_closed=True, today=TODAY)] == [a, c, d, b]


def test_an_aim_cannot_be_closed_twice_or_before_it_was_set(group):
    a, b = _add(group, "A", "B")
    aims.mark_achieved(group, a, on=TODAY)
    for close in (aims.mark_achieved, aims.retire_aim):
        with pytest.raises(ValidationError) as caught:
            close(group, a, on=TODAY)
        assert caught.value.field == "status"
    with pytest.raises(ValidationError) as caught:
        aims.retire_aim(group, b, on=SET_ON - timedelta(days=1))
    assert caught.value.field == "on"
    with pytest.raises(ValidationError) as caught:
        aims.retire_aim(group, b, on=None)
    assert caught.value.field == "on"
    assert _current(group) == [(b, "B", 0)]


def test_reordering_after_closing_an_aim_works_on_the_remaining_ones(group):
    a, b, c = _add(group, "A", "B", "C")
    aims.mark_achieved(group, a, on=TODAY)
    aims.reorder_aims(group, [c, b])
    assert _current(group) == [(c, "C", 0), (b, "B", 1)]


@pytest.mark.parametrize(("days_ago", "needs"), [(0, False), (364, False), (365, False), (366, True), (800, True)])
def test_an_aim_set_more_than_a_year_ago_and_never_reviewed_needs_review(group, days_ago, needs):
    _add(group, "A", set_on=TODAY - timedelta(days=days_ago))
    assert aims.list_aims(group, today=TODAY)[0].needs_review is needs
    assert len(aims.aims_needing_review(group, today=TODAY)) == int(needs)


@pytest.mark.parametrize(("days_ago", "needs"), [(30, False), (365, False), (366, True)])
def test_a_review_counts_for_a_year(group, days_ago, needs):
    (aim_id,) = _add(group, "A", set_on=TODAY - timedelta(days=900))
    aims.mark_reviewed(group, aim_id, on=TODAY - timedelta(days=days_ago))
    aim = aims.list_aims(group, today=TODAY)[0]
    assert aim.reviewed_on == TODAY - timedelta(days=days_ago)
    assert aim.needs_review is needs


def test_aims_needing_review_lists_only_those(group):
    old = aims.add_aim(group, text="Old", set_on=date(2024, 1, 1))
    aims.add_aim(group, text="Fresh", set_on=date(2026, 1, 1))
    reviewed = aims.add_aim(group, text="Reviewed", set_on=date(2023, 1, 1))
    aims.mark_reviewed(group, reviewed, on=date(2026, 2, 1))
    closed = aims.add_aim(group, text="Closed", set_on=date(2020, 1, 1))
    aims.retire_aim(group, closed, on=date(2021, 1, 1))
    assert [aim.id for aim in aims.aims_needing_review(group, today=TODAY)] == [old]


def test_a_review_needs_a_date_not_before_the_aim_and_a_current_aim(group):
    a, b = _add(group, "A", "B")
    with pytest.raises(ValidationError) as caught:
        aims.mark_reviewed(group, a, on=SET_ON - timedelta(days=1))
    assert caught.value.field == "on"
    with pytest.raises(ValidationError) as caught:
        aims.mark_reviewed(group, a, on=None)
    assert caught.value.field == "on"
    aims.mark_achieved(group, b, on=TODAY)
    with pytest.raises(ValidationError) as caught:
        aims.mark_reviewed(group, b, on=TODAY)
    assert caught.value.field == "status"
    assert all(aim.reviewed_on is None for aim in aims.list_aims(group, include_closed=True, today=TODAY))
    with pytest.raises(NotFound):
        aims.mark_reviewed(group, 9999, on=TODAY)


_OPS = st.lists(st.tuples(st.sampled_from(["add", "achieve", "retire", "reorder"]), st.integers(0, 1000)), max_size=8)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
def test_any_mix_of_adding_closing_and_reordering_keeps_the_order_and_positions_0_to_n(group, ops):
    """One group file runs through every example, so the list keeps growing; the model is the list seen before."""
    expected = [aim.id for aim in aims.list_aims(group, today=TODAY)]
    for op, seed in ops:
        if op == "add":
            expected.append(aims.add_aim(group, text=f"Aim {seed}", set_on=SET_ON))
        elif op == "reorder":
            random.Random(seed).shuffle(expected)
            aims.reorder_aims(group, expected)
        elif expected:
            chosen = expected.pop(seed % len(expected))
            close = aims.mark_achieved if op == "achieve" else aims.retire_aim
            close(group, chosen, on=TODAY)
        current = aims.list_aims(group, today=TODAY)
        assert [aim.id for aim in current] == expected
        assert [aim.position for aim in current] == list(range(len(expected)))


def test_deleting_an_aim_added_by_mistake_closes_the_gap(group):
    a, b, c = _add(group, "A", "B", "C")
    aims.delete_aim(group, b)
    assert _current(group) == [(a, "A", 0), (c, "C", 1)]
    assert [aim.id for aim in aims.list_aims(group, include_closed=True, today=TODAY)] == [a, c]
    with pytest.raises(NotFound):
        aims.delete_aim(group, b)


@pytest.mark.parametrize("close", [aims.mark_achieved, aims.retire_aim])
def test_reopening_a_closed_aim_puts_it_back_where_it_was(group, close):
    a, b, c = _add(group, "A", "B", "C")
    before = aims.list_aims(group, include_closed=True, today=TODAY)
    close(group, b, on=date(2026, 5, 1), note="We did it together")
    aims.reopen_aim(group, b, position=1)
    assert aims.list_aims(group, include_closed=True, today=TODAY) == before
    with pytest.raises(ValidationError) as caught:
        aims.reopen_aim(group, b, position=0)
    assert caught.value.field == "status"


def test_setting_reviewed_on_puts_back_an_earlier_review_or_none(group):
    (a,) = _add(group, "A", set_on=TODAY - timedelta(days=400))
    aims.mark_reviewed(group, a, on=TODAY)
    aims.set_reviewed_on(group, a, reviewed_on=None)
    (aim,) = aims.list_aims(group, today=TODAY)
    assert (aim.reviewed_on, aim.needs_review) == (None, True)
