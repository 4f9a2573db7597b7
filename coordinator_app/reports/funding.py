"""The report to a funder for one grant: what the money was for, what it paid for, what it made possible."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services.report_data import FundingData, funding_data

from . import look
from .charts import line_chart
from .fonts import markup
from .words import count, day, period, short_day

Money = Callable[[int], str]


def make_funding_report(group: GroupFile, path: Path | str, *, reference: str, today: date | None = None) -> Path:
    """Write the funding report for the grant with ``reference`` to ``path``."""
    return render_funding(funding_data(group, reference=reference, today=today), path)


def render_funding(data: FundingData, path: Path | str) -> Path:
    money = _money(data)
    story: list[Flowable] = [
        look.rich(f"Report to {markup(data.funder)}", "title"),
        look.para(f"Grant {data.reference}, {period(data.starts_on, data.ends_on)}", "subtitle"),
        look.heading("Summary"),
        _summary(data, money),
        look.gap(4),
        look.key_figures([(money(data.amount_pence), "granted"), (money(data.spent_pence), "spent"),
                          (money(data.left_pence), "still to spend")]),
    ]
    story += _budget(data, money)
    story += _payments(data, money)
    story += _activity(data)
    story += _outcomes(data)
    story += _achievements(data)
    story += _left(data, money)
    return look.build_document(
        path, title=f"Funding report: {data.reference}", story=story,
        group_name=data.letterhead.group_name, logo_png=data.letterhead.logo_png,
    )


def _money(data: FundingData) -> Money:
    def say(pence: int) -> str:
        return look.money_text(pence, currency=data.letterhead.currency)

    return say


def _summary(data: FundingData, money: Money) -> Flowable:
    rows = [
        ("Funder", data.funder),
        ("Reference", data.reference),
        ("Amount granted", money(data.amount_pence)),
        ("Awarded on", day(data.awarded_on) or "Not recorded"),
        ("Period", period(data.starts_on, data.ends_on)),
        ("Purpose", data.purpose or "Not recorded"),
        ("Held in the fund", data.fund_name),
    ]
    if data.report_due_on:
        rows.append(("Report due", day(data.report_due_on)))
    return look.facts_table(rows)


def _budget(data: FundingData, money: Money) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("Budget against spending")]
    if not data.lines:
        parts.append(look.para("The grant has no budget lines, so all spending is shown together below."))
    else:
        rows = [[line.name, look.money_cell(line.budget_pence, currency=data.letterhead.currency),
                 look.money_cell(line.spent_pence, currency=data.letterhead.currency),
                 look.money_cell(line.remaining_pence, currency=data.letterhead.currency)] for line in data.lines]
        if data.unallocated_spent_pence:
            rows.append(["Not against a budget line", look.money_cell(None),
                         look.money_cell(data.unallocated_spent_pence, currency=data.letterhead.currency),
                         look.money_cell(None)])
        budget = sum(line.budget_pence for line in data.lines)
        rows.append([look.rich("<b>Total</b>", "cell"), look.money_cell(budget, bold=True),
                     look.money_cell(data.spent_pence, bold=True),
                     look.money_cell(budget - data.spent_pence, bold=True)])
        parts += [
            look.data_table(["Budget line", "Budget", "Spent", "Left (overspent shows as minus)"], rows,
                            widths=[0.4, 0.18, 0.18, 0.24], total_row=True, right=(1, 2, 3)),
            look.gap(4),
        ]
    months, spent, even = _spending_curve(data)
    if len(months) >= 2:
        parts.append(line_chart(f"Spending over the grant period ({data.letterhead.currency}, whole pounds)",
                                months, [spent, even], series_names=["Spent so far", "Spending evenly"]))
    return parts


def _spending_curve(data: FundingData) -> tuple[list[str], list[int | None], list[int]]:
    """Cumulative spending by month beside an even spend of the grant, in whole pounds."""
    months: list[date] = []
    cursor = date(data.starts_on.year, data.starts_on.month, 1)
    while cursor <= data.ends_on and len(months) < 36:
        months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    labels: list[str] = []
    spent: list[int | None] = []
    even: list[int] = []
    for index, month in enumerate(months):
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if len(months) <= 14:
            labels.append(f"{month:%b}")
        else:  # too many months to name them all: name about six, evenly spaced
            labels.append(f"{month:%b %Y}" if index % -(-len(months) // 6) == 0 else "")
        so_far = sum(p.amount_pence for p in data.payments if p.paid_on < following) // 100
        spent.append(so_far if month <= data.as_of else None)  # the line stops at the day of the report
        even.append(data.amount_pence * (index + 1) // len(months) // 100)
    return labels, spent, even


def _payments(data: FundingData, money: Money) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("Payments from the grant")]
    if not data.payments:
        return parts + [look.para("Nothing has been paid from the grant yet.")]
    rows = [[short_day(p.paid_on), p.payee, p.description, p.line,
             look.money_cell(p.amount_pence, currency=data.letterhead.currency)] for p in data.payments]
    rows.append([look.rich("<b>Total</b>", "cell"), "", "", "",
                 look.money_cell(data.spent_pence, currency=data.letterhead.currency, bold=True)])
    return parts + [look.data_table(["Date", "Paid to", "What for", "Budget line", "Amount"], rows,
                                    widths=[0.17, 0.22, 0.27, 0.18, 0.16], total_row=True, right=(4,))]


def _activity(data: FundingData) -> list[Flowable]:
    a = data.activity
    if a.distinct_people is None:  # a count-only group never records who came, only how many
        people = (f"{round(a.attendances / a.meetings_held) if a.meetings_held else 0:,}", "at a typical meeting")
    else:
        people = (f"{a.distinct_people:,}", "different members")
    parts: list[Flowable] = [
        look.heading("What the group did in the grant period"),
        look.key_figures([
            (f"{a.meetings_held:,}", "meetings held"),
            (f"{a.attendances:,}", "attendances"),
            people,
            (f"{a.newcomers:,}", "newcomers"),
            (f"{a.volunteers:,}", "members sharing jobs"),
            (f"{a.support_sessions:,}", "times practitioners helped"),
        ]),
        look.gap(3),
    ]
    if a.distinct_people is None:
        parts.append(look.para("The group counts who comes rather than recording names, to protect members' "
                               "privacy, so the number of different people is not known.", "small"))
    if data.support:
        parts += [
            look.heading("Support from practitioners", 2),
            look.data_table(["Who", "Organisation", "How they helped", "Times"],
                            [[t.name, t.organisation, ", ".join(t.roles), t.times] for t in data.support],
                            widths=[0.28, 0.3, 0.3, 0.12], right=(3,)),
        ]
    return parts


def _outcomes(data: FundingData) -> list[Flowable]:
    parts: list[Flowable] = [look.heading("What we promised, and the evidence")]
    if not data.outcomes:
        return parts + [look.para("No outcomes were written down for this grant.")]
    rows = []
    for outcome in data.outcomes:
        target = f"{outcome.target:,} {outcome.measure_label}".strip() if outcome.target is not None else ""
        achieved = "" if outcome.achieved is None else f"{outcome.achieved:,} {outcome.measure_label}".strip()
        rows.append([outcome.text, target, achieved, outcome.evidence])
    return parts + [look.data_table(["Outcome", "Target", "Achieved", "Evidence"], rows,
                                    widths=[0.34, 0.17, 0.17, 0.32])]


def _achievements(data: FundingData) -> list[Flowable]:
    told = [item for item in data.stories if item.story or item.photo]  # quotes alone are in the next part
    parts: list[Flowable] = []
    if not told:
        parts += [look.heading("Achievements"), look.para("No achievements were written down in the grant period.")]
    for index, item in enumerate(told):
        block: list[Flowable] = [look.block_heading("Achievements")] if index == 0 else []
        block += [look.heading(item.title, 2), look.para(f"{item.kind_label}, {day(item.achieved_on)}", "small")]
        if item.story:
            block.append(look.para(item.story))
        if item.photo and (picture := look.photo(item.photo)):
            block.append(picture)
        parts.append(look.keep_together(*block))
    if data.quotes:
        parts.append(look.heading("In members' own words"))
        parts += [look.rich(f"“{markup(q.text)}” — {markup(q.by)}", "quote") for q in data.quotes]
    return parts


def _left(data: FundingData, money: Money) -> list[Flowable]:
    received = (f"The group has received {money(data.received_pence)} into the fund. "
                if data.received_pence else "")
    if data.left_pence > 0:
        left = f"{money(data.left_pence)} of the grant is still to spend."
    elif data.left_pence == 0:
        left = "The whole grant has been spent."
    else:
        left = f"Spending is {money(-data.left_pence)} more than the grant; the group met the difference."
    return [
        look.heading("What is left"),
        look.para(f"{received}{left} The {data.fund_name or 'grant'} fund now holds "
                  f"{money(data.fund_balance_pence)}."),
        look.para(f"This report covers {count(data.activity.meetings_held, 'meeting')} from "
                  f"{period(data.starts_on, data.ends_on)}.", "small"),
    ]
