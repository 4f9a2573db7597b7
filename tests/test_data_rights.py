"""Members' data rights: a complete subject access export, erasure that leaves no trace, retention review."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from coordinator_app.db.models import (
    Account,
    Achievement,
    AgreementHow,
    AgreementVersion,
    Approval,
    Attendance,
    Consent,
    ConsentKind,
    Fund,
    GoodThing,
    Job,
    JobAssignment,
    JobVolunteer,
    Meeting,
    Member,
    MemberRole,
    Transaction,
    TransactionKind,
    Unavailability,
)
from coordinator_app.db.models import Agreement as AgreementRow
from coordinator_app.reports.subject_access import write_subject_access_pdf
from coordinator_app.services import data_rights, erasure, meetings
from coordinator_app.services import group as group_service
from coordinator_app.services.errors import NotFound
from coordinator_app.services.uow import unit_of_work

ZOE = "Zoë Adams"
LUKASZ = "Łukasz Wójcik"
TODAY = date(2026, 6, 1)


def _populate(group) -> tuple[int, int]:
    """Two members whose records interleave: every kind of row that can refer to a member."""
    with unit_of_work(group) as s:
        zoe = Member(name=ZOE, preferred_name="Zo", email="zoe.adams@example.org", phone="07700 900123",
                     joined_on=date(2024, 1, 9), private_notes="Prefers the quiet corner")
        lukasz = Member(name=LUKASZ, email="lukasz@example.org", joined_on=date(2024, 2, 13),
                        private_notes=f"Came with {ZOE} at first")
        s.add_all([zoe, lukasz])
        s.flush()
        s.add_all([
            MemberRole(member_id=zoe.id, role="treasurer", started_on=date(2024, 4, 1)),
            MemberRole(member_id=lukasz.id, role="welcomer", started_on=date(2024, 4, 1)),
            Consent(member_id=zoe.id, kind=ConsentKind.CONTACT_BY_EMAIL, given_on=date(2024, 1, 9),
                    how=AgreementHow.SIGNED_PAPER),
            Consent(member_id=zoe.id, kind=ConsentKind.PHOTOS, given_on=date(2024, 1, 9),
                    how=AgreementHow.SIGNED_PAPER, withdrawn_on=date(2025, 1, 1)),
            Consent(member_id=lukasz.id, kind=ConsentKind.PHOTOS, given_on=date(2024, 2, 13),
                    how=AgreementHow.AT_MEETING),
            Unavailability(member_id=zoe.id, starts_on=date(2025, 8, 1), ends_on=date(2025, 8, 15),
                           reason="hospital"),
        ])
        version = AgreementVersion(number=1, text="What is said here stays here.", effective_from=date(2024, 1, 1))
        s.add(version)
        s.flush()
        s.add_all([AgreementRow(member_id=zoe.id, version_id=version.id, agreed_on=date(2024, 1, 9),
                                how=AgreementHow.SIGNED_PAPER),
                   AgreementRow(member_id=lukasz.id, version_id=version.id, agreed_on=date(2024, 2, 13),
                                how=AgreementHow.AT_MEETING)])
        held = [Meeting(held_on=date(2025, m, 10), topic=f"Meeting {m}", minutes=f"Thanks to {ZOE} for the cake"
                        if m == 3 else "") for m in (1, 2, 3, 4)]
        s.add_all(held)
        s.flush()
        for meeting in held[:3]:
            s.add(Attendance(meeting_id=meeting.id, member_id=zoe.id))
        for meeting in held:
            s.add(Attendance(meeting_id=meeting.id, member_id=lukasz.id))
        s.add_all([GoodThing(meeting_id=held[0].id, text="I slept well this week", shared_by_id=zoe.id),
                   GoodThing(meeting_id=held[0].id, text="New job!", shared_by_id=lukasz.id)])
        job = Job(title="Bring the biscuits")
        s.add(job)
        s.flush()
        s.add_all([JobVolunteer(job_id=job.id, member_id=zoe.id), JobVolunteer(job_id=job.id, member_id=lukasz.id),
                   JobAssignment(job_id=job.id, member_id=zoe.id, due_on=date(2025, 1, 10)),
                   JobAssignment(job_id=job.id, member_id=lukasz.id, due_on=date(2025, 2, 10),
                                 swapped_with_id=zoe.id)])
        s.add(Achievement(achieved_on=date(2025, 5, 1), title="Our first year", quote="This group saved me",
                          quote_by_id=zoe.id, consent_to_include=True))
        account = Account(name="Bank", opened_on=date(2024, 1, 1))
        fund = Fund(name="General")
        s.add_all([account, fund])
        s.flush()
        subs = Transaction(account_id=account.id, fund_id=fund.id, on=date(2025, 3, 10), amount_pence=500,
                           kind=TransactionKind.RECEIPT, payee=ZOE, description="Subs", member_id=zoe.id)
        refund = Transaction(account_id=account.id, fund_id=fund.id, on=date(2025, 3, 12), amount_pence=-1250,
                             kind=TransactionKind.PAYMENT, payee=f"{ZOE} (refreshments)", member_id=zoe.id)
        other = Transaction(account_id=account.id, fund_id=fund.id, on=date(2025, 4, 1), amount_pence=-4000,
                            kind=TransactionKind.PAYMENT, payee="St Mary's Church Hall", member_id=lukasz.id)
        s.add_all([subs, refund, other])
        s.flush()
        s.add_all([Approval(transaction_id=other.id, member_id=zoe.id, approver_name=ZOE, approved_on=date(2025, 4, 1)),
                   Approval(transaction_id=refund.id, member_id=lukasz.id, approver_name=LUKASZ,
                            approved_on=date(2025, 3, 12))])
        return zoe.id, lukasz.id


EXPECTED_ABOUT_ZOE = {
    "members": 1, "member_roles": 1, "consents": 2, "agreements": 1, "attendance": 3, "unavailability": 1,
    "good_things": 1, "job_volunteers": 1, "job_assignments": 2, "achievements": 1, "transactions": 2,
    "approvals": 1,
}


def test_export_has_every_row_about_the_person_and_nothing_about_anyone_else(group):
    zoe, lukasz = _populate(group)
    export = data_rights.subject_access_export(group, zoe, today=TODAY)
    assert {table: len(rows) for table, rows in export.tables().items()} == EXPECTED_ABOUT_ZOE
    document = json.loads(export.to_json())
    assert document["about"] == ZOE and document["produced_on"] == "2026-06-01"
    text = export.to_json()
    for secret in (LUKASZ, "Łukasz", "lukasz@example.org", "welcomer", "New job!"):
        assert secret not in text
    # Łukasz's note mentions her, so it is her data too: the words that mention her, and nothing else of his
    assert document["mentioned_in"]["members"] == [{"private_notes": f"Came with {ZOE} at first"}]
    assert document["about_this_data"]["Who it is shared with"].startswith("Nobody outside the group.")
    swapped = [row for row in document["tables"]["job_assignments"] if row["member_id"] is None]
    assert swapped and swapped[0]["swapped_with_id"] == zoe  # the other member's id is blanked
    for table, rows in document["tables"].items():
        for row in rows:
            assert lukasz not in {value for key, value in row.items() if key.endswith("member_id") or key in
                                  ("shared_by_id", "quote_by_id", "swapped_with_id")}, table
    attended = document["tables"]["attendance"]
    assert {row["meeting_id (refers to)"] for row in attended} == {
        f"Meeting {m}, 2025-0{m}-10" for m in (1, 2, 3)
    }


def test_export_pdf_is_readable_and_names_only_the_person(group, tmp_path: Path):
    zoe, _ = _populate(group)
    pdf = write_subject_access_pdf(data_rights.subject_access_export(group, zoe, today=TODAY), tmp_path / "z.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert ZOE in text and "This group saved me" in text and "hospital" in text
    assert LUKASZ not in text and "Łukasz" not in text


def test_unknown_member_is_a_plain_not_found(group):
    with pytest.raises(NotFound, match="no member number 999"):
        data_rights.subject_access_export(group, 999)


def _accounts_by_year(group) -> dict[int, int]:
    with unit_of_work(group, write=False) as s:
        rows = s.execute(select(func.strftime("%Y", Transaction.on), func.sum(Transaction.amount_pence))
                         .group_by(func.strftime("%Y", Transaction.on))).all()
    return {int(year): total for year, total in rows}


def _file_bytes(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_erasure_removes_the_person_from_the_file_and_keeps_counts_and_accounts(group):
    zoe, lukasz = _populate(group)
    accounts = _accounts_by_year(group)
    attendance = {m.id: m.present_count for m in meetings.list_meetings(group, today=TODAY)}
    assert ZOE.encode() in _file_bytes(group.path)
    report = erasure.erase_member(group, zoe)
    assert report.meetings_kept_as_counts == 3
    raw = _file_bytes(group.path)
    for trace in (ZOE, "zoe.adams@example.org", "07700 900123", "Prefers the quiet corner", "hospital",
                  "This group saved me"):
        for encoding in ("utf-8", "utf-16-le"):
            assert trace.encode(encoding) not in raw, trace
    assert _accounts_by_year(group) == accounts  # the year's accounts total the same
    assert {m.id: m.present_count for m in meetings.list_meetings(group, today=TODAY)} == attendance
    with unit_of_work(group, write=False) as s:
        payees = set(s.scalars(select(Transaction.payee)))
        assert payees == {"A member", "A member (refreshments)", "St Mary's Church Hall"}
        assert s.scalar(select(func.count()).select_from(Transaction).where(Transaction.member_id.is_(None))) == 2
        assert "Thanks to a member for the cake" in set(s.scalars(select(Meeting.minutes)))
        assert s.scalar(select(Member.private_notes).where(Member.id == lukasz)) == "Came with a member at first"
        assert set(s.scalars(select(GoodThing.text))) == {"I slept well this week", "New job!"}  # anonymous now
        assert s.scalar(select(func.count()).select_from(Attendance).where(Attendance.member_id == lukasz)) == 4
    other = data_rights.subject_access_export(group, lukasz, today=TODAY)
    assert {t: len(r) for t, r in other.tables().items()}["attendance"] == 4
    assert group_service.get_profile(group).name == "Riverside Carers' Circle"


def test_retention_review_lists_people_who_left_long_enough_ago(group):
    group_service.update_profile(group, retention_months=24)
    with unit_of_work(group) as s:
        s.add_all([Member(name="Siobhán Ó Briain", joined_on=date(2020, 1, 1), left_on=date(2024, 5, 31)),
                   Member(name="Nguyễn Thị Hoa", joined_on=date(2020, 1, 1), left_on=date(2024, 6, 2)),
                   Member(name="أحمد حسن", joined_on=date(2020, 1, 1), left_on=date(2025, 12, 1)),
                   Member(name="Still here", joined_on=date(2020, 1, 1))])
    due = data_rights.retention_review(group, today=TODAY)
    assert [(d.name, d.months_since_leaving) for d in due] == [("Siobhán Ó Briain", 24)]


def test_a_confidential_note_naming_her_is_in_her_export_and_in_nobody_elses(group, tmp_path: Path):
    zoe, lukasz = _populate(group)
    with unit_of_work(group) as s:
        first, second = s.scalars(select(Meeting).order_by(Meeting.held_on)).all()[:2]
        first.confidential_notes = "Zo said her new medication makes her sleepy."
        second.confidential_notes = "Łukasz Wójcik is caring for his father. ZOE ADAMS offered him lifts."
    hers = data_rights.subject_access_export(group, zoe, today=TODAY)
    his = data_rights.subject_access_export(group, lukasz, today=TODAY)
    mentioned = json.loads(hers.to_json())["mentioned_in"]["meetings"]
    assert {"held_on": "2025-01-10", "topic": "Meeting 1",
            "confidential_notes": "Zo said her new medication makes her sleepy."} in mentioned
    # a note about them both: only the sentence naming her, and he reads as "a member"
    assert {"held_on": "2025-02-10", "topic": "Meeting 2",
            "confidential_notes": "ZOE ADAMS offered him lifts."} in mentioned
    assert "medication" not in his.to_json() and "caring for his father" in his.to_json()
    assert "ZOE" not in his.to_json() and "A member offered him lifts" not in his.to_json()
    pdf = write_subject_access_pdf(hers, tmp_path / "hers.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Zo said her new medication makes her sleepy." in text and "Wójcik" not in text and "father" not in text


def test_the_export_pdf_reads_as_plain_words_with_her_rights(group, tmp_path: Path):
    zoe, _ = _populate(group)
    pdf = write_subject_access_pdf(data_rights.subject_access_export(group, zoe, today=TODAY), tmp_path / "z.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for words in ("as at 1 June 2026", "Who it is shared with Nobody outside the group",
                  "for 24 months after you leave",
                  "Information Commissioner's Office (ICO)", "Meeting 1, 10 January 2025", "Amount -£12.50",
                  "Likes to be called Zo", "Where you are mentioned"):
        assert words in text, words
    for raw in ("2025-01-10", "amount_pence", "member_id", "T00:00"):
        assert raw not in text, raw
