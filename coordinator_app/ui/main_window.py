"""The main window: a sidebar of pages for the open group, the File menu, undo and redo.

With no group open it shows the welcome screen. Pages are built the first time they are visited
(so opening the app stays quick) and refreshed each time they are shown.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coordinator_app import paths
from coordinator_app.db.errors import GroupFileError
from coordinator_app.db.groupfile import GroupFile, open_group
from coordinator_app.services import backups as backups_service
from coordinator_app.services import group as group_service
from coordinator_app.services.errors import StorageError, ValidationError

from .file_check import check_open_group
from .help import add_help_menu
from .i18n import tr
from .jobs import run_in_background
from .pages.base import Page, PageContext
from .pages.coming_soon import ComingSoonPage
from .remembered import Remembered
from .safekeeping import Safekeeping
from .screen_fit import follow_focus_into_view, keep_on_screen, place_first_time, scrolling
from .undo import ChangeStack, redo_keys
from .welcome import CreateGroupWizard, WelcomeScreen, set_up_group

# (key, sidebar label, "module:Class"). Money and Reports belong to other work; until their module
# exists the page says "coming soon".
PAGES: tuple[tuple[str, str, str], ...] = (
    ("home", "Home", "coordinator_app.ui.pages.home:HomePage"),
    ("group", "Our group", "coordinator_app.ui.pages.our_group:OurGroupPage"),
    ("members", "Members", "coordinator_app.ui.pages.members:MembersPage"),
    ("meetings", "Meetings", "coordinator_app.ui.pages.meetings:MeetingsPage"),
    ("jobs", "Jobs", "coordinator_app.ui.pages.jobs_page:JobsPage"),
    ("achievements", "Achievements", "coordinator_app.ui.pages.achievements:AchievementsPage"),
    ("contacts", "Contacts", "coordinator_app.ui.pages.contacts:ContactsPage"),
    ("money", "Money", "coordinator_app.ui.pages.money_page:MoneyPage"),
    ("reports", "Reports", "coordinator_app.ui.pages.reports_page:ReportsPage"),
    ("settings", "Settings", "coordinator_app.ui.pages.settings_page:SettingsPage"),
)
APP_TITLE = "Group Coordinator"


def page_class(target: str) -> type[Page] | None:
    """The page class named by ``module:Class``, or None while that module has not been written."""
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        return None
    return getattr(module, class_name)


class Sidebar(QListWidget):
    """The list of pages: as wide as its longest label at the current text size, and free to scroll down."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sidebar")  # the style sheet sets its text size
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return QSize(self.sizeHintForColumn(0) + 2 * self.frameWidth() + scroll_bar, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()


class Desktop(QWidget):
    """The open group: read-only banner, sidebar and the page stack."""

    def __init__(self, window: MainWindow, group: GroupFile) -> None:
        super().__init__(window)
        self.window_ = window
        self.ctx = PageContext(
            group=group, undo=window.undo_stack, window=window, today=window.today,
            show_page=self.show_page, status=lambda text: window.statusBar().showMessage(text, 8000),
            changed=self.changed,
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        if group.read_only:
            who = group.held_by.describe() if group.held_by else ""
            if who:
                text = self.tr("⚠ Read-only: {who} has this group file open, so you can look but changes will not "
                               "be saved.").format(who=who[0].upper() + who[1:])
            elif group.read_only_because == "media":
                text = self.tr("⚠ Read-only: this group file is on read-only media (a locked memory stick, a CD or "
                               "a read-only share), so you can look but changes will not be saved.")
            else:
                text = self.tr("⚠ Read-only: this computer does not allow changes to this group file, so changes "
                               "will not be saved.")
            self.banner.setText(text)
        else:
            self.banner.hide()
        outer.addWidget(self.banner)
        row = QHBoxLayout()
        outer.addLayout(row, 1)
        self.sidebar = Sidebar()
        self.sidebar.setAccessibleName(self.tr("Pages"))
        for number, (key, label, _target) in enumerate(PAGES, start=1):
            item = QListWidgetItem(tr(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            shortcut = QKeySequence(f"Ctrl+{number % 10}")  # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth
            item.setToolTip(shortcut.toString(QKeySequence.SequenceFormat.NativeText))
            go = QShortcut(shortcut, self, activated=lambda key=key: self.show_page(key))
            go.setWhatsThis(self.tr("Go to the {page} page").format(page=tr(label)))  # as Help lists it
            self.sidebar.addItem(item)
        row.addWidget(self.sidebar)
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        self.pages: dict[str, Page] = {}
        self.scrolls: dict[str, QScrollArea] = {}
        self.current_key = ""
        # Bumped by every change made in this window; a page shown again re-reads only if it is behind.
        self.version = 0
        self.seen: dict[str, int] = {}
        self.sidebar.currentRowChanged.connect(self._sidebar_moved)

    def _sidebar_moved(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row][0])

    def page(self, key: str) -> Page:
        if key not in self.pages:
            target = next(t for k, _label, t in PAGES if k == key)
            cls = page_class(target) or ComingSoonPage
            page = cls(self.ctx)
            if not page.title:
                page.title = tr(next(label for k, label, _t in PAGES if k == key))
            self.pages[key] = page
            self.scrolls[key] = scrolling(page)
            self.stack.addWidget(self.scrolls[key])
        return self.pages[key]

    def current_page(self) -> Page | None:
        return self.pages.get(self.current_key)

    def show_page(self, key: str) -> Page | None:
        if key not in {k for k, _l, _t in PAGES}:
            key = "home"
        current = self.current_page()
        if key != self.current_key and current is not None and not current.may_leave():
            self._select_in_sidebar(self.current_key)
            return None
        page = self.page(key)
        self.current_key = key
        self._select_in_sidebar(key)
        self.stack.setCurrentWidget(self.scrolls[key])
        if self.seen.get(key) != self.version:
            page.refresh()
            self.seen[key] = self.version
        self.window_.remembered.set_last_page(key)
        return page

    def _select_in_sidebar(self, key: str) -> None:
        row = next(i for i, (k, _l, _t) in enumerate(PAGES) if k == key)
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)

    def changed(self) -> None:
        """Data changed (an edit, an undo or a redo): show it on the current page and in the title.

        Other pages are refreshed when next shown.
        """
        self.version += 1
        page = self.current_page()
        if page is not None:
            page.refresh()
            self.seen[self.current_key] = self.version
        self.window_.update_title()


class MainWindow(QMainWindow):
    def __init__(self, *, today: Callable[[], date] = date.today, remembered: Remembered | None = None) -> None:
        super().__init__()
        self.today = today
        self.remembered = remembered or Remembered()
        self.undo_stack = ChangeStack(self)
        self.group: GroupFile | None = None
        self.desktop: Desktop | None = None
        self.wizard: CreateGroupWizard | None = None
        self.central = QStackedWidget()
        self.setCentralWidget(self.central)
        self.welcome = WelcomeScreen()
        self.welcome.create_requested.connect(self.new_group)
        self.welcome.open_requested.connect(self.choose_group)
        self.welcome.demo_requested.connect(self.try_demo)
        self.central.addWidget(self.welcome)
        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)  # made now, so "Saved …" has its place from the start
        geometry = self.remembered.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            place_first_time(self)
        follow_focus_into_view(QApplication.instance())  # type: ignore[arg-type]
        self.update_title()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text size changed: stay on the screen
            QTimer.singleShot(0, lambda: keep_on_screen(self))

    # -- menus -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&New group…"), self.new_group, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open group…"), self.choose_group, QKeySequence.StandardKey.Open)
        self.save_copy_action = self._action(file_menu, self.tr("Save a &copy…"), self.save_copy)
        self.check_action = self._action(file_menu, self.tr("C&heck this group file"),
                                         lambda: self.group and check_open_group(self, self.group, self.check_action))
        self.safekeeping = Safekeeping(self, file_menu)
        self.recent_menu = file_menu.addMenu(self.tr("&Recent groups"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self._action(edit_menu, self.tr("&Undo"), self.undo_stack.undo, QKeySequence.StandardKey.Undo)
        redo = self._action(edit_menu, self.tr("&Redo"), self.undo_stack.redo)
        redo.setShortcuts(redo_keys())
        self._follow_stack(undo, self.tr("&Undo"), self.tr("&Undo: {what}"), self.undo_stack.canUndoChanged,
                           self.undo_stack.undoTextChanged, self.undo_stack.canUndo)
        self._follow_stack(redo, self.tr("&Redo"), self.tr("&Redo: {what}"), self.undo_stack.canRedoChanged,
                           self.undo_stack.redoTextChanged, self.undo_stack.canRedo)
        self.undo_action, self.redo_action = undo, redo
        self.save_copy_action.setEnabled(False)
        self.check_action.setEnabled(False)
        add_help_menu(self)

    @staticmethod
    def _follow_stack(action: QAction, plain: str, labelled: str, can_changed: Any, text_changed: Any,
                      can: Callable[[], bool]) -> None:
        """Keep an Undo/Redo action's label ("Undo: Record the meeting of 30 Nov") and state with the stack."""
        def show(what: str) -> None:
            action.setText(labelled.format(what=what) if what else plain)
        text_changed.connect(show)
        can_changed.connect(action.setEnabled)
        action.setEnabled(can())

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.remembered.recent_groups()
        if not recent:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))

    # -- opening and closing groups ----------------------------------------------------------------
    def update_title(self) -> None:
        if self.group is None:
            self.setWindowTitle(APP_TITLE)
            return
        try:
            name = group_service.get_profile(self.group).name
        except (StorageError, ValidationError):
            name = self.group.path.stem
        suffix = self.tr(" (read-only)") if self.group.read_only else ""
        self.setWindowTitle(f"{name}{suffix} — {APP_TITLE}")

    def open_path(self, path: Path, *, page: str | None = None) -> bool:
        """Open the group file at ``path`` in this window; say in one sentence why not if it cannot be."""
        if self.desktop is not None and not self._may_leave():
            return False
        try:
            group = open_group(path)
        except GroupFileError as error:
            if self.safekeeping.offer_recovery(Path(path), error):
                return False
            QMessageBox.warning(self, self.tr("Cannot open the group"), str(error))
            if not Path(path).exists():
                self.remembered.forget(Path(path))
            return False
        self.close_group()
        self.group = group
        self.remembered.opened(group.path)
        self.desktop = Desktop(self, group)
        self.central.addWidget(self.desktop)
        self.central.setCurrentWidget(self.desktop)
        self.save_copy_action.setEnabled(True)
        self.check_action.setEnabled(True)
        self.update_title()
        self.desktop.show_page(page or self.remembered.last_page())
        self.safekeeping.opened(group)
        return True

    def close_group(self) -> None:
        self.undo_stack.clear()
        if self.desktop is not None:
            self.central.removeWidget(self.desktop)
            self.desktop.deleteLater()
            self.desktop = None
        if self.group is not None:
            self.safekeeping.closing()
            self.group.close()
            self.group = None
        self.save_copy_action.setEnabled(False)
        self.check_action.setEnabled(False)
        self.central.setCurrentWidget(self.welcome)
        self.update_title()

    def _may_leave(self) -> bool:
        page = self.desktop.current_page() if self.desktop else None
        return page is None or page.may_leave()

    def choose_group(self) -> None:
        start = str(self.group.path.parent if self.group else paths.data_dir())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open a group file"), start, self.tr("Group files (*.group);;All files (*)"))
        if chosen:
            self.open_path(Path(chosen))

    def new_group(self) -> None:
        self.wizard = CreateGroupWizard(self)
        self.wizard.accepted.connect(self._create_from_wizard)
        self.wizard.open()

    def _create_from_wizard(self) -> None:
        assert self.wizard is not None
        answers = self.wizard.answers()
        slug = re.sub(r"[^\w-]+", "-", answers.name.casefold()).strip("-") or "my-group"
        suggested = paths.data_dir() / f"{slug}{paths.GROUP_SUFFIX}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Where should the group file be kept?"), str(suggested), self.tr("Group files (*.group)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix != paths.GROUP_SUFFIX:
            path = path.with_name(path.name + paths.GROUP_SUFFIX)
        try:
            group_service.create_group(path, name=answers.name, about=answers.about,
                                       attendance_mode=answers.attendance_mode)
        except (ValidationError, GroupFileError, OSError) as error:
            QMessageBox.warning(self, self.tr("The group was not created"), str(error))
            return
        if not self.open_path(path, page="home"):
            return
        assert self.group is not None
        set_up_group(self, self.group, answers, today=self.today())
        if self.desktop is not None:
            self.desktop.changed()

    def try_demo(self) -> None:
        from coordinator_app.services import demo  # imported on demand: only this button needs it

        path = paths.data_dir() / f"demo{paths.GROUP_SUFFIX}"
        if path.exists():
            self.open_path(path, page="home")
            return
        self.welcome.status.setText(self.tr("Making the demo group… this takes a few seconds."))
        today = self.today()

        def done(_result: object) -> None:
            self.welcome.status.setText("")
            self.open_path(path, page="home")

        def failed(error: Exception) -> None:
            self.welcome.status.setText(self.tr("The demo group could not be made: {error}").format(error=error))

        run_in_background(lambda: demo.write_demo_group(path, today=today), on_success=done, on_failure=failed)

    def save_copy(self) -> None:
        """Copy the open group to a file of the user's choosing (a USB stick, say), checked, in the background."""
        if self.group is None:
            return
        group = self.group
        suggested = Path.home() / f"{group.path.stem} copy {self.today().isoformat()}{paths.GROUP_SUFFIX}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the group"), str(suggested), self.tr("Group files (*.group)"))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != paths.GROUP_SUFFIX:
            target = target.with_name(target.name + paths.GROUP_SUFFIX)
        self.statusBar().showMessage(self.tr("Saving a copy…"))
        self.save_copy_action.setEnabled(False)

        def done(made: Path) -> None:
            self.save_copy_action.setEnabled(self.group is not None)
            self.statusBar().showMessage(self.tr("Saved a checked copy as {file}.").format(file=made), 10000)

        def failed(error: Exception) -> None:
            self.save_copy_action.setEnabled(self.group is not None)
            self.statusBar().clearMessage()
            if not isinstance(error, GroupFileError | OSError):
                raise error
            QMessageBox.warning(self, self.tr("The copy was not saved"), str(error))

        run_in_background(lambda: backups_service.back_up_to(group, target), on_success=done, on_failure=failed)

    # -- closing the window ------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.desktop is not None and not self._may_leave():
            event.ignore()
            return
        self.remembered.set_geometry(self.saveGeometry())
        self.remembered.sync()
        self.close_group()
        event.accept()
