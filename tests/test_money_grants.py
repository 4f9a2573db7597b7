"""Grants the treasurer sets up: details, budget lines that should add up, reports falling due, and the
outcomes promised to the funder, counted by the app or recorded by hand, as the funding report prints them."""

from __future__ import annotations

from datetime import date

import pytest
from money_helpers import set_up
from reports_helpers import flat, pdf_text

from coordinator_app.db.models import AchievementKind, FundKind
from coordinator_app.reports.funding import make_funding_report
from coordinator_app.services import achievements, meetings, members
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.money import books, grants, outcomes, transactions

PDF = b"%PDF-1.4\n%fake but signed like a PDF\n"
START, END = date(2025, 4, 1), date(2026, 3, 31)


def _grant(group, **more) -> int:
    return grants.add_grant(group, funder="Awards for All", reference="AfA-77", amount_pence=300_000,
                            starts_on=START, ends_on=END, **more)


def test_a_new_grant_gets_its_own_restricted_fund_and_warns_when_the_budget_does_not_add_up(group):
    set_up(group)
    grant_id = _grant(group, fund_name="Awards for All: peer support", reports_due=[date(2026, 4, 30)],
                      budget_lines=[("Room hire", 150_000), ("Refreshments", 50_000)])
    grant = grants.get_grant(group, grant_id)
    fund = next(f for f in books.list_funds(group) if f.id == grant.fund_id)
    assert (fund.name, fund.kind) == ("Awards for All: peer support", FundKind.RESTRICTED)
    assert grant.budget_warning == "The budget lines add up to £2,000.00, £1,000.00 less than the £3,000.00 awarded."
    line_id = grants.add_budget_line(group, grant_id, name="Training", amount_pence=100_000)
    assert grants.get_grant(group, grant_id).budget_warning is None
    grants.update_budget_line(group, line_id, amount_pence=120_000)
    assert "£200.00 more than" in (grants.get_grant(group, grant_id).budget_warning or "")
    with pytest.raises(ValidationError, match="already has a budget line called") as caught:
        grants.add_budget_line(group, grant_id, name="room hire", amount_pence=1)
    assert caught.value.field == "budget_line"


def test_a_retired_budget_line_keeps_its_spending_but_is_not_offered(group):
    acct = set_up(group)
    grant_id = _grant(group, budget_lines=[("Room hire", 150_000), ("Publicity", 150_000)])
    room, publicity = grants.get_grant(group, grant_id).lines
    transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 1), amount_pence=4_000,
                                payee="St Mary's", budget_line_id=publicity.id)
    grants.retire_budget_line(group, publicity.id)
    grant = grants.get_grant(group, grant_id)
    assert [line.name for line in grant.open_lines] == ["Room hire"]
    assert grant.lines[1].spent_pence == 4_000
    grants.retire_budget_line(group, publicity.id, retired=False)
    assert len(grants.get_grant(group, grant_id).open_lines) == 2


def test_changing_a_grant_checks_its_dates_reference_and_fund(group):
    acct = set_up(group)
    grant_id = _grant(group, reports_due=[date(2025, 10, 1)])
    _grant_two = grants.add_grant(group, funder="Lottery", reference="NL-1", amount_pence=1_000, starts_on=START,
                                  ends_on=END)
    with pytest.raises(ValidationError, match="already a grant with the reference") as caught:
        grants.update_grant(group, grant_id, reference="nl-1")
    assert caught.value.field == "reference"
    with pytest.raises(ValidationError, match="before the grant starts"):
        grants.update_grant(group, grant_id, starts_on=date(2025, 11, 1), ends_on=date(2026, 10, 31))
    changed = grants.update_grant(group, grant_id, funder="Awards for All England", amount_pence=310_000)
    assert (changed.funder, changed.amount_pence, changed.starts_on) == ("Awards for All England", 310_000, START)
    other = grants.get_grant(group, _grant_two)
    with pytest.raises(ValidationError, match="already holds the grant NL-1"):
        grants.update_grant(group, grant_id, fund_id=other.fund_id)
    with pytest.raises(ValidationError, match="restricted fund"):
        grants.update_grant(group, grant_id, fund_id=acct.general)
    transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 4, 3), amount_pence=310_000,
                                fund_id=changed.fund_id)
    spare = books.add_fund(group, name="Spare", kind=FundKind.RESTRICTED)
    with pytest.raises(ValidationError, match="Money has already moved"):
        grants.update_grant(group, grant_id, fund_id=spare)


def test_reports_falling_due_are_listed_until_sent_or_the_grant_is_closed(group):
    set_up(group)
    grant_id = _grant(group, reports_due=[date(2025, 10, 31), date(2026, 4, 30)])
    (first,) = grants.reports_due(group, today=date(2025, 10, 1))
    assert first.sentence == "The report to Awards for All (AfA-77) is due on 31 October 2025, in 30 days."
    late = grants.reports_due(group, today=date(2025, 11, 2))[0]
    assert late.sentence == ("The report to Awards for All (AfA-77) was due on 31 October 2025 and has not "
                             "been sent.")
    grants.mark_report_sent(group, first.report_id, sent_on=date(2025, 11, 3))
    assert grants.reports_due(group, today=date(2025, 11, 4)) == []
    assert grants.get_grant(group, grant_id).report_due_on == date(2026, 4, 30)
    grants.set_reports_due(group, grant_id, [date(2026, 5, 15)])
    assert [r.due_on for r in grants.get_grant(group, grant_id).reports] == [date(2025, 10, 31), date(2026, 5, 15)]
    grants.close_grant(group, grant_id, today=date(2026, 3, 1))
    assert grants.reports_due(group, today=date(2026, 5, 1)) == []
    assert grants.list_grants(group, include_closed=False) == []
    with pytest.raises(ValidationError, match="already closed"):
        grants.close_grant(group, grant_id, today=date(2026, 3, 2))
    assert grants.reopen_grant(group, grant_id).closed_on is None


