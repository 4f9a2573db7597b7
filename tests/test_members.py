"""Members: joining and leaving, roles, consents, soft delete, search, and every rule naming its field."""

from __future__ import annotations

from datetime import date

import pytest
from people_helpers import JOINED, NAMES, TODAY, add_people

from coordinator_app.db.models import AgreementHow, ConsentKind, MemberKind
from coordinator_app.services import agreement, jobs, meetings, members
from coordinator_app.services.errors import NotFound, ValidationError


def names(group, **kwargs) -> list[str]:
    return [m.name for m in members.list_members(group, today=TODAY, **kwargs)]


def test_a_member_added_comes_back_exactly_as_typed(group):
    member_id = members.add_member(
        group, name="  Nguyễn Thị Hoa ", joined_on=JOINED, preferred_name="Hoa", email="hoa@example.org",
        phone="07700 900123", address="1 Mill Lane", kind=MemberKind.RELATIVE_OR_CARER, private_notes="Prefers texts",
    )
    detail = members.get_member(group, member_id, today=TODAY)
    assert (detail.name, detail.preferred_name, detail.email, detail.phone) == (
        "Nguyễn Thị Hoa", "Hoa", "hoa@example.org", "07700 900123"
    )
    assert detail.kind is MemberKind.RELATIVE_OR_CARER
    assert (detail.address, detail.private_notes, detail.joined_on, detail.left_on) == (
        "1 Mill Lane", "Prefers texts", JOINED, None
    )


def test_members_are_listed_by_name_ignoring_case_and_accents(group):
    add_people(group, "zoë", "Adam", "Łukasz", "Émile", "bob", "Tom & Jerry")
    assert names(group) == ["Adam", "bob", "Émile", "Łukasz", "Tom & Jerry", "zoë"]


@pytest.mark.parametrize(("needle", "found"), [
    ("zoe", "Zoë Adams"), ("ZOË", "Zoë Adams"), ("lukasz", "Łukasz Nowak"), ("nguyen thi", "Nguyễn Thị Hoa"),
    ("siobhan", "Siobhán Ó Briain"), ("أحمد", "أحمد"), ("& jer", "Tom & Jerry"),
])
def test_search_ignores_case_and_accents(group, needle, found):
    add_people(group, *NAMES)
    assert names(group, search=needle) == [found]


def test_search_looks_at_preferred_name_and_email(group):
    members.add_member(group, name="Margaret Jones", joined_on=JOINED, preferred_name="Peggy")
    members.add_member(group, name="Ann Lee", joined_on=JOINED, email="annie@example.org")
    assert names(group, search="peggy") == ["Margaret Jones"]
    assert names(group, search="annie@") == ["Ann Lee"]


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": "   "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"email": "not an email"}, "email"),
    ({"email": "a@b"}, "email"),
    ({"phone": "1" * 51}, "phone"),
    ({"preferred_name": "p" * 201}, "preferred_name"),
    ({"kind": "alien"}, "kind"),
    ({"joined_on": "2024-01-01"}, "joined_on"),
])
def test_bad_member_details_are_refused_naming_the_field(group, fields, field):
    with pytest.raises(ValidationError) as caught:
        members.add_member(group, **{"name": "Ann", "joined_on": JOINED, **fields})
    assert caught.value.field == field
    assert names(group, include_former=True) == []


@pytest.mark.parametrize(("call", "field"), [
    (lambda g, m: members.add_role(g, m, role="Welcomer", started_on=None), "started_on"),
    (lambda g, m: members.give_consent(g, m, kind=ConsentKind.PHOTOS, given_on="today",
                                       how=AgreementHow.SIGNED_PAPER), "given_on"),
    (lambda g, m: members.give_consent(g, m, kind="mind reading", given_on=TODAY, how=AgreementHow.BY_EMAIL),
     "kind"),
    (lambda g, m: members.add_unavailability(g, m, starts_on=TODAY, ends_on=TODAY, reason="r" * 201), "reason"),
    (lambda g, m: members.update_member(g, m, address="a" * 10_001), "address"),
    (lambda g, m: members.update_member(g, m, private_notes="n" * 10_001), "private_notes"),
])
def test_other_member_rules_name_their_field(group, call, field):
    (ann,) = add_people(group, "Ann")
    with pytest.raises(ValidationError) as caught:
        call(group, ann)
    assert caught.value.field == field
    detail = members.get_member(group, ann, today=TODAY)
    assert (detail.roles, detail.consents, detail.address, detail.private_notes) == ((), (), "", "")


