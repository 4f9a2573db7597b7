"""Erasure through the one name matcher: every form of the person, every text column, the file, the log and
(when chosen) the backups; the accounts and head-counts stay as they were."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coordinator_app.cli import main
from coordinator_app.db import backup as backup_db
from coordinator_app.db.groupfile import open_group
from coordinator_app.db.integrity import identity_on_disk
from coordinator_app.db.models import (
    Account,
    Achievement,
    Aim,
    Approval,
    Attendance,
    Contact,
    Decision,
    Fund,
    GoodThing,
    Job,
    Meeting,
    Member,
    SupportLogEntry,
    Transaction,
    TransactionKind,
    Venue,
)
from coordinator_app.services import backups, erasure, meetings
from coordinator_app.services.errors import NotFound
from coordinator_app.services.report_data import minutes_data
from coordinator_app.services.uow import unit_of_work

TODAY = date(2026, 6, 1)
HOA = "Nguyễn Thị Hoa"
# Every form of her name the issue lists, and her contact details, as they might be typed.
HER_FORMS = ("Nguyễn", "Nguyen", "NGUYEN", "Hoa", "HOA", "hoa", "Thị", "Thi", "THI", "hoa@example.org", "07700 900456")


def _populate(group) -> dict[str, int]:
    """Hoa, and another member sharing her given name who agreed to nothing special; text naming her everywhere."""
    with unit_of_work(group) as s:
        hoa = Member(name=HOA, preferred_name="Hoa", email="hoa@example.org", phone="07700 900456",
                     joined_on=date(2024, 1, 9), private_notes="Hoa prefers the quiet corner")
        other = Member(name="Hoa Tran", joined_on=date(2024, 2, 1), private_notes="Sits by Ms Nguyen; Hoa Tran drives")
        marjorie = Member(name="Marjorie Quillfeather", joined_on=date(2024, 3, 1))
        s.add_all([hoa, other, marjorie])
        s.flush()
        held = [Meeting(held_on=date(2025, m, 10), topic="Sleep" if m == 1 else f"Meeting {m}") for m in (1, 2, 3)]
        held[0].confidential_notes = "Hoa spoke about her diagnosis.\nNGUYEN THI HOA asked for a lift."
        held[1].minutes = "Thanks to Mrs Nguyen for the cake. Marjorie Quillfeather chaired."
        held[2].chair_name = HOA
        s.add_all(held)
        s.flush()
        for meeting in held:
            s.add_all([Attendance(meeting_id=meeting.id, member_id=hoa.id),
                       Attendance(meeting_id=meeting.id, member_id=marjorie.id)])
        s.add_all([
            Decision(meeting_id=held[0].id, text="Hoa will run the raffle"),
            GoodThing(meeting_id=held[0].id, text="Hoa's garden is blooming", shared_by_id=marjorie.id),
            Job(title="Lifts for Hoa", description="Collect nguyen thi hoa from the station"),
            Achievement(achieved_on=date(2025, 5, 1), title="Hoa's story", story="Hoa’s first year with us",
                        quote="This group saved me", quote_by_id=hoa.id, consent_to_include=True),
            Aim(text="Support carers", set_on=date(2025, 1, 1), outcome_note="Hoa said it helped"),
            Venue(name="St Mary's Church Hall", access_notes="Ring hoa@example.org for the key"),
        ])
        contact = Contact(name="Dr Patel", notes="Referred Hoa in 2024; ring 07700900456")
        s.add(contact)
        s.flush()
        s.add(SupportLogEntry(contact_id=contact.id, given_on=date(2025, 2, 1), what="Talk arranged by Hoa",
                              role="facilitator"))
        account, fund = Account(name="Bank", opened_on=date(2024, 1, 1)), Fund(name="General")
        s.add_all([account, fund])
        s.flush()
        subs = Transaction(account_id=account.id, fund_id=fund.id, on=date(2025, 3, 10), amount_pence=500,
                           kind=TransactionKind.RECEIPT, payee="NGUYEN THI HOA", description="Subs from Hoa",
                           member_id=hoa.id)
        hall = Transaction(account_id=account.id, fund_id=fund.id, on=date(2025, 4, 1), amount_pence=-4000,
                           kind=TransactionKind.PAYMENT, payee="St Mary's Church Hall", description="Hall hire")
        s.add_all([subs, hall])
        s.flush()
        s.add(Approval(transaction_id=hall.id, member_id=hoa.id, approver_name=HOA, approved_on=date(2025, 4, 1)))
        return {"hoa": hoa.id, "other": other.id, "marjorie": marjorie.id}


def _file_bytes(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _assert_no_trace(data: bytes, where: str) -> None:
    for form in HER_FORMS:
        if form.casefold() == "hoa":
            continue  # "Hoa Tran", another member, keeps her own name; checked word by word below
        for encoding in ("utf-8", "utf-16-le"):
            assert form.encode(encoding) not in data, (form, where)
    for secret in ("This group saved me", "quiet corner"):
        assert secret.encode() not in data, (secret, where)


def _texts(group) -> dict[str, str]:
    with unit_of_work(group, write=False) as s:
        first = s.scalars(select(Meeting).order_by(Meeting.held_on)).all()
        return {
            "confidential": first[0].confidential_notes, "minutes": first[1].minutes, "chair": first[2].chair_name,
            "decision": s.scalar(select(Decision.text)), "good": s.scalar(select(GoodThing.text)),
            "job": s.scalar(select(Job.title)) + " / " + s.scalar(select(Job.description)),
            "title": s.scalar(select(Achievement.title)), "story": s.scalar(select(Achievement.story)),
            "quote": s.scalar(select(Achievement.quote)), "aim": s.scalar(select(Aim.outcome_note)),
            "venue": s.scalar(select(Venue.access_notes)), "contact": s.scalar(select(Contact.notes)),
            "support": s.scalar(select(SupportLogEntry.what)),
            "payee": s.scalar(select(Transaction.payee).where(Transaction.amount_pence == 500)),
            "description": s.scalar(select(Transaction.description).where(Transaction.amount_pence == 500)),
            "approver": s.scalar(select(Approval.approver_name)),
            "other": s.scalar(select(Member.private_notes).where(Member.name == "Hoa Tran")),
        }


def _totals(group) -> tuple[dict[int, int], dict[int, int | None]]:
    with unit_of_work(group, write=False) as s:
        money = dict(s.execute(select(Transaction.account_id, func.sum(Transaction.amount_pence))
                               .group_by(Transaction.account_id)).all())
    heads = {m.id: m.present_count for m in meetings.list_meetings(group, today=TODAY)}
    return money, heads


def test_erasure_writes_every_form_of_her_name_as_a_member_in_every_text_column(group):
    ids = _populate(group)
    before = _totals(group)
    assert b"diagnosis" in _file_bytes(group.path)
    report = erasure.erase_member(group, ids["hoa"])
    assert _texts(group) == {
        "confidential": "A member spoke about her diagnosis.\nA member asked for a lift.",
        "minutes": "Thanks to a member for the cake. Marjorie Quillfeather chaired.",
        "chair": "A member",
        "decision": "A member will run the raffle",
        "good": "A member's garden is blooming",
        "job": "Lifts for a member / Collect a member from the station",
        "title": "A member's story",
        "story": "A member’s first year with us",
        "quote": "",  # a quote can identify its speaker
        "aim": "A member said it helped",
        "venue": "Ring a member for the key",
        "contact": "Referred a member in 2024; ring a member",
        "support": "Talk arranged by a member",
        "payee": "A member",
        "description": "Subs from a member",
        "approver": "A member",
        "other": "Sits by a member; Hoa Tran drives",  # another member's full name is hers, and kept
    }
    assert _totals(group) == before  # the accounts total the same; every meeting keeps its head-count
    assert report.meetings_kept_as_counts == 3 and report.mentions_replaced >= 17
    with unit_of_work(group, write=False) as s:
        assert sorted(s.scalars(select(Member.name))) == ["Hoa Tran", "Marjorie Quillfeather"]
        assert s.scalar(select(Transaction.member_id).where(Transaction.amount_pence == 500)) is None
    group.close()
    data = _file_bytes(group.path)
    _assert_no_trace(data, "the group file")
    assert data.count(b"Hoa") == data.count(b"Hoa Tran")  # the only Hoa left is the other member


def test_the_summary_says_in_plain_words_what_was_done(group):
    ids = _populate(group)
    said = erasure.erase_member(group, ids["hoa"]).summary()
    assert said[0].startswith("Deleted their member record, meetings attended (3)")
    assert "The accounts and the meetings' head-counts are unchanged (3 meetings keep their count)." in said
    assert any(line.startswith("Took their name or contact details out of ")
               and line.endswith("each now reads “a member”.") for line in said)
    assert said[-1].startswith("Backups made before now still hold their details")


def test_erasure_from_the_backups_rewrites_each_under_its_own_name(group, tmp_path: Path):
    ids = _populate(group)
    folder = tmp_path / "backups"
    made = [backups.back_up_now(group, folder=folder, now=datetime(2026, 5, day, 18)) for day in (1, 20, 31)]
    identity = identity_on_disk(made[0])
    report = erasure.erase_member(group, ids["hoa"], backups=True, backup_folder=folder)
    assert report.backups is not None and sorted(report.backups.rewritten) == sorted(made)
    assert report.backups.failed == ()
    assert [b.path for b in backup_db.find_backups(group.path, folder)] == sorted(made, reverse=True)
    for path in made:
        assert backup_db.verify(path) and identity_on_disk(path) == identity
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in made)  # no leftovers
        _assert_no_trace(path.read_bytes(), path.name)
        with open_group(path, read_only=True) as copy:
            assert _texts(copy)["confidential"] == "A member spoke about her diagnosis.\nA member asked for a lift."
            assert _totals(copy)[1] == _totals(group)[1]
    assert any(line.startswith("Erased them from 3 backups in ") for line in report.summary())


def test_a_damaged_backup_is_left_as_it_was_and_named_while_the_others_are_erased(group, tmp_path: Path):
    ids = _populate(group)
    good = backups.back_up_now(group, folder=tmp_path, now=datetime(2026, 5, 1, 18))
    damaged = tmp_path / good.name.replace("20260501", "20260401")
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    report = erasure.erase_member(group, ids["hoa"], backups=True, backup_folder=tmp_path)
    assert report.backups is not None and report.backups.rewritten == (good,)
    assert damaged.read_bytes() == b"SQLite format 3\x00" + b"\x00" * 200
    assert [line for line in report.summary() if damaged.name in line] == [
        f"{damaged.name} could not be rewritten (it could not be read), so it is as it was. "
        "It still holds their details."]


def test_without_the_choice_the_backups_still_hold_her_and_the_summary_says_so(group, tmp_path: Path):
    ids = _populate(group)
    made = backups.back_up_now(group, folder=tmp_path, now=datetime(2026, 5, 1, 18))
    report = erasure.erase_member(group, ids["hoa"])
    assert "Nguyễn".encode() in made.read_bytes()
    assert report.summary()[-1] == ("Backups made before now still hold their details until rotation replaces "
                                    "them (within about a year).")


def test_a_backup_older_than_the_person_keeps_whoever_had_her_number_then(group, tmp_path: Path):
    with unit_of_work(group) as s:
        s.add(Member(name="Wendy Ashcombe", joined_on=date(2024, 1, 1)))
    old = backups.back_up_now(group, folder=tmp_path, now=datetime(2026, 1, 1, 18))
    with unit_of_work(group) as s:
        wendy = s.scalars(select(Member)).one()
        s.delete(wendy)
        s.flush()
        hoa = Member(id=wendy.id, name=HOA, joined_on=date(2026, 2, 1))
        s.add(hoa)
    erasure.erase_member(group, hoa.id, backups=True, backup_folder=tmp_path)
    with open_group(old, read_only=True) as copy, unit_of_work(copy, write=False) as s:
        assert list(s.scalars(select(Member.name))) == ["Wendy Ashcombe"]


def test_erasing_nobody_is_one_sentence(group):
    with pytest.raises(NotFound, match="There is no member number 99 in this group file."):
        erasure.erase_member(group, 99)


def test_the_erase_command_asks_first_then_erases_with_the_backups(group_path: Path, tmp_path: Path, capsys,
                                                                     monkeypatch):
    with open_group(group_path) as group:
        ids = _populate(group)
        backups.back_up_now(group, folder=tmp_path / "b", now=datetime(2026, 5, 1, 18))
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert main(["erase", str(ids["hoa"]), "--group", str(group_path)]) == 1
    assert capsys.readouterr().out == "Nothing was erased.\n"
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "yes")
    assert main(["erase", str(ids["hoa"]), "--group", str(group_path), "--backups", "--folder",
                 str(tmp_path / "b")]) == 0
    assert asked == [f"Erase {HOA} (member {ids['hoa']}) from the group file and its backups for good? "
                     "This cannot be undone. Type yes to erase: "]
    out = capsys.readouterr().out
    assert out.startswith(f"Erased {HOA}.\n- Deleted their member record, ")
    assert "- Erased them from 1 backup in " in out
    _assert_no_trace(_file_bytes(group_path), "the group file")
    _assert_no_trace(next((tmp_path / "b").iterdir()).read_bytes(), "the backup")


def test_the_erase_command_with_yes_asks_nothing_and_an_unknown_member_is_one_sentence(group_path, capsys,
                                                                                         monkeypatch):
    with open_group(group_path) as group:
        ids = _populate(group)
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked although --yes was given"))
    assert main(["erase", "999", "--group", str(group_path), "--yes"]) == 1
    assert capsys.readouterr().err == "There is no member number 999 in this group file.\n"
    assert main(["erase", str(ids["hoa"]), "--yes", "--group", str(group_path)]) == 0
    assert "Backups made before now still hold" in capsys.readouterr().out


def test_after_erasure_her_first_name_no_longer_comes_back_in_print(group):
    """The issue's example: the filter only knew members still in the file, so "Zoë brought the cake" printed."""
    with unit_of_work(group) as s:
        zoe = Member(name="Zoë Adams", preferred_name="Zo", joined_on=date(2024, 1, 1))
        s.add_all([zoe, Meeting(held_on=date(2026, 5, 12), status="held", minutes_shareable=True,
                                minutes="Zoë brought the cake. Thanks, zo! ZOE ADAMS's lemon drizzle won.")])
    erasure.erase_member(group, zoe.id)
    printed = minutes_data(group, held_on=date(2026, 5, 12), today=TODAY).minutes
    assert printed == "A member brought the cake. Thanks, a member! A member's lemon drizzle won."
