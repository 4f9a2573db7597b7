"""The fonts the PDFs print with, registered with Qt so the window shows every member's name as written.

A computer may have no font for Chinese, Tamil or Thai: Qt then draws empty boxes. Registering the
shipped fonts (``coordinator_app/resources/fonts``) adds them to Qt's font fallback, so any widget finds
a glyph for 王芳, தமிழ் or ประเสริฐ whatever its own font is.
"""

from __future__ import annotations

import functools
import importlib.resources

from PySide6.QtGui import QFontDatabase


@functools.cache
def register_shipped_fonts() -> tuple[str, ...]:
    """Add every shipped TrueType font to the application once; return the families Qt now knows from them."""
    families: list[str] = []
    folder = importlib.resources.files("coordinator_app").joinpath("resources", "fonts")
    for resource in sorted(folder.iterdir(), key=lambda item: item.name):
        if not resource.name.endswith(".ttf"):
            continue
        with importlib.resources.as_file(resource) as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(dict.fromkeys(families))
