"""Sheets used inside the group call people by the names they go by; who shared a good thing is named only by choice."""

from __future__ import annotations

from datetime import date, time

import pytest
from reports_helpers import flat, pdf_text

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import (
    AgreementHow,
    AssignmentStatus,
    Consent,
    ConsentKind,
    GoodThing,
    Job,
    JobAssignment,
    Meeting,
    MeetingStatus,
    Member,
)
from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.reports.printables import make_minutes, make_rota, make_sign_in_sheet
from coordinator_app.services import group as group_service
from coordinator_app.services import report_data
from coordinator_app.services.uow import unit_of_work

TODAY = date(2026, 1, 15)
NAMED = (ConsentKind.NAMED_IN_REPORTS,)


@pytest.fixture
def group(tmp_path):
    path = tmp_path / "circle.group"
    group_service.create_group(path, name="Carers' Circle", about="")
    group = open_group(path)
    with unit_of_work(group) as s:
        def member(name: str, preferred: str = "", consents=NAMED) -> Member:
            row = Member(name=name, preferred_name=preferred, joined_on=date(2024, 1, 1))
            row.consents = [Consent(kind=k, given_on=date(2024, 1, 1), how=AgreementHow.SIGNED_PAPER)
                            for k in consents]
            s.add(row)
            return row

        liz = member("Elizabeth Taylor", "Liz")
        tom = member("Tom & Jerry <3")
        inside = member("Gareth Pryce", "Gaz", (ConsentKind.NAMED_IN_GROUP,))
        member("Marjorie Quillfeather", "Madge", ())
        held = Meeting(held_on=date(2025, 12, 9), start_time=time(19), status=MeetingStatus.HELD)
        s.add_all([held, Meeting(held_on=date(2026, 2, 10), start_time=time(19))])
        s.flush()
        s.add_all([
            GoodThing(meeting_id=held.id, text="The garden is blooming again", shared_by_id=liz.id,
                      name_shareable=True, position=0),
            GoodThing(meeting_id=held.id, text="I slept through the night", shared_by_id=tom.id,
                      name_shareable=False, position=1),
        ])
        tea = Job(title="Bring refreshments")
        s.add(tea)
        s.flush()
        s.add_all([
            JobAssignment(job_id=tea.id, member_id=liz.id, due_on=date(2026, 2, 10)),
            JobAssignment(job_id=tea.id, member_id=inside.id, due_on=date(2026, 3, 10)),
            JobAssignment(job_id=tea.id, member_id=liz.id, meeting_id=held.id, due_on=held.held_on,
                          status=AssignmentStatus.DONE, done_on=held.held_on),
        ])
    yield group
    group.close()


def test_the_sign_in_sheet_lists_people_by_the_name_they_go_by_with_the_full_name_small(group, tmp_path):
    data = report_data.sign_in_data(group, today=TODAY)
    assert data.names == ("Gaz", "Liz", "Tom & Jerry <3")
    assert data.full_names == ("Gareth Pryce", "Elizabeth Taylor", "")
    text = flat(pdf_text(make_sign_in_sheet(group, tmp_path / "sign-in.pdf", today=TODAY)))
    assert "Liz (Elizabeth Taylor)" in text and "Tom & Jerry <3" in text
    assert "Madge" not in text and "Quillfeather" not in text


def test_the_sign_in_sheet_words_the_unlisted_honestly_and_counts_guests_apart(group, tmp_path):
    text = flat(pdf_text(make_sign_in_sheet(group, tmp_path / "sign-in.pdf", today=TODAY)))
    # Marjorie was never asked: the sheet must not claim she "asked not to" be named.
    assert "asked not to" not in text
    assert "1 member is not listed because they have not agreed to have their name on this sheet" in text
    assert "Guests" in text and "please make a mark here" in text


def test_the_rota_names_whose_turn_it_is_by_the_name_they_go_by(group, tmp_path):
    turns = report_data.rota_data(group, today=TODAY).turns
    assert [turn.who for turn in turns] == ["Liz", "Gaz"]  # Gaz agreed to be named inside the group only
    assert "Elizabeth Taylor" not in flat(pdf_text(make_rota(group, tmp_path / "rota.pdf", today=TODAY)))


def test_the_celebration_names_a_sharer_only_when_they_chose_to_share_with_their_name(group, tmp_path):
    data = report_data.celebration_data(group, year=2025, today=TODAY)
    said = {line.text: line.by for line in data.good_things}
    assert said == {"The garden is blooming again": "Liz", "I slept through the night": ""}
    text = flat(pdf_text(make_celebration_report(group, tmp_path / "celebration.pdf", year=2025, today=TODAY)))
    assert "“I slept through the night” —" not in text
    assert "Gaz" not in text  # named inside the group only: never in a report that leaves the room


def test_formal_minutes_keep_full_names(group, tmp_path):
    text = flat(pdf_text(make_minutes(group, tmp_path / "minutes.pdf", held_on=date(2025, 12, 9), today=TODAY)))
    assert "The garden is blooming again (Liz)" in text
    assert "I slept through the night" in text and "I slept through the night (" not in text
