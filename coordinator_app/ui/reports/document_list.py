"""The Reports page's list of documents: each title in bold with its plain description beneath.

The item's text stays "title\\ndescription", so a screen reader reads both; only the drawing differs.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

PAD = 8
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class TitleAndDescription(QStyledItemDelegate):
    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    @staticmethod
    def _weighted(font: QFont, bold: bool) -> QFont:
        """A copy with the weight set outright (an unset weight would be taken from the painter's last font)."""
        copy = QFont(font)
        copy.setBold(bold)
        return copy

    def _blocks(self, option: QStyleOptionViewItem, text: str, width: int) -> tuple[str, str, QRect, QRect]:
        # Qt hands the item's text to a delegate with its line break as U+2028, the Unicode line separator.
        title, _newline, description = text.replace("\u2028", "\n").partition("\n")
        room = QRect(0, 0, width, 10_000)
        title_box = QFontMetrics(self._weighted(option.font, True)).boundingRect(room, WRAP, title)
        words_box = QFontMetrics(self._weighted(option.font, False)).boundingRect(room, WRAP, description)
        return title, description, title_box, words_box

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        inner = opt.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        title, description, title_box, _words = self._blocks(opt, text, inner.width())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.setFont(self._weighted(opt.font, True))
        painter.drawText(inner, WRAP, title)
        painter.setFont(self._weighted(opt.font, False))
        painter.drawText(inner.adjusted(0, title_box.height() + 2, 0, 0), WRAP, description)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = max(200, self.view.viewport().width() - 2 * (PAD + self.view.spacing()) - 4)
        _title, _description, title_box, words_box = self._blocks(opt, opt.text, width)
        return QSize(width, title_box.height() + words_box.height() + 2 + PAD)
