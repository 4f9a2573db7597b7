"""A large group (15 years of a busy group) and a ten-times one, for measuring the app where it is slow.

    .venv/bin/python benchmarks/large_group.py            # build (or find) both, print where they are
    .venv/bin/python benchmarks/large_group.py --scale 1  # just the large one

``large_group(scale)`` returns the path of a cached group file: the app creates the file
(``services.group.create_group`` and the books' defaults), then every other row goes in as bulk SQL
(SQLAlchemy Core ``insert`` with many rows, in one transaction), so the large group takes seconds rather
than the minutes it takes through the services. The result passes ``coordinator-app check``.

At scale 1: 15 years, 600 members, 750 meetings, about 19,500 attendances, 12,000 transactions in 2
accounts and 6 funds, 20 grants, 300 achievements, about 570 payee rules. Scale 10 has ten times the
members, meetings, attendances, transactions, grants, achievements and rules (an umbrella organisation's
file); accounts and funds stay 2 and 6. Files are cached in ``/tmp/coordinator-bench/`` (or
``$COORDINATOR_BENCH``) under a name that changes with this builder and the schema, so each is built once.
Benchmarks copy the cached file before using it, so the cache is never changed.

``bank_csv(lines)`` writes (once) a bank statement CSV of new lines for the Community account, for the
import measures.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from coordinator_app.db import migrate
from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import (
    Account,
    AccountKind,
    Achievement,
    AchievementKind,
    Agreement,
    AgreementHow,
    AgreementVersion,
    Aim,
    Approval,
    AssignmentStatus,
    Attendance,
    BalanceItem,
    BalanceItemKind,
    BankStatement,
    BoundaryVersion,
    Category,
    CategoryDirection,
    Consent,
    ConsentKind,
    Contact,
    ContactRole,
    Decision,
    EsteemRole,
    Fund,
    FundKind,
    FundTransfer,
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
    PayeeRule,
    ScheduleRule,
    Transaction,
    TransactionKind,
    Venue,
)
from coordinator_app.services.demo import DECISIONS, GOOD_THINGS, PEOPLE, TOPICS, tiny_png
from coordinator_app.services.group import create_group
from coordinator_app.services.money.books import set_up_books
from coordinator_app.services.money.payee_rules import normalise_payee

TODAY = date(2026, 3, 10)
YEARS = 15
START = date(TODAY.year - YEARS, TODAY.month, 1)
BANK, CASH = 1, 2
ATTENDING = 27  # people at a meeting, on average
CACHE = Path(os.environ.get("COORDINATOR_BENCH", "/tmp/coordinator-bench"))

FIRST = [n.split()[0] for n, _p, _k in PEOPLE] + ["Alan", "Brenda", "Cyril", "Deepa", "Emeka", "Fiona", "Gwen",
                                                  "Hamid", "Isla", "Jamal", "Kasia", "Liam", "Mona", "Nadia"]
LAST = [n.split()[-1] for n, _p, _k in PEOPLE] + ["Ahmed", "Brown", "Chen", "Dunn", "Ellis", "Ford", "Gill",
                                                 "Hale", "Iqbal", "Jones", "Khan", "Lowe", "Moss", "Nash"]
SHOPS = ["Tesco Stores", "Sainsbury's", "Co-op Food", "Lidl", "Aldi", "Post Office", "Wilko", "Boots",
         "Greggs", "Screwfix", "Staples", "Ryman", "Solent Print", "Hub Cafe", "Asda", "Iceland"]
TOWNS = ["Southsea", "Portsmouth", "Fareham", "Havant", "Gosport", "Cosham", "Fratton", "Hilsea", "Drayton",
         "Waterlooville", "Emsworth", "Hayling", "Denmead", "Purbrook", "Wickham", "Titchfield", "Horndean",
         "Rowlands Castle", "Bedhampton", "Paulsgrove"]


def _builder_stamp() -> str:
    """Changes when this builder or the schema does, so an out-of-date cached file is never used."""
    versions = Path(migrate.__file__).parent / "migrations" / "versions"  # 0001 is regenerated with the models
    text = Path(__file__).read_bytes() + b"".join(p.read_bytes() for p in sorted(versions.glob("*.py")))
    return hashlib.sha256(text).hexdigest()[:10]


def large_group(scale: int = 1) -> Path:
    """The cached group file at this scale, built first if need be."""
    path = CACHE / f"large-x{scale}-{_builder_stamp()}.group"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        for stale in CACHE.glob(f"large-x{scale}-*.group"):
            stale.unlink()  # built by an older builder or for an older schema
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.unlink(missing_ok=True)
        build(partial, scale)
        os.replace(partial, path)
    return path


def copy_of(source: Path, folder: Path) -> Path:
    """A copy of a cached group to change freely (a benchmark never changes the cache)."""
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def _days(rng: random.Random, n: int, first: date, last: date) -> list[date]:
    span = (last - first).days
    return sorted(first + timedelta(days=rng.randrange(span)) for _ in range(n))


def build(path: Path, scale: int) -> None:
    rng = random.Random(1700 + scale)
    create_group(path, name=f"Solent Pain & Carers Network ({'umbrella' if scale > 1 else 'large'})",
                 area="Portsmouth and the Solent", founded_on=START,
                 about="Fifteen years of meetings, members and money, for measuring the app.")
    with open_group(path) as group:
        set_up_books(group)
        with group.engine.begin() as conn:
            categories = {name: (cid, direction) for cid, name, direction in
                          conn.execute(select(Category.id, Category.name, Category.direction))}
            _People(conn, rng, scale, categories).build()


class _People:
    """Writes every table in one transaction, with ids chosen here so rows can refer to each other."""

    def __init__(self, conn, rng: random.Random, scale: int, categories: dict) -> None:  # noqa: ANN001
        self.c, self.rng, self.scale, self.categories = conn, rng, scale, categories

    def put(self, model: type, rows: list[dict]) -> None:
        """Insert many rows; a key some rows leave out takes the column's default (executemany wants every key)."""
        keys = {key for row in rows for key in row}
        table = model.__table__
        for key in keys:
            default = table.c[key].default
            fill = default.arg if default is not None and default.is_scalar else None
            for row in rows:
                row.setdefault(key, fill)
        for start in range(0, len(rows), 20_000):
            self.c.execute(insert(model.__table__), rows[start:start + 20_000])

    def build(self) -> None:
        self.members()
        self.meetings()
        self.jobs()
        self.achievements_and_contacts()
        self.money()

    # ---- people and meetings --------------------------------------------------------------------------
    def members(self) -> None:
        rng, n = self.rng, 600 * self.scale
        joined = _days(rng, n, START, TODAY - timedelta(days=30))
        members, consents, agreements, roles = [], [], [], []
        self.spans: list[tuple[int, date, date | None]] = []
        self.put(AgreementVersion, [{"id": 1, "number": 1, "effective_from": START,
                                     "text": "What is said in the group stays in the group."}])
        for index, on in enumerate(joined, start=1):
            left = None
            if rng.random() < 0.55 and (TODAY - on).days > 200:
                left = on + timedelta(days=rng.randint(90, max(91, (TODAY - on).days - 1)))
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            kind = rng.choices(list(MemberKind), weights=(8, 2, 1))[0]
            members.append({"id": index, "name": name, "joined_on": on, "left_on": left, "kind": kind,
                            "email": f"member{index}@example.org" if rng.random() < 0.8 else "",
                            "phone": f"07700 9{index:05d}" if rng.random() < 0.6 else ""})
            self.spans.append((index, on, left))
            for consent_kind, chance in ((ConsentKind.CONTACT_BY_EMAIL, 0.7), (ConsentKind.NAMED_IN_REPORTS, 0.55),
                                         (ConsentKind.PHOTOS, 0.45), (ConsentKind.HEALTH_INFORMATION, 0.4)):
                if rng.random() < chance:
                    consents.append({"member_id": index, "kind": consent_kind, "given_on": on,
                                     "how": AgreementHow.SIGNED_PAPER})
            agreements.append({"member_id": index, "version_id": 1, "agreed_on": on, "how": AgreementHow.SIGNED_PAPER})
        for index, role in enumerate(("coordinator", "treasurer", "welcomer", "secretary"), start=1):
            members[index - 1]["left_on"] = None
            self.spans[index - 1] = (index, members[index - 1]["joined_on"], None)
            roles.append({"member_id": index, "role": role, "started_on": members[index - 1]["joined_on"]})
        self.put(Member, members)
        self.put(Consent, consents)
        self.put(Agreement, agreements)
        self.put(MemberRole, roles)
        self.put(BoundaryVersion, [{"id": 1, "effective_from": START, "who_is_welcome": "Adults living with pain, "
                                    "and the people who care for them."}])
        self.put(Aim, [{"text": text, "position": i, "set_on": START} for i, text in enumerate(
            ("A friendly, confidential place to share what living with pain is like.",
             "Support the family and friends who care for someone in pain."))])

    def meetings(self) -> None:
        rng, n = self.rng, 750 * self.scale
        self.put(Venue, [{"id": 1, "name": "St Mary's Church Hall", "cost_pence": 2500},
                         {"id": 2, "name": "The Hub Community Centre", "cost_pence": 1800}])
        self.put(MeetingSchedule, [{"id": 1, "rule": ScheduleRule.WEEKLY, "weekday": 1, "starts_on": START,
                                    "venue_id": 1}])
        step = (TODAY - START).days / (n - 4)
        meetings, attendance, decisions, good = [], [], [], []
        self.held: list[tuple[int, date]] = []
        spans = self.spans
        first_current = 0
        for index in range(1, n + 1):
            on = START + timedelta(days=int((index - 1) * step))
            planned = on >= TODAY
            kind = MeetingKind.SPEAKER if index % 5 == 0 else MeetingKind.REGULAR
            meetings.append({
                "id": index, "held_on": on, "venue_id": 1 + index % 2, "schedule_id": 1, "kind": kind,
                "topic": rng.choice(TOPICS) if kind is MeetingKind.SPEAKER else "",
                "status": MeetingStatus.PLANNED if planned else MeetingStatus.HELD,
                "newcomers_count": 0 if planned else rng.choice([0, 0, 1, 2]),
                "minutes": "" if planned else f"Meeting {index}.", "minutes_shareable": not planned and index % 3 == 0,
                "recorded_at": None if planned else datetime.combine(on, datetime.min.time()),
            })
            if planned:
                continue
            self.held.append((index, on))
            while first_current < len(spans) and spans[first_current][2] is not None \
                    and spans[first_current][2] <= on - timedelta(days=3650):
                first_current += 1
            current = [m for m, joined, left in spans[first_current:] if joined <= on and (left is None or left > on)]
            for member_id in rng.sample(current, min(len(current), rng.randint(ATTENDING - 6, ATTENDING + 6))):
                attendance.append({"meeting_id": index, "member_id": member_id})
            for position in range(rng.choice((0, 1, 1, 2))):
                decisions.append({"meeting_id": index, "position": position, "text": rng.choice(DECISIONS)})
            for position, text in enumerate(rng.sample(GOOD_THINGS, rng.randint(1, 3))):
                sharer = rng.choice(current) if current and rng.random() < 0.3 else None
                good.append({"meeting_id": index, "position": position, "text": text, "shared_by_id": sharer})
        self.put(Meeting, meetings)
        self.put(Attendance, attendance)
        self.put(Decision, decisions)
        self.put(GoodThing, good)
        self.attendance = attendance

    def jobs(self) -> None:
        rng = self.rng
        titles = ("Bring the tea and biscuits", "Open up and set out the chairs", "Welcome newcomers at the door",
                  "Wash up and lock up")
        self.put(Job, [{"id": i, "title": t, "frequency": JobFrequency.EVERY_MEETING} for i, t in enumerate(titles, 1)])
        volunteers = {job: rng.sample(range(1, 601), 12) for job in range(1, 5)}
        self.put(JobVolunteer, [{"job_id": j, "member_id": m} for j, ms in volunteers.items() for m in ms])
        turns = []
        for meeting_id, on in self.held[-60 * self.scale:]:
            for job, willing in volunteers.items():
                turns.append({"job_id": job, "member_id": rng.choice(willing), "meeting_id": meeting_id,
                              "due_on": on, "status": AssignmentStatus.DONE, "done_on": on})
        self.put(JobAssignment, turns)

    def achievements_and_contacts(self) -> None:
        rng = self.rng
        photo = tiny_png(48, 32, (40, 90, 160), (240, 200, 120))
        rows = []
        for index in range(1, 300 * self.scale + 1):
            meeting_id, on = rng.choice(self.held)
            rows.append({"achieved_on": on, "title": f"Achievement {index}: {rng.choice(TOPICS)}",
                         "story": rng.choice(GOOD_THINGS), "kind": rng.choice(list(AchievementKind)),
                         "meeting_id": meeting_id, "photo": photo if index % 10 == 0 else None,
                         "photo_mime": "image/png" if index % 10 == 0 else "",
                         "quote": rng.choice(GOOD_THINGS) if index % 4 == 0 else "",
                         "quote_by_id": rng.randint(1, 600) if index % 4 == 0 else None,
                         "consent_to_include": index % 3 != 0, "consent_recorded_on": on})
        self.put(Achievement, rows)
        self.put(Contact, [{"id": 1, "name": "Grants team", "organisation": "The National Lottery Community Fund"},
                           {"id": 2, "name": "Joanne Whitaker", "organisation": "Pain clinic"}])
        self.put(ContactRole, [{"contact_id": 1, "role": EsteemRole.RESOURCE_BUILDER},
                               {"contact_id": 2, "role": EsteemRole.CO_EDUCATOR}])

    # ---- money ------------------------------------------------------------------------------------------
    def money(self) -> None:
        rng, scale, cats = self.rng, self.scale, self.categories
        self.put(Account, [
            {"id": BANK, "name": "Community account", "kind": AccountKind.BANK, "opened_on": START,
             "opening_balance_pence": 150_000, "bank_details": "Unity Trust Bank, account ending 4821"},
            {"id": CASH, "name": "Cash tin", "kind": AccountKind.CASH, "opened_on": START,
             "opening_balance_pence": 5_000}])
        general = next(iter(self._ids(Fund.id)))
        self.c.execute(Fund.__table__.update().where(Fund.id == general).values(opening_balance_pence=155_000))
        restricted = list(range(general + 1, general + 6))
        self.put(Fund, [{"id": f, "name": f"Restricted fund {i}", "kind": FundKind.RESTRICTED,
                         "purpose": "Only for the funded project."} for i, f in enumerate(restricted, 1)])
        grants, lines, outcomes, reports = [], [], [], []
        grant_lines: dict[int, list[int]] = {}
        line_id = 0
        for gid in range(1, 20 * scale + 1):
            starts = START + timedelta(days=int((gid - 1) * (YEARS * 365 - 800) / (20 * scale)))
            fund = restricted[gid % len(restricted)]
            grants.append({"id": gid, "funder": rng.choice(("The National Lottery Community Fund", "Awards for All",
                                                            "Hampshire Community Foundation", "Rotary Club")),
                           "reference": f"GR-{gid:05d}", "amount_pence": rng.randint(200, 900) * 1_000,
                           "starts_on": starts, "ends_on": starts + timedelta(days=730), "fund_id": fund,
                           "awarded_on": starts - timedelta(days=30), "contact_id": 1,
                           "purpose": "Reaching more carers."})
            reports.append({"grant_id": gid, "due_on": starts + timedelta(days=790)})
            for position, name in enumerate(("Room hire", "Refreshments", "Training and speakers", "Publicity")):
                line_id += 1
                lines.append({"id": line_id, "grant_id": gid, "name": name, "amount_pence": 50_000,
                              "position": position})
                grant_lines.setdefault(fund, []).append(line_id)
            outcomes.append({"grant_id": gid, "text": "Hold 24 meetings", "measure": "meetings", "target": 24})
        self.put(Grant, grants)
        self.put(GrantBudgetLine, lines)
        self.put(GrantOutcome, outcomes)
        self.put(GrantReportDue, reports)

        receipts = [(name, cid) for name, (cid, d) in cats.items() if d is CategoryDirection.RECEIPT]
        payments = [(name, cid) for name, (cid, d) in cats.items() if d is CategoryDirection.PAYMENT]
        payees = list({f"{shop} {town}" for shop in SHOPS for town in TOWNS})
        payees += [f"{first} {last}" for first in FIRST for last in LAST][: 300 * scale]
        rng.shuffle(payees)
        payees = payees[: 700 * scale]
        rules, seen = [], set()
        for payee in payees[: int(len(payees) * 0.92)]:
            pattern = normalise_payee(payee)
            if pattern and pattern not in seen:
                seen.add(pattern)
                _name, cid = rng.choice(payments)
                rules.append({"pattern": pattern, "category_id": cid, "times_used": rng.randint(1, 40)})
        self.put(PayeeRule, rules)

        n = 11_650 * scale  # with the pairs of rows for cash banked, about 12,000
        rows, approvals = [], []
        days = _days(rng, n, START, TODAY - timedelta(days=1))
        tid = 0
        for on in days:
            tid += 1
            account = BANK if rng.random() < 0.58 else CASH
            if rng.random() < 0.03:  # cash banked: a pair of rows
                link = f"{tid:08d}-0000-4000-8000-000000000000"
                pence = rng.randint(20, 300) * 100
                rows.append(self._tx(tid, CASH, on, -pence, TransactionKind.TRANSFER, "Cash banked", None, general,
                                     None, link))
                tid += 1
                rows.append(self._tx(tid, BANK, on, pence, TransactionKind.TRANSFER, "Cash banked", None, general,
                                     None, link))
                continue
            fund = general if rng.random() < 0.7 else rng.choice(restricted)
            if rng.random() < 0.45:
                pence, kind = rng.randint(100, 40_000), TransactionKind.RECEIPT
                _name, category = rng.choice(receipts)
                line = None
            else:
                most = 25_000 if account == BANK else 12_000
                pence, kind = -rng.randint(100, most), TransactionKind.PAYMENT
                _name, category = rng.choice(payments)
                line = rng.choice(grant_lines[fund]) if fund != general and rng.random() < 0.8 else None
            if rng.random() < 0.02:
                category = None
            rows.append(self._tx(tid, account, on, pence, kind, rng.choice(payees), category, fund, line, None))
            if account == CASH and pence < -10_000:
                approvals.append({"transaction_id": tid, "member_id": 2, "approved_on": on})
                approvals.append({"transaction_id": tid, "member_id": 1, "approved_on": on})
        self._statements(rows)
        self.put(Transaction, rows)
        self.put(Approval, approvals)
        self.put(FundTransfer, [{"on": rng.choice(days), "from_fund_id": general, "to_fund_id": rng.choice(restricted),
                                 "amount_pence": rng.randint(10, 200) * 100, "reason": "Covering an overspend"}
                                for _ in range(30 * scale)])
        year_end = date(TODAY.year - 1, 3, 31)
        self.put(BalanceItem, [
            {"kind": BalanceItemKind.LIABILITY, "description": "Room hire owed for March", "amount_pence": 2_500,
             "as_at": year_end, "fund_id": general},
            {"kind": BalanceItemKind.ASSET_FOR_USE, "description": "Portable hearing loop", "amount_pence": None,
             "as_at": year_end}])

    def _ids(self, column) -> list[int]:  # noqa: ANN001
        return list(self.c.scalars(select(column).order_by(column)))

    def _tx(self, tid: int, account: int, on: date, pence: int, kind: TransactionKind, payee: str,
            category: int | None, fund: int, line: int | None, link: str | None) -> dict:
        imported = account == BANK and link is None and self.rng.random() < 0.6
        return {"id": tid, "account_id": account, "on": on, "amount_pence": pence, "kind": kind,
                "payee": f"{payee} {self.rng.randint(1000, 9999)}" if imported else payee,
                "description": "" if imported else "Entered by hand", "reference": "",
                "category_id": None if kind is TransactionKind.TRANSFER else category, "fund_id": fund,
                "budget_line_id": line, "member_id": None, "transfer_id": link, "cleared": False,
                "statement_id": None, "import_key": hashlib.sha256(str(tid).encode()).hexdigest() if imported else None}

    def _statements(self, rows: list[dict]) -> None:
        """Monthly bank statements, reconciled except the last, with their lines ticked."""
        statements, balance, number = [], 150_000, 0
        month: tuple[int, int] | None = None
        last_month = (TODAY.year, TODAY.month)
        for row in rows:
            if row["account_id"] != BANK:
                continue
            key = (row["on"].year, row["on"].month)
            if key == last_month:
                break
            if key != month:
                month, number = key, number + 1
                following = date(key[0] + key[1] // 12, key[1] % 12 + 1, 1)
                end = following - timedelta(days=1)
                statements.append({"id": number, "account_id": BANK, "statement_date": end,
                                   "closing_balance_pence": 0, "reconciled_on": end + timedelta(days=9)})
            balance += row["amount_pence"]
            statements[-1]["closing_balance_pence"] = balance
            row["cleared"], row["statement_id"] = True, number
        self.put(BankStatement, statements)


def bank_csv(lines: int) -> Path:
    """A statement of ``lines`` new lines for the Community account, after the books' last day."""
    path = CACHE / f"statement-{lines}-{_builder_stamp()}.csv"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        rng = random.Random(lines)
        payees = [f"{shop} {town}".upper() for shop in SHOPS for town in TOWNS]
        out = ["Date,Description,Amount,Balance"]
        balance = 0
        for index in range(lines):
            on = TODAY + timedelta(days=index * 365 // max(lines, 1))
            pence = rng.randint(100, 20_000) * (1 if rng.random() < 0.4 else -1)
            balance += pence
            out.append(f"{on:%d/%m/%Y},{rng.choice(payees)} {rng.randint(1000, 9999)},{pence / 100:.2f},"
                       f"{balance / 100:.2f}")
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text("\n".join(out) + "\n", encoding="utf-8")
        os.replace(partial, partial.with_name(path.name))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append", help="1 or 10 (both if not given)")
    args = parser.parse_args()
    for scale in args.scale or (1, 10):
        began = time.perf_counter()
        path = large_group(scale)
        took = time.perf_counter() - began
        check = subprocess.run([str(Path(sys.executable).with_name("coordinator-app")), "check", "--group", str(path)],
                               capture_output=True, text=True)
        print(f"x{scale}: {path} ({path.stat().st_size // 1_000_000} MB, {took:.1f} s); check: "
              f"{check.stdout.strip().splitlines()[-1] if check.stdout.strip() else check.stderr.strip()}")
        if check.returncode:
            print(check.stdout, check.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
