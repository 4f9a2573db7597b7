"""The figures the read models compute are right, and the PDFs print the same figures."""

from __future__ import annotations

from datetime import date

import pytest
from reports_helpers import TODAY, flat, pdf_text, populate

from coordinator_app.db.models import AttendanceMode, Fund, Grant, Meeting, MeetingStatus
from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.reports.funding import make_funding_report
from coordinator_app.reports.look import money_text
from coordinator_app.reports.printables import make_agreement_sheet, make_minutes, make_rota, make_sign_in_sheet
from coordinator_app.services import group as group_service
from coordinator_app.services import report_data
from coordinator_app.services.errors import NotFound, ValidationError
from coordinator_app.services.uow import unit_of_work

# populate(): 11 meetings in 2025 (none in August); members present: 3 in January, 4 from February, 5 from
# June; newcomers month % 3; one guest in May.
MONTHS_HELD = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]
PRESENT = {m: 3 + (m >= 2) + (m >= 6) for m in MONTHS_HELD}
NEWCOMERS = sum(m % 3 for m in MONTHS_HELD)
ATTENDANCES = sum(PRESENT.values()) + NEWCOMERS + 1


def test_celebration_figures_match_the_records_and_the_pdf(group, tmp_path):
    populate(group)
    data = report_data.celebration_data(group, year=2025, today=TODAY)
    a = data.activity
    assert (a.meetings_held, a.attendances, a.distinct_people, a.newcomers, a.guests) == (
        11, ATTENDANCES, 5, NEWCOMERS, 1)
    assert a.job_turns == 11 + 6 and a.volunteers == 4
    assert [m.attendances for m in data.by_month] == [
        PRESENT[m] + m % 3 + (m == 5) if m in PRESENT else 0 for m in range(1, 13)]
    assert data.members_at_end == 6 and data.new_members == 2
    assert [(j.title, j.turns, j.people) for j in data.jobs] == [("Bring refreshments", 11, 4),
                                                                ("Open the room", 6, 1)]
    assert [aim.status_label for aim in data.aims] == ["Current", "Achieved"]
    assert [t.name for t in data.practitioners] == ["Dr Priya Raman"]
    assert data.venues == ("St Mark's Hall & Café",) and data.funders == ("Riverside Community Chest",)
    assert data.next_meetings == ()  # a year that is over does not look ahead

    text = flat(pdf_text(make_celebration_report(group, tmp_path / "c.pdf", year=2025, today=TODAY)))
    assert "Our year: 2025" in text and "1 January 2025 to 31 December 2025" in text
    assert f"We met 11 times and people came {ATTENDANCES} times in all." in text
    assert f"{ATTENDANCES} times people came" in text and "11 meetings held" in text
    assert f"{NEWCOMERS} newcomers welcomed" in text
    assert "17 turns at the group's jobs were taken by 4 people" in text
    assert "1 other person who prefers not to be named" in text
    assert "Dr Priya Raman" in text and "co-educator, resource builder" in text
    assert "Looking ahead" not in text and "Planning the year" not in text


def test_a_financial_year_runs_from_the_groups_start_month(group):
    populate(group)
    assert report_data.year_period(2025, start_month=4) == (date(2025, 4, 1), date(2026, 3, 31),
                                                           "April 2025 to March 2026")
    data = report_data.celebration_data(group, year=2025, financial=True, today=TODAY)
    assert data.period_label == "April 2025 to March 2026"
    assert data.activity.meetings_held == 8  # April to December, no August
    # Still running on 15 January 2026, before that month's meeting: April to December, no empty January bar.
    assert [m.label for m in data.by_month][:2] == ["Apr", "May"] and [m.label for m in data.by_month][-1] == "Dec"
    assert data.so_far and [m.held_on for m in data.next_meetings] == [date(2026, 2, 10), date(2026, 3, 10),
                                                                       date(2026, 4, 10)]


def test_a_quiet_year_gets_a_warm_report_not_an_error(group, tmp_path):
    data = report_data.celebration_data(group, year=2024, today=TODAY)
    assert data.quiet and data.activity.meetings_held == 0
    path = make_celebration_report(group, tmp_path / "quiet.pdf", year=2024, today=TODAY)
    text = flat(pdf_text(path))
    assert "This was a quiet year for the group, and that is all right." in text
    assert "No meetings were recorded this year." in text
    assert "Looking ahead" not in text


