"""Meetings: upcoming and past, planning one or a repeating schedule, recording, and "Add to calendar"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QSplitter, QTableView, QVBoxLayout, QWidget

from coordinator_app.services import calendar as calendar_service
from coordinator_app.services import group as group_service
from coordinator_app.services import meetings as meetings_service
from coordinator_app.services import members as members_service
from coordinator_app.services import schedule as schedule_rules
from coordinator_app.services import venues as venues_service
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.meetings import MeetingKind, MeetingRecord, MeetingStatus, MeetingSummary, ScheduleRule

from ..forms import FormDialog, combo, date_edit, line, spin, time_edit
from ..labels import WEEKDAYS, choices, word
from ..reports.printing import print_sign_in_sheet
from ..tables import Column, RowsModel, make_table, select_where, selected_row, show_date
from .base import Page, PageContext
from .record_meeting import RecordMeetingDialog
from .venues_dialog import VenuesDialog
from .widgets import button, button_row, heading, note, section


def _time(m: MeetingSummary) -> str:
    if m.start_time is None:
        return ""
    end = f"–{m.end_time:%H:%M}" if m.end_time else ""
    return f"{m.start_time:%H:%M}{end}"


def _status(m: MeetingSummary, today: Any) -> str:
    if m.status == MeetingStatus.PLANNED and m.held_on <= today:
        return "⚠ Not recorded yet"
    return word(m.status)


COL_DATE, COL_TIME, COL_STATUS, COL_CAME, COL_KIND, COL_VENUE, COL_TOPIC = range(7)


def meeting_columns(today: Any) -> tuple[Column, ...]:
    return (
        Column("Date", lambda m: show_date(m.held_on), sort_key=lambda m: m.held_on),
        Column("Time", _time),
        Column("Status", lambda m: _status(m, today)),
        Column("Came", lambda m: str(m.total_attendance) if m.recorded else "",
               sort_key=lambda m: m.total_attendance if m.recorded else None, align_right=True),
        Column("Kind", lambda m: word(m.kind)),
        Column("Where", lambda m: m.venue_name),
        Column("Topic", lambda m: m.topic),
    )


class MeetingsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Meetings")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        self.plan_button = button(self.tr("&Plan a meeting…"))
        self.schedule_button = button(self.tr("Plan a repeating &schedule…"))
        self.record_button = button(self.tr("&Record this meeting…"), self.tr("Who came, decisions, good things"))
        self.edit_button = button(self.tr("Change &details…"), self.tr("Date, time, place, topic or speaker"))
        self.cancel_button = button(self.tr("Ca&ncel meeting"))
        self.delete_button = button(self.tr("De&lete meeting"), self.tr("Deleted by mistake? Undo with Ctrl+Z."))
        self.venue_button = button(self.tr("&Venues…"), self.tr("Places where the group meets: add or change one"))
        self.calendar_button = button(self.tr("Add to &calendar…"),
                                      self.tr("Save the planned meetings as a file phones and Outlook can import"))
        layout.addLayout(button_row(self.plan_button, self.schedule_button, self.record_button, self.venue_button))
        self.print_button = button(self.tr("Print si&gn-in sheet"),
                                   self.tr("For the chosen meeting, or the next one if none is chosen"))
        layout.addLayout(button_row(self.edit_button, self.cancel_button, self.delete_button, self.calendar_button,
                                    self.print_button))

        self.upcoming_model = RowsModel(meeting_columns(ctx.today()), self)
        self.past_model = RowsModel(meeting_columns(ctx.today()), self)
        self.upcoming = make_table(self.upcoming_model, self.tr("Upcoming meetings"))
        self.past = make_table(self.past_model, self.tr("Past meetings"))
        self.chosen_table: QTableView = self.upcoming
        splitter = QSplitter(Qt.Orientation.Vertical)
        for text, table in ((self.tr("&Upcoming meetings"), self.upcoming), (self.tr("Pas&t meetings"), self.past)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            label = section(text)
            label.setBuddy(table)
            box_layout.addWidget(label)
            box_layout.addWidget(table, 1)
            splitter.addWidget(box)
            table.selectionModel().selectionChanged.connect(lambda _s, _d, t=table: self._chose(t))
            table.doubleClicked.connect(lambda _index: self.record())
        layout.addWidget(splitter, 1)
        self.hint = note()
        layout.addWidget(self.hint)

        self.plan_button.clicked.connect(self.plan)
        self.schedule_button.clicked.connect(self.plan_schedule)
        self.record_button.clicked.connect(self.record)
        self.edit_button.clicked.connect(self.edit)
        self.cancel_button.clicked.connect(self.cancel)
        self.delete_button.clicked.connect(self.delete)
        self.calendar_button.clicked.connect(self.add_to_calendar)
        self.venue_button.clicked.connect(self.venues)
        self.print_button.clicked.connect(self.print_sign_in)
        self.dialog: Any = None

    def refresh(self) -> None:
        today = self.ctx.today()
        for model in (self.upcoming_model, self.past_model):
            model.columns = list(meeting_columns(today))
        self.upcoming_model.set_rows(meetings_service.list_meetings(self.ctx.group, when="upcoming", today=today))
        self.past_model.set_rows(meetings_service.list_meetings(self.ctx.group, when="past", today=today))
        unrecorded = meetings_service.unrecorded_past_meetings(self.ctx.group, today=today)
        if len(unrecorded) == 1:
            self.hint.setText(self.tr("⚠ The meeting of {day} is not recorded yet. Choose it and press Record.")
                              .format(day=show_date(unrecorded[0].held_on)))
        else:
            self.hint.setText(self.tr("⚠ {n} past meetings are not recorded yet. Choose one and press Record.")
                              .format(n=len(unrecorded)) if unrecorded else "")
        self._update_buttons()

    def _chose(self, table: QTableView) -> None:
        """One meeting is chosen at a time, in either list."""
        if not table.selectionModel().hasSelection():
            self._update_buttons()
            return
        self.chosen_table = table
        other = self.past if table is self.upcoming else self.upcoming
        other.selectionModel().clearSelection()
        self._update_buttons()

    def chosen(self) -> MeetingSummary | None:
        return selected_row(self.chosen_table)

    def _update_buttons(self) -> None:
        meeting = self.chosen()
        for widget in (self.record_button, self.delete_button, self.edit_button):
            widget.setEnabled(meeting is not None)
        self.cancel_button.setEnabled(meeting is not None and meeting.status == MeetingStatus.PLANNED)

    def select_meeting(self, meeting_id: int) -> bool:
        for table in (self.upcoming, self.past):
            if select_where(table, lambda meeting: meeting.id == meeting_id):
                self._chose(table)
                return True
        return False

    # -- planning ------------------------------------------------------------------------------------
    def _venue_choices(self) -> list[tuple[str, Any]]:
        return [(self.tr("(not decided)"), None)] + [(v.name, v.id) for v in venues_service.list_venues(self.ctx.group)]

    def _meeting_form(self, dialog: FormDialog, meeting: MeetingRecord | None) -> None:
        """The fields of a meeting, empty for a new one or filled from ``meeting``."""
        dialog.add("held_on", self.tr("&Date"), date_edit(meeting.held_on if meeting else self.ctx.today()))
        start = dialog.add("start_time", self.tr("&Starts at"), time_edit(meeting.start_time if meeting else None))
        end = dialog.add("end_time", self.tr("&Ends at"), time_edit(meeting.end_time if meeting else None))
        if meeting is None or meeting.end_time is None:
            end.setTime(start.time().addSecs(2 * 3600))
        dialog.add("kind", self.tr("&Kind of meeting"),
                   combo(choices(MeetingKind), meeting.kind if meeting else MeetingKind.REGULAR))
        dialog.add("topic", self.tr("&Topic"), line(meeting.topic if meeting else "", placeholder=self.tr("Optional")))
        dialog.add("speaker", self.tr("S&peaker"), line(meeting.speaker if meeting else "",
                                                        placeholder=self.tr("Optional")))
        dialog.add("venue_id", self.tr("&Where"), combo(self._venue_choices(), meeting.venue_id if meeting else None))

    def plan(self) -> None:
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Plan the meeting of {day}").format(day=show_date(values["held_on"])),
                                   lambda: meetings_service.plan_meeting(group, **values))

        dialog = FormDialog(self, self.tr("Plan a meeting"), submit, ok_text=self.tr("Plan meeting"))
        self._meeting_form(dialog, None)
        dialog.accepted.connect(lambda: self._planned(dialog.result_value))
        self.dialog = dialog
        dialog.open()

    def edit(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.ctx.status(self.tr("Choose a meeting in one of the lists first."))
            return
        group, today = self.ctx.group, self.ctx.today()
        try:
            meeting = meetings_service.get_meeting(group, chosen.id)
        except NotFound as error:
            self.ctx.report(error)
            return

        def submit(values: dict[str, Any]) -> None:
            self.ctx.change(self.tr("Change the meeting of {day}").format(day=show_date(meeting.held_on)),
                            lambda: meetings_service.update_meeting(group, meeting.id, today=today, **values))

        dialog = FormDialog(self, self.tr("The meeting of {day}").format(day=show_date(meeting.held_on)), submit,
                            ok_text=self.tr("Save changes"))
        self._meeting_form(dialog, meeting)
        dialog.accepted.connect(lambda: self._planned(meeting.id))
        self.dialog = dialog
        dialog.open()

    def _planned(self, meeting_id: int) -> None:
        self.ctx.changed()
        self.select_meeting(meeting_id)
        self.chosen_table.setFocus()
        self.ctx.status(self.tr("Meeting saved."))

    def venues(self) -> None:
        dialog = VenuesDialog(self, self.ctx)
        dialog.finished.connect(lambda _result: self.ctx.changed())  # the meetings show a renamed venue
        self.dialog = dialog
        dialog.open()

    def plan_schedule(self) -> None:
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> tuple[int, list[int]]:
            if values["rule"] != ScheduleRule.MONTHLY_NTH_WEEKDAY:
                values["nth"] = None
            return self.ctx.change(self.tr("Plan a repeating schedule"),
                                   lambda: meetings_service.add_schedule(group, **values))

        dialog = FormDialog(self, self.tr("Plan a repeating schedule"), submit, ok_text=self.tr("Plan meetings"),
                            intro=self.tr("Days that already have a meeting are left as they are."))
        rule = dialog.add("rule", self.tr("&How often"), combo(choices(ScheduleRule), ScheduleRule.MONTHLY_NTH_WEEKDAY))
        nth = dialog.add("nth", self.tr("&Which week"), combo(
            [(self.tr(t), n) for n, t in ((1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (-1, "Last"))], 2))
        weekday = dialog.add("weekday", self.tr("&Day"), combo([(self.tr(d), i) for i, d in enumerate(WEEKDAYS)], 1))
        dialog.add("starts_on", self.tr("&From"), date_edit(self.ctx.today()))
        dialog.add("start_time", self.tr("&Starts at"), time_edit())
        dialog.add("end_time", self.tr("&Ends at"), time_edit()).setTime(dialog.form.widgets["start_time"].time()
                                                                         .addSecs(2 * 3600))
        dialog.add("kind", self.tr("&Kind of meeting"), combo(choices(MeetingKind), MeetingKind.REGULAR))
        dialog.add("venue_id", self.tr("&Where"), combo(self._venue_choices()))
        dialog.add("months_ahead", self.tr("&Months ahead to plan"), spin(12, maximum=60))
        preview = note()
        dialog.layout().insertWidget(2, preview)

        def describe(*_args: object) -> None:
            monthly = rule.currentData() == ScheduleRule.MONTHLY_NTH_WEEKDAY
            nth.setEnabled(monthly)
            try:
                preview.setText("➜ " + schedule_rules.describe(rule.currentData(), weekday.currentData(),
                                                                nth.currentData() if monthly else None))
            except ValidationError as error:
                preview.setText(str(error))

        for box in (rule, nth, weekday):
            box.currentIndexChanged.connect(describe)
        describe()
        dialog.accepted.connect(lambda: (self.ctx.changed(), self.ctx.status(
            self.tr("{n} meetings planned.").format(n=len(dialog.result_value[1])))))
        self.dialog = dialog
        dialog.open()

    # -- recording -----------------------------------------------------------------------------------
    def record(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.ctx.status(self.tr("Choose a meeting in one of the lists first."))
            return
        try:
            meeting = meetings_service.get_meeting(self.ctx.group, chosen.id)
        except NotFound as error:
            self.ctx.report(error)
            return
        if meeting.held_on > self.ctx.today():
            QMessageBox.information(self, self.tr("Not yet"), self.tr(
                "This meeting is on {day}; you can record it on the day or afterwards.").format(
                day=show_date(meeting.held_on)))
            return
        profile = group_service.get_profile(self.ctx.group)
        members = members_service.list_members(self.ctx.group, include_former=True, today=self.ctx.today())
        members = [m for m in members if members_service.belongs_on(m, meeting.held_on)]
        dialog = RecordMeetingDialog(self, meeting=meeting, members=members, count_only=profile.count_only,
                                     today=self.ctx.today(), save=self._save_record(meeting))
        dialog.accepted.connect(lambda: self._recorded(meeting.id))
        self.dialog = dialog
        dialog.open()

    def _save_record(self, before: MeetingRecord) -> Callable[..., MeetingRecord]:
        """Saving the record dialog, undoably: Undo puts back the earlier record, or the plain planned meeting."""
        group = self.ctx.group

        def save(**values: Any) -> MeetingRecord:
            return self.ctx.change(self.tr("Record the meeting of {day}").format(day=show_date(before.held_on)),
                                   lambda: meetings_service.record_meeting(group, before.id, **values))

        return save

    def _recorded(self, meeting_id: int) -> None:
        self.ctx.changed()
        self.select_meeting(meeting_id)
        self.ctx.status(self.tr("Meeting recorded. Thank you!"))

    def cancel(self) -> None:
        meeting = self.chosen()
        if meeting is None:
            return
        answer = QMessageBox.question(self, self.tr("Cancel meeting"), self.tr(
            "Mark the meeting of {day} as cancelled?").format(day=show_date(meeting.held_on)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        group = self.ctx.group
        try:
            self.ctx.change(self.tr("Cancel the meeting of {day}").format(day=show_date(meeting.held_on)),
                            lambda: meetings_service.cancel_meeting(group, meeting.id))
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
        self.ctx.changed()

    def delete(self) -> None:
        meeting = self.chosen()
        if meeting is None:
            return
        group = self.ctx.group
        answer = QMessageBox.question(self, self.tr("Delete meeting"), self.tr(
            "Delete the meeting of {day} and its record? Edit ▸ Undo (Ctrl+Z) brings it back.").format(
            day=show_date(meeting.held_on)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.change(self.tr("Delete the meeting of {day}").format(day=show_date(meeting.held_on)),
                            lambda: meetings_service.delete_meeting(group, meeting.id))
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
        self.ctx.changed()

    def add_to_calendar(self) -> None:
        today = self.ctx.today()
        calendar = calendar_service.group_calendar(self.ctx.group, today=today,
                                                   kind_words={kind: word(kind) for kind in MeetingKind})
        if not calendar.planned:
            QMessageBox.information(self, self.tr("Add to calendar"), self.tr("There are no planned meetings yet."))
            return
        choices = [self.tr("No reminder"), self.tr("An hour before"), self.tr("A day before")]
        chosen_reminder, ok = QInputDialog.getItem(
            self, self.tr("Add to calendar"), self.tr("&Remind people of each meeting:"), choices, 0, False)
        if not ok:
            return
        reminder = {choices[1]: timedelta(hours=1), choices[2]: timedelta(days=1)}.get(chosen_reminder)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the meetings for your calendar"), str(Path.home() / "meetings.ics"),
            self.tr("Calendar files (*.ics)"))
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".ics") else Path(chosen + ".ics")
        from coordinator_app.exports.ics import write_meetings_calendar  # icalendar takes ½ s to import

        try:
            write_meetings_calendar(path, calendar, now=datetime.now().astimezone(), reminder=reminder)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr("The calendar file could not be saved: {e}")
                                .format(e=error.strerror or error))
            return
        self.ctx.status(self.tr("Saved {n} meetings to {file}. Open it on your phone or in Outlook to add them.")
                        .format(n=calendar.planned, file=path.name))

    def print_sign_in(self) -> Path | None:
        """The sign-in sheet for the chosen meeting (or the next one), made in the background and opened."""
        meeting = self.chosen()
        return print_sign_in_sheet(self.ctx, held_on=meeting.held_on if meeting else None, busy=(self.print_button,))