def test_a_name_of_200_characters_is_allowed(group):
    members.add_member(group, name="Z" * 200, joined_on=JOINED)
    assert names(group) == ["Z" * 200]


def test_update_changes_only_the_fields_given(group):
    (member_id,) = add_people(group, "Ann")
    detail = members.update_member(group, member_id, email="ann@example.org", today=TODAY)
    assert (detail.name, detail.email) == ("Ann", "ann@example.org")


def test_a_bad_update_changes_nothing(group):
    (member_id,) = add_people(group, "Ann")
    with pytest.raises(ValidationError) as caught:
        members.update_member(group, member_id, phone="0123", email="nope")
    assert caught.value.field == "email"
    assert members.get_member(group, member_id, today=TODAY).phone == ""


def test_update_refuses_unknown_fields(group):
    (member_id,) = add_people(group, "Ann")
    with pytest.raises(TypeError):
        members.update_member(group, member_id, shoe_size=9)


def test_leaving_makes_a_member_former_from_that_day(group):
    ann, _bob = add_people(group, "Ann", "Bob")
    members.leave_group(group, ann, left_on=TODAY)
    assert names(group) == ["Bob"]
    everyone = members.list_members(group, include_former=True, today=TODAY)
    assert [(m.name, m.is_current) for m in everyone] == [("Ann", False), ("Bob", True)]
    # Someone leaving at the end of the month is still current until then.
    members.leave_group(group, ann, left_on=date(2026, 6, 30))
    assert names(group) == ["Ann", "Bob"]


def test_rejoining_makes_a_member_current_again(group):
    (ann,) = add_people(group, "Ann")
    members.leave_group(group, ann, left_on=date(2025, 1, 1))
    members.rejoin_group(group, ann)
    detail = members.get_member(group, ann, today=TODAY)
    assert (detail.left_on, detail.joined_on) == (None, JOINED)
    assert names(group) == ["Ann"]


def test_cannot_leave_before_joining(group):
    (ann,) = add_people(group, "Ann")
    with pytest.raises(ValidationError) as caught:
        members.leave_group(group, ann, left_on=date(2023, 12, 31))
    assert caught.value.field == "left_on"
    assert "Ann" in caught.value.message
    assert members.get_member(group, ann, today=TODAY).left_on is None


def test_cannot_move_joining_after_leaving(group):
    (ann,) = add_people(group, "Ann")
    members.leave_group(group, ann, left_on=date(2025, 1, 1))
    with pytest.raises(ValidationError) as caught:
        members.update_member(group, ann, joined_on=date(2025, 2, 1))
    assert caught.value.field == "joined_on"


def test_cannot_leave_before_a_meeting_they_came_to(group):
    (ann,) = add_people(group, "Ann")
    meeting = meetings.plan_meeting(group, held_on=date(2026, 5, 12))
    meetings.record_meeting(group, meeting, present=[ann], today=TODAY)
    with pytest.raises(ValidationError) as caught:
        members.leave_group(group, ann, left_on=date(2026, 5, 11))
    assert caught.value.field == "left_on" and "12 May 2026" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        members.update_member(group, ann, joined_on=date(2026, 5, 13))
    assert caught.value.field == "joined_on"
    members.leave_group(group, ann, left_on=date(2026, 5, 12))  # their last meeting
    detail = members.get_member(group, ann, today=TODAY)
    assert (detail.joined_on, detail.left_on) == (JOINED, date(2026, 5, 12))


def test_roles_over_time(group):
    (ann,) = add_people(group, "Ann")
    treasurer = members.add_role(group, ann, role="Treasurer", started_on=date(2024, 4, 1))
    members.add_role(group, ann, role="Welcomer", started_on=date(2025, 1, 1))
    members.end_role(group, treasurer, ended_on=date(2026, 3, 31))
    (summary,) = members.list_members(group, today=TODAY)
    assert summary.roles_now == ("Welcomer",)
    (earlier,) = members.list_members(group, today=date(2025, 6, 1))
    assert earlier.roles_now == ("Treasurer", "Welcomer")
    roles = members.get_member(group, ann, today=TODAY).roles
    assert [(r.role, r.started_on, r.ended_on) for r in roles] == [
        ("Treasurer", date(2024, 4, 1), date(2026, 3, 31)), ("Welcomer", date(2025, 1, 1), None)
    ]


