"""Achievements: a timeline of what the group achieved, with photos, quotes and consent to include them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from coordinator_app.services import achievements as achievements_service
from coordinator_app.services import members as members_service
from coordinator_app.services.achievements import AchievementKind, AchievementView
from coordinator_app.services.errors import NotFound, StorageError

from ..forms import FormDialog, PhotoPicker, check, combo, date_edit, line, text_box
from ..labels import choices, word
from ..tables import Column, RowsModel, make_table, select_where, selected_row, show_date
from .base import Page, PageContext
from .widgets import button, button_row, heading, note, section

ACHIEVEMENT_COLUMNS = (
    Column("Date", lambda a: show_date(a.achieved_on), sort_key=lambda a: a.achieved_on),
    Column("What", lambda a: a.title),
    Column("Kind", lambda a: word(a.kind)),
    Column("Photo", lambda a: "Yes" if a.has_photo else ""),
    Column("Quote", lambda a: f"“{a.quote}”" + (f" — {a.quote_by_name}" if a.quote_by_name else "") if a.quote else ""),
    Column("May go in reports", lambda a: "Yes" if a.consent_to_include else "No"),
)


class AchievementsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Achievements")
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(note(self.tr("Celebrate what the group achieves, big or small.")))
        self.add_button = button(self.tr("&Add an achievement…"))
        self.edit_button = button(self.tr("&Change…"), self.tr("The story, photo, quote, who said it, or consent"))
        self.delete_button = button(self.tr("&Delete"), self.tr("Deleted by mistake? Undo with Ctrl+Z."))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.delete_button))
        self.model = RowsModel(ACHIEVEMENT_COLUMNS, self)
        self.table = make_table(self.model, self.tr("Achievements, newest first"))
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        self.detail_title = section("")
        self.detail_text = note()
        self.detail_text.setTextFormat(Qt.TextFormat.PlainText)
        self.photo = QLabel()
        self.photo.setAccessibleName(self.tr("Photo"))
        self.photo.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_text)
        detail_layout.addWidget(self.photo, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setSizes([400, 250])
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.table.doubleClicked.connect(lambda _index: self.edit())

    def refresh(self) -> None:
        keep = selected_row(self.table)
        self.model.set_rows(achievements_service.list_achievements(self.ctx.group))
        if keep is not None:
            select_where(self.table, lambda item: item.id == keep.id)
        self._show_detail()

    def _show_detail(self) -> None:
        item: AchievementView | None = selected_row(self.table)
        self.delete_button.setEnabled(item is not None)
        self.edit_button.setEnabled(item is not None)
        if item is None:
            self.detail_title.setText(self.tr("Choose an achievement to see its story"))
            self.detail_text.setText("")
            self.photo.clear()
            return
        self.detail_title.setText(item.title)
        parts = [item.story or self.tr("(No story written.)")]
        if item.quote:
            parts.append(f"“{item.quote}”" + (f" — {item.quote_by_name}" if item.quote_by_name else ""))
        parts.append(self.tr("May be included in reports (consent recorded).") if item.consent_to_include
                     else self.tr("Not to be included in reports: no consent recorded."))
        self.detail_text.setText("\n\n".join(parts))
        photo = achievements_service.get_photo(self.ctx.group, item.id) if item.has_photo else None
        if photo is None:
            self.photo.clear()
            return
        pixmap = QPixmap()
        pixmap.loadFromData(photo[0])
        self.photo.setPixmap(pixmap.scaled(320, 220, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def _form(self, title: str, ok_text: str, submit: Any, item: AchievementView | None) -> FormDialog:
        """The achievement's fields, empty for a new one or filled from ``item``."""
        group, today = self.ctx.group, self.ctx.today()
        members = members_service.list_members(group, include_former=True, today=today)

        def checked(values: dict[str, Any]) -> Any:
            values["consent_recorded_on"] = values["consent_recorded_on"] if values["consent_to_include"] else None
            return submit(values)

        dialog = FormDialog(self, title, checked, ok_text=ok_text)
        dialog.setMinimumWidth(860)  # the photo's buttons and a long title fit beside their captions at Largest
        dialog.add("achieved_on", self.tr("&When"), date_edit(item.achieved_on if item else today))
        dialog.add("title", self.tr("&What the group achieved"), line(item.title if item else ""))
        dialog.add("kind", self.tr("&Kind"), combo(choices(AchievementKind), item.kind if item else
                                                  AchievementKind.MILESTONE))
        dialog.add("story", self.tr("The &story"), text_box(item.story if item else "", lines=3))
        picker = dialog.add("photo", self.tr("&Photo (PNG or JPEG)"), PhotoPicker())
        photo = achievements_service.get_photo(group, item.id) if item and item.has_photo else None
        if photo is not None:
            picker.set_photo(photo[0], self.tr("The current photo"))
        dialog.add("quote", self.tr("A &quote"), line(item.quote if item else ""))
        dialog.add("quote_by_id", self.tr("Quote &by"), combo([(self.tr("(anonymous)"), None)]
                                                              + [(m.name, m.id) for m in members],
                                                              item.quote_by_id if item else None))
        dialog.add("consent_to_include", "", check(self.tr("&Consent given to include this in reports"),
                                                   item.consent_to_include if item else False))
        dialog.add("consent_recorded_on", self.tr("Consent given &on"),
                   date_edit(item.consent_recorded_on if item and item.consent_recorded_on else today))
        dialog.accepted.connect(self.ctx.changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add(self) -> None:
        group = self.ctx.group
        self._form(self.tr("Add an achievement"), self.tr("Add achievement"), lambda values: self.ctx.change(
            self.tr("Add an achievement"), lambda: achievements_service.add_achievement(group, **values)), None)

    def edit(self) -> None:
        """Change an achievement: its story, its photo, the quote and who said it, consent recorded later."""
        item = selected_row(self.table)
        if item is None:
            return
        group = self.ctx.group
        self._form(self.tr("Change “{title}”").format(title=item.title), self.tr("Save"),
                   lambda values: self.ctx.change(self.tr("Change “{title}”").format(title=item.title), lambda:
                                                  achievements_service.update_achievement(group, item.id, **values)),
                   item)

    def delete(self) -> None:
        item = selected_row(self.table)
        if item is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete achievement"), self.tr(
            "Delete “{title}”? Edit ▸ Undo (Ctrl+Z) brings it back.").format(title=item.title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        group = self.ctx.group
        try:
            self.ctx.change(self.tr("Delete “{title}”").format(title=item.title),
                            lambda: achievements_service.delete_achievement(group, item.id))
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
        self.ctx.changed()
