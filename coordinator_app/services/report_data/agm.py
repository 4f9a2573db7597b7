"""The AGM pack: the annual general meeting's minutes, who holds which role, the year's accounts and its
achievements, for one meeting. The year is the financial year that ended last before the meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.db.models import Account, GroupProfile, Member, MemberRole

from ..money import years
from ..privacy import Document, Privacy
from ..uow import unit_of_work
from ..validate import fold
from .achievements import AchievementSummaryData, achievement_summary_data
from .printables import MinutesData, minutes_data


@dataclass(frozen=True)
class Officer:
    role: str
    name: str  # as the minutes may name them (the pack goes where the minutes go)
    since: date


@dataclass(frozen=True)
class AgmData:
    minutes: MinutesData
    officers: tuple[Officer, ...]
    year: years.FinancialYear
    accounts_year: int | None  # None when the books had not begun by the end of that year
    achievements: AchievementSummaryData


def agm_data(group: GroupFile, *, held_on: date, today: date | None = None) -> AgmData:
    today = today or date.today()
    minutes = minutes_data(group, held_on=held_on, today=today)  # refuses a meeting not yet recorded
    with unit_of_work(group, write=False) as session:
        privacy = Privacy(session, today, Document.MINUTES)
        start_month = session.scalar(select(GroupProfile.financial_year_start_month).limit(1)) or 4
        rows = session.execute(
            select(MemberRole.role, MemberRole.member_id, MemberRole.started_on)
            .join(Member, Member.id == MemberRole.member_id)
            .where(Member.deleted_at.is_(None), MemberRole.started_on <= held_on,
                   or_(MemberRole.ended_on.is_(None), MemberRole.ended_on > held_on))
        ).all()
        officers = tuple(sorted((Officer(role, privacy.name(member_id), since) for role, member_id, since in rows),
                                key=lambda o: (fold(o.role), fold(o.name))))
        began = session.scalar(select(func.min(Account.opened_on)))  # the day the books began, if they have
    year = years.year_bounds(start_month, years.year_containing(held_on, start_month).year - 1)
    return AgmData(
        minutes=minutes, officers=officers, year=year,
        accounts_year=year.year if began is not None and began <= year.end else None,
        achievements=achievement_summary_data(group, starts_on=year.start, ends_on=year.end, today=today),
    )
