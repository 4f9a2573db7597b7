"""What must never be printed, and who may be named: the privacy rules, read back from the PDFs themselves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from reports_helpers import (
    ARABIC,
    HIDDEN,
    PRIVATE_MINUTES,
    SECRET_NOTE,
    SHARED_MINUTES,
    TODAY,
    TRICKY,
    UNCONSENTED_STORY,
    WITHDRAWN,
    Built,
    flat,
    pdf_text,
    populate,
)

from coordinator_app.db.groupfile import GroupFile, open_group
from coordinator_app.db.models import AttendanceMode
from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.reports.funding import make_funding_report
from coordinator_app.reports.printables import (
    make_agreement_sheet,
    make_contact_list,
    make_minutes,
    make_rota,
    make_sign_in_sheet,
)
from coordinator_app.services import group as group_service
from coordinator_app.services import report_data


@pytest.fixture(scope="module")
def lively(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GroupFile, Built, Path]]:
    folder = tmp_path_factory.mktemp("lively")
    path = folder / "lively.group"
    group_service.create_group(path, name="Riverside Carers' Circle", about="Carers supporting carers")
    group = open_group(path)
    try:
        yield group, populate(group), folder
    finally:
        group.close()


@pytest.fixture(scope="module")
def documents(lively: tuple[GroupFile, Built, Path]) -> dict[str, str]:
    """Every document for the lively group, as the text a reader of the PDF would see."""
    group, built, folder = lively
    made = {
        "celebration": make_celebration_report(group, folder / "celebration.pdf", year=2025, today=TODAY),
        "celebration-financial": make_celebration_report(group, folder / "fy.pdf", year=2025, financial=True,
                                                         today=TODAY),
        "funding": make_funding_report(group, folder / "funding.pdf", reference=built.grant_reference, today=TODAY),
        "sign-in": make_sign_in_sheet(group, folder / "sign-in.pdf", today=TODAY),
        "agreement": make_agreement_sheet(group, folder / "agreement.pdf", today=TODAY),
        "contacts": make_contact_list(group, folder / "contacts.pdf", today=TODAY),
        "rota": make_rota(group, folder / "rota.pdf", today=TODAY),
        "minutes-shared": make_minutes(group, folder / "minutes-shared.pdf", held_on=built.shared_minutes_on,
                                       today=TODAY),
        "minutes-private": make_minutes(group, folder / "minutes-private.pdf", held_on=built.private_minutes_on,
                                        today=TODAY),
    }
    return {name: flat(pdf_text(path)) for name, path in made.items()}


NEVER = [
    SECRET_NOTE, "diagnosis", "PRIVATE NOTE", PRIVATE_MINUTES, UNCONSENTED_STORY, "Not for print",
    HIDDEN, "Marjorie", "Quillfeather", WITHDRAWN, "Wendy", "07700 900999", "mq@example.org", "07700 900888",
]


@pytest.mark.parametrize("secret", NEVER)
def test_no_document_prints_confidential_notes_or_members_who_did_not_agree(documents, secret):
    leaks = [name for name, text in documents.items() if secret.casefold() in text.casefold()]
    assert leaks == [], f"{secret!r} printed in {leaks}"


def test_the_documents_do_print_the_members_who_agreed(documents):
    for name in ("celebration", "sign-in", "contacts"):
        assert TRICKY in documents[name], name
    assert "Siobhán Ó Briain" in documents["sign-in"]
    assert "Nguyễn Thị Hoa" in documents["rota"]


def test_a_quote_is_credited_only_to_someone_who_agreed_to_be_named(documents):
    text = documents["celebration"]
    assert f"“I found people who understand.” — {TRICKY}" in text
    assert "“This group got me through the winter.” — a member of the group" in text


def test_names_in_free_text_are_replaced_when_the_member_has_not_agreed(documents):
    assert "Twelve months of Tuesdays. A member baked a cake." in documents["celebration"]
    assert "A member will ask the vicar." in documents["minutes-shared"]
    assert "A member (expenses)" in documents["funding"]


def test_photos_print_only_with_consent(lively):
    group, _, _ = lively
    stories = {s.title: s for s in report_data.celebration_data(group, year=2025, today=TODAY).stories}
    assert stories["Our first year together"].photo is not None
    # consented to the achievement, but the member in it has not agreed to photos
    assert stories["A quote from someone private"].photo is None
    assert UNCONSENTED_STORY not in stories


def test_the_contact_list_shows_only_members_who_agreed_to_share(documents, lively):
    text = documents["contacts"]
    assert "CONFIDENTIAL" in text
    assert "07700 900123" in text and "lukasz@example.org" in text
    assert "Siobhán" not in text  # named in reports, but did not agree to share contact details
    data = report_data.contact_list_data(lively[0], today=TODAY)
    assert [row.name for row in data.rows] == [TRICKY, "Nguyễn Thị Hoa", ARABIC]
    assert data.not_sharing == 3
    assert "3 members chose not to share their details" in text


def test_the_sign_in_sheet_lists_named_members_alphabetically_and_leaves_lines_for_the_rest(lively, documents):
    data = report_data.sign_in_data(lively[0], today=TODAY)
    assert data.meeting is not None and data.meeting.held_on == date(2026, 2, 10)
    assert list(data.names) == ["Łukasz Wójcik & Zoë <O'Neil>", "Nguyễn Thị Hoa", "Siobhán Ó Briain", ARABIC]
    assert set(data.names) == {TRICKY, "Siobhán Ó Briain", "Nguyễn Thị Hoa", ARABIC}
    assert data.unnamed_members == 2 and data.blank_lines >= 8
    assert "Tuesday 10 February 2026" in documents["sign-in"]
    assert ("2 members are not listed because they have not agreed to have their name on this sheet"
            in documents["sign-in"])


def test_consent_is_judged_on_the_day_the_sheet_is_printed(lively):
    before_withdrawal = report_data.sign_in_data(lively[0], held_on=date(2025, 11, 10), today=date(2025, 11, 1))
    assert WITHDRAWN in before_withdrawal.names
    after = report_data.sign_in_data(lively[0], held_on=date(2025, 11, 10), today=TODAY)
    assert WITHDRAWN not in after.names


def test_minutes_print_only_the_parts_marked_shareable(documents):
    shared, private = documents["minutes-shared"], documents["minutes-private"]
    assert "We agreed to try a new room & keep the tea fund <for now>." in shared
    assert SHARED_MINUTES.split(" <")[0] in shared
    assert "Move to the small room" in shared and "7 for, 1 against, 1 abstaining" in shared
    assert "Someone who prefers not to be named" in shared  # the action's owner did not agree to be named
    assert "stays within the group" in private


def test_a_count_only_group_gets_a_tally_sheet_with_no_names(lively, tmp_path):
    group, _, _ = lively
    group_service.update_profile(group, attendance_mode=AttendanceMode.COUNT_ONLY)
    try:
        text = flat(pdf_text(make_sign_in_sheet(group, tmp_path / "tally.pdf", today=TODAY)))
    finally:
        group_service.update_profile(group, attendance_mode=AttendanceMode.BY_NAME)
    assert "Tally sheet" in text and "Please do not write names" in text
    assert TRICKY not in text and "Siobhán" not in text
    assert "Members" in text and "Newcomers" in text and "Guests" in text
