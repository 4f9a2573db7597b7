"""Membership boundaries: dated versions, the one in force today, and the history newest first."""

from __future__ import annotations

from datetime import date

import pytest
from charter_helpers import TODAY

from coordinator_app.db.models import PractitionerWelcome
from coordinator_app.services import boundaries
from coordinator_app.services.errors import NotFound, ValidationError


def test_a_new_group_has_no_boundaries_yet(group):
    assert boundaries.current_boundaries(group, today=TODAY) is None
    assert boundaries.boundary_history(group) == []


def test_every_field_comes_back_as_given(group):
    version_id = boundaries.set_boundaries(
        group,
        effective_from=date(2025, 9, 1),
        who_is_welcome="  Anyone caring for someone with dementia — Zoë's & Łukasz's families too  ",
        relatives_and_carers_welcome=False,
        practitioners=PractitionerWelcome.NOT_WELCOME,
        age_range="18+",
        area="Nottingham & Notts",
        how_newcomers_join="Ring Siobhán first, then come along <any> month",
    )
    assert boundaries.current_boundaries(group, today=TODAY) == boundaries.BoundaryView(
        id=version_id,
        effective_from=date(2025, 9, 1),
        who_is_welcome="Anyone caring for someone with dementia — Zoë's & Łukasz's families too",
        relatives_and_carers_welcome=False,
        practitioners=PractitionerWelcome.NOT_WELCOME,
        age_range="18+",
        area="Nottingham & Notts",
        how_newcomers_join="Ring Siobhán first, then come along <any> month",
    )


def test_the_current_version_is_the_newest_already_in_force(group):
    first = boundaries.set_boundaries(group, effective_from=date(2024, 1, 1), who_is_welcome="Carers")
    second = boundaries.set_boundaries(group, effective_from=date(2025, 1, 1), who_is_welcome="Carers and relatives")
    future = boundaries.set_boundaries(group, effective_from=date(2026, 9, 1), who_is_welcome="Anyone affected")

    def current(today):
        return boundaries.current_boundaries(group, today=today).id

    assert boundaries.current_boundaries(group, today=date(2023, 12, 31)) is None
    assert current(date(2024, 1, 1)) == first
    assert current(date(2024, 12, 31)) == first
    assert current(TODAY) == second
    assert current(date(2026, 9, 1)) == future


def test_history_is_newest_first_whatever_order_the_versions_were_entered(group):
    middle = boundaries.set_boundaries(group, effective_from=date(2025, 1, 1), who_is_welcome="B")
    oldest = boundaries.set_boundaries(group, effective_from=date(2023, 1, 1), who_is_welcome="A")
    newest = boundaries.set_boundaries(group, effective_from=date(2027, 1, 1), who_is_welcome="C")
    assert [v.id for v in boundaries.boundary_history(group)] == [newest, middle, oldest]
    assert boundaries.current_boundaries(group, today=TODAY).id == middle


def test_of_two_versions_for_the_same_day_the_later_one_counts(group):
    boundaries.set_boundaries(group, effective_from=date(2025, 1, 1), who_is_welcome="Carers")
    fixed = boundaries.set_boundaries(group, effective_from=date(2025, 1, 1), who_is_welcome="Carers (typo fixed)")
    assert boundaries.current_boundaries(group, today=TODAY).id == fixed
    assert len(boundaries.boundary_history(group)) == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"who_is_welcome": "  "}, "who_is_welcome"),
        ({"effective_from": None}, "effective_from"),
        ({"practitioners": "sometimes"}, "practitioners"),
        ({"age_range": "x" * 101}, "age_range"),
        ({"area": "x" * 201}, "area"),
    ],
)
def test_bad_input_names_its_field_and_saves_nothing(group, changes, field):
    with pytest.raises(ValidationError) as caught:
        boundaries.set_boundaries(group, **{"effective_from": date(2025, 1, 1), "who_is_welcome": "Carers", **changes})
    assert caught.value.field == field
    assert boundaries.boundary_history(group) == []


def test_removing_a_version_saved_by_mistake_brings_back_the_one_before(group):
    first = boundaries.set_boundaries(group, effective_from=date(2024, 1, 1), who_is_welcome="Carers")
    before = boundaries.current_boundaries(group, today=TODAY)
    mistake = boundaries.set_boundaries(group, effective_from=date(2025, 1, 1), who_is_welcome="Oops")
    boundaries.remove_boundaries(group, mistake)
    assert boundaries.current_boundaries(group, today=TODAY) == before
    assert [v.id for v in boundaries.boundary_history(group)] == [first]
    with pytest.raises(NotFound):
        boundaries.remove_boundaries(group, mistake)
