"""Settings: text size and colours for this computer, and the group's own settings (year end, currency, attendance)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QVBoxLayout, QWidget

from coordinator_app.services import group as group_service
from coordinator_app.services.errors import NotFound, StorageError, ValidationError
from coordinator_app.services.group import AttendanceMode, LeadershipModel

from ..forms import FieldForm, ask_to_save, combo, line, spin
from ..labels import MONTHS, choices
from ..style import DARK, DEFAULT_TEXT_SIZE, HIGH_CONTRAST, LIGHT, SYSTEM, TEXT_SIZES, apply_look
from .base import Page, PageContext
from .widgets import button, button_row, heading, note, section


class SettingsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Settings")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))

        layout.addWidget(section(self.tr("On this computer")))
        size_names = {11: "Small", 12: "Normal", 14: "Large", 16: "Larger", 18: "Largest"}
        self.text_size = combo([(self.tr(size_names[size]) + f" ({size} pt)", size) for size in TEXT_SIZES])
        self.colours = combo([(self.tr("Follow this computer's setting"), SYSTEM), (self.tr("Light"), LIGHT),
                              (self.tr("Dark"), DARK), (self.tr("High contrast"), HIGH_CONTRAST)])
        self.look = FieldForm()
        self.look.add("text_size", self.tr("&Text size"), self.text_size)
        self.look.add("colours", self.tr("Colour&s"), self.colours)
        self.look.setMaximumWidth(760)
        layout.addWidget(self.look)
        layout.addWidget(note(self.tr("Both change at once, for every page, and only on this computer.")))
        self.text_size.currentIndexChanged.connect(self._look_changed)
        self.colours.currentIndexChanged.connect(self._look_changed)

        layout.addWidget(section(self.tr("For the whole group")))
        self.form = FieldForm()
        self.form.add("leadership_model", self.tr("How the group is &led"), combo(choices(LeadershipModel)))
        self.form.add("attendance_mode", self.tr("Record &attendance"), combo(
            [(self.tr("By name: tick who came"), AttendanceMode.BY_NAME),
             (self.tr("Count only: just how many came"), AttendanceMode.COUNT_ONLY)]))
        self.form.add("financial_year_start_month", self.tr("&Financial year starts in"),
                      combo([(self.tr(name), number) for number, name in enumerate(MONTHS, start=1)]))
        self.form.add("currency", self.tr("&Currency"), line())
        self.form.add("time_zone", self.tr("Time &zone for calendars"), line())
        self.form.add("retention_months", self.tr("&Keep former members' details for (months)"), spin(24, maximum=240))
        self.form.setMaximumWidth(760)
        layout.addWidget(self.form)
        self.save_button = button(self.tr("Sa&ve group settings"))
        self.save_button.clicked.connect(self.save)
        self.form.watch_changes()
        layout.addLayout(button_row(self.save_button))
        layout.addStretch(1)

    def _remembered(self):  # the window's memory (QSettings); the window owns it
        return getattr(self.ctx.window, "remembered", None)

    def refresh(self) -> None:
        remembered = self._remembered()
        size = remembered.text_size(DEFAULT_TEXT_SIZE) if remembered else DEFAULT_TEXT_SIZE
        colours = remembered.colours() if remembered else SYSTEM
        for box, value in ((self.text_size, size), (self.colours, colours)):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
        profile = group_service.get_profile(self.ctx.group)
        widgets = self.form.widgets
        for field in ("leadership_model", "attendance_mode", "financial_year_start_month"):
            box = widgets[field]
            box.setCurrentIndex(max(0, box.findData(getattr(profile, field))))
        widgets["currency"].setText(profile.currency)
        widgets["time_zone"].setText(profile.time_zone)
        widgets["retention_months"].setValue(profile.retention_months)
        self.form.clear_errors()
        self.form.dirty = False

    def may_leave(self) -> bool:
        if not self.form.dirty:
            return True
        answer = ask_to_save(self, self.tr("the group settings"))
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        self.form.dirty = False
        return True

    def _look_changed(self) -> None:
        size, colours = self.text_size.currentData(), self.colours.currentData()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_look(app, size, colours)
        remembered = self._remembered()
        if remembered is not None:
            remembered.set_text_size(size)
            remembered.set_colours(colours)

    def save(self) -> bool:
        values, group = self.form.values(), self.ctx.group
        try:
            self.ctx.change(self.tr("Change the group settings"), lambda: group_service.update_profile(group, **values))
        except ValidationError as error:
            self.form.show_error(error)
            return False
        except (StorageError, NotFound) as error:
            self.ctx.report(error)
            return False
        self.ctx.changed()
        self.ctx.status(self.tr("Group settings saved."))
        return True
