"""Contacts: the five ESTEEM roles, finding people, soft delete, and the support log tagged by role."""

from __future__ import annotations

from datetime import date

import pytest

from coordinator_app.db.models import EsteemRole
from coordinator_app.services import contacts
from coordinator_app.services.errors import NotFound, ValidationError

R = EsteemRole


def _add(group, name="Dr Siobhán Ó Briain", **fields) -> int:
    return contacts.add_contact(group, name=name, **fields)


def _names(views) -> list[str]:
    return [view.name for view in views]


def test_a_contact_comes_back_as_entered(group):
    contact_id = _add(
        group,
        organisation="Self Help Nottingham & Notts",
        job_title="Community development worker",
        email="siobhan@example.org",
        phone="0115 911 1662",
        notes="Helped us <start> the group",
        roles=[R.RESOURCE_BUILDER, R.BRIDGE_BUILDER],
    )
    assert contacts.get_contact(group, contact_id) == contacts.ContactView(
        id=contact_id,
        name="Dr Siobhán Ó Briain",
        organisation="Self Help Nottingham & Notts",
        job_title="Community development worker",
        email="siobhan@example.org",
        phone="0115 911 1662",
        notes="Helped us <start> the group",
        roles=frozenset({R.RESOURCE_BUILDER, R.BRIDGE_BUILDER}),
    )


def test_the_list_can_be_filtered_by_each_of_the_five_roles(group):
    for role in R:
        _add(group, f"Only {role.value}", roles=[role])
    _add(group, "Does everything", roles=list(R))
    _add(group, "No role yet")
    assert len(contacts.list_contacts(group)) == 7
    for role in R:
        assert _names(contacts.list_contacts(group, role=role)) == ["Does everything", f"Only {role.value}"]
    with pytest.raises(ValidationError) as caught:
        contacts.list_contacts(group, role="cheerleader")
    assert caught.value.field == "role"


def test_search_ignores_case_and_accents_and_looks_at_organisation_and_job(group):
    _add(group, "Zoë Adams", organisation="Carers Federation")
    _add(group, "Łukasz Nowak", job_title="GP")
    _add(group, "أحمد", email="ahmed@example.org")
    _add(group, "Nguyễn Thị Hoa")
    assert _names(contacts.list_contacts(group, search="ZOE")) == ["Zoë Adams"]
    assert _names(contacts.list_contacts(group, search="lukasz")) == ["Łukasz Nowak"]
    assert _names(contacts.list_contacts(group, search="federation")) == ["Zoë Adams"]
    assert _names(contacts.list_contacts(group, search=" gp ")) == ["Łukasz Nowak"]
    assert _names(contacts.list_contacts(group, search="أحمد")) == ["أحمد"]
    assert _names(contacts.list_contacts(group, search="nguyen thi")) == ["Nguyễn Thị Hoa"]
    assert _names(contacts.list_contacts(group, search="AHMED@")) == ["أحمد"]


def test_the_list_is_sorted_by_name_ignoring_case_and_accents(group):
    for name in ("zoë", "Łukasz", "Ann", "Émile", "bob"):
        _add(group, name)
    assert _names(contacts.list_contacts(group)) == ["Ann", "bob", "Émile", "Łukasz", "zoë"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"email": "not an email"}, "email"),
        ({"email": "someone@"}, "email"),
        ({"email": "a b@example.org"}, "email"),
        ({"phone": "0" * 51}, "phone"),
        ({"roles": ["cheerleader"]}, "roles"),
    ],
)
def test_bad_input_names_its_field_and_saves_nothing(group, fields, field):
    with pytest.raises(ValidationError) as caught:
        contacts.add_contact(group, **{"name": "Dr Hoa", **fields})
    assert caught.value.field == field
    assert contacts.list_contacts(group) == []


def test_update_changes_only_the_given_fields_and_roles_replace_the_set(group):
    contact_id = _add(group, organisation="NHS", roles=[R.FACILITATOR, R.CO_EDUCATOR])
    updated = contacts.update_contact(
        group, contact_id, phone="07700 900123", roles=[R.CO_EDUCATOR, R.CAPACITY_BUILDER]
    )
    assert updated.organisation == "NHS" and updated.phone == "07700 900123"
    assert updated.roles == frozenset({R.CO_EDUCATOR, R.CAPACITY_BUILDER})
    assert contacts.get_contact(group, contact_id) == updated
    assert contacts.update_contact(group, contact_id, roles=[]).roles == frozenset()


def test_a_bad_update_changes_nothing(group):
    contact_id = _add(group, email="a@example.org")
    before = contacts.get_contact(group, contact_id)
    with pytest.raises(ValidationError) as caught:
        contacts.update_contact(group, contact_id, name="New name", email="broken")
    assert caught.value.field == "email"
    assert contacts.get_contact(group, contact_id) == before
    with pytest.raises(TypeError):
        contacts.update_contact(group, contact_id, favourite_colour="blue")
    with pytest.raises(NotFound):
        contacts.update_contact(group, 9999, name="Nobody")


