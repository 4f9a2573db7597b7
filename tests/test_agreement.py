"""The confidentiality agreement: numbered dated versions, and a new version asks everyone again."""

from __future__ import annotations

from datetime import date

import pytest
from charter_helpers import TODAY, make_meeting, make_member

from coordinator_app.db.models import AgreementHow
from coordinator_app.services import agreement, members
from coordinator_app.services.errors import NotFound, ValidationError

V1_FROM = date(2025, 1, 1)
V2_FROM = date(2026, 3, 1)


def _publish(group, effective_from=V1_FROM, text="What is said here stays here.") -> int:
    return agreement.publish_agreement(group, text=text, effective_from=effective_from)


def _agree(group, member_ids, version_id, agreed_on=date(2026, 4, 1), how=AgreementHow.SIGNED_PAPER) -> int:
    return agreement.record_agreement(group, member_ids=member_ids, version_id=version_id, agreed_on=agreed_on, how=how)


def _status(group, today=TODAY):
    return {row.name: row for row in agreement.agreement_status(group, today=today)}


def test_versions_are_numbered_one_two_three_and_listed_newest_first(group):
    ids = [_publish(group, date(2024 + n, 1, 1), f"Version text {n}") for n in range(3)]
    versions = agreement.agreement_versions(group)
    assert [(v.id, v.number, v.text) for v in versions] == [
        (ids[2], 3, "Version text 2"), (ids[1], 2, "Version text 1"), (ids[0], 1, "Version text 0"),
    ]


def test_the_text_is_kept_exactly_as_typed(group):
    text = "We don't repeat names — Zoë, Łukasz, أحمد — outside the room.\nTom & Jerry <3 agree."
    _publish(group, text=text)
    assert agreement.current_agreement(group, today=TODAY).text == text


def test_a_new_version_cannot_start_before_the_previous_one(group):
    _publish(group, V2_FROM)
    with pytest.raises(ValidationError) as caught:
        _publish(group, date(2026, 2, 28))
    assert caught.value.field == "effective_from"
    assert "1 March 2026" in str(caught.value)
    assert len(agreement.agreement_versions(group)) == 1
    assert _publish(group, V2_FROM)  # the same day is fine: a same-day correction


@pytest.mark.parametrize(("changes", "field"), [({"text": " "}, "text"), ({"effective_from": None}, "effective_from")])
def test_a_version_needs_text_and_a_start_date(group, changes, field):
    with pytest.raises(ValidationError) as caught:
        agreement.publish_agreement(group, **{"text": "Stay here", "effective_from": V1_FROM, **changes})
    assert caught.value.field == field
    assert agreement.agreement_versions(group) == []


def test_a_version_can_name_the_meeting_that_decided_it(group):
    meeting = make_meeting(group)
    assert agreement.publish_agreement(group, text="T", effective_from=V1_FROM, decided_at_meeting_id=meeting)
    with pytest.raises(ValidationError) as caught:
        agreement.publish_agreement(group, text="T", effective_from=V2_FROM, decided_at_meeting_id=9999)
    assert caught.value.field == "decided_at_meeting_id"


def test_the_current_version_is_the_newest_already_in_force(group):
    assert agreement.current_agreement(group, today=TODAY) is None
    v1 = _publish(group, V1_FROM)
    v2 = _publish(group, date(2026, 9, 1))
    assert agreement.current_agreement(group, today=date(2024, 12, 31)) is None
    assert agreement.current_agreement(group, today=TODAY).id == v1
    assert agreement.current_agreement(group, today=date(2026, 9, 1)).id == v2


def test_several_members_agree_at_once_and_repeats_are_skipped(group):
    v1 = _publish(group)
    zoe, lukasz, hoa = (make_member(group, n) for n in ("Zoë Adams", "Łukasz Nowak", "Nguyễn Thị Hoa"))
    assert _agree(group, [zoe, lukasz], v1) == 2
    assert _agree(group, [zoe, lukasz, hoa, hoa], v1, how=AgreementHow.AT_MEETING) == 1
    status = _status(group)
    assert status["Zoë Adams"].how is AgreementHow.SIGNED_PAPER  # the first record is kept
    assert status["Nguyễn Thị Hoa"].how is AgreementHow.AT_MEETING
    assert all(row.agreed_current and row.agreed_version == 1 for row in status.values())
    assert agreement.agreement_versions(group)[0].agreed_count == 3


def test_nobody_can_agree_before_the_version_started(group):
    v2 = _publish(group, V2_FROM)
    zoe = make_member(group, "Zoë Adams")
    with pytest.raises(ValidationError) as caught:
        _agree(group, [zoe], v2, agreed_on=date(2026, 2, 28))
    assert caught.value.field == "agreed_on"
    assert _status(group)["Zoë Adams"].agreed_version is None
    assert _agree(group, [zoe], v2, agreed_on=V2_FROM) == 1


def test_only_members_of_the_group_that_day_can_agree_and_then_nobody_is_recorded(group):
    v1 = _publish(group)
    zoe = make_member(group, "Zoë Adams")
    gone = make_member(group, "Siobhán Ó Briain", left_on=date(2026, 3, 31))
    deleted = make_member(group, "Tom & Jerry", deleted=True)
    late = make_member(group, "أحمد", joined_on=date(2026, 5, 1))
    for other in (gone, deleted, late, 9999):
        with pytest.raises(ValidationError) as caught:
            _agree(group, [zoe, other], v1, agreed_on=date(2026, 4, 1))
        assert caught.value.field == "member_ids"
    assert agreement.agreement_versions(group)[0].agreed_count == 0
    assert _agree(group, [gone], v1, agreed_on=date(2026, 3, 31)) == 1  # the day they left still counts


