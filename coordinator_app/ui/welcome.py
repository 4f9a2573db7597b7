"""The first thing a new coordinator sees: create a group, open a group file, or try the demo group."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coordinator_app.db.groupfile import GroupFile
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services import aims as aims_service
from coordinator_app.services import boundaries as boundaries_service
from coordinator_app.services import members as members_service
from coordinator_app.services.agreement import SUGGESTED_AGREEMENT
from coordinator_app.services.boundaries import PractitionerWelcome
from coordinator_app.services.errors import StorageError, ValidationError
from coordinator_app.services.group import AttendanceMode

from .pages.widgets import heading, note
from .screen_fit import sized_for_screen


class WelcomeScreen(QWidget):
    create_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        column = QWidget()
        column.setFixedWidth(620)
        outer.addStretch(1)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        title = heading(self.tr("Welcome to Group Coordinator"))
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        intro = note(self.tr(
            "Keep your group's aims, members, meetings, shared jobs and achievements in one safe file "
            "on this computer. Nothing is sent anywhere."))
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(intro)
        layout.addSpacing(16)
        self.buttons: list[QPushButton] = []
        for text, hint, signal in (
            (self.tr("&Create your group…"), self.tr("A few questions, then you are ready."), self.create_requested),
            (self.tr("&Open a group file…"), self.tr("A group file you or another coordinator made."),
             self.open_requested),
            (self.tr("&Try the demo group"), self.tr("A made-up group to look around in safely."), self.demo_requested),
        ):
            button = QPushButton(text)
            button.setMinimumSize(360, 52)
            button.setToolTip(hint)
            button.setAccessibleDescription(hint)
            button.clicked.connect(signal.emit)
            self.buttons.append(button)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(QLabel(hint), alignment=Qt.AlignmentFlag.AlignHCenter)
            layout.addSpacing(8)
        self.create_button, self.open_button, self.demo_button = self.buttons
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status, alignment=Qt.AlignmentFlag.AlignHCenter)


@dataclass(frozen=True)
class Boundaries:
    who_is_welcome: str
    relatives_and_carers_welcome: bool
    practitioners: PractitionerWelcome


@dataclass(frozen=True)
class NewGroupAnswers:
    """What the wizard was told; an empty part (no aims, no boundaries, no agreement) was skipped."""

    name: str
    about: str
    aims: tuple[str, ...]
    attendance_mode: AttendanceMode
    boundaries: Boundaries | None = None
    agreement: str = ""
    members: tuple[str, ...] = ()


LATER = "You can leave this empty and do it later on the Our group page."


def _labelled(page: QWizardPage, layout: QVBoxLayout, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", ""))
    layout.addWidget(label)
    layout.addWidget(widget)


def _lines(box: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in box.toPlainText().splitlines() if line.strip())


class CreateGroupWizard(QWizard):
    """Setting the group up: name and what it is about, aims, attendance, who can join, the confidentiality
    agreement (started from a suggested text) and the first members. Only the name is needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create your group"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        sized_for_screen(self, QSize(720, 600))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages)  # every step after the name may wait

        first = QWizardPage()
        first.setTitle(self.tr("About your group"))
        layout = QVBoxLayout(first)
        self.name = QLineEdit()
        _labelled(first, layout, self.tr("The group's na&me"), self.name)
        self.about = QPlainTextEdit()
        self.about.setTabChangesFocus(True)
        self.about.setPlaceholderText(self.tr("For example: people living with long-term pain, and their carers"))
        _labelled(first, layout, self.tr("What the group is &about"), self.about)
        first.registerField("name*", self.name)
        self.addPage(first)

        second = QWizardPage()
        second.setTitle(self.tr("Your first aims"))
        # Each step's explanation is a note in the page, not the wizard's subtitle, which is cut short when it wraps.
        layout = QVBoxLayout(second)
        layout.addWidget(note(self.tr("Clear aims strengthen a group. You can change them at any time.")))
        self.aims = QPlainTextEdit()
        self.aims.setTabChangesFocus(True)
        self.aims.setPlaceholderText(self.tr("To meet every month and support one another\nTo share information"))
        _labelled(second, layout, self.tr("&Aims, one on each line"), self.aims)
        layout.addWidget(note(self.tr(LATER)))
        self.addPage(second)

        third = QWizardPage()
        third.setTitle(self.tr("Who came to a meeting"))
        layout = QVBoxLayout(third)
        self.by_name = QRadioButton(self.tr("&By name"))
        self.count_only = QRadioButton(self.tr("&Count only"))
        self.by_name.setChecked(True)
        choice = QButtonGroup(third)
        for button, words in (
                (self.by_name, self.tr("Tick who came from the list of members.")),
                (self.count_only, self.tr("Write down only how many came, for groups where names are sensitive."))):
            choice.addButton(button)
            layout.addWidget(button)
            layout.addWidget(note(words))
        layout.addStretch()
        self.addPage(third)

        fourth = QWizardPage()
        fourth.setTitle(self.tr("Who can join"))
        layout = QVBoxLayout(fourth)
        layout.addWidget(note(self.tr("It is fine for a group to set limits on who can be a member. "
                                   "It helps to say whether relatives and practitioners are welcome.")))
        self.who = QPlainTextEdit()
        self.who.setTabChangesFocus(True)
        self.who.setPlaceholderText(self.tr("For example: adults in the town living with long-term pain"))
        self.who.setMaximumHeight(90)
        _labelled(fourth, layout, self.tr("&Who is welcome"), self.who)
        self.relatives = QCheckBox(self.tr("&Relatives and carers are welcome too"))
        self.relatives.setChecked(True)
        layout.addWidget(self.relatives)
        layout.addWidget(QLabel(self.tr("Practitioners (doctors, nurses, support workers):")))
        self.practitioners: dict[PractitionerWelcome, QRadioButton] = {}
        choice = QButtonGroup(fourth)
        for value, text in ((PractitionerWelcome.AS_MEMBERS, self.tr("Welcome as &members")),
                            (PractitionerWelcome.GUESTS_BY_INVITATION, self.tr("Welcome as &guests when invited")),
                            (PractitionerWelcome.NOT_WELCOME, self.tr("N&ot at our meetings"))):
            button = QRadioButton(text)
            choice.addButton(button)
            layout.addWidget(button)
            self.practitioners[value] = button
        self.practitioners[PractitionerWelcome.GUESTS_BY_INVITATION].setChecked(True)
        layout.addWidget(note(self.tr(LATER)))
        self.addPage(fourth)

        fifth = QWizardPage()
        fifth.setTitle(self.tr("Keeping things private"))
        layout = QVBoxLayout(fifth)
        layout.addWidget(note(self.tr("People share more when they know it will not be repeated outside. Here is a "
                                  "suggested agreement in plain words: change it to suit your group.")))
        self.agreement = QPlainTextEdit(self.tr(SUGGESTED_AGREEMENT))
        self.agreement.setTabChangesFocus(True)
        _labelled(fifth, layout, self.tr("Our confidentiality a&greement"), self.agreement)
        self.use_agreement = QCheckBox(self.tr("&Use this as our agreement from today"))
        self.use_agreement.setChecked(True)
        layout.addWidget(self.use_agreement)
        layout.addWidget(note(self.tr("Untick it to write the agreement later on the Our group page.")))
        self.agreement_page = self.addPage(fifth)

        sixth = QWizardPage()
        sixth.setTitle(self.tr("Your first members"))
        layout = QVBoxLayout(sixth)
        layout.addWidget(note(self.tr("Only names are needed; each joins today. "
                                      "Collect as little as the group needs.")))
        self.members = QPlainTextEdit()
        self.members.setTabChangesFocus(True)
        self.members.setPlaceholderText(self.tr("Ann Baker\nBen Carter"))
        _labelled(sixth, layout, self.tr("Nam&es, one on each line"), self.members)
        layout.addWidget(note(self.tr("You can leave this empty and add members later, or import a member list "
                                      "on the Members page.")))
        self.addPage(sixth)
        for page_id in self.pageIds():  # Finish from any step once the group has a name; the rest can wait
            self.page(page_id).setFinalPage(True)

    def answers(self) -> NewGroupAnswers:
        mode = AttendanceMode.COUNT_ONLY if self.count_only.isChecked() else AttendanceMode.BY_NAME
        who = self.who.toPlainText().strip()
        practitioners = next(v for v, b in self.practitioners.items() if b.isChecked())
        return NewGroupAnswers(
            self.name.text().strip(), self.about.toPlainText().strip(), _lines(self.aims), mode,
            boundaries=Boundaries(who, self.relatives.isChecked(), practitioners) if who else None,
            agreement=self.agreement.toPlainText().strip()
            if self.hasVisitedPage(self.agreement_page) and self.use_agreement.isChecked() else "",
            members=_lines(self.members))


