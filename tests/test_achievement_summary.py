"""The achievement summary: exactly the achievements of the period that may be printed, by kind."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from reports_helpers import flat, page_texts, png

from coordinator_app.reports.achievements import make_achievement_summary
from coordinator_app.services import achievements as achievements_service
from coordinator_app.services import members as members_service
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.members import AgreementHow, ConsentKind
from coordinator_app.services.report_data import achievement_summary_data

TODAY = date(2026, 3, 10)
AchievementKind = achievements_service.AchievementKind


@pytest.fixture
def achievements(group):
    zoe = members_service.add_member(group, name="Zoë Adams", joined_on=date(2024, 1, 1))
    members_service.give_consent(group, zoe, kind=ConsentKind.NAMED_IN_REPORTS, given_on=date(2024, 1, 1),
                                 how=AgreementHow.SIGNED_PAPER)
    add = achievements_service.add_achievement
    made = {
        "before": add(group, achieved_on=date(2024, 12, 31), title="Last year's party", kind=AchievementKind.EVENT),
        "milestone": add(group, achieved_on=date(2025, 1, 14), title="A hundred meetings", photo=png(),
                         consent_to_include=True, consent_recorded_on=date(2025, 1, 14),
                         quote="We never gave up.", quote_by_id=zoe, story="Tom & Jerry <3 baked."),
        "event": add(group, achieved_on=date(2025, 6, 1), title="Summer picnic", kind=AchievementKind.EVENT,
                     story="Forty people came to the park."),
        "story": add(group, achieved_on=date(2025, 9, 9), title="Back at work after a year",
                     kind=AchievementKind.MEMBER_STORY, story="With the group's help.", consent_to_include=True,
                     consent_recorded_on=date(2025, 9, 9)),
        "unconsented": add(group, achieved_on=date(2025, 10, 1), title="NOT FOR PRINT",
                           kind=AchievementKind.MEMBER_STORY, story="Private."),
        "after": add(group, achieved_on=date(2026, 1, 5), title="New year's walk", kind=AchievementKind.EVENT),
    }
    return made


def test_the_summary_lists_exactly_the_printable_achievements_of_the_period(group, achievements, tmp_path):
    data = achievement_summary_data(group, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), today=TODAY)
    assert [(s.label, [story.title for story in s.stories]) for s in data.sections] == [
        ("Milestone", ["A hundred meetings"]),
        ("A member's story", ["Back at work after a year"]),
        ("Event", ["Summer picnic"]),
    ]
    assert not data.so_far

    path = make_achievement_summary(group, tmp_path / "a.pdf", starts_on=date(2025, 1, 1),
                                    ends_on=date(2025, 12, 31), today=TODAY)
    pages = page_texts(path)
    text = flat("\n".join(pages))
    assert len(pages) <= 2
    assert "3 achievements in all, under Milestone (1), A member's story (1) and Event (1)." in text
    for shown in ("A hundred meetings", "Back at work after a year", "Summer picnic", "Tom & Jerry <3 baked.",
                  "“We never gave up.” — Zoë Adams", "1 January 2025 to 31 December 2025"):
        assert shown in text
    for left_out in ("NOT FOR PRINT", "Private.", "Last year's party", "New year's walk"):
        assert left_out not in text


def test_a_period_still_running_says_so_far(group, achievements, tmp_path):
    data = achievement_summary_data(group, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), today=TODAY)
    assert data.so_far and data.total == 1
    text = flat("\n".join(page_texts(make_achievement_summary(
        group, tmp_path / "a.pdf", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), today=TODAY))))
    assert "Our achievements so far" in text and "from 1 January 2026, so far" in text


def test_an_empty_period_says_so_kindly_and_a_backwards_one_is_refused(group, achievements, tmp_path):
    text = flat("\n".join(page_texts(make_achievement_summary(
        group, tmp_path / "a.pdf", starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31), today=TODAY))))
    assert "No achievements were written down for this time." in text
    with pytest.raises(ValidationError, match="give the earlier date first") as refused:
        achievement_summary_data(group, starts_on=date(2025, 12, 31), ends_on=date(2025, 1, 1), today=TODAY)
    assert refused.value.field == "starts_on"


def test_report_achievements_command(group_path, tmp_path):
    from coordinator_app.db.groupfile import opened

    with opened(group_path) as group:
        achievements_service.add_achievement(group, achieved_on=date(2025, 3, 1), title="Our new banner")
    out = tmp_path / "summary.pdf"
    done = subprocess.run([sys.executable, "-m", "coordinator_app", "report", "achievements", "--from", "2025-01-01",
                           "--to", "2025-12-31", "-o", str(out), "--group", str(group_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Our new banner" in flat("\n".join(page_texts(out)))
    backwards = subprocess.run([sys.executable, "-m", "coordinator_app", "report", "achievements", "--from",
                                "2025-12-31", "--to", "2025-01-01", "-o", str(out), "--group", str(group_path)],
                               capture_output=True, text=True)
    assert backwards.returncode == 1
    assert backwards.stderr.strip() == ("The summary starts on 31/12/2025, after the day it ends (01/01/2025); "
                                        "give the earlier date first.")
