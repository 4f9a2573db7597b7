"""The documents the group hands out and uses at meetings: the celebration report and the sign-in sheet."""

from __future__ import annotations

from datetime import date, time

from reports_helpers import flat, page_texts

from coordinator_app.cli import main as main_cli
from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.services import group as group_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services import report_data
from coordinator_app.services.meetings import GoodThingInput
from coordinator_app.services.members import AgreementHow, ConsentKind


def _meeting(group, day: date, present: list[int], good: tuple[GoodThingInput, ...] = ()) -> int:
    meeting = meetings_service.plan_meeting(group, held_on=day, start_time=time(19))
    meetings_service.record_meeting(group, meeting, present=present, good_things=good, today=day)
    return meeting


def _group_since_march_2026(group) -> dict[str, int]:
    """A group that began in March 2026, with Zoë (named in reports) and Marjorie (not)."""
    zoe = members_service.add_member(group, name="Zoë Adams", joined_on=date(2026, 3, 1))
    marjorie = members_service.add_member(group, name="Marjorie Quillfeather", joined_on=date(2026, 3, 1))
    members_service.give_consent(group, zoe, kind=ConsentKind.NAMED_IN_REPORTS, given_on=date(2026, 3, 1),
                                 how=AgreementHow.SIGNED_PAPER)
    _meeting(group, date(2026, 3, 10), [zoe, marjorie],
             (GoodThingInput("Slept through the night for the first time.", zoe, name_shareable=True),
              GoodThingInput("Told my employer and they were kind about it.", marjorie, name_shareable=True)))
    _meeting(group, date(2026, 5, 12), [zoe, marjorie],
             (GoodThingInput("Slept through the night for the first time."),))
    meetings_service.plan_meeting(group, held_on=date(2026, 6, 9), start_time=time(19), topic="Summer picnic")
    return {"zoe": zoe, "marjorie": marjorie}


def test_the_first_page_holds_the_numbers_and_the_chart(group, tmp_path):
    _group_since_march_2026(group)
    pages = page_texts(make_celebration_report(group, tmp_path / "c.pdf", year=2026, today=date(2026, 5, 20)))
    first = flat(pages[0])
    assert "The year so far in numbers" in first and "2 meetings held" in first
    assert "People at our meetings each month" in first and "We met 2 times" in first


def test_a_year_still_running_says_so_far_and_shows_no_months_to_come(group, tmp_path):
    _group_since_march_2026(group)
    today = date(2026, 5, 20)
    data = report_data.celebration_data(group, year=2026, today=today)
    assert data.so_far and data.until == today
    # The group began in March (no empty months before it) and June is still to come.
    assert [m.label for m in data.by_month] == ["Mar", "Apr", "May"]
    text = flat("\n".join(page_texts(make_celebration_report(group, tmp_path / "c.pdf", year=2026, today=today))))
    assert "Our year so far: 2026" in text
    assert "members on 20 May 2026" in text and "31 December 2026" not in text
    assert "Looking ahead" in text and "Summer picnic" in text
    # Its first year is told from when it began, not from a 1 January when it did not exist yet.
    assert "since we began in March 2026, up to 20 May 2026" in text and "1 January 2026" not in text


def test_a_finished_year_does_not_look_ahead(group, tmp_path):
    _group_since_march_2026(group)
    text = flat("\n".join(page_texts(make_celebration_report(group, tmp_path / "c.pdf", year=2026,
                                                             today=date(2027, 2, 1)))))
    assert "Our year: 2026" in text and "so far" not in text
    assert "Looking ahead" not in text and "have not been planned" not in text
    assert "members on 31 December 2026" in text
    assert "from when we began in March 2026 to 31 December 2026" in text


def test_the_first_financial_year_starts_its_chart_when_the_group_began(group):
    group_service.update_profile(group, founded_on=date(2026, 3, 1))
    _group_since_march_2026(group)
    data = report_data.celebration_data(group, year=2025, financial=True, today=date(2026, 5, 20))
    assert data.starts_on == date(2025, 4, 1)
    assert [m.label for m in data.by_month] == ["Mar"]  # not eleven empty months from April 2025


