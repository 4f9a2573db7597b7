"""The first thing a new coordinator sees: create a group, open a group file, or try the demo group."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coordinator_app.services.group import AttendanceMode

from .pages.widgets import heading, note


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
class NewGroupAnswers:
    name: str
    about: str
    aims: tuple[str, ...]
    attendance_mode: AttendanceMode


def _labelled(page: QWizardPage, layout: QVBoxLayout, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", ""))
    layout.addWidget(label)
    layout.addWidget(widget)


class CreateGroupWizard(QWizard):
    """Name, what the group is about, first aims, and whether attendance is by name or a count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create your group"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 460)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)

        first = QWizardPage()
        first.setTitle(self.tr("About your group"))
        layout = QVBoxLayout(first)
        self.name = QLineEdit()
        _labelled(first, layout, self.tr("The group's &name"), self.name)
        self.about = QPlainTextEdit()
        self.about.setTabChangesFocus(True)
        self.about.setPlaceholderText(self.tr("For example: people living with long-term pain, and their carers"))
        _labelled(first, layout, self.tr("What the group is &about"), self.about)
        first.registerField("name*", self.name)
        self.addPage(first)

        second = QWizardPage()
        second.setTitle(self.tr("Your first aims"))
        second.setSubTitle(self.tr("Clear aims strengthen a group. You can change them at any time."))
        layout = QVBoxLayout(second)
        self.aims = QPlainTextEdit()
        self.aims.setTabChangesFocus(True)
        self.aims.setPlaceholderText(self.tr("To meet every month and support one another\nTo share information"))
        _labelled(second, layout, self.tr("&Aims, one on each line (you can leave this empty)"), self.aims)
        self.addPage(second)

        third = QWizardPage()
        third.setTitle(self.tr("Who came to a meeting"))
        layout = QVBoxLayout(third)
        self.by_name = QRadioButton(self.tr("&By name: tick who came from the list of members"))
        self.count_only = QRadioButton(
            self.tr("&Count only: just how many came (for groups where names are sensitive)"))
        self.by_name.setChecked(True)
        choice = QButtonGroup(third)
        for button in (self.by_name, self.count_only):
            choice.addButton(button)
            layout.addWidget(button)
        layout.addStretch()
        self.addPage(third)

    def answers(self) -> NewGroupAnswers:
        aims = tuple(line.strip() for line in self.aims.toPlainText().splitlines() if line.strip())
        mode = AttendanceMode.COUNT_ONLY if self.count_only.isChecked() else AttendanceMode.BY_NAME
        return NewGroupAnswers(self.name.text().strip(), self.about.toPlainText().strip(), aims, mode)
