"""A realistic demo group: three years of a peer-support group's life, to try the app and its reports on.

Everything is made up, but shaped like the real thing: members coming and going (with accented and
non-Latin names, and one with an ampersand), monthly meetings on the second Tuesday with attendance,
decisions and good things shared, a jobs rota, achievements, practitioners in all five ESTEEM roles, and the
treasurer's books with a lottery grant held in a restricted fund. The same seed and "today" give the same
group, so tests and screenshots are repeatable. Rows are written straight through the models in one unit
of work (the money services may not exist yet); the file is removed again if anything fails.
"""

from __future__ import annotations

import random
import struct
import uuid
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import (
    Account,
    AccountKind,
    AccountsHeading,
    Achievement,
    AchievementKind,
    Agreement,
    AgreementHow,
    AgreementVersion,
    Aim,
    AimStatus,
    Approval,
    AssignmentStatus,
    Attendance,
    BankStatement,
    BoundaryVersion,
    Category,
    CategoryDirection,
    Consent,
    ConsentKind,
    Contact,
    ContactRole,
    Decision,
    DecisionMethod,
    EsteemRole,
    Fund,
    FundKind,
    GoodThing,
    Grant,
    GrantBudgetLine,
    GrantOutcome,
    GrantReportDue,
    Job,
    JobAssignment,
    JobFrequency,
    JobVolunteer,
    Meeting,
    MeetingKind,
    MeetingSchedule,
    MeetingStatus,
    Member,
    MemberKind,
    MemberRole,
    PractitionerWelcome,
    ScheduleRule,
    SupportLogEntry,
    Transaction,
    TransactionKind,
    Unavailability,
    Venue,
)

from .errors import ValidationError
from .group import create_group
from .members import belongs_on
from .uow import unit_of_work
from .validate import fold

DEFAULT_SEED = 2024
GROUP_NAME = "Harbour Lights Carers & Pain Support Group"
MONTHS_OF_MEETINGS = 36
PLANNED_AHEAD = 3
TUESDAY = 1

# (name, preferred name, kind); the first twelve founded the group.
PEOPLE: tuple[tuple[str, str, MemberKind], ...] = (
    ("Zoë Adams", "", MemberKind.MEMBER),
    ("Łukasz Wójcik", "Luke", MemberKind.MEMBER),
    ("Siobhán Ó Briain", "", MemberKind.MEMBER),
    ("Margaret Thompson", "Peggy", MemberKind.MEMBER),
    ("Nguyễn Thị Hoa", "Hoa", MemberKind.MEMBER),
    ("Tom & Jerry Clarke", "", MemberKind.RELATIVE_OR_CARER),
    ("David Okafor", "", MemberKind.MEMBER),
    ("Eileen McCarthy", "", MemberKind.RELATIVE_OR_CARER),
    ("Bernard Hughes", "Bernie", MemberKind.MEMBER),
    ("Priya Sharma", "", MemberKind.MEMBER),
    ("Peter O'Connor", "", MemberKind.MEMBER),
    ("Ruth Goldberg", "", MemberKind.MEMBER),
    ("أحمد حسن", "Ahmed", MemberKind.MEMBER),
    ("Γιώργος Παπαδόπουλος", "George", MemberKind.MEMBER),
    ("Ольга Иванова", "Olga", MemberKind.RELATIVE_OR_CARER),
    ("Chiara Rossi", "", MemberKind.MEMBER),
    ("Samuel Mensah", "Sam", MemberKind.MEMBER),
    ("Gareth Llewellyn", "", MemberKind.MEMBER),
    ("Aisha Rahman", "", MemberKind.MEMBER),
    ("Patrick Nolan", "Paddy", MemberKind.RELATIVE_OR_CARER),
    ("Hannah Fischer", "", MemberKind.MEMBER),
    ("Kofi Boateng", "", MemberKind.MEMBER),
    ("François Lefèvre", "", MemberKind.MEMBER),
    ("María José Fernández", "Majo", MemberKind.MEMBER),
    ("Beatriz Santos", "Bia", MemberKind.MEMBER),
    ("Colin Fraser", "", MemberKind.RELATIVE_OR_CARER),
    ("Anjali Patel", "", MemberKind.MEMBER),
    ("Dorothy Evans", "Dot", MemberKind.MEMBER),
    ("Mehmet Yılmaz", "", MemberKind.MEMBER),
    ("Ingrid Johansson", "", MemberKind.MEMBER),
    ("Callum MacLeod", "", MemberKind.MEMBER),
    ("Fatima Begum", "", MemberKind.RELATIVE_OR_CARER),
    ("Rhiannon Price", "", MemberKind.MEMBER),
    ("Oluwaseun Adeyemi", "Seun", MemberKind.MEMBER),
    ("Janet Wilkinson", "", MemberKind.MEMBER),
    ("Sunita Kaur", "", MemberKind.MEMBER),
    ("Graham Whitfield", "", MemberKind.MEMBER),
    ("Agnieszka Nowak", "Aga", MemberKind.MEMBER),
    ("Lucy Barker-Jones", "", MemberKind.PRACTITIONER_GUEST),
    ("Séamus Doyle", "", MemberKind.MEMBER),
    ("Dr Helen Marsh", "", MemberKind.PRACTITIONER_GUEST),
)
FOUNDERS = 12
# Members who hold roles never leave in the demo, so the roles always have someone.
ROLE_HOLDERS = {"Zoë Adams", "Łukasz Wójcik", "Siobhán Ó Briain", "David Okafor", "Margaret Thompson", "Priya Sharma"}

