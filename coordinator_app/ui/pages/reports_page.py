"""Reports: pick a printed document, say which year, grant or meeting it covers, and Create it.

The document is made in the background (ReportLab takes a moment for a long year) and then opened in the
system's PDF viewer, ready to print or send. Documents go into the folder the user last chose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services.money import books, grants, years

from ..forms import FieldForm, combo
from ..reports.document_list import TitleAndDescription
from ..reports.making import folder_words, made_message, make_pdf, open_file, report_folder, set_report_folder
from ..reports.printing import day_words, make_agreement, make_sign_in, sign_in_title
from ..tables import show_date
from .base import Page, PageContext
from .widgets import button, button_row, heading, note, section


@dataclass(frozen=True)
class Choice:
    """What a document needs to know: the values of the page's fields it reads."""

    year: int | None
    financial: bool
    grant: str | None
    meeting: date | None


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    description: str
    fields: tuple[str, ...]  # which of the page's fields it uses
    name: Callable[[Choice, date], str]  # the file's name (without ".pdf"), given today
    make: Callable[[GroupFile, Path, Choice, date], object]  # runs in the background


def _celebration(group: GroupFile, path: Path, c: Choice, today: date) -> object:
    from coordinator_app.reports.celebration import make_celebration_report

    assert c.year is not None
    return make_celebration_report(group, path, year=c.year, financial=c.financial, today=today)


def _achievements(group: GroupFile, path: Path, c: Choice, today: date) -> object:
    from coordinator_app.reports.achievements import make_achievement_summary
    from coordinator_app.services import group as group_service
    from coordinator_app.services.report_data import year_period

    start_month = group_service.get_profile(group).financial_year_start_month if c.financial else 1
    starts_on, ends_on, _label = year_period(c.year or today.year, start_month=start_month)
    return make_achievement_summary(group, path, starts_on=starts_on, ends_on=ends_on, today=today)


def _agm(group: GroupFile, path: Path, c: Choice, today: date) -> object:
    from coordinator_app.reports.agm import make_agm_pack

    assert c.meeting is not None  # the page offers Create only once a meeting has been recorded
    return make_agm_pack(group, path, held_on=c.meeting, today=today)


def _funding(group: GroupFile, path: Path, c: Choice, today: date) -> object:
    from coordinator_app.reports.funding import make_funding_report

    assert c.grant is not None
    return make_funding_report(group, path, reference=c.grant, today=today)


def _accounts(group: GroupFile, path: Path, c: Choice, _today: date) -> object:
    from coordinator_app.reports.accounts import make_accounts_report

    assert c.year is not None
    return make_accounts_report(group, year=c.year, path=path)


def _contacts(group: GroupFile, path: Path, _c: Choice, today: date) -> object:
    from coordinator_app.reports.printables import make_contact_list

    return make_contact_list(group, path, today=today)


def _rota(group: GroupFile, path: Path, _c: Choice, today: date) -> object:
    from coordinator_app.reports.printables import make_rota

    return make_rota(group, path, today=today)


def _minutes(group: GroupFile, path: Path, c: Choice, today: date) -> object:
    from coordinator_app.reports.printables import make_minutes

    assert c.meeting is not None
    return make_minutes(group, path, held_on=c.meeting, today=today)


def _year_words(c: Choice) -> str:
    return str(c.year) if not c.financial else f"{c.year}-{((c.year or 0) + 1) % 100:02d}"


DOCUMENTS: tuple[Document, ...] = (
    Document("celebration", "Celebration report",
             "The year's highlights in numbers, stories and pictures, to hand round at the AGM.",
             ("kind", "year"), lambda c, _t: f"Celebration report {_year_words(c)}", _celebration),
    Document("achievements", "Achievement summary",
             "One or two pages of the year's achievements, stories and quotes, for a newsletter or a funder.",
             ("kind", "year"), lambda c, _t: f"Achievements {_year_words(c)}", _achievements),
    Document("funding", "Funding report",
             "For a funder: what one grant paid for, and what it made possible.",
             ("grant",), lambda c, _t: f"Funding report {c.grant}", _funding),
    Document("accounts", "Annual accounts",
             "The year's receipts and payments in the Charity Commission's layout, for the examiner.",
             ("financial_year",), lambda c, _t: f"Accounts {_year_words(c)}", _accounts),
    Document("sign_in", "Sign-in sheet",
             "For the table at a meeting: members' names with tick boxes, and lines for newcomers.",
             ("upcoming",), lambda c, today: sign_in_title(c.meeting, today),
             lambda g, p, c, today: make_sign_in(g, p, c.meeting, today)),
    Document("agreement", "Confidentiality agreement",
             "The current agreement, with lines for members to sign.",
             (), lambda _c, _t: "Confidentiality agreement", lambda g, p, _c, today: make_agreement(g, p, today)),
    Document("contacts", "Member contact list",
             "Only the contact details members agreed to share, marked confidential.",
             (), lambda _c, _t: "Member contact list", _contacts),
    Document("rota", "Jobs rota",
             "Who is doing which job at the coming meetings.",
             (), lambda _c, _t: "Jobs rota", _rota),
    Document("agm", "AGM pack",
             "For the annual general meeting: its minutes, who holds which role, the year's accounts and "
             "achievements, in one PDF.",
             ("held",), lambda c, _t: f"AGM pack {day_words(c.meeting)}" if c.meeting else "AGM pack", _agm),
    Document("minutes", "Minutes",
             "The shareable record of a meeting: decisions and good things, never private notes.",
             ("held",), lambda c, _t: f"Minutes {day_words(c.meeting)}" if c.meeting else "Minutes", _minutes),
)


class ReportsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Reports")
        self.working = False
        self.last_made: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(note(self.tr("Choose a document, say what it covers, and press Create. It opens in your "
                                      "PDF viewer, ready to print or to send.")))
        row = QHBoxLayout()
        layout.addLayout(row, 1)

        left = QVBoxLayout()
        self.documents = QListWidget()
        self.documents.setObjectName("documents")
        self.documents.setWordWrap(True)
        self.documents.setMinimumWidth(380)
        self.documents.setItemDelegate(TitleAndDescription(self.documents))
        self.documents.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.documents.setSpacing(2)
        for document in DOCUMENTS:
            item = QListWidgetItem(f"{self.tr(document.title)}\n{self.tr(document.description)}")
            item.setData(Qt.ItemDataRole.UserRole, document.key)
            self.documents.addItem(item)
        documents_label = section(self.tr("&Documents"))
        documents_label.setBuddy(self.documents)
        self.documents.setAccessibleName(self.tr("Documents"))
        left.addWidget(documents_label)
        left.addWidget(self.documents, 1)
        row.addLayout(left, 1)

        right = QVBoxLayout()
        self.chosen_title = section("")
        self.chosen_description = note()
        right.addWidget(self.chosen_title)
        right.addWidget(self.chosen_description)
        self.form = FieldForm()
        self.kind = self.form.add("kind", self.tr("&Kind of year"), combo(
            [(self.tr("Calendar year (January to December)"), False), (self.tr("Financial year"), True)]))
        self.year = self.form.add("year", self.tr("Which &year"), combo([]))
        self.financial_year = self.form.add("financial_year", self.tr("Financial &year"), combo([]))
        self.grant = self.form.add("grant", self.tr("&Grant"), combo([]))
        self.upcoming = self.form.add("upcoming", self.tr("&Meeting"), combo([]))
        self.held = self.form.add("held", self.tr("Meeting &held"), combo([]))
        for box in self.form.widgets.values():  # a long grant or meeting name must not widen the window
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(16)
        right.addWidget(self.form)
        self.nothing_to_choose = note()
        right.addWidget(self.nothing_to_choose)
        self.folder_note = note()
        self.folder_note.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_button = button(self.tr("Change &folder…"), self.tr("Choose where documents are saved"))
        right.addWidget(self.folder_note)
        right.addLayout(button_row(self.folder_button))
        self.create_button = button(self.tr("&Create"), self.tr("Make the document and open it"))
        right.addLayout(button_row(self.create_button))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # moving to and fro: the document is being made
        self.progress.setAccessibleName(self.tr("Making the document"))
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.working_note = note()
        right.addWidget(self.progress)
        right.addWidget(self.working_note)
        self.result = note()
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = button(self.tr("&Show in folder"), self.tr("Open the folder the document was saved in"))
        self.show_button.hide()
        right.addWidget(self.result)
        right.addLayout(button_row(self.show_button))
        right.addStretch()
        row.addLayout(right, 1)

        self.documents.currentRowChanged.connect(lambda _row: self._show_fields())
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_years(keep=False))
        self.create_button.clicked.connect(self.create)
        self.show_button.clicked.connect(self.show_in_folder)
        self.folder_button.clicked.connect(self.choose_folder)
        self.documents.setCurrentRow(0)

    # -- what the fields offer -----------------------------------------------------------------------
    def refresh(self) -> None:
        group, today = self.ctx.group, self.ctx.today()
        past = meetings_service.meeting_days(group, when="past", today=today)
        upcoming = [m for m in meetings_service.meeting_days(group, when="upcoming", today=today)
                    if m.status == meetings_service.MeetingStatus.PLANNED]
        first_meeting = min((m.held_on for m in past), default=today)
        first_account = min((a.opened_on for a in books.list_accounts(group)), default=today)
        self.first_day = min(first_meeting, first_account, today)
        self.start_month = years.current_financial_year(group, today=today).start.month
        self._fill_years()
        self._refill(self.financial_year, self._financial_years(min(first_account, today)))
        self._refill(self.grant, [(f"{g.reference}: {g.funder} ({show_date(g.starts_on)} to {show_date(g.ends_on)})",
                                   g.reference) for g in grants.grant_choices(group)])
        self._refill(self.upcoming, [(self._meeting_words(m), m.held_on) for m in upcoming]
                     or [(self.tr("Today (no meeting is planned)"), None)])
        self._refill(self.held, [(self._meeting_words(m), m.held_on) for m in past if m.recorded])
        self._show_folder(report_folder(self.ctx.window))
        self._show_fields()

    def _meeting_words(self, m: meetings_service.MeetingDay) -> str:
        topic = f": {m.topic}" if m.topic else ""
        return f"{m.held_on:%a} {day_words(m.held_on)}{topic}"

    def _financial_years(self, first: date) -> list[tuple[str, int]]:
        current = years.year_containing(self.ctx.today(), self.start_month)
        oldest = years.year_containing(first, self.start_month).year
        items = []
        for year in range(current.year, oldest - 1, -1):
            bounds = years.year_bounds(self.start_month, year)
            items.append((f"{bounds.label} ({bounds.start.day} {bounds.start:%b %Y} – "
                          f"{bounds.end.day} {bounds.end:%b %Y})", year))
        return items

    def _fill_years(self, *, keep: bool = True) -> None:
        if not hasattr(self, "first_day"):
            return
        if self.kind.currentData():
            items = self._financial_years(self.first_day)
        else:
            items = [(str(y), y) for y in range(self.ctx.today().year, self.first_day.year - 1, -1)]
        self._refill(self.year, items, keep=keep)

    @staticmethod
    def _refill(box: QComboBox, items: list[tuple[str, Any]], *, keep: bool = True) -> None:
        """Replace the choices, keeping the one chosen; a new list starts on the last whole year if it has one."""
        kept = box.currentData() if box.count() and keep else None
        box.blockSignals(True)
        box.clear()
        for label, data in items:
            box.addItem(label, data)
        index = box.findData(kept) if kept is not None else -1
        if index < 0:
            index = 1 if box.count() > 1 and isinstance(items[0][1], int) else 0  # the year just ended
        box.setCurrentIndex(index)
        box.blockSignals(False)

    def document(self) -> Document:
        key = self.documents.currentItem().data(Qt.ItemDataRole.UserRole) if self.documents.currentItem() else None
        return next((d for d in DOCUMENTS if d.key == key), DOCUMENTS[0])

    def choose(self, key: str) -> None:
        """Pick the document called ``key``."""
        row = next(i for i, d in enumerate(DOCUMENTS) if d.key == key)
        self.documents.setCurrentRow(row)

    def _show_fields(self) -> None:
        document = self.document()
        self.chosen_title.setText(self.tr(document.title))
        self.chosen_description.setText(self.tr(document.description))
        for field, widget in self.form.widgets.items():
            self.form.layout_.setRowVisible(widget.parentWidget(), field in document.fields)
        empty = [field for field in document.fields if self.form.widgets[field].count() == 0]
        if "grant" in empty:
            self.nothing_to_choose.setText(self.tr("There are no grants yet: add one on the Money page first."))
        elif "held" in empty:
            self.nothing_to_choose.setText(self.tr("No meeting has been recorded yet, so there are no minutes."))
        elif not document.fields:
            self.nothing_to_choose.setText(self.tr("There is nothing to choose: press Create."))
        else:
            self.nothing_to_choose.setText("")
        self.nothing_to_choose.setVisible(bool(self.nothing_to_choose.text()))
        self.create_button.setEnabled(not empty and not self.working)

    def choice(self) -> Choice:
        fields = self.document().fields
        financial = "financial_year" in fields or ("kind" in fields and bool(self.kind.currentData()))
        year = self.financial_year.currentData() if "financial_year" in fields else self.year.currentData()
        meeting = self.upcoming.currentData() if "upcoming" in fields else self.held.currentData()
        return Choice(year=year, financial=financial, grant=self.grant.currentData(), meeting=meeting)

    # -- making it -----------------------------------------------------------------------------------
    def create(self) -> Path | None:
        """Make the chosen document in the background and open it; returns the file it is being written to."""
        document, choice = self.document(), self.choice()
        group, today = self.ctx.group, self.ctx.today()
        title = document.name(choice, today)
        self.working = True
        self.result.setText("")
        self.show_button.hide()
        path = make_pdf(self.ctx.window, title=title, make=lambda p: document.make(group, p, choice, today),
                        busy=(self.create_button, self.documents, self.form, self.folder_button),
                        on_made=self._made, on_over=self._over)
        if path is None:
            self._over()
            return None
        self.progress.show()
        self.working_note.setText(self.tr("Making “{name}”…").format(name=path.name))
        return path

    def _made(self, path: Path, opened: bool) -> None:
        self.last_made = path
        message = made_message(path, opened)
        self.result.setText(message)
        self.show_button.show()
        self.ctx.status(message)

    def _over(self) -> None:
        self.working = False
        self.progress.hide()
        self.working_note.setText("")
        self._show_fields()
        if self.isVisible():
            self.create_button.setFocus()  # where the keyboard was when Create was pressed

    def show_in_folder(self) -> None:
        if self.last_made is not None:
            open_file(self.last_made.parent)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Where should documents be saved?"),
                                                  str(report_folder(self.ctx.window)))
        if chosen:
            set_report_folder(self.ctx.window, Path(chosen))
            self._show_folder(Path(chosen))

    def _show_folder(self, folder: Path) -> None:
        self.folder_note.setText(self.tr("Documents are saved in {folder}.").format(folder=folder_words(folder)))

