"""What the window remembers between runs (QSettings): size and place, last group, last page, recent groups,
and this computer's text size and colours.

Kept where the system keeps an app's settings, except that with ``COORDINATOR_HOME`` set (a portable
copy, or a test) it is an INI file in that data folder, so it travels with it and never touches the user's.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from coordinator_app import paths

from .style import COLOURS, SYSTEM

MAX_RECENT = 6


class Remembered:
    def __init__(self, settings: QSettings | None = None) -> None:
        if settings is None:
            portable = bool(os.environ.get(paths.HOME_ENV))
            settings = QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat) if portable \
                else QSettings()
        self.settings = settings

    def geometry(self) -> QByteArray | None:
        value = self.settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        self.settings.setValue("window/geometry", value)

    def last_page(self) -> str:
        return str(self.settings.value("window/page", "home"))

    def set_last_page(self, key: str) -> None:
        self.settings.setValue("window/page", key)

    def last_group(self) -> Path | None:
        value = self.settings.value("group/last", "")
        return Path(str(value)) if value else None

    def recent_groups(self) -> list[Path]:
        value = self.settings.value("group/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(str(item)) for item in items if item]

    def opened(self, path: Path) -> None:
        """Note ``path`` as the last group and put it first among the recent ones."""
        recent = [path] + [p for p in self.recent_groups() if p != path]
        self.settings.setValue("group/last", str(path))
        self.settings.setValue("group/recent", [str(p) for p in recent[:MAX_RECENT]])

    def forget(self, path: Path) -> None:
        self.settings.setValue("group/recent", [str(p) for p in self.recent_groups() if p != path])
        if self.last_group() == path:
            self.settings.setValue("group/last", "")

    def text_size(self, default: int) -> int:
        try:
            return int(self.settings.value("view/text_size", default))
        except (TypeError, ValueError):
            return default

    def set_text_size(self, size: int) -> None:
        self.settings.setValue("view/text_size", int(size))

    def colours(self) -> str:
        value = str(self.settings.value("view/colours", SYSTEM))
        return value if value in COLOURS else SYSTEM

    def set_colours(self, colours: str) -> None:
        self.settings.setValue("view/colours", colours)

    def sync(self) -> None:
        self.settings.sync()