def test_recording_needs_members_a_real_version_and_a_way_of_agreeing(group):
    v1 = _publish(group)
    zoe = make_member(group, "Zoë Adams")
    with pytest.raises(ValidationError) as caught:
        _agree(group, [], v1)
    assert caught.value.field == "member_ids"
    with pytest.raises(ValidationError) as caught:
        _agree(group, [zoe], v1, how="by pigeon")
    assert caught.value.field == "how"
    with pytest.raises(ValidationError) as caught:
        _agree(group, [zoe], v1, agreed_on=None)
    assert caught.value.field == "agreed_on"
    with pytest.raises(NotFound):
        _agree(group, [zoe], 9999)
    assert agreement.agreement_versions(group)[0].agreed_count == 0


def test_a_new_version_asks_everyone_again(group):
    v1 = _publish(group, V1_FROM)
    zoe, lukasz = make_member(group, "Zoë Adams"), make_member(group, "Łukasz Nowak")
    _agree(group, [zoe, lukasz], v1, agreed_on=date(2025, 2, 1))
    v2 = _publish(group, V2_FROM, "New wording")
    before = _status(group, today=date(2026, 2, 28))
    assert before["Zoë Adams"].agreed_current and before["Łukasz Nowak"].agreed_current

    after = _status(group)
    assert after["Zoë Adams"].agreed_version == 1 and not after["Zoë Adams"].agreed_current
    assert [row.name for row in agreement.members_not_agreed(group, today=TODAY)] == ["Łukasz Nowak", "Zoë Adams"]

    _agree(group, [zoe], v2, agreed_on=date(2026, 4, 2), how=AgreementHow.BY_EMAIL)
    zoe_now = _status(group)["Zoë Adams"]
    assert (zoe_now.agreed_version, zoe_now.agreed_on, zoe_now.how, zoe_now.agreed_current) == (
        2, date(2026, 4, 2), AgreementHow.BY_EMAIL, True,
    )
    assert [row.name for row in agreement.members_not_agreed(group, today=TODAY)] == ["Łukasz Nowak"]
    assert [(v.number, v.agreed_count) for v in agreement.agreement_versions(group)] == [(2, 1), (1, 2)]


def test_status_covers_current_members_only_sorted_by_name(group):
    _publish(group)
    make_member(group, "zoë Adams")
    make_member(group, "Ahmed Ali")
    make_member(group, "Former Fred", left_on=date(2026, 5, 31))
    make_member(group, "Leaving Today", left_on=TODAY)
    make_member(group, "Leaving Later", left_on=date(2026, 6, 2))
    make_member(group, "Deleted Dora", deleted=True)
    assert [row.name for row in agreement.agreement_status(group, today=TODAY)] == [
        "Ahmed Ali", "Leaving Later", "zoë Adams",
    ]


def test_with_no_agreement_in_force_nobody_is_listed_as_still_to_agree(group):
    make_member(group, "Zoë Adams")
    assert [row.agreed_current for row in agreement.agreement_status(group, today=TODAY)] == [False]
    assert agreement.members_not_agreed(group, today=TODAY) == []
    _publish(group, date(2026, 7, 1))  # not in force until July
    assert agreement.members_not_agreed(group, today=TODAY) == []
    assert len(agreement.members_not_agreed(group, today=date(2026, 7, 1))) == 1


def test_deleted_members_do_not_count_as_having_agreed(group):
    v1 = _publish(group)
    zoe, tom = make_member(group, "Zoë Adams"), make_member(group, "Tom & Jerry")
    _agree(group, [zoe, tom], v1)
    members.delete_member(group, tom)
    assert agreement.current_agreement(group, today=TODAY).agreed_count == 1
    assert [row.name for row in agreement.agreement_status(group, today=TODAY)] == ["Zoë Adams"]


def test_the_newest_version_can_be_removed_until_someone_agrees_to_it(group):
    v1 = _publish(group)
    zoe = make_member(group, "Zoë Adams")
    _agree(group, [zoe], v1)
    before = (agreement.agreement_versions(group), _status(group))
    v2 = _publish(group, effective_from=date(2026, 5, 1), text="A mistake")
    agreement.remove_version(group, v2)
    assert (agreement.agreement_versions(group), _status(group)) == before
    with pytest.raises(NotFound):
        agreement.remove_version(group, v2)
    for version_id in (v1, _publish(group, effective_from=date(2026, 5, 1))):
        _agree(group, [zoe], version_id, agreed_on=date(2026, 5, 2))
        with pytest.raises(ValidationError) as caught:
            agreement.remove_version(group, version_id)  # v1 is not the newest; the new one has an agreement
        assert caught.value.field == "version_id"


def test_recorded_agreement_can_be_taken_back_for_the_members_given(group):
    v1 = _publish(group)
    zoe, lukasz = (make_member(group, n) for n in ("Zoë Adams", "Łukasz Nowak"))
    _agree(group, [zoe], v1)
    before = _status(group)
    _agree(group, [lukasz], v1)
    agreement.remove_agreements(group, version_id=v1, member_ids=[lukasz])
    assert _status(group) == before