DECISIONS = (
    "Move the Christmas meeting to the Hub so there is room for families.",
    "Ask members for £2 a meeting towards tea and the room, and nobody is turned away for not paying.",
    "Apply to the National Lottery for a grant to reach more carers.",
    "Start a WhatsApp group for members who want one, run by the welcomers.",
    "Invite the pain clinic's specialist nurse to speak in the spring.",
    "Keep the first half hour for newcomers to talk if they want to.",
    "Print new leaflets for the GP surgeries.",
    "Hold a summer picnic in the park instead of the July meeting.",
    "Buy a portable hearing loop for meetings away from the church hall.",
    "Review the aims at the AGM every year.",
)
GOOD_THINGS = (
    "Managed a whole week of walking to the shop and back.",
    "My GP finally referred me to the pain clinic.",
    "Slept through the night for the first time in months.",
    "Went to my granddaughter's school play.",
    "Told my employer about my condition and they were kind about it.",
    "Tried the breathing exercise from last month and it helped.",
    "My husband came to the carers' session and said it helped him too.",
    "Got the blue badge sorted at last.",
    "Had a lovely afternoon in the garden.",
    "Started swimming again, just ten minutes.",
    "Our respite care started and I had a day to myself.",
    "Said no to something I did not want to do, and felt fine.",
)
TOPICS = ("Pacing and planning", "Sleep and pain", "Talking to your GP", "Looking after the carer",
          "Benefits and the blue badge", "Mindfulness taster", "Medication questions", "Staying active gently")
ACTIONS = ("Ask the library about putting up a poster", "Find out the price of a portable hearing loop",
           "Send the new leaflet to the GP surgeries", "Book the park shelter for the picnic")


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    name: str
    members: int
    meetings: int
    transactions: int


def second_tuesday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(TUESDAY - first.weekday()) % 7 + 7)


