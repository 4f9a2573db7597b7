"""A group with a year of life in it, built with the ORM, and ways to read the PDFs back.

Written straight to the models so the report tests do not depend on the other services being finished.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import (
    Account,
    Achievement,
    AchievementKind,
    AgreementHow,
    AgreementVersion,
    Aim,
    AimStatus,
    AssignmentStatus,
    Attendance,
    Consent,
    ConsentKind,
    Contact,
    Decision,
    DecisionMethod,
    EsteemRole,
    Fund,
    FundKind,
    Grant,
    GrantBudgetLine,
    GrantOutcome,
    GroupProfile,
    Job,
    JobAssignment,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Member,
    SupportLogEntry,
    Transaction,
    TransactionKind,
    Venue,
)
from coordinator_app.services.uow import unit_of_work

TODAY = date(2026, 1, 15)
TRICKY = "Łukasz Wójcik & Zoë <O'Neil>"
HIDDEN = "Marjorie Quillfeather"  # never agreed to be named
WITHDRAWN = "Wendy Ashcombe-Tarrant"  # agreed, then withdrew
SECRET_NOTE = "Confidential: Marjorie spoke about her diagnosis"
PRIVATE_MINUTES = "These minutes were never marked shareable"
SHARED_MINUTES = "We agreed to try a new room & keep the tea fund <for now>."
UNCONSENTED_STORY = "A story nobody agreed to print"
ARABIC = "أحمد خان"


def png(colour: str = "#2f6f73", size: tuple[int, int] = (120, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Built:
    members: dict[str, int]
    grant_reference: str
    held_dates: tuple[date, ...]
    shared_minutes_on: date
    private_minutes_on: date
    next_meeting_on: date


def _member(session, name: str, joined: date, consents: tuple[ConsentKind, ...] = (), *, withdrawn: date | None = None,
            phone: str = "", email: str = "") -> Member:
    member = Member(name=name, joined_on=joined, phone=phone, email=email,
                    private_notes=f"PRIVATE NOTE about {name}")
    member.consents = [Consent(kind=kind, given_on=joined, how=AgreementHow.SIGNED_PAPER, withdrawn_on=withdrawn)
                       for kind in consents]
    session.add(member)
    return member


def populate(group: GroupFile) -> Built:
    """Members in many scripts, a year of meetings (2025), jobs, stories, a grant and its spending."""
    named = (ConsentKind.NAMED_IN_REPORTS, ConsentKind.SHARE_CONTACT_DETAILS, ConsentKind.PHOTOS)
    with unit_of_work(group) as s:
        s.query(GroupProfile).one().logo_png = png()
        people = {
            "tricky": _member(s, TRICKY, date(2024, 3, 1), named, phone="07700 900123", email="lukasz@example.org"),
            "siobhan": _member(s, "Siobhán Ó Briain", date(2024, 5, 1), (ConsentKind.NAMED_IN_REPORTS,)),
            "hoa": _member(s, "Nguyễn Thị Hoa", date(2025, 2, 1), named, phone="07700 900456"),
            "ahmed": _member(s, ARABIC, date(2025, 6, 1), named, email="ahmed@example.org"),
            "hidden": _member(s, HIDDEN, date(2024, 1, 1), phone="07700 900999", email="mq@example.org"),
            "withdrawn": _member(s, WITHDRAWN, date(2024, 1, 1), named, withdrawn=date(2025, 12, 1),
                                 phone="07700 900888"),
        }
        venue = Venue(name="St Mark's Hall & Café")
        s.add(venue)
        s.flush()
        ids = {key: member.id for key, member in people.items()}

        held = []
        for month in range(1, 13):
            if month == 8:  # the summer break
                continue
            meeting = Meeting(held_on=date(2025, month, 10), start_time=time(19), end_time=time(21),
                              venue_id=venue.id, status=MeetingStatus.HELD, newcomers_count=month % 3,
                              guests_count=1 if month == 5 else 0, confidential_notes=SECRET_NOTE,
                              topic="Sharing what helps")
            present = ["tricky", "siobhan", "hidden"] + (["hoa"] if month >= 2 else []) + (
                ["ahmed"] if month >= 6 else [])
            meeting.attendance = [Attendance(member_id=ids[key]) for key in present]
            s.add(meeting)
            held.append(meeting)
        shared, private = held[2], held[3]
        shared.minutes, shared.minutes_shareable = SHARED_MINUTES + " Marjorie will ask the vicar.", True
        shared.decisions = [Decision(text="Move to the small room", method=DecisionMethod.SHOW_OF_HANDS,
                                     votes_for=7, votes_against=1, abstentions=1),
                            Decision(text="Keep the tea fund", position=1)]
        private.minutes, private.minutes_shareable = PRIVATE_MINUTES, False
        s.add(Meeting(held_on=date(2025, 11, 20), status=MeetingStatus.CANCELLED, venue_id=venue.id))
        upcoming = [Meeting(held_on=date(2026, m, 10), start_time=time(19), venue_id=venue.id,
                            topic="Planning the year" if m == 2 else "", kind=MeetingKind.SOCIAL if m == 4 else
                            MeetingKind.REGULAR) for m in (2, 3, 4)]
        s.add_all(upcoming)
        s.flush()

        tea, room = Job(title="Bring refreshments"), Job(title="Open the room")
        action = Job(title="Ask the vicar about the small room", from_meeting_id=shared.id, due_on=date(2025, 4, 10))
        s.add_all([tea, room, action, Job(title="Welcome newcomers")])
        s.flush()
        for index, meeting in enumerate(held):
            who = ["tricky", "hoa", "hidden", "siobhan"][index % 4]
            s.add(JobAssignment(job_id=tea.id, member_id=ids[who], meeting_id=meeting.id, due_on=meeting.held_on,
                                status=AssignmentStatus.DONE, done_on=meeting.held_on))
            if index % 2 == 0:
                s.add(JobAssignment(job_id=room.id, member_id=ids["tricky"], due_on=meeting.held_on,
                                    status=AssignmentStatus.DONE, done_on=meeting.held_on))
        s.add(JobAssignment(job_id=action.id, member_id=ids["hidden"], due_on=date(2025, 4, 10)))
        for meeting, who in zip(upcoming, ("hoa", "hidden", "ahmed"), strict=True):
            s.add(JobAssignment(job_id=tea.id, member_id=ids[who], meeting_id=meeting.id, due_on=meeting.held_on))

        s.add_all([
            Achievement(achieved_on=date(2025, 4, 2), title="Our first year together", kind=AchievementKind.MILESTONE,
                        story="Twelve months of Tuesdays. Marjorie baked a cake.", photo=png("#d08c3c"),
                        photo_mime="image/png", consent_to_include=True,
                        quote="I found people who understand.", quote_by_id=ids["tricky"]),
            Achievement(achieved_on=date(2025, 9, 5), title="A quote from someone private",
                        kind=AchievementKind.MEMBER_STORY, quote="This group got me through the winter.",
                        quote_by_id=ids["hidden"], photo=png("#884422"), consent_to_include=True),
            Achievement(achieved_on=date(2025, 10, 1), title=UNCONSENTED_STORY, kind=AchievementKind.MEMBER_STORY,
                        story="Not for print.", consent_to_include=False),
        ])
        s.add_all([
            Aim(text="Meet every month", set_on=date(2024, 1, 1), position=0),
            Aim(text="Find a step-free room", set_on=date(2024, 1, 1), position=1, status=AimStatus.ACHIEVED,
                status_changed_on=date(2025, 6, 1), outcome_note="The church hall has a ramp now."),
        ])
        nurse = Contact(name="Dr Priya Raman", organisation="Riverside Health Centre")
        s.add(nurse)
        s.flush()
        s.add_all([SupportLogEntry(contact_id=nurse.id, given_on=date(2025, 3, 1), what="Talk on sleep",
                                   role=EsteemRole.CO_EDUCATOR),
                   SupportLogEntry(contact_id=nurse.id, given_on=date(2025, 9, 1), what="Leaflets",
                                   role=EsteemRole.RESOURCE_BUILDER)])
        s.add(AgreementVersion(number=1, effective_from=date(2024, 1, 1),
                               text="What is said in the group stays in the group.\n\nWe listen & we don't judge."))

        fund = Fund(name="Community Chest 2025", kind=FundKind.RESTRICTED)
        bank = Account(name="Bank", opened_on=date(2024, 1, 1))
        s.add_all([fund, bank])
        s.flush()
        grant = Grant(funder="Riverside Community Chest", reference="RCC-2025-07", amount_pence=150_000,
                      awarded_on=date(2024, 12, 1), starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31),
                      purpose="Room hire and refreshments", fund_id=fund.id)
        s.add(grant)
        s.flush()
        hire = GrantBudgetLine(grant_id=grant.id, name="Room hire", amount_pence=100_000, position=0)
        food = GrantBudgetLine(grant_id=grant.id, name="Refreshments", amount_pence=50_000, position=1)
        s.add_all([hire, food])
        s.flush()
        s.add(Transaction(account_id=bank.id, on=date(2025, 1, 5), amount_pence=150_000,
                          kind=TransactionKind.RECEIPT, payee="Riverside Community Chest", fund_id=fund.id))
        for month in (1, 3, 5, 7, 9):
            s.add(Transaction(account_id=bank.id, on=date(2025, month, 10), amount_pence=-12_000,
                              kind=TransactionKind.PAYMENT, payee="St Mark's Church", description="Room hire",
                              fund_id=fund.id, budget_line_id=hire.id))
        s.add(Transaction(account_id=bank.id, on=date(2025, 6, 12), amount_pence=-2_345,
                          kind=TransactionKind.PAYMENT, payee=HIDDEN, description="Biscuits and milk",
                          fund_id=fund.id, budget_line_id=food.id, member_id=ids["hidden"]))
        s.add(Transaction(account_id=bank.id, on=date(2025, 7, 1), amount_pence=-1_000,
                          kind=TransactionKind.PAYMENT, payee="Post Office", description="Stamps", fund_id=fund.id))
        s.add_all([
            GrantOutcome(grant_id=grant.id, text="Hold a meeting every month", measure="meetings", target=12),
            GrantOutcome(grant_id=grant.id, text="Welcome newcomers", measure="newcomers", target=10, position=1,
                         evidence="Sign-in sheets"),
        ])
        shared_on, private_on = shared.held_on, private.held_on
        return Built(members=ids, grant_reference="RCC-2025-07", held_dates=tuple(m.held_on for m in held),
                     shared_minutes_on=shared_on, private_minutes_on=private_on, next_meeting_on=date(2026, 2, 10))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Text with line breaks and repeated spaces folded, since PDF text may wrap anywhere."""
    return " ".join(text.split())