def set_up_group(parent: QWidget, group: GroupFile, answers: NewGroupAnswers, *, today: date) -> None:
    """Save what the wizard was told into the new group file; a part that fails is said in one sentence."""
    steps: list[tuple[str, Callable[[], object]]] = [
        (f"The aim “{text[:60]}”", lambda text=text: aims_service.add_aim(group, text=text, set_on=today))
        for text in answers.aims
    ]
    if answers.boundaries is not None:
        b = answers.boundaries
        steps.append(("Who can join", lambda: boundaries_service.set_boundaries(
            group, effective_from=today, who_is_welcome=b.who_is_welcome,
            relatives_and_carers_welcome=b.relatives_and_carers_welcome, practitioners=b.practitioners)))
    if answers.agreement:
        steps.append(("The agreement", lambda: agreement_service.publish_agreement(
            group, text=answers.agreement, effective_from=today)))
    steps += [(f"The member “{name[:60]}”", lambda name=name: members_service.add_member(
        group, name=name, joined_on=today, today=today)) for name in answers.members]
    for what, step in steps:
        try:
            step()
        except (ValidationError, StorageError) as error:
            QMessageBox.warning(parent, parent.tr("Not saved"),
                                parent.tr("{what} was not saved: {why}").format(what=what, why=error))