def test_deleting_hides_the_contact_and_their_support_until_restored(group):
    _add(group, "Keep")
    gone = _add(group, "Gone by mistake", roles=[R.FACILITATOR])
    contacts.log_support(group, gone, given_on=date(2026, 1, 5), what="Ran a session", role=R.FACILITATOR)
    contacts.delete_contact(group, gone)
    assert _names(contacts.list_contacts(group)) == ["Keep"]
    assert contacts.support_log(group) == []
    assert _names(contacts.deleted_contacts(group)) == ["Gone by mistake"]
    with pytest.raises(NotFound):
        contacts.get_contact(group, gone)
    with pytest.raises(NotFound):
        contacts.log_support(group, gone, given_on=date(2026, 1, 6), what="More", role=R.FACILITATOR)

    contacts.restore_contact(group, gone)
    assert _names(contacts.list_contacts(group)) == ["Gone by mistake", "Keep"]
    assert [entry.what for entry in contacts.support_log(group)] == ["Ran a session"]
    assert contacts.get_contact(group, gone).roles == frozenset({R.FACILITATOR})
    assert contacts.deleted_contacts(group) == []


def test_support_is_logged_with_its_role_and_listed_newest_first(group):
    siobhan = _add(group, "Siobhán", roles=[R.RESOURCE_BUILDER, R.CO_EDUCATOR])
    tom = _add(group, "Tom & Jerry")
    contacts.log_support(group, siobhan, given_on=date(2025, 3, 1), what="Lent us a room", role=R.RESOURCE_BUILDER)
    contacts.log_support(group, tom, given_on=date(2026, 2, 1), what="Introduced us to the GP surgery",
                         role=R.BRIDGE_BUILDER)
    contacts.log_support(group, siobhan, given_on=date(2026, 5, 1), what="Talk on <benefits> & grants",
                         role=R.CO_EDUCATOR)
    log = contacts.support_log(group)
    assert [(e.contact_name, e.given_on, e.what, e.role) for e in log] == [
        ("Siobhán", date(2026, 5, 1), "Talk on <benefits> & grants", R.CO_EDUCATOR),
        ("Tom & Jerry", date(2026, 2, 1), "Introduced us to the GP surgery", R.BRIDGE_BUILDER),
        ("Siobhán", date(2025, 3, 1), "Lent us a room", R.RESOURCE_BUILDER),
    ]
    assert [e.what for e in contacts.support_log(group, contact_id=siobhan)] == [
        "Talk on <benefits> & grants", "Lent us a room",
    ]
    assert [e.contact_id for e in contacts.support_log(group, year=2026)] == [siobhan, tom]
    assert [e.what for e in contacts.support_log(group, year=2025)] == ["Lent us a room"]
    assert contacts.support_log(group, year=2024) == []
    assert [e.what for e in contacts.support_log(group, role=R.BRIDGE_BUILDER)] == ["Introduced us to the GP surgery"]


def test_support_on_the_first_and_last_day_of_a_year_belongs_to_that_year(group):
    contact_id = _add(group)
    for day in (date(2025, 12, 31), date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 1)):
        contacts.log_support(group, contact_id, given_on=day, what=f"On {day}", role=R.FACILITATOR)
    assert [e.given_on for e in contacts.support_log(group, year=2026)] == [date(2026, 12, 31), date(2026, 1, 1)]


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"what": " "}, "what"), ({"given_on": None}, "given_on"), ({"role": "helper"}, "role"), ({"role": None}, "role")],
)
def test_a_support_entry_needs_a_date_what_and_a_role(group, fields, field):
    contact_id = _add(group)
    with pytest.raises(ValidationError) as caught:
        contacts.log_support(group, contact_id, **{"given_on": date(2026, 1, 1), "what": "Help",
                                                   "role": R.FACILITATOR, **fields})
    assert caught.value.field == field
    assert contacts.support_log(group) == []


def test_support_for_a_missing_contact_is_refused(group):
    with pytest.raises(NotFound):
        contacts.log_support(group, 9999, given_on=date(2026, 1, 1), what="Help", role=R.FACILITATOR)


def test_a_support_entry_logged_by_mistake_can_be_removed(group):
    contact_id = contacts.add_contact(group, name="Siobhán Ó Briain")
    kept = contacts.log_support(group, contact_id, given_on=date(2026, 3, 1), what="Ran a workshop",
                                role=EsteemRole.CAPACITY_BUILDER)
    mistake = contacts.log_support(group, contact_id, given_on=date(2026, 3, 2), what="Oops",
                                   role=EsteemRole.FACILITATOR)
    contacts.remove_support(group, mistake)
    assert [entry.id for entry in contacts.support_log(group)] == [kept]
    with pytest.raises(NotFound):
        contacts.remove_support(group, mistake)
