"""A page whose work is still to come says so plainly instead of showing nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .base import Page, PageContext


class ComingSoonPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.message = QLabel(self.tr("This page is coming soon."))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        self.message.setText(self.tr("{title}: coming soon in a later version.").format(title=self.title))