def test_good_things_are_printed_named_only_with_consent_and_once_each(group, tmp_path):
    _group_since_march_2026(group)
    data = report_data.celebration_data(group, year=2026, today=date(2026, 5, 20))
    assert [(line.text, line.by) for line in data.good_things] == [
        ("Slept through the night for the first time.", "Zoë Adams"),
        ("Told my employer and they were kind about it.", ""),
    ]
    assert data.good_things_total == 3
    text = flat("\n".join(page_texts(make_celebration_report(group, tmp_path / "c.pdf", year=2026,
                                                             today=date(2026, 5, 20)))))
    assert "What people said" in text and "At our meetings people shared 3 good things. Here are 2 of them:" in text
    assert "“Slept through the night for the first time.” — Zoë Adams" in text
    assert "Marjorie" not in text and "Quillfeather" not in text


def test_the_sign_in_newcomers_heading_is_never_the_last_line_of_a_page(tmp_path):
    from coordinator_app.reports.printables import render_sign_in
    from coordinator_app.services.report_data import Letterhead, SignInData

    letterhead = Letterhead(group_name="Riverside Carers' Circle", logo_png=None, currency="GBP", count_only=False)
    for names in range(15, 55):  # before the fix, 20-21 and 47-49 names stranded it
        data = SignInData(letterhead, None, False, tuple(f"Member number {i}" for i in range(names)), 2, 8)
        pages = page_texts(render_sign_in(data, tmp_path / f"sign-in-{names}.pdf"))
        (page,) = [text for text in pages if "Newcomers, and anyone not listed" in text]
        after = page.split("Newcomers, and anyone not listed", 1)[1]
        assert "First name" in after, f"stranded with {names} names"


def test_minutes_name_the_next_meeting_and_end_with_a_signature_line(group, tmp_path):
    from coordinator_app.reports.printables import make_minutes

    _group_since_march_2026(group)
    text = flat("\n".join(page_texts(make_minutes(group, tmp_path / "m.pdf", held_on=date(2026, 3, 10),
                                                  today=date(2026, 5, 20)))))
    assert "Next meeting Tuesday 12 May 2026, 7pm" in text  # the next one, held since
    assert "Signed as a true record" in text and "Signed (chair) Name Date" in text
    last = flat("\n".join(page_texts(make_minutes(group, tmp_path / "m2.pdf", held_on=date(2026, 5, 12),
                                                  today=date(2026, 5, 20)))))
    assert "Next meeting Tuesday 9 June 2026, 7pm" in last and "Summer picnic" in last


def test_the_agm_pack_binds_minutes_officers_accounts_and_achievements(group, group_path, tmp_path):
    from coordinator_app.reports.agm import make_agm_pack
    from coordinator_app.services import achievements as achievements_service
    from coordinator_app.services.meetings import DecisionInput, MeetingKind
    from coordinator_app.services.money import books, transactions

    people = _group_since_march_2026(group)
    members_service.add_role(group, people["zoe"], role="treasurer", started_on=date(2026, 3, 1))
    members_service.add_role(group, people["marjorie"], role="coordinator", started_on=date(2026, 3, 1))
    bank = books.add_account(group, name="Community account", opened_on=date(2026, 3, 1))
    transactions.record_receipt(group, account_id=bank, on=date(2026, 3, 12), amount_pence=12_345,
                                payee="Raffle")
    achievements_service.add_achievement(group, achieved_on=date(2026, 3, 20), title="Our first raffle")
    agm = meetings_service.plan_meeting(group, held_on=date(2026, 5, 26), start_time=time(19), kind=MeetingKind.AGM)
    meetings_service.record_meeting(group, agm, present=[people["zoe"]], today=date(2026, 5, 26),
                                    decisions=(DecisionInput("Accept the accounts for 2025/26"),))

    pages = page_texts(make_agm_pack(group, tmp_path / "agm.pdf", held_on=date(2026, 5, 26), today=date(2026, 6, 1)))
    text = flat("\n".join(pages))
    assert "Annual general meeting" in flat(pages[0]) and "the accounts for 2025/26" in flat(pages[0])
    assert "Minutes: Annual general meeting" in text and "Accept the accounts for 2025/26" in text
    assert "Signed as a true record" in text
    assert "Who holds which role" in text and "Treasurer Zoë Adams" in text
    assert "Coordinator a member" in text and "Quillfeather" not in text  # named only with consent
    assert "Receipts and payments" in text and "£123.45" in text
    assert "Our achievements" in text and "Our first raffle" in text

    out = tmp_path / "cli.pdf"
    group.close()
    assert main_cli(["report", "agm", "--meeting", "2026-05-26", "-o", str(out), "--group", str(group_path)]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
