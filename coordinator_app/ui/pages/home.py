"""Home: what the coordinator needs this week at a glance, and what needs attention.

Each box shows a few lines (never a widget per row) and a button to the page where it is dealt with.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from coordinator_app.services import achievements as achievements_service
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import group as group_service
from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service

from ..labels import word
from ..tables import show_date
from .base import Page, PageContext
from .widgets import button, button_row, card, heading, note

SHOW_AT_MOST = 5


def _bullets(lines: list[str], empty: str, more: int = 0) -> str:
    if not lines:
        return empty
    text = "\n".join(f"• {line}" for line in lines)
    return text + (f"\n… and {more} more" if more > 0 else "")


class HomePage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Home")
        outer = QVBoxLayout(self)
        self.heading = heading(self.title)
        outer.addWidget(self.heading)
        self.about = note()
        outer.addWidget(self.about)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        grid = QGridLayout(body)
        self.texts: dict[str, QLabel] = {}
        boxes = (
            ("next", self.tr("Next meeting"), self.tr("Go to &meetings"), "meetings", 0, 0),
            ("reminders", self.tr("Needs attention"), self.tr("See the a&greement"), "group:agreement", 0, 1),
            ("jobs", self.tr("Jobs due in the next two weeks"), self.tr("Go to &jobs"), "jobs", 1, 0),
            ("aims", self.tr("Our aims"), self.tr("See our &aims"), "group:aims", 1, 1),
            ("achievements", self.tr("Recent achievements"), self.tr("See a&chievements"), "achievements", 2, 0),
        )
        for key, title, go_text, target, row, column in boxes:
            frame, layout = card(title)
            text = note()
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(text, 1)
            go = button(go_text)
            go.clicked.connect(lambda _c=False, t=target: self.go_to(t))
            row_layout = button_row(go)
            layout.addLayout(row_layout)
            grid.addWidget(frame, row, column)
            self.texts[key] = text
            if key == "reminders":
                self.record_button = button(self.tr("&Record a meeting…"),
                                            self.tr("Record the oldest meeting not yet recorded"))
                self.record_button.clicked.connect(self.record_oldest)
                row_layout.insertWidget(0, self.record_button)
        grid.setRowStretch(3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.unrecorded: list = []

    def refresh(self) -> None:
        group, today = self.ctx.group, self.ctx.today()
        profile = group_service.get_profile(group)
        self.heading.setText(self.tr("Welcome to {name}").format(name=profile.name))
        self.about.setText(profile.about)

        upcoming = meetings_service.next_meeting(group, today=today)
        if upcoming is None:
            self.texts["next"].setText(self.tr("No meeting is planned yet. Plan one on the Meetings page."))
        else:
            when = show_date(upcoming.held_on)
            if upcoming.start_time:
                when += f", {upcoming.start_time:%H:%M}"
            lines = [when, word(upcoming.kind)]
            if upcoming.topic:
                lines.append(upcoming.topic)
            if upcoming.venue_name:
                lines.append(self.tr("at {venue}").format(venue=upcoming.venue_name))
            self.texts["next"].setText("\n".join(lines))

        due = jobs_service.jobs_due(group, today=today, within_days=14)
        self.texts["jobs"].setText(_bullets(
            [f"{show_date(a.due_on)}: {a.job_title} — {a.member_name or self.tr('nobody yet')}"
             for a in due[:SHOW_AT_MOST]],
            self.tr("Nothing due. Jobs shared out on the Jobs page appear here."), len(due) - SHOW_AT_MOST))

        aims = aims_service.list_aims(group, today=today)
        self.texts["aims"].setText(_bullets(
            [a.text for a in aims[:SHOW_AT_MOST]],
            self.tr("No aims written down yet. Clear aims strengthen the group."), len(aims) - SHOW_AT_MOST))

        recent = achievements_service.list_achievements(group)[:SHOW_AT_MOST]
        self.texts["achievements"].setText(_bullets(
            [f"{show_date(a.achieved_on)}: {a.title}" for a in recent],
            self.tr("Nothing yet. Celebrate what the group achieves: add it on the Achievements page.")))

        reminders = []
        unrecorded = meetings_service.unrecorded_past_meetings(group, today=today)
        if len(unrecorded) == 1:
            reminders.append(self.tr("The meeting of {day} is not recorded yet.").format(
                day=show_date(unrecorded[0].held_on)))
        elif unrecorded:
            days = ", ".join(show_date(m.held_on) for m in unrecorded[:3]) + (" …" if len(unrecorded) > 3 else "")
            reminders.append(self.tr("{n} past meetings are not recorded yet: {days}").format(n=len(unrecorded),
                                                                                             days=days))
        if not members_service.list_members(group, today=today):
            reminders.append(self.tr("Nobody is a member yet: add the first members on the Members page."))
        current = agreement_service.current_agreement(group, today=today)
        if current is not None:
            missing = agreement_service.members_not_agreed(group, today=today)
            if len(missing) == 1:
                reminders.append(self.tr("{name} has not agreed to version {v} of the confidentiality agreement.")
                                 .format(name=missing[0].name, v=current.number))
            elif missing:
                names = ", ".join(m.name for m in missing[:4]) + (" …" if len(missing) > 4 else "")
                reminders.append(self.tr(
                    "{n} members have not agreed to version {v} of the confidentiality agreement: {names}").format(
                    n=len(missing), v=current.number, names=names))
        else:
            reminders.append(self.tr("The group has no confidentiality agreement yet (Our group page)."))
        stale = aims_service.aims_needing_review(group, today=today)
        if len(stale) == 1:
            reminders.append(self.tr("One aim has not been reviewed for over a year."))
        elif stale:
            reminders.append(self.tr("{n} aims have not been reviewed for over a year.").format(n=len(stale)))
        self.texts["reminders"].setText(_bullets(reminders, self.tr("✓ Nothing needs attention. Well done!")))
        self.record_button.setVisible(bool(unrecorded))
        self.unrecorded = unrecorded

    def go_to(self, target: str) -> None:
        """Show the page ``target`` names ("group:aims" is the Aims tab of Our group), at that very tab."""
        key, _sep, tab = target.partition(":")
        page = self.ctx.show_page(key)
        if page is not None and tab:
            page.show_tab(tab)  # type: ignore[attr-defined]

    def record_oldest(self) -> None:
        """Open RECORD A MEETING on the oldest meeting not yet recorded."""
        if not self.unrecorded:
            return
        meetings = self.ctx.show_page("meetings")
        if meetings is not None and meetings.select_meeting(self.unrecorded[0].id):
            meetings.record()