def _activity(group) -> tuple[list[int], list[int]]:
    people = [members.add_member(group, name=n, joined_on=date(2025, 1, 1)) for n in ("Ann", "Bea", "Cai")]
    held = []
    for month, present in ((5, people[:2]), (6, people), (9, people[1:])):
        meeting_id = meetings.plan_meeting(group, held_on=date(2025, month, 10))
        meetings.record_meeting(group, meeting_id, present=present, newcomers=1, today=date(2025, 12, 1))
        held.append(meeting_id)
    outside = meetings.plan_meeting(group, held_on=date(2025, 3, 10))  # before the grant starts: not counted
    meetings.record_meeting(group, outside, present=people, today=date(2025, 12, 1))
    return people, held


def test_outcomes_counted_by_the_app_and_recorded_by_hand_print_in_the_funding_report(group, tmp_path):
    set_up(group)
    _people, held = _activity(group)
    course = achievements.add_achievement(group, achieved_on=date(2025, 7, 1), title="First aid course passed",
                                          kind=AchievementKind.MILESTONE)
    achievements.add_achievement(group, achieved_on=date(2025, 8, 1), title="Summer picnic",
                                 kind=AchievementKind.EVENT)
    grant_id = _grant(group)
    counted = outcomes.add_outcome(group, grant_id, text="Hold monthly meetings", target=12, measure="meetings")
    outcomes.add_outcome(group, grant_id, text="Put on events", target=2, measure="achievements",
                         achievement_kind=AchievementKind.EVENT)
    by_hand = outcomes.add_outcome(group, grant_id, text="Train volunteers in first aid", target=6, achieved=4,
                                   evidence="Four volunteers have their certificates.",
                                   achievement_ids=[course], meeting_ids=[held[1]])
    outcomes.attach_document(group, by_hand, filename="C:\\Scans\\certificates.pdf", data=PDF)

    shown = outcomes.list_outcomes(group, grant_id, today=date(2026, 1, 1))
    assert [(o.text, o.target, o.achieved, o.counted) for o in shown] == [
        ("Hold monthly meetings", 12, 3, True), ("Put on events", 2, 1, True),
        ("Train volunteers in first aid", 6, 4, False)]
    hand = shown[2]
    assert (hand.achievement_ids, hand.meeting_ids, [d.filename for d in hand.documents]) == (
        (course,), (held[1],), ["certificates.pdf"])
    assert hand.evidence_shown == ("Four volunteers have their certificates. Meetings: 10 Jun 2025. "
                                   "Achievements: First aid course passed. Documents kept: certificates.pdf.")
    assert outcomes.get_document(group, hand.documents[0].id)[1] == PDF

    text = flat(pdf_text(make_funding_report(group, tmp_path / "funding.pdf", reference="AfA-77",
                                             today=date(2026, 1, 1))))
    assert "Hold monthly meetings 12 meetings held 3 meetings held" in text
    assert "2 achievements (event) 1 achievements (event)" in text
    assert "Train volunteers in first aid 6 4 Four volunteers have their certificates." in text
    assert "certificates.pdf" in text

    outcomes.update_outcome(group, counted, text="Hold meetings", target=10, measure="attendances")
    assert outcomes.list_outcomes(group, grant_id, today=date(2026, 1, 1))[0].achieved == 10  # 7 named + 3 new
    outcomes.remove_outcome(group, counted)
    assert len(outcomes.list_outcomes(group, grant_id)) == 2


def test_bad_outcomes_are_refused_with_a_sentence_naming_the_field(group):
    set_up(group)
    grant_id = _grant(group)
    cases = [
        (dict(text=" ", target=1), "text"),
        (dict(text="Reach people", measure="hugs"), "measure"),
        (dict(text="Reach people", measure="meetings", achieved=3), "achieved"),
        (dict(text="Reach people", measure="meetings", achievement_kind="event"), "achievement_kind"),
        (dict(text="Reach people", target=-1), "target"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as caught:
            outcomes.add_outcome(group, grant_id, **kwargs)
        assert caught.value.field == field
    outcome_id = outcomes.add_outcome(group, grant_id, text="Reach people")
    with pytest.raises(ValidationError, match="too big"):
        outcomes.attach_document(group, outcome_id, filename="huge.pdf", data=PDF + b"0" * 5_000_000)
    with pytest.raises(ValidationError, match="PDF or a picture"):
        outcomes.attach_document(group, outcome_id, filename="notes.docx", data=b"PK\x03\x04")
    assert outcomes.list_outcomes(group, grant_id)[0].documents == ()
