"""Venues: a name, what a booking costs in whole pence, and names that can be told apart."""

from __future__ import annotations

from datetime import date

import pytest

from coordinator_app.services import meetings, venues
from coordinator_app.services.errors import NotFound, ValidationError


def test_a_venue_comes_back_as_entered(group):
    venue_id = venues.add_venue(
        group, name="St Mary's Church Hall", address="1 High St\nNottingham", access_notes="Ramp & hearing loop",
        cost_pence=1250,
    )
    assert venues.get_venue(group, venue_id) == venues.VenueView(
        id=venue_id, name="St Mary's Church Hall", address="1 High St\nNottingham",
        access_notes="Ramp & hearing loop", cost_pence=1250,
    )


def test_venues_are_listed_by_name(group):
    for name in ("Zoë's Café", "library", "Åsa House", "Community Centre"):
        venues.add_venue(group, name=name)
    assert [v.name for v in venues.list_venues(group)] == ["Åsa House", "Community Centre", "library", "Zoë's Café"]


def test_a_free_venue_costs_nothing(group):
    venue_id = venues.add_venue(group, name="Online")
    assert venues.get_venue(group, venue_id).cost_pence == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": " "}, "name"),
        ({"cost_pence": -1}, "cost_pence"),
        ({"cost_pence": 12.5}, "cost_pence"),
        ({"cost_pence": "12"}, "cost_pence"),
        ({"cost_pence": None}, "cost_pence"),
    ],
)
def test_bad_input_names_its_field_and_saves_nothing(group, fields, field):
    with pytest.raises(ValidationError) as caught:
        venues.add_venue(group, **{"name": "Hall", **fields})
    assert caught.value.field == field
    assert venues.list_venues(group) == []


def test_two_venues_cannot_share_a_name(group):
    venues.add_venue(group, name="Zoë's Café")
    with pytest.raises(ValidationError) as caught:
        venues.add_venue(group, name="  ZOE'S CAFE ")
    assert caught.value.field == "name"
    assert "Zoë's Café" in str(caught.value)
    assert len(venues.list_venues(group)) == 1


def test_update_changes_the_given_fields_and_refuses_bad_ones(group):
    hall = venues.add_venue(group, name="Hall", cost_pence=1000)
    venues.add_venue(group, name="Library")
    updated = venues.update_venue(group, hall, cost_pence=1500, access_notes="Step-free")
    assert (updated.name, updated.cost_pence, updated.access_notes) == ("Hall", 1500, "Step-free")
    assert venues.update_venue(group, hall, name="hall").name == "hall"  # its own name, recased
    for fields, field in (({"cost_pence": -5}, "cost_pence"), ({"name": "Library"}, "name"), ({"name": ""}, "name")):
        with pytest.raises(ValidationError) as caught:
            venues.update_venue(group, hall, **fields)
        assert caught.value.field == field
    assert venues.get_venue(group, hall).cost_pence == 1500
    with pytest.raises(TypeError):
        venues.update_venue(group, hall, colour="red")
    with pytest.raises(NotFound):
        venues.update_venue(group, 9999, name="Nowhere")


def test_a_venue_added_by_mistake_can_be_removed_but_not_one_a_meeting_uses(group):
    hall = venues.add_venue(group, name="St Mary's Church Hall")
    mistake = venues.add_venue(group, name="Oops")
    meetings.plan_meeting(group, held_on=date(2026, 6, 9), venue_id=hall)
    venues.remove_venue(group, mistake)
    assert [v.name for v in venues.list_venues(group)] == ["St Mary's Church Hall"]
    with pytest.raises(ValidationError) as caught:
        venues.remove_venue(group, hall)
    assert caught.value.field == "venue_id"
    with pytest.raises(NotFound):
        venues.remove_venue(group, mistake)