def meeting_dates(today: date) -> tuple[list[date], list[date]]:
    """The 36 second Tuesdays before ``today`` (oldest first), and the three from ``today`` on."""
    held: list[date] = []
    planned: list[date] = []
    year, month = today.year, today.month
    for _ in range(MONTHS_OF_MEETINGS + 1):  # this month's meeting may still be ahead
        day = second_tuesday(year, month)
        (held if day < today else planned).append(day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    held = sorted(held)[-MONTHS_OF_MEETINGS:]
    year, month = today.year, today.month
    while len(planned) < PLANNED_AHEAD:
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        planned.append(second_tuesday(year, month))
    return held, sorted(planned)[:PLANNED_AHEAD]


def tiny_png(width: int, height: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> bytes:
    """A small gradient picture, standing in for a photo without needing an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b""
    for y in range(height):
        mix = y / max(height - 1, 1)
        colour = bytes(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        rows += b"\x00" + colour * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def write_demo_group(path: Path | str, *, seed: int = DEFAULT_SEED, today: date | None = None) -> DemoSummary:
    """Write the demo group to a new file at ``path``; an existing file is never overwritten."""
    path = Path(path)
    if path.exists():
        raise ValidationError("file", f"{path.name} already exists; the demo is only written to a new file, "
                                      "so choose another name.")
    today = today or date.today()
    held, planned = meeting_dates(today)
    create_group(
        path, name=GROUP_NAME, area="Portsmouth and Southsea", founded_on=held[0],
        about="People living with long-term pain, and the family and friends who care for them, meeting "
              "monthly to share what helps.",
    )
    try:
        with open_group(path) as group, unit_of_work(group) as session:
            counts = _Builder(session, random.Random(seed), held, planned, today).build()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return DemoSummary(path=path.resolve(), name=GROUP_NAME, **counts)


class _Builder:
    """Fills one session with the demo group, in the order things happened."""

    def __init__(self, session: Session, rng: random.Random, held: list[date], planned: list[date],
                 today: date) -> None:
        self.s = session
        self.rng = rng
        self.held = held
        self.planned = planned
        self.today = today
        self.start = held[0]
        self.members: dict[str, Member] = {}
        self.meetings: dict[date, Meeting] = {}

    def build(self) -> dict[str, int]:
        self.venues()
        self.people()
        self.charter()
        self.meetings_held()
        self.jobs()
        self.achievements()
        self.contacts()
        transactions = self.money()
        return {"members": len(self.members), "meetings": len(self.meetings), "transactions": transactions}

    def add(self, *rows: object) -> None:
        self.s.add_all(rows)

    def at(self, index: int) -> date:
        """The date of held meeting ``index`` (negative counts back from the latest)."""
        return self.held[index]

    def current_on(self, day: date) -> list[Member]:
        return [m for m in self.members.values() if belongs_on(m, day)]

    # ---- places and people ----------------------------------------------------------------------------

    def venues(self) -> None:
        self.hall = Venue(name="St Mary's Church Hall", address="Fawcett Road, Southsea", cost_pence=2500,
                          access_notes="Step-free entrance at the side door; hearing loop; parking behind.")
        self.hub = Venue(name="The Hub Community Centre", address="Albert Road, Southsea", cost_pence=1800,
                         access_notes="Lift to the first floor; accessible toilet on every floor.")
        self.add(self.hall, self.hub)

    def people(self) -> None:
        rng = self.rng
        joiners = sorted(rng.choice(self.held[1:-1]) for _ in PEOPLE[FOUNDERS:])
        for index, (name, preferred, kind) in enumerate(PEOPLE):
            joined = self.start if index < FOUNDERS else joiners[index - FOUNDERS]
            first_last = (name.split()[0], name.split()[-1])
            words = ["".join(ch for ch in fold(word) if "a" <= ch <= "z") for word in first_last]
            ascii_part = ".".join(word for word in words if word) or f"member{index}"
            member = Member(
                name=name, preferred_name=preferred, kind=kind, joined_on=joined,
                email=f"{ascii_part}@example.org" if rng.random() < 0.8 else "",
                phone=f"07700 900{index:03d}" if rng.random() < 0.7 else "",
                private_notes="Prefers a phone call to email." if rng.random() < 0.15 else "",
            )
            later = [d for d in self.held if d > joined + timedelta(days=90)]
            if name not in ROLE_HOLDERS and later and rng.random() < 0.3:
                member.left_on = rng.choice(later)
            self.members[name] = member
            self.add(member)
            self.consents(member)
        self.roles()
        self.s.flush()

    def consents(self, member: Member) -> None:
        rng = self.rng
        wanted = {
            ConsentKind.CONTACT_BY_EMAIL: 0.9 if member.email else 0,
            ConsentKind.CONTACT_BY_PHONE: 0.8 if member.phone else 0,
            ConsentKind.NAMED_IN_REPORTS: 0.6,
            ConsentKind.PHOTOS: 0.5,
            ConsentKind.HEALTH_INFORMATION: 0.5,
            ConsentKind.SHARE_CONTACT_DETAILS: 0.4,
        }
        for kind, chance in wanted.items():
            if rng.random() < chance:
                consent = Consent(kind=kind, given_on=member.joined_on, how=rng.choice(list(AgreementHow)))
                if rng.random() < 0.08:
                    consent.withdrawn_on = member.joined_on + timedelta(days=rng.randint(60, 400))
                    if consent.withdrawn_on >= self.today:
                        consent.withdrawn_on = None
                member.consents.append(consent)

    def roles(self) -> None:
        m, year1, half = self.members, self.at(12), self.at(18)
        spells = [
            ("Zoë Adams", "coordinator", self.start, None),
            ("Łukasz Wójcik", "treasurer", self.start, half),
            ("David Okafor", "treasurer", half, None),
            ("Siobhán Ó Briain", "welcomer", self.start, None),
            ("Margaret Thompson", "welcomer", year1, None),
            ("Priya Sharma", "secretary", self.start, None),
            ("Łukasz Wójcik", "second signatory", half, None),
        ]
        for name, role, started, ended in spells:
            m[name].roles.append(MemberRole(role=role, started_on=started, ended_on=ended))

    def charter(self) -> None:
        rng, m = self.rng, self.members
        v2_day = self.at(20)
        aims = (
            ("Offer a friendly, confidential place to share what living with pain is like.", AimStatus.CURRENT, ""),
            ("Support the family and friends who care for someone in pain.", AimStatus.CURRENT, ""),
            ("Get a speaker from the pain clinic at least twice a year.", AimStatus.ACHIEVED,
             "Joanne from the pain clinic has spoken three times, and the clinic now tells patients about us."),
            ("Have leaflets in every GP surgery in Southsea.", AimStatus.ACHIEVED,
             "Leaflets are in all six surgeries; a third of newcomers say that is how they heard of us."),
            ("Start a second group in Fareham.", AimStatus.RETIRED,
             "Not enough volunteers yet; members travel to us instead."),
        )
        for position, (text, status, note) in enumerate(aims):
            changed = self.at(rng.randint(14, 30)) if status is not AimStatus.CURRENT else None
            self.add(Aim(text=text, position=position, set_on=self.start, reviewed_on=self.at(-3) if position < 2 else
                         self.at(11), status=status, status_changed_on=changed, outcome_note=note))
        self.add(
            BoundaryVersion(effective_from=self.start, who_is_welcome="Adults living with long-term pain.",
                            relatives_and_carers_welcome=False, practitioners=PractitionerWelcome.NOT_WELCOME,
                            age_range="18 and over", area="Portsmouth and Southsea",
                            how_newcomers_join="Just come along; a welcomer will meet you at the door."),
            BoundaryVersion(effective_from=self.at(9),
                            who_is_welcome="Adults living with long-term pain, and the people who care for them.",
                            relatives_and_carers_welcome=True,
                            practitioners=PractitionerWelcome.GUESTS_BY_INVITATION, age_range="18 and over",
                            area="Portsmouth, Southsea and nearby",
                            how_newcomers_join="Ring or email the welcomer first, or just come along."),
        )
        v1 = AgreementVersion(number=1, effective_from=self.start, text=(
            "What is said in the group stays in the group. We do not talk about other members outside, "
            "even to each other. We listen without judging and we do not give medical advice."))
        v2 = AgreementVersion(number=2, effective_from=v2_day, text=(
            v1.text + " Carers and members share the same promise. Photos are only taken with everyone's "
            "agreement, and nothing about a member is posted online."))
        self.add(v1, v2)
        self.s.flush()
        for member in m.values():
            if member.joined_on < v2_day:
                self.add(Agreement(member_id=member.id, version_id=v1.id, agreed_on=member.joined_on,
                                   how=AgreementHow.SIGNED_PAPER))
                stays = belongs_on(member, v2_day)
                if stays and rng.random() < 0.85:
                    self.add(Agreement(member_id=member.id, version_id=v2.id, how=AgreementHow.AT_MEETING,
                                       agreed_on=rng.choice([v2_day, self.at(21), self.at(22)])))
            elif rng.random() < 0.9:
                self.add(Agreement(member_id=member.id, version_id=v2.id, agreed_on=member.joined_on,
                                   how=rng.choice([AgreementHow.SIGNED_PAPER, AgreementHow.BY_EMAIL])))

    # ---- meetings and jobs ----------------------------------------------------------------------------

    def _kind(self, index: int, day: date) -> tuple[MeetingKind, str, str]:
        if day.month == 12:
            return MeetingKind.SOCIAL, "Christmas get-together", ""
        if index % 12 == 5:
            return MeetingKind.AGM, "Annual general meeting", ""
        if index % 4 == 2:
            speaker = self.rng.choice(["Joanne Whitaker, pain clinic nurse", "Dr Helen Marsh",
                                       "Raj Patel, Portsmouth CVS"])
            return MeetingKind.SPEAKER, self.rng.choice(TOPICS), speaker
        return MeetingKind.REGULAR, self.rng.choice(TOPICS) if self.rng.random() < 0.5 else "", ""

    def meetings_held(self) -> None:
        rng = self.rng
        self.schedule = MeetingSchedule(rule=ScheduleRule.MONTHLY_NTH_WEEKDAY, weekday=TUESDAY, nth=2,
                                        starts_on=self.start, start_time=time(19), end_time=time(21),
                                        venue_id=self.hall.id)
        self.add(self.schedule)
        self.s.flush()
        keen = {name: rng.uniform(0.45, 0.95) for name in self.members}
        notes_at = set(rng.sample(range(3, len(self.held) - 1), 2))
        for index, day in enumerate(self.held):
            kind, topic, speaker = self._kind(index, day)
            meeting = Meeting(
                held_on=day, start_time=time(19), end_time=time(21), schedule_id=self.schedule.id,
                venue_id=self.hub.id if kind is MeetingKind.SOCIAL else self.hall.id, kind=kind, topic=topic,
                speaker=speaker, status=MeetingStatus.HELD, newcomers_count=rng.choice([0, 0, 1, 1, 2, 3]),
                guests_count=1 if speaker else rng.choice([0, 0, 0, 1]),
                recorded_at=datetime.combine(day, time(21, 30)),
            )
            present = [m for m in self.current_on(day) if m.joined_on == day or rng.random() < keen[m.name]]
            for member in present:
                meeting.attendance.append(Attendance(member_id=member.id))
            for position in range(rng.choice([0, 1, 1, 2])):
                method = DecisionMethod.SHOW_OF_HANDS if rng.random() < 0.3 else DecisionMethod.CONSENSUS
                decision = Decision(position=position, text=rng.choice(DECISIONS), method=method)
                if method is DecisionMethod.SHOW_OF_HANDS:
                    against = rng.randint(0, max(len(present) // 4, 0))
                    abstain = rng.randint(0, 1) if len(present) - against > 1 else 0
                    decision.votes_for = len(present) - against - abstain
                    decision.votes_against, decision.abstentions = against, abstain
                meeting.decisions.append(decision)
            for position, text in enumerate(rng.sample(GOOD_THINGS, rng.randint(1, 3))):
                sharer = rng.choice(present) if present and rng.random() < 0.3 else None
                meeting.good_things.append(GoodThing(position=position, text=text,
                                                     shared_by_id=sharer.id if sharer else None))
            if index in notes_at:
                who = rng.choice(present).name if present else "A member"
                meeting.confidential_notes = (f"{who} talked about a hard month after a change of medication; "
                                              "Siobhán will ring to check in.")
            if kind in (MeetingKind.AGM, MeetingKind.SPEAKER) or rng.random() < 0.2:
                meeting.minutes = f"{len(present)} members came. " + (f"Talk: {topic}." if topic else "")
                meeting.minutes_shareable = True
            self.meetings[day] = meeting
            self.add(meeting)
        self.upcoming: list[Meeting] = []
        for index, day in enumerate(self.planned):
            self.upcoming.append(Meeting(
                held_on=day, start_time=time(19), end_time=time(21), schedule_id=self.schedule.id,
                venue_id=self.hall.id, status=MeetingStatus.PLANNED,
                kind=MeetingKind.SPEAKER if index == 1 else MeetingKind.REGULAR,
                topic="Sleep and pain" if index == 1 else "",
                speaker="Joanne Whitaker, pain clinic nurse" if index == 1 else ""))
        self.add(*self.upcoming)
        self.s.flush()

    def jobs(self) -> None:
        rng = self.rng
        every = [
            Job(title="Bring the tea, coffee and biscuits", frequency=JobFrequency.EVERY_MEETING),
            Job(title="Open up and set out the chairs", frequency=JobFrequency.EVERY_MEETING),
            Job(title="Welcome newcomers at the door", frequency=JobFrequency.EVERY_MEETING),
            Job(title="Wash up and lock up", frequency=JobFrequency.EVERY_MEETING),
        ]
        yearly = Job(title="Book the room for next year", frequency=JobFrequency.YEARLY)
        self.add(*every, yearly)
        self.s.flush()
        willing: dict[int, list[Member]] = {}
        for job in every:
            willing[job.id] = rng.sample(list(self.members.values()), rng.randint(5, 9))
            self.add(*(JobVolunteer(job_id=job.id, member_id=m.id) for m in willing[job.id]))
        turns: dict[tuple[int, int], int] = {}
        for day in self.held:
            present = {a.member_id for a in self.meetings[day].attendance}
            for job in every:
                able = [m for m in willing[job.id] if m.id in present]
                if not able:
                    continue
                able.sort(key=lambda m: (turns.get((job.id, m.id), 0), rng.random()))
                member = able[0]
                turns[job.id, member.id] = turns.get((job.id, member.id), 0) + 1
                status, done, swapped = AssignmentStatus.DONE, day, None
                if len(able) > 1 and rng.random() < 0.06:
                    status, done, swapped = AssignmentStatus.SWAPPED, None, able[1].id
                    self.add(JobAssignment(job_id=job.id, member_id=able[1].id, meeting_id=self.meetings[day].id,
                                           due_on=day, status=AssignmentStatus.DONE, done_on=day))
                self.add(JobAssignment(job_id=job.id, member_id=member.id, meeting_id=self.meetings[day].id,
                                       due_on=day, status=status, done_on=done, swapped_with_id=swapped))
        self.add(JobAssignment(job_id=yearly.id, member_id=self.members["Priya Sharma"].id, due_on=self.at(-11),
                               status=AssignmentStatus.DONE, done_on=self.at(-11)))
        for title, day in zip(ACTIONS, (self.at(-6), self.at(-4), self.at(-2), self.at(-1)), strict=True):
            job = Job(title=title, frequency=JobFrequency.ONE_OFF, from_meeting_id=self.meetings[day].id,
                      due_on=day + timedelta(days=28))
            self.add(job)
            self.s.flush()
            doer = rng.choice(self.current_on(day))
            done = day + timedelta(days=14) if day + timedelta(days=14) < self.today else None
            self.add(JobAssignment(job_id=job.id, member_id=doer.id, due_on=job.due_on, done_on=done,
                                   status=AssignmentStatus.DONE if done else AssignmentStatus.ASSIGNED))
        current = self.current_on(self.today)
        away = [m for m in current if m.id in {v.id for vs in willing.values() for v in vs}]
        away = rng.sample(away, 2)
        for member, reason in zip(away, ("Holiday", "Hospital appointment"), strict=True):
            self.add(Unavailability(member_id=member.id, starts_on=self.planned[0] - timedelta(days=3),
                                    ends_on=self.planned[0] + timedelta(days=10), reason=reason))
        next_meeting = self.upcoming[0]  # its rota is already agreed; later ones are left for the rota planner
        taken: set[int] = set()
        for job in every:
            able = [m for m in willing[job.id] if m in current and m not in away and m.id not in taken]
            if able:
                member = min(able, key=lambda m: (turns.get((job.id, m.id), 0), m.id))
                taken.add(member.id)
                self.add(JobAssignment(job_id=job.id, member_id=member.id, meeting_id=next_meeting.id,
                                       due_on=next_meeting.held_on, status=AssignmentStatus.ASSIGNED))

    # ---- achievements and the people who help --------------------------------------------------------

    def achievements(self) -> None:
        m = self.members
        sea, sunset, garden = ((70, 130, 180), (200, 230, 250)), ((250, 170, 90), (120, 60, 140)), \
            ((90, 160, 80), (230, 240, 200))
        items = (
            (1, "Our first meeting", AchievementKind.MILESTONE, "Twelve of us met for the first time.", None, None),
            (4, "Leaflets in every GP surgery", AchievementKind.PROFILE, "Designed by Priya, paid by donations.",
             None, None),
            (6, "Summer picnic on Southsea Common", AchievementKind.EVENT, "Thirty people came, carers and all.",
             sunset, ("It was the first time in years I went somewhere new.", "Margaret Thompson", True)),
            (9, "Carers welcome", AchievementKind.MILESTONE, "Relatives and carers are now members too.", None,
             ("Knowing other carers has kept me going.", "Eileen McCarthy", True)),
            (12, "Lottery grant awarded", AchievementKind.FUNDING, "£4,800 over two years to reach more carers.",
             None, None),
            (14, "Pain clinic partnership", AchievementKind.PARTNERSHIP,
             "The clinic tells new patients about the group.", None, None),
            (17, "Ten volunteers sharing the jobs", AchievementKind.MILESTONE, "Nobody does it all any more.", None,
             ("I never thought I'd be the one welcoming people.", "Nguyễn Thị Hoa", False)),
            (19, "Walking group started", AchievementKind.EVENT, "A gentle walk along the seafront before meetings.",
             sea, None),
            (23, "Hoa's story", AchievementKind.MEMBER_STORY, "From first visit to welcomer in a year.", None,
             ("The group gave me my confidence back.", "Nguyễn Thị Hoa", True)),
            (26, "Radio Solent interview", AchievementKind.PROFILE, "Zoë and Tom talked about the group on air.",
             None, ("Tom & Jerry were a hit.", "Tom & Jerry Clarke", True)),
            (29, "Mental health first aid: six trained", AchievementKind.MILESTONE, "Paid from the grant.", garden,
             None),
            (33, "Christmas lunch for forty", AchievementKind.EVENT, "Members, carers and friends together.",
             sunset, ("Best Christmas I've had since my diagnosis.", "أحمد حسن", False)),
        )
        for index, title, kind, story, colours, quote in items:
            day = self.at(index)
            photo = tiny_png(48, 32, *colours) if colours else None
            achievement = Achievement(achieved_on=day, title=title, kind=kind, story=story,
                                      meeting_id=self.meetings[day].id, photo=photo,
                                      photo_mime="image/png" if photo else "")
            if quote:
                text, by, consent = quote
                achievement.quote, achievement.quote_by_id = text, m[by].id
                achievement.consent_to_include = consent
                achievement.consent_recorded_on = day if consent else None
            self.add(achievement)

    def contacts(self) -> None:
        rng = self.rng
        people = (
            ("Joanne Whitaker", "Pain Management Clinic, Queen Alexandra Hospital", "Specialist nurse",
             (EsteemRole.CO_EDUCATOR, EsteemRole.BRIDGE_BUILDER)),
            ("Raj Patel", "Portsmouth Council for Voluntary Service", "Development worker",
             (EsteemRole.CAPACITY_BUILDER, EsteemRole.RESOURCE_BUILDER)),
            ("Dr Helen Marsh", "Solent NHS Trust", "Clinical psychologist", (EsteemRole.FACILITATOR,)),
            ("Sister Bernadette Kelly", "St Mary's Church", "Parish sister", (EsteemRole.RESOURCE_BUILDER,)),
            ("Mark Ellison", "Southsea Library", "Community librarian", (EsteemRole.BRIDGE_BUILDER,)),
            ("Grants team", "The National Lottery Community Fund", "Funding officer", (EsteemRole.RESOURCE_BUILDER,)),
        )
        support = {
            EsteemRole.CO_EDUCATOR: "Talked about pacing and flare-up plans.",
            EsteemRole.BRIDGE_BUILDER: "Put leaflets in the clinic waiting room.",
            EsteemRole.CAPACITY_BUILDER: "Helped us write the grant application.",
            EsteemRole.RESOURCE_BUILDER: "Let us use the room at a reduced rate.",
            EsteemRole.FACILITATOR: "Helped the group think through the new confidentiality agreement.",
        }
        self.contact_rows: dict[str, Contact] = {}
        for name, organisation, title, roles in people:
            contact = Contact(name=name, organisation=organisation, job_title=title,
                              email=f"{name.split()[-1].lower()}@example.org.uk",
                              roles=[ContactRole(role=role) for role in roles])
            for _ in range(rng.randint(1, 4)):
                role = rng.choice(roles)
                contact.support.append(SupportLogEntry(given_on=self.at(rng.randrange(len(self.held))),
                                                       what=support[role], role=role))
            self.contact_rows[name] = contact
            self.add(contact)

    # ---- money ----------------------------------------------------------------------------------------

    def money(self) -> int:
        rng = self.rng
        receipt, payment = CategoryDirection.RECEIPT, CategoryDirection.PAYMENT
        categories = {
            name: Category(name=name, direction=direction, heading=heading)
            for name, direction, heading in (
                ("Donations", receipt, AccountsHeading.DONATIONS),
                ("Grants received", receipt, AccountsHeading.GRANTS),
                ("Fundraising events", receipt, AccountsHeading.FUNDRAISING),
                ("Raffles and sales", receipt, AccountsHeading.FUNDRAISING),
                ("Meeting contributions", receipt, AccountsHeading.MEMBERS_CONTRIBUTIONS),
                ("Bank interest", receipt, AccountsHeading.INVESTMENT_INCOME),
                ("Other receipts", receipt, AccountsHeading.OTHER_RECEIPTS),
                ("Room hire", payment, AccountsHeading.CHARITABLE_ACTIVITIES),
                ("Refreshments", payment, AccountsHeading.CHARITABLE_ACTIVITIES),
                ("Printing and stationery", payment, AccountsHeading.CHARITABLE_ACTIVITIES),
                ("Travel", payment, AccountsHeading.CHARITABLE_ACTIVITIES),
                ("Training", payment, AccountsHeading.CHARITABLE_ACTIVITIES),
                ("Speakers and activities", payment, AccountsHeading.CHARITABLE_ACTIVITIES),
                ("Insurance", payment, AccountsHeading.GOVERNANCE),
                ("Independent examiner's fee", payment, AccountsHeading.GOVERNANCE),
                ("Bank charges", payment, AccountsHeading.GOVERNANCE),
                ("Other payments", payment, AccountsHeading.OTHER_PAYMENTS),
            )
        }
        bank = Account(name="Community account", kind=AccountKind.BANK, opened_on=self.start,
                       bank_details="Unity Trust Bank, account ending 4821", opening_balance_pence=18_650)
        cash = Account(name="Cash tin", kind=AccountKind.CASH, opened_on=self.start, opening_balance_pence=5_000)
        general = Fund(name="General fund", kind=FundKind.UNRESTRICTED, purpose="The group's general money.",
                       opening_balance_pence=23_650)
        lottery = Fund(name="Reaching More Carers (National Lottery)", kind=FundKind.RESTRICTED,
                       purpose="Only for the Reaching More Carers project, as agreed with the funder.")
        self.add(*categories.values(), bank, cash, general, lottery)
        self.s.flush()
        grant_start = self.at(12)
        grant = Grant(funder="The National Lottery Community Fund", reference="NLCF-2024-0173",
                      amount_pence=480_000, awarded_on=grant_start - timedelta(days=30), starts_on=grant_start,
                      ends_on=grant_start + timedelta(days=730), fund_id=lottery.id,
                      purpose="Reaching More Carers: more carers and newcomers, and volunteers trained to "
                              "welcome them.",
                      contact_id=self.contact_rows["Grants team"].id)
        self.add(grant)
        self.s.flush()
        self.add(GrantReportDue(grant_id=grant.id, due_on=grant_start + timedelta(days=395),
                                sent_on=grant_start + timedelta(days=390)),
                 GrantReportDue(grant_id=grant.id, due_on=grant_start + timedelta(days=790)))
        lines = {name: GrantBudgetLine(grant_id=grant.id, name=name, amount_pence=amount, position=position)
                 for position, (name, amount) in enumerate((
                     ("Room hire", 180_000), ("Refreshments", 60_000), ("Training and speakers", 120_000),
                     ("Publicity", 60_000), ("Volunteers' travel", 60_000)))}
        outcomes = (
            ("Hold 24 monthly meetings", "meetings", 24), ("Welcome 30 newcomers", "newcomers", 30),
            ("Reach 300 attendances", "attendances", 300), ("Train 6 volunteers in mental health first aid", "", 6),
        )
        self.add(*lines.values(), *(GrantOutcome(grant_id=grant.id, text=text, measure=measure, target=target,
                                                 position=position)
                                    for position, (text, measure, target) in enumerate(outcomes)))
        self.s.flush()
        rows: list[Transaction] = []

        def in_grant(day: date) -> bool:
            return grant.starts_on <= day <= grant.ends_on

        treasurer = self.members["David Okafor"]

        def book(account: Account, day: date, pence: int, payee: str, category: str, *, line: str | None = None,
                 description: str = "", restricted: bool = False) -> None:
            """Grant money, and spending on a budget line while the grant runs, is in the restricted fund."""
            restricted = restricted or (line is not None and in_grant(day))
            rows.append(Transaction(
                account_id=account.id, on=day, amount_pence=pence, payee=payee, description=description,
                kind=TransactionKind.RECEIPT if pence > 0 else TransactionKind.PAYMENT,
                category_id=categories[category].id, fund_id=(lottery if restricted else general).id,
                budget_line_id=lines[line].id if restricted and line else None,
            ))

        book(bank, grant_start, 240_000, "The National Lottery Community Fund", "Grants received",
             restricted=True, description="Grant NLCF-2024-0173, first instalment")
        book(bank, self.at(24), 240_000, "The National Lottery Community Fund", "Grants received",
             restricted=True, description="Grant NLCF-2024-0173, second instalment")
        cash_in_tin = 5_000
        for index, day in enumerate(self.held):
            meeting = self.meetings[day]
            venue_cost = (self.hub if meeting.venue_id == self.hub.id else self.hall).cost_pence
            venue_payee = "The Hub Community Centre" if meeting.venue_id == self.hub.id else "St Mary's Church Hall"
            book(bank, day - timedelta(days=rng.randint(3, 9)), -venue_cost, venue_payee, "Room hire",
                 line="Room hire", description=f"Room for {day:%B %Y}")
            shop = rng.choice(["Tesco", "Sainsbury's", "Co-op", "Lidl"])
            spent = -rng.randint(650, 1_850)
            book(cash, day - timedelta(days=1), spent, shop, "Refreshments", line="Refreshments",
                 description="Tea, coffee, milk and biscuits")
            subs = 200 * rng.randint(max(len(meeting.attendance) - 4, 1), max(len(meeting.attendance), 1))
            book(cash, day, subs, "Members' subs", "Meeting contributions", description="£2 a meeting, if you can")
            cash_in_tin += subs + spent
            if rng.random() < 0.75:
                tin = rng.randint(150, 1_400)
                book(cash, day, tin, "Collection tin", "Donations")
                cash_in_tin += tin
            book(bank, day.replace(day=28), -150, "Unity Trust Bank", "Bank charges", description="Monthly fee")
            if rng.random() < 0.3:
                stamps = -rng.randint(340, 1_650)
                book(cash, day + timedelta(days=rng.randint(2, 20)), stamps, "Post Office", "Printing and stationery",
                     description="Stamps and envelopes")
                cash_in_tin += stamps
            if rng.random() < 0.5:
                raffle = rng.randint(8, 30) * 100
                book(cash, day, raffle, "Raffle", "Raffles and sales")
                cash_in_tin += raffle
            if rng.random() < 0.35:
                book(bank, day + timedelta(days=rng.randint(1, 20)), rng.choice([1_000, 2_000, 2_500, 5_000, 10_000]),
                     rng.choice(["Anonymous donation", "In memory of Joan Baxter", "Southsea Rotary Club",
                                 "St Mary's Church collection"]), "Donations")
            if meeting.kind is MeetingKind.SPEAKER:
                book(bank, day + timedelta(days=3), -rng.randint(1_500, 4_500), "Speaker's travel expenses",
                     "Speakers and activities", line="Training and speakers")
            if index % 3 == 2:
                interest = rng.randint(4, 60)
                book(bank, day + timedelta(days=17), interest, "Unity Trust Bank", "Bank interest")
                banked = cash_in_tin - 5_000
                if banked > 0:
                    transfer = str(uuid.UUID(int=rng.getrandbits(128)))
                    on = day + timedelta(days=2)
                    for account, pence in ((cash, -banked), (bank, banked)):
                        rows.append(Transaction(account_id=account.id, on=on, amount_pence=pence,
                                                kind=TransactionKind.TRANSFER, payee="Cash banked",
                                                description="Cash from the tin paid in at the bank",
                                                fund_id=general.id, transfer_id=transfer))
                    cash_in_tin = 5_000
            if index % 12 == 3:
                book(bank, day + timedelta(days=5), -rng.randint(14_000, 16_500), "Ansvar Insurance", "Insurance",
                     description="Public liability insurance for the year")
                book(bank, day + timedelta(days=12), rng.randint(35_000, 62_000), "Summer quiz night",
                     "Fundraising events")
            if index % 12 == 8:
                book(bank, day + timedelta(days=6), -5_000, "R. Patel (independent examiner)",
                     "Independent examiner's fee", description="Expenses for examining the accounts")
            if index % 6 == 1:
                book(bank, day + timedelta(days=4), -rng.randint(3_500, 8_000), "Solent Print Shop",
                     "Printing and stationery", line="Publicity", description="Leaflets and posters")
            if in_grant(day) and rng.random() < 0.4:
                fares = -rng.randint(300, 1_200)
                book(cash, day, fares, rng.choice(list(self.current_on(day))).name,
                     "Travel", line="Volunteers' travel", description="Bus fares to the meeting")
                cash_in_tin += fares
        book(bank, self.at(29) + timedelta(days=2), -72_000, "St John Ambulance", "Training",
             line="Training and speakers", description="Mental health first aid course for six volunteers")
        rows = [row for row in rows if row.on < self.today]
        self.add(*rows)
        self.s.flush()
        self.approvals([r for r in rows if r.account_id == cash.id and r.amount_pence < -1_000], treasurer)
        self.statements(bank, [r for r in rows if r.account_id == bank.id])
        return len(rows)

    def approvals(self, payments: list[Transaction], treasurer: Member) -> None:
        second = self.members["Zoë Adams"]
        for row in payments:
            self.add(Approval(transaction_id=row.id, member_id=treasurer.id, approved_on=row.on),
                     Approval(transaction_id=row.id, member_id=second.id, approved_on=row.on))

    def statements(self, bank: Account, rows: list[Transaction]) -> None:
        """Monthly statements, all reconciled except the latest, with their lines ticked off."""
        rows.sort(key=lambda r: (r.on, r.id))
        balance = bank.opening_balance_pence
        month_ends = sorted({(r.on.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                             for r in rows if r.on < self.today.replace(day=1)})
        cursor = 0
        for position, end in enumerate(month_ends):
            statement = BankStatement(account_id=bank.id, statement_date=end, closing_balance_pence=0)
            self.add(statement)
            self.s.flush()
            while cursor < len(rows) and rows[cursor].on <= end:
                balance += rows[cursor].amount_pence
                if position < len(month_ends) - 1:
                    rows[cursor].cleared = True
                    rows[cursor].statement_id = statement.id
                cursor += 1
            statement.closing_balance_pence = balance
            if position < len(month_ends) - 1:
                statement.reconciled_on = end + timedelta(days=9)