def test_role_rules_name_their_field(group):
    (ann,) = add_people(group, "Ann")
    with pytest.raises(ValidationError) as caught:
        members.add_role(group, ann, role=" ", started_on=TODAY)
    assert caught.value.field == "role"
    role_id = members.add_role(group, ann, role="Secretary", started_on=TODAY)
    with pytest.raises(ValidationError) as caught:
        members.end_role(group, role_id, ended_on=date(2026, 5, 1))
    assert caught.value.field == "ended_on"


def test_consents_can_be_given_and_withdrawn(group):
    (ann,) = add_people(group, "Ann")
    members.give_consent(group, ann, kind=ConsentKind.PHOTOS, given_on=date(2025, 1, 1), how=AgreementHow.SIGNED_PAPER)
    members.give_consent(group, ann, kind=ConsentKind.NAMED_IN_REPORTS, given_on=date(2025, 1, 1),
                         how=AgreementHow.BY_EMAIL)
    members.withdraw_consent(group, ann, kind=ConsentKind.PHOTOS, withdrawn_on=date(2026, 2, 1))
    detail = members.get_member(group, ann, today=TODAY)
    assert detail.current_consents == frozenset({ConsentKind.NAMED_IN_REPORTS})
    assert members.get_member(group, ann, today=date(2026, 1, 1)).current_consents == frozenset(
        {ConsentKind.NAMED_IN_REPORTS, ConsentKind.PHOTOS}
    )
    photos = next(c for c in detail.consents if c.kind is ConsentKind.PHOTOS)
    assert (photos.given_on, photos.how, photos.withdrawn_on) == (
        date(2025, 1, 1), AgreementHow.SIGNED_PAPER, date(2026, 2, 1)
    )
    # Given again after withdrawing: a new record, and the history is kept.
    members.give_consent(group, ann, kind=ConsentKind.PHOTOS, given_on=date(2026, 5, 1), how=AgreementHow.AT_MEETING)
    detail = members.get_member(group, ann, today=TODAY)
    assert ConsentKind.PHOTOS in detail.current_consents
    assert len(detail.consents) == 3


def test_consent_rules_name_their_field(group):
    (ann,) = add_people(group, "Ann")
    with pytest.raises(ValidationError) as caught:
        members.withdraw_consent(group, ann, kind=ConsentKind.PHOTOS, withdrawn_on=TODAY)
    assert caught.value.field == "kind"
    members.give_consent(group, ann, kind=ConsentKind.PHOTOS, given_on=TODAY, how=AgreementHow.SIGNED_PAPER)
    with pytest.raises(ValidationError) as caught:
        members.give_consent(group, ann, kind=ConsentKind.PHOTOS, given_on=TODAY, how=AgreementHow.SIGNED_PAPER)
    assert caught.value.field == "kind"
    with pytest.raises(ValidationError) as caught:
        members.withdraw_consent(group, ann, kind=ConsentKind.PHOTOS, withdrawn_on=date(2026, 1, 1))
    assert caught.value.field == "withdrawn_on"


def test_deleting_hides_a_member_and_restoring_brings_them_back(group):
    ann, _bob = add_people(group, "Ann", "Bob")
    members.delete_member(group, ann)
    assert names(group, include_former=True) == ["Bob"]
    assert [m.name for m in members.list_deleted_members(group, today=TODAY)] == ["Ann"]
    with pytest.raises(NotFound):
        members.get_member(group, ann)
    members.restore_member(group, ann)
    assert names(group) == ["Ann", "Bob"]
    assert members.list_deleted_members(group) == []


def test_unavailability_must_end_after_it_starts(group):
    (ann,) = add_people(group, "Ann")
    with pytest.raises(ValidationError) as caught:
        members.add_unavailability(group, ann, starts_on=date(2026, 7, 10), ends_on=date(2026, 7, 1))
    assert caught.value.field == "ends_on"
    assert members.add_unavailability(group, ann, starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 1)) > 0


def test_agreed_current_follows_the_version_in_force(group):
    ann, bob = add_people(group, "Ann", "Bob")
    (summary_ann, _) = members.list_members(group, today=TODAY)
    assert summary_ann.agreed_current is False  # no agreement in force yet
    first = agreement.publish_agreement(group, text="What is said here stays here.", effective_from=date(2024, 1, 1))
    agreement.record_agreement(group, member_ids=[ann, bob], version_id=first, agreed_on=date(2024, 2, 1),
                               how=AgreementHow.SIGNED_PAPER)
    second = agreement.publish_agreement(group, text="Version two.", effective_from=date(2026, 7, 1))
    agreement.record_agreement(group, member_ids=[ann], version_id=second, agreed_on=date(2026, 7, 1),
                               how=AgreementHow.AT_MEETING)
    # Before version 2 is in force both have agreed to what is current.
    assert [m.agreed_current for m in members.list_members(group, today=TODAY)] == [True, True]
    later = date(2026, 8, 1)
    assert [m.agreed_current for m in members.list_members(group, today=later)] == [True, False]
    detail = members.get_member(group, bob, today=later)
    assert (detail.agreed_version, detail.agreed_on, detail.current_version) == (1, date(2024, 2, 1), 2)


