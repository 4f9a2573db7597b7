"""The fonts every document embeds, and turning any user text into safe Paragraph markup.

The base-14 PDF fonts cannot print Ł or Arabic, so every document uses DejaVu Sans, shipped with the
package. Characters DejaVu lacks are drawn from a fallback font chosen character by character. Arabic and
Urdu are shaped with arabic-reshaper and put in display order with python-bidi, because ReportLab's own
bidi support needs ``rlbidi``, which we cannot install.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
# Tried in order for a character DejaVu Sans cannot draw.
FALLBACKS = (
    ("NotoNaskhArabic", "NotoNaskhArabic-Regular.ttf"),
    ("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf"),
    ("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf"),
    ("NotoSansBengali", "NotoSansBengali-Regular.ttf"),
)

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_NEEDS_CHECK = re.compile("[^\u0000-\u024f]")  # everything past Latin Extended-B is checked against the font


def _register(name: str, filename: str) -> TTFont:
    resource = importlib.resources.files("coordinator_app").joinpath("resources", "fonts", filename)
    with importlib.resources.as_file(resource) as path:
        font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return font


@functools.cache
def register_fonts() -> dict[str, frozenset[int]]:
    """Register the shipped fonts with ReportLab once per process; return each font's characters."""
    covered: dict[str, frozenset[int]] = {}
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"), *FALLBACKS):
        covered[name] = frozenset(_register(name, filename).face.charToGlyph)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    for name, _ in FALLBACKS:  # a fallback run inside <b> must still resolve to a registered font
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    return covered


def visual(text: str) -> str:
    """Arabic-script letters joined and right-to-left runs put in the order they are printed."""
    if _ARABIC.search(text):
        text = arabic_reshaper.reshape(text)
    if _RTL.search(text):
        text = get_display(text)
    return text


def _font_for(char: str, covered: dict[str, frozenset[int]]) -> str | None:
    code = ord(char)
    if code in covered[REGULAR] or char.isspace():
        return None
    for name, _ in FALLBACKS:
        if code in covered[name]:
            return name
    return None


def markup(text: object) -> str:
    """Any user text as Paragraph markup that prints exactly as typed.

    Each line is shaped and ordered for display, then split into runs by the font that can draw
    them; every run is escaped, so ``Tom & Jerry <3`` is never read as markup. Line breaks become
    ``<br/>``.
    """
    covered = register_fonts()
    lines = []
    for line in str(text).splitlines() or [""]:
        shown = visual(line)
        if not _NEEDS_CHECK.search(shown):
            lines.append(escape(shown))
            continue
        runs: list[tuple[str | None, list[str]]] = []
        for char in shown:
            font = _font_for(char, covered)
            if runs and runs[-1][0] == font:
                runs[-1][1].append(char)
            else:
                runs.append((font, [char]))
        lines.append(
            "".join(
                escape("".join(chars)) if font is None else f'<font name="{font}">{escape("".join(chars))}</font>'
                for font, chars in runs
            )
        )
    return "<br/>".join(lines)
