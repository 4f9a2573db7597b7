"""Achievements: photo checks by content and size, quotes credited to members, consent, soft delete."""

from __future__ import annotations

from datetime import date

import pytest
from charter_helpers import make_meeting, make_member

from coordinator_app.db.models import AchievementKind
from coordinator_app.services import achievements, members
from coordinator_app.services.errors import NotFound, ValidationError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64
MB = 1024 * 1024
ON = date(2026, 4, 18)


def _add(group, title="Our first year", **fields) -> int:
    return achievements.add_achievement(group, achieved_on=fields.pop("achieved_on", ON), title=title, **fields)


def test_an_achievement_comes_back_as_entered(group):
    meeting = make_meeting(group)
    zoe = make_member(group, "Zoë Adams")
    achievement_id = _add(
        group,
        title="Tom & Jerry's <first> talk",
        story="Forty people came — our biggest evening.",
        kind=AchievementKind.EVENT,
        meeting_id=meeting,
        quote="I felt I belonged.",
        quote_by_id=zoe,
        consent_to_include=True,
        consent_recorded_on=date(2026, 4, 20),
    )
    assert achievements.get_achievement(group, achievement_id) == achievements.AchievementView(
        id=achievement_id,
        achieved_on=ON,
        title="Tom & Jerry's <first> talk",
        story="Forty people came — our biggest evening.",
        kind=AchievementKind.EVENT,
        meeting_id=meeting,
        has_photo=False,
        photo_mime="",
        quote="I felt I belonged.",
        quote_by_id=zoe,
        quote_by_name="Zoë Adams",
        consent_to_include=True,
        consent_recorded_on=date(2026, 4, 20),
    )


@pytest.mark.parametrize(("photo", "mime"), [(PNG, "image/png"), (JPEG, "image/jpeg")])
def test_a_png_or_jpeg_photo_is_kept_with_its_type(group, photo, mime):
    achievement_id = _add(group, photo=photo)
    view = achievements.list_achievements(group)[0]
    assert (view.has_photo, view.photo_mime) == (True, mime)
    assert achievements.get_photo(group, achievement_id) == (photo, mime)


@pytest.mark.parametrize("photo", [GIF, b"%PDF-1.7 not a picture", b"", b"\x89PN"])
def test_anything_but_png_or_jpeg_is_refused_whatever_it_is_called(group, photo):
    with pytest.raises(ValidationError) as caught:
        _add(group, photo=photo)
    assert caught.value.field == "photo"
    assert "PNG or JPEG" in str(caught.value)
    assert achievements.list_achievements(group) == []


def test_a_photo_of_exactly_five_mb_is_accepted(group):
    photo = JPEG + b"\x00" * (5 * MB - len(JPEG))
    achievement_id = _add(group, photo=photo)
    assert achievements.get_photo(group, achievement_id) == (photo, "image/jpeg")


@pytest.mark.parametrize(("size", "said"), [(5 * MB + 1, "5.1 MB"), (int(7.5 * MB), "7.5 MB")])
def test_a_bigger_photo_is_refused_saying_its_size(group, size, said):
    with pytest.raises(ValidationError) as caught:
        _add(group, photo=PNG + b"\x00" * (size - len(PNG)))
    assert caught.value.field == "photo"
    assert said in str(caught.value) and "5 MB" in str(caught.value)
    assert achievements.list_achievements(group) == []


def test_an_achievement_without_a_photo_has_none(group):
    achievement_id = _add(group)
    assert achievements.get_photo(group, achievement_id) is None
    assert not achievements.get_achievement(group, achievement_id).has_photo


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"achieved_on": None}, "achieved_on"),
        ({"kind": "party"}, "kind"),
        ({"meeting_id": 9999}, "meeting_id"),
        ({"quote_by_id": 9999, "quote": "Hello"}, "quote_by_id"),
        ({"consent_to_include": True}, "consent_recorded_on"),
    ],
)
def test_bad_input_names_its_field_and_saves_nothing(group, fields, field):
    with pytest.raises(ValidationError) as caught:
        _add(group, **fields)
    assert caught.value.field == field
    assert achievements.list_achievements(group) == []


def test_a_quote_credited_to_someone_needs_the_words(group):
    zoe = make_member(group, "Zoë Adams")
    with pytest.raises(ValidationError) as caught:
        _add(group, quote_by_id=zoe, quote=" ")
    assert caught.value.field == "quote"
    anonymous = _add(group, quote="It changed my life.")
    assert achievements.get_achievement(group, anonymous).quote_by_name == ""


