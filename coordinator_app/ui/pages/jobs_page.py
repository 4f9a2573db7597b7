"""Jobs: the jobs and who volunteers, the turns coming up (from the fair-share rota), and who has done what."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from coordinator_app.services import jobs as jobs_service
from coordinator_app.services import members as members_service
from coordinator_app.services import rota as rota_service
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.jobs import AssignmentStatus, JobFrequency, ShareRow

from ..forms import CheckList, FormDialog, combo, line, text_box
from ..labels import choices, word
from ..screen_fit import sized_for_screen
from ..tables import Column, RowsModel, make_table, selected_row, show_date
from .base import Page, PageContext
from .widgets import button, button_row, heading, note, section

JOB_COLUMNS = (
    Column("Job", lambda j: j.title),
    Column("How often", lambda j: word(j.frequency)),
    Column("Volunteers", lambda j: ", ".join(name for _id, name in j.volunteers) or "⚠ nobody yet"),
)
TURN_COLUMNS = (
    Column("Due", lambda a: show_date(a.due_on), sort_key=lambda a: a.due_on),
    Column("Job", lambda a: a.job_title),
    Column("Who", lambda a: a.member_name or "⚠ nobody free"),
    Column("Status", lambda a: word(a.status) + (f" ({show_date(a.done_on)})" if a.done_on else "")
           + (f" with {a.swapped_with_name}" if a.swapped_with_name else "")),
)
PROPOSAL_COLUMNS = (
    Column("Meeting", lambda t: show_date(t.held_on), sort_key=lambda t: t.held_on),
    Column("Job", lambda t: t.job_title),
    Column("Who", lambda t: t.member_name or "⚠ nobody willing is free"),
    Column("Recent turns", lambda t: str(t.done_recently) if t.member_id is not None else "", align_right=True),
)
BAR = "▇"


def share_columns(rows: list[ShareRow]) -> list[Column]:
    """Name, a bar as long as the total (so an uneven share shows at a glance, with the number too), then per job."""
    jobs = sorted({job for row in rows for job in row.turns}, key=str.casefold)
    most = max((row.total for row in rows), default=0) or 1
    columns = [
        Column("Member", lambda r: r.name),
        Column("Turns done", lambda r: f"{r.total:>3}  {BAR * round(12 * r.total / most)}", sort_key=lambda r: r.total),
    ]
    for job in jobs:
        columns.append(Column(job, lambda r, job=job: str(r.turns.get(job, "")),
                              sort_key=lambda r, job=job: r.turns.get(job, 0), align_right=True))
    return columns


class JobsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Jobs")
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(note(self.tr("Share the jobs around: it keeps the group going and nobody burns out.")))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Jobs views"))
        layout.addWidget(self.tabs, 1)

        # turns coming up
        self.turns_model = RowsModel(TURN_COLUMNS, self)
        self.turns_table = make_table(self.turns_model, self.tr("Turns coming up"))
        self.rota_button = button(self.tr("Share out the jobs (&rota)…"),
                                  self.tr("Propose fair turns for the coming meetings"))
        self.done_button = button(self.tr("Mark &done"))
        self.swap_button = button(self.tr("S&wap…"), self.tr("Someone else takes this turn"))
        self.rota_button.clicked.connect(self.propose_rota)
        self.done_button.clicked.connect(self.mark_done)
        self.swap_button.clicked.connect(self.swap)
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.addLayout(button_row(self.rota_button, self.done_button, self.swap_button))
        tab_layout.addWidget(self.turns_table, 1)
        self.tabs.addTab(tab, self.tr("Turns coming up"))

        # jobs and volunteers
        self.jobs_model = RowsModel(JOB_COLUMNS, self)
        self.jobs_table = make_table(self.jobs_model, self.tr("Jobs and volunteers"))
        self.add_job_button = button(self.tr("&Add job…"))
        self.volunteers_button = button(self.tr("&Volunteers…"), self.tr("Who is willing to do this job"))
        self.change_job_button = button(self.tr("&Change…"), self.tr("The job's name, how often, what it involves"))
        self.retire_button = button(self.tr("Re&tire job"), self.tr("The job is no longer needed"))
        self.add_job_button.clicked.connect(self.add_job)
        self.volunteers_button.clicked.connect(self.volunteers)
        self.change_job_button.clicked.connect(self.change_job)
        self.retire_button.clicked.connect(self.retire_job)
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.addLayout(button_row(self.add_job_button, self.volunteers_button, self.change_job_button,
                                        self.retire_button))
        tab_layout.addWidget(self.jobs_table, 1)
        self.tabs.addTab(tab, self.tr("Jobs and volunteers"))

        # who has done what
        self.share_model = RowsModel([], self)
        self.share_table = make_table(self.share_model, self.tr("Who has done what"))
        self.share_note = note()
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.addWidget(self.share_note)
        tab_layout.addWidget(self.share_table, 1)
        self.tabs.addTab(tab, self.tr("Who has done what"))

        # retired jobs
        self.retired_model = RowsModel(JOB_COLUMNS[:2], self)
        self.retired_table = make_table(self.retired_model, self.tr("Retired jobs"))
        retired_header = self.retired_table.horizontalHeader()
        retired_header.setStretchLastSection(False)
        retired_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        retired_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.reinstate_button = button(self.tr("Bring &back"), self.tr("Share this job out again"))
        self.reinstate_button.clicked.connect(self.reinstate_job)
        self.retired_note = note()
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.addWidget(self.retired_note)
        tab_layout.addLayout(button_row(self.reinstate_button))
        tab_layout.addWidget(self.retired_table, 1)
        self.tabs.addTab(tab, self.tr("Retired jobs"))

    def refresh(self) -> None:
        group, today = self.ctx.group, self.ctx.today()
        every_job = jobs_service.list_jobs(group, include_retired=True)
        self.jobs_model.set_rows([job for job in every_job if job.active])
        self.retired_model.set_rows([job for job in every_job if not job.active])
        self.retired_note.setText(self.tr("Jobs no longer needed. Their turns stay in Who has done what; bring one "
                                          "back to share it out again.") if self.retired_model.rows
                                  else self.tr("No job has been retired."))
        self.reinstate_button.setEnabled(bool(self.retired_model.rows))
        self.turns_model.set_rows(jobs_service.list_assignments(
            group, from_date=today - timedelta(days=31), to_date=today + timedelta(days=183)))
        shares = jobs_service.share_of_jobs(group, since=jobs_service.recent_since(today))
        self.share_model.columns = share_columns(shares)
        self.share_model.set_rows(shares)
        self.share_note.setText(self.tr("Turns done in the last twelve months. A long bar next to a short one "
                                        "means the jobs could be shared more evenly."))

    def _try(self, action: Any) -> Any:
        try:
            result = action()
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
            return None
        self.ctx.changed()
        return result

    # -- jobs ----------------------------------------------------------------------------------------
    def add_job(self) -> None:
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> int:
            return self.ctx.change(self.tr("Add the job “{job}”").format(job=values["title"]),
                                   lambda: jobs_service.add_job(group, **values))

        dialog = FormDialog(self, self.tr("Add a job"), submit, ok_text=self.tr("Add job"))
        dialog.add("title", self.tr("&Job"), line(placeholder=self.tr("For example: bring the refreshments")))
        dialog.add("frequency", self.tr("&How often"), combo(choices(JobFrequency), JobFrequency.EVERY_MEETING))
        dialog.add("description", self.tr("&What it involves"), text_box(lines=2))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def volunteers(self) -> None:
        job = selected_row(self.jobs_table)
        if job is None:
            self.ctx.status(self.tr("Choose a job first."))
            return
        group = self.ctx.group
        members = members_service.list_members(group, today=self.ctx.today())
        before = {member_id for member_id, _name in job.volunteers}

        def change(was: set[int], now: set[int]) -> None:
            for member_id in sorted(now - was):
                jobs_service.volunteer(group, job.id, member_id)
            for member_id in sorted(was - now):
                jobs_service.stop_volunteering(group, job.id, member_id)

        def submit(values: dict[str, Any]) -> None:
            after = set(values["member_ids"])
            self.ctx.change(self.tr("Change who volunteers for “{job}”").format(job=job.title),
                            lambda: change(before, after))

        dialog = FormDialog(self, self.tr("Who volunteers for “{job}”").format(job=job.title), submit,
                            ok_text=self.tr("Save volunteers"))
        dialog.add("member_ids", self.tr("&Willing to do it"), CheckList(((m.name, m.id) for m in members), before))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def change_job(self) -> None:
        job = selected_row(self.jobs_table)
        if job is None:
            self.ctx.status(self.tr("Choose a job first."))
            return
        group = self.ctx.group

        def submit(values: dict[str, Any]) -> None:
            self.ctx.change(self.tr("Change the job “{job}”").format(job=job.title),
                            lambda: jobs_service.update_job(group, job.id, **values))

        dialog = FormDialog(self, self.tr("Change the job “{job}”").format(job=job.title), submit,
                            ok_text=self.tr("Save"))
        dialog.add("title", self.tr("&Job"), line(job.title))
        dialog.add("frequency", self.tr("&How often"), combo(choices(JobFrequency), job.frequency))
        dialog.add("description", self.tr("&What it involves"), text_box(job.description, lines=2))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()

    def reinstate_job(self) -> None:
        job = selected_row(self.retired_table)
        if job is None:
            self.ctx.status(self.tr("Choose a retired job first."))
            return
        group = self.ctx.group
        try:
            self.ctx.change(self.tr("Bring back “{job}”").format(job=job.title),
                            lambda: jobs_service.reinstate_job(group, job.id))
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
            return
        self.ctx.status(self.tr("“{job}” is back on the list of jobs.").format(job=job.title))

    def retire_job(self) -> None:
        job = selected_row(self.jobs_table)
        if job is not None:
            group = self.ctx.group
            self._try(lambda: self.ctx.change(self.tr("Retire “{job}”").format(job=job.title),
                                              lambda: jobs_service.retire_job(group, job.id)))

    # -- turns ---------------------------------------------------------------------------------------
    def propose_rota(self) -> None:
        try:
            proposal = rota_service.propose_rota(self.ctx.group, meetings_ahead=6, today=self.ctx.today())
        except (ValidationError, StorageError) as error:
            self.ctx.report(error)
            return
        if not proposal:
            QMessageBox.information(self, self.tr("Nothing to share out"), self.tr(
                "A rota needs planned meetings and jobs with volunteers. Plan meetings on the Meetings page and "
                "add volunteers to jobs here."))
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("A fair rota for the next meetings"))
        sized_for_screen(dialog, QSize(860, 560))
        box = QVBoxLayout(dialog)
        box.addWidget(note(self.tr("Each turn goes to a willing volunteer who is free that day and has done that "
                                   "job least in the last 12 months (Recent turns). Nothing is saved until you "
                                   "press Save rota.")))
        model = RowsModel(PROPOSAL_COLUMNS, dialog)
        model.set_rows(proposal)
        table = make_table(model, self.tr("Proposed rota"), sortable=False)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        box.addWidget(table, 1)
        why = note()
        why.setObjectName("rotaWhy")
        why.setTextFormat(Qt.TextFormat.PlainText)
        why_label = section(self.tr("Why this person"))
        box.addWidget(why_label)
        box.addWidget(why)

        def explain_current(*_args: object) -> None:
            turn = selected_row(table)
            why.setText(turn.why if turn is not None else self.tr("Choose a turn to see why it goes to that person."))
            table.setAccessibleDescription(why.text())

        table.selectionModel().currentRowChanged.connect(explain_current)
        table.selectRow(0)
        table.setFocus()
        explain_current()
        dialog.why = why  # type: ignore[attr-defined]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save rota"))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        box.addWidget(buttons)
        dialog.buttons = buttons  # type: ignore[attr-defined]
        dialog.proposal = proposal  # type: ignore[attr-defined]

        group = self.ctx.group

        def save() -> None:
            made = self._try(lambda: self.ctx.change(self.tr("Save the rota"),
                                                     lambda: rota_service.apply_rota(group, proposal)))
            if made is not None:
                self.ctx.status(self.tr("{n} turns added to the rota.").format(n=len(made)))

        dialog.accepted.connect(save)
        self.dialog = dialog
        dialog.open()

    def mark_done(self) -> None:
        turn = selected_row(self.turns_table)
        if turn is None:
            self.ctx.status(self.tr("Choose a turn first."))
            return
        if turn.status != AssignmentStatus.ASSIGNED:
            self.ctx.status(self.tr("That turn is already {status}.").format(status=word(turn.status).lower()))
            return
        done_on, group = min(turn.due_on, self.ctx.today()), self.ctx.group
        try:
            self.ctx.change(self.tr("Mark “{job}” done").format(job=turn.job_title),
                            lambda: jobs_service.mark_done(group, turn.id, done_on=done_on))
        except (ValidationError, StorageError, NotFound) as error:
            self.ctx.report(error)
            return
        self.ctx.changed()
        self.ctx.status(self.tr("Marked done. Thank you, {name}!").format(name=turn.member_name))

    def swap(self) -> None:
        turn = selected_row(self.turns_table)
        if turn is None or turn.status != AssignmentStatus.ASSIGNED:
            self.ctx.status(self.tr("Choose a turn still to do first."))
            return
        group = self.ctx.group
        members = [m for m in members_service.list_members(group, today=self.ctx.today()) if m.id != turn.member_id]
        dialog = FormDialog(self, self.tr("Swap “{job}” on {day}").format(job=turn.job_title,
                                                                             day=show_date(turn.due_on)),
                            lambda values: self.ctx.change(self.tr("Swap “{job}”").format(job=turn.job_title),
                                                           lambda: jobs_service.swap(group, turn.id, **values)),
                            ok_text=self.tr("Swap"))
        dialog.add("with_member_id", self.tr("&Who takes it instead"), combo((m.name, m.id) for m in members))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()
