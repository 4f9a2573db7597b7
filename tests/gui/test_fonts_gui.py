"""The window shows every member's name as written, with the fonts the app ships (not the computer's)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QTextLayout

from coordinator_app.db.groupfile import opened
from coordinator_app.services import members as members_service
from coordinator_app.ui.fonts import register_shipped_fonts

pytestmark = pytest.mark.gui

NAMES = ("王芳", "김민준", "田中 さくら", "नमस्ते", "क्षत्रिय", "ਸਿੰਘ", "ประเสริฐ", "தமிழ்", "أحمد حسن",
         "সুমন দাস", "ગીતા પટેલ", "שרה כהן", "Ольга Смирнова", "Nguyễn Thị Hoa")


def _glyphs(text: str, font) -> list[int]:
    """The glyphs Qt draws ``text`` with, whichever fonts its fallback picks (0 is the empty box)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [glyph for run in layout.glyphRuns() for glyph in run.glyphIndexes()]


def test_the_shipped_fonts_are_registered_with_qt(qapp):
    families = register_shipped_fonts()
    for family in ("DejaVu Sans", "Droid Sans Fallback", "Noto Sans Devanagari", "Noto Sans Gurmukhi",
                   "Noto Sans Tamil", "Noto Sans Thai", "Noto Naskh Arabic"):
        assert family in families


def test_the_members_page_draws_every_name_without_an_empty_box(qtbot, make_window, group_path):
    register_shipped_fonts()
    with opened(group_path) as group:
        for name in NAMES:
            members_service.add_member(group, name=name, joined_on=date(2025, 1, 1))
    window = make_window(group_path, page="members")
    page = window.desktop.current_page()
    shown = {page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())}
    assert shown == set(NAMES)
    for name in NAMES:
        glyphs = _glyphs(name, page.table.font())
        assert glyphs and 0 not in glyphs, name
