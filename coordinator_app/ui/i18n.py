"""Translation for strings outside a QObject method (labels for stored values, shared sentences)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str, context: str = "GroupCoordinator") -> str:
    return QCoreApplication.translate(context, text)