def test_funding_figures_match_the_books_and_the_pdf(group, tmp_path):
    built = populate(group)
    data = report_data.funding_data(group, reference=built.grant_reference, today=TODAY)
    assert data.spent_pence == 5 * 12_000 + 2_345 + 1_000
    assert data.left_pence == 150_000 - data.spent_pence
    assert data.fund_balance_pence == 150_000 - data.spent_pence
    assert [(line.name, line.budget_pence, line.spent_pence, line.remaining_pence) for line in data.lines] == [
        ("Room hire", 100_000, 60_000, 40_000), ("Refreshments", 50_000, 2_345, 47_655)]
    assert data.unallocated_spent_pence == 1_000
    assert data.activity.meetings_held == 11 and data.activity.newcomers == NEWCOMERS
    assert data.activity.support_sessions == 2 and data.activity.volunteers == 4
    assert [(o.target, o.achieved) for o in data.outcomes] == [(12, 11), (10, NEWCOMERS)]
    assert [q.text for q in data.quotes] == ["I found people who understand.", "This group got me through the winter."]

    text = flat(pdf_text(make_funding_report(group, tmp_path / "f.pdf", reference="rcc-2025-07", today=TODAY)))
    for pence in (150_000, data.spent_pence, data.left_pence, 60_000, 2_345, 40_000, 47_655, 1_000, 12_000):
        assert money_text(pence) in text, money_text(pence)
    assert "Report to Riverside Community Chest" in text and "RCC-2025-07" in text
    assert "11 meetings held" in text and f"{ATTENDANCES} attendances" in text
    assert f"{money_text(data.left_pence)} of the grant is still to spend" in text


def test_money_prints_in_pounds_and_pence():
    assert money_text(0) == "£0.00"
    assert money_text(123_456) == "£1,234.56"
    assert money_text(-1_200) == "-£12.00"
    assert money_text(-1_200, brackets=True) == "(£12.00)"


def test_bad_requests_get_one_plain_sentence(group, tmp_path):
    populate(group)
    with pytest.raises(NotFound, match="There is no grant with the reference “NOPE”."):
        make_funding_report(group, tmp_path / "x.pdf", reference="NOPE", today=TODAY)
    with pytest.raises(ValidationError, match="grant's reference"):
        report_data.funding_data(group, reference="  ")
    with pytest.raises(NotFound, match="There is no meeting on 11 March 2025."):
        make_minutes(group, tmp_path / "x.pdf", held_on=date(2025, 3, 11), today=TODAY)
    with pytest.raises(ValidationError, match="has not been recorded yet"):
        make_minutes(group, tmp_path / "x.pdf", held_on=date(2026, 2, 10), today=TODAY)
    with pytest.raises(ValidationError, match="a year such as 2025"):
        report_data.celebration_data(group, year=25)
    assert not (tmp_path / "x.pdf").exists()


def test_a_group_without_an_agreement_is_told_so(group, tmp_path):
    with pytest.raises(ValidationError, match="has not written down its confidentiality agreement"):
        make_agreement_sheet(group, tmp_path / "a.pdf", today=TODAY)


def test_a_sheet_can_be_printed_with_no_meeting_planned_and_an_empty_rota(group, tmp_path):
    sign_in = flat(pdf_text(make_sign_in_sheet(group, tmp_path / "s.pdf", today=TODAY)))
    assert "Sign-in sheet" in sign_in and "Date:" in sign_in
    rota = flat(pdf_text(make_rota(group, tmp_path / "r.pdf", today=TODAY)))
    assert "No turns are planned yet." in rota


def test_the_rota_shows_turns_from_today_by_date(group, tmp_path):
    populate(group)
    data = report_data.rota_data(group, today=TODAY)
    assert [(t.due_on, t.job) for t in data.turns] == [
        (date(2026, 2, 10), "Bring refreshments"), (date(2026, 3, 10), "Bring refreshments"),
        (date(2026, 4, 10), "Bring refreshments")]
    assert data.turns[1].who == "Someone who prefers not to be named"
    assert data.jobs_without_turns == ("Open the room", "Welcome newcomers")


def test_a_count_only_group_gets_counts_and_never_names(group, tmp_path):
    group_service.update_profile(group, attendance_mode=AttendanceMode.COUNT_ONLY)
    with unit_of_work(group) as session:
        for month, members in ((2, 7), (3, 9), (4, 8)):
            session.add(Meeting(held_on=date(2025, month, 4), status=MeetingStatus.HELD, members_count=members,
                                newcomers_count=1))
        fund = Fund(name="Small grant")
        session.add(fund)
        session.flush()
        session.add(Grant(funder="Parish council", reference="PC-1", amount_pence=50_000, fund_id=fund.id,
                          starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)))
    data = report_data.celebration_data(group, year=2025, today=TODAY)
    assert data.activity.distinct_people is None
    assert data.activity.attendances == 7 + 9 + 8 + 3
    text = flat(pdf_text(make_celebration_report(group, tmp_path / "c.pdf", year=2025, today=TODAY)))
    assert "27 times people came" in text and "9 at a typical meeting" in text
    funding = flat(pdf_text(make_funding_report(group, tmp_path / "f.pdf", reference="PC-1", today=TODAY)))
    assert "27 attendances" in funding and "9 at a typical meeting" in funding
    assert "Nothing has been paid from the grant yet." in funding
    assert "£500.00 of the grant is still to spend" in funding