def test_a_deleted_member_cannot_be_credited_and_is_no_longer_named(group):
    zoe, gone = make_member(group, "Zoë Adams"), make_member(group, "Gone", deleted=True)
    with pytest.raises(ValidationError) as caught:
        _add(group, quote="Hi", quote_by_id=gone)
    assert caught.value.field == "quote_by_id"
    achievement_id = _add(group, quote="Hi", quote_by_id=zoe)
    members.delete_member(group, zoe)
    view = achievements.get_achievement(group, achievement_id)
    assert (view.quote, view.quote_by_name) == ("Hi", "")


def test_a_deleted_meeting_cannot_be_linked(group):
    gone = make_meeting(group, deleted=True)
    with pytest.raises(ValidationError) as caught:
        _add(group, meeting_id=gone)
    assert caught.value.field == "meeting_id"


def test_without_consent_no_consent_date_is_kept(group):
    achievement_id = _add(group, consent_to_include=False, consent_recorded_on=date(2026, 1, 1))
    view = achievements.get_achievement(group, achievement_id)
    assert (view.consent_to_include, view.consent_recorded_on) == (False, None)


def test_the_list_is_newest_first_and_can_show_one_year(group):
    older = _add(group, "Older", achieved_on=date(2025, 12, 31))
    first = _add(group, "New year", achieved_on=date(2026, 1, 1))
    later = _add(group, "Later", achieved_on=date(2026, 4, 1))
    same_day = _add(group, "Same day, added later", achieved_on=date(2026, 4, 1))
    assert [a.id for a in achievements.list_achievements(group)] == [same_day, later, first, older]
    assert [a.id for a in achievements.list_achievements(group, year=2026)] == [same_day, later, first]
    assert [a.id for a in achievements.list_achievements(group, year=2025)] == [older]
    assert achievements.list_achievements(group, year=2024) == []


def test_delete_hides_and_restore_brings_back(group):
    keep = _add(group, "Keep")
    gone = _add(group, "Deleted by mistake", photo=PNG)
    achievements.delete_achievement(group, gone)
    assert [a.id for a in achievements.list_achievements(group)] == [keep]
    assert [a.title for a in achievements.deleted_achievements(group)] == ["Deleted by mistake"]
    for look in (achievements.get_achievement, achievements.get_photo):
        with pytest.raises(NotFound):
            look(group, gone)
    with pytest.raises(NotFound):
        achievements.update_achievement(group, gone, title="Nope")
    achievements.restore_achievement(group, gone)
    assert {a.id for a in achievements.list_achievements(group)} == {keep, gone}
    assert achievements.get_photo(group, gone) == (PNG, "image/png")
    assert achievements.deleted_achievements(group) == []
    with pytest.raises(NotFound):
        achievements.delete_achievement(group, 9999)


def test_update_changes_the_given_fields_and_keeps_the_rest(group):
    achievement_id = _add(group, story="The story", photo=PNG)
    view = achievements.update_achievement(group, achievement_id, title="Renamed", kind=AchievementKind.FUNDING)
    assert (view.title, view.story, view.has_photo) == ("Renamed", "The story", True)
    assert view.kind is AchievementKind.FUNDING
    assert achievements.update_achievement(group, achievement_id, photo=JPEG).photo_mime == "image/jpeg"
    assert not achievements.update_achievement(group, achievement_id, photo=None).has_photo
    assert achievements.get_photo(group, achievement_id) is None


def test_a_bad_update_changes_nothing(group):
    achievement_id = _add(group, photo=PNG)
    before = achievements.get_achievement(group, achievement_id)
    for fields, field in (
        ({"title": "New", "photo": GIF}, "photo"),
        ({"title": "New", "consent_to_include": True}, "consent_recorded_on"),
        ({"story": "New", "title": ""}, "title"),
    ):
        with pytest.raises(ValidationError) as caught:
            achievements.update_achievement(group, achievement_id, **fields)
        assert caught.value.field == field
    assert achievements.get_achievement(group, achievement_id) == before
    assert achievements.get_photo(group, achievement_id) == (PNG, "image/png")
    with pytest.raises(TypeError):
        achievements.update_achievement(group, achievement_id, likes=3)


def test_consent_given_later_is_recorded_and_withdrawing_it_clears_the_date(group):
    achievement_id = _add(group)
    view = achievements.update_achievement(
        group, achievement_id, consent_to_include=True, consent_recorded_on=date(2026, 5, 2)
    )
    assert (view.consent_to_include, view.consent_recorded_on) == (True, date(2026, 5, 2))
    assert achievements.update_achievement(group, achievement_id, title="Still consented").consent_to_include
    view = achievements.update_achievement(group, achievement_id, consent_to_include=False)
    assert (view.consent_to_include, view.consent_recorded_on) == (False, None)