def test_member_detail_shows_attendance_and_jobs_done(group):
    (ann,) = add_people(group, "Ann")
    meeting = meetings.plan_meeting(group, held_on=date(2026, 5, 12))
    meetings.record_meeting(group, meeting, present=[ann], today=TODAY)
    tea = jobs.add_job(group, title="Tea and biscuits")
    turn = jobs.assign(group, tea, ann, due_on=date(2026, 5, 12), meeting_id=meeting)
    jobs.mark_done(group, turn, done_on=date(2026, 5, 12))
    detail = members.get_member(group, ann, today=TODAY)
    assert detail.attendance == (date(2026, 5, 12),)
    assert detail.jobs_done == ((date(2026, 5, 12), "Tea and biscuits"),)


def test_unknown_member_is_not_found(group):
    with pytest.raises(NotFound):
        members.leave_group(group, 999, left_on=TODAY)


def test_a_role_or_consent_recorded_by_mistake_can_be_removed(group):
    (ann,) = add_people(group, "Ann")
    before = members.get_member(group, ann, today=TODAY)
    role_id = members.add_role(group, ann, role="Welcomer", started_on=TODAY)
    consent_id = members.give_consent(group, ann, kind=ConsentKind.PHOTOS, given_on=TODAY,
                                      how=AgreementHow.SIGNED_PAPER)
    members.remove_role(group, role_id)
    members.remove_consent(group, consent_id)
    assert members.get_member(group, ann, today=TODAY) == before
    with pytest.raises(NotFound):
        members.remove_role(group, role_id)
    with pytest.raises(NotFound):
        members.remove_consent(group, consent_id)


def test_time_away_can_be_added_changed_and_removed(group):

    (ann,) = add_people(group, "Ann")
    away = members.add_unavailability(group, ann, starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 14),
                                      reason="Holiday")
    members.change_unavailability(group, away, starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 7),
                                  reason="Holiday")
    (spell,) = members.get_member(group, ann, today=TODAY).away
    assert (spell.starts_on, spell.ends_on, spell.reason) == (date(2026, 7, 1), date(2026, 7, 7), "Holiday")
    with pytest.raises(ValidationError) as caught:
        members.change_unavailability(group, away, starts_on=date(2026, 7, 9), ends_on=date(2026, 7, 7))
    assert caught.value.field == "ends_on"
    members.remove_unavailability(group, away)
    assert members.get_member(group, ann, today=TODAY).away == ()


def test_nobody_can_join_in_the_future(group):

    with pytest.raises(ValidationError) as caught:
        members.add_member(group, name="Ann", joined_on=date(2026, 6, 2), today=TODAY)
    assert caught.value.field == "joined_on" and "2 June 2026 is after today" in caught.value.message
    assert members.list_members(group, today=TODAY) == []


def test_a_withdrawn_consent_and_an_ended_role_stay_in_the_history(group):

    (ann,) = add_people(group, "Ann")
    members.give_consent(group, ann, kind=ConsentKind.NAMED_IN_REPORTS, given_on=date(2025, 1, 5),
                         how=AgreementHow.SIGNED_PAPER)
    members.withdraw_consent(group, ann, kind=ConsentKind.NAMED_IN_REPORTS, withdrawn_on=date(2026, 3, 1))
    role = members.add_role(group, ann, role="treasurer", started_on=date(2025, 1, 5))
    members.end_role(group, role, ended_on=date(2026, 4, 1))
    detail = members.get_member(group, ann, today=TODAY)
    assert detail.current_consents == frozenset()
    assert [(c.given_on, c.withdrawn_on) for c in detail.consents] == [(date(2025, 1, 5), date(2026, 3, 1))]
    assert [(r.role, r.ended_on) for r in detail.roles] == [("treasurer", date(2026, 4, 1))]
    assert members.list_members(group, today=TODAY)[0].roles_now == ()
