"""The fonts every document embeds, turning any user text into safe Paragraph markup, and shaping it.

The base-14 PDF fonts cannot print Ł, 王 or नमस्ते, so every document uses DejaVu Sans, shipped with the
package, and draws each character DejaVu lacks (or that belongs to a script with its own font) from a
fallback font chosen character by character. Complex scripts (Indic, Thai, Arabic) are shaped by
ReportLab's own HarfBuzz support, one font run at a time (:class:`ShapedParagraph`); right-to-left runs are
put in display order line by line after wrapping, with levels from python-bidi (ReportLab's own bidi needs
``rlbidi``, which we cannot install). Each font's text layer maps a shaped glyph back to the characters it
was shaped from (:class:`TypedFont`), so a PDF viewer's search finds a name as it was typed.
"""

from __future__ import annotations

import functools
import importlib.resources
import threading
import unicodedata
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from bidi import algorithm as bidi_algorithm
from bidi.mirror import MIRRORED
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, ShapedStr, TTFont, shapeFragWord
from reportlab.platypus.paragraph import _FK_BREAK, Paragraph, _getFragWords, _HSFrag, _processed_frags

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
# Tried in order for a character DejaVu Sans cannot draw. A font listing character ranges is preferred
# even where DejaVu could draw the character, so a whole word of its script is shaped in one font.
FALLBACKS: tuple[tuple[str, str, str], ...] = (
    ("NotoNaskhArabic", "NotoNaskhArabic-Regular.ttf",
     "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe"),
    ("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf", "\u0900-\u097f\ua8e0-\ua8ff"),
    ("NotoSansBengali", "NotoSansBengali-Regular.ttf", "\u0980-\u09ff"),
    ("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf", "\u0a00-\u0a7f"),
    ("NotoSansGujarati", "NotoSansGujarati-Regular.ttf", "\u0a80-\u0aff"),
    ("NotoSansTamil", "NotoSansTamil-Regular.ttf", "\u0b80-\u0bff"),
    ("NotoSansThai", "NotoSansThai-Regular.ttf", "\u0e00-\u0e7f"),
    ("DroidSansFallback", "DroidSansFallback.ttf", ""),  # Chinese, Japanese, Korean
)
_FIRST_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: no font here maps it, ReportLab uses U+E000…
_lock = threading.Lock()


class TypedFont(TTFont):
    """A TrueType font shaped by HarfBuzz whose text layer gives back what was typed.

    ReportLab's ToUnicode maps each glyph to the one character the font's cmap gives it, so a conjunct
    (क्ष), a reordered vowel sign (ਸਿ) or a joined Arabic letter reads back as a private-use code, in the
    wrong order or as a presentation form. Here a shaped cluster's first glyph gets its own code that
    reads back as the cluster's characters and its other glyphs read back as nothing.
    """

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, path, shapable=True)
        self._codes: dict[tuple[int, str], int] = {}
        self._typed: dict[int, str] = {}

    def code_for(self, glyph: int, text: str, width_of: int) -> int:
        """A code that draws ``glyph`` (as wide as the character ``width_of``) and reads back as ``text``."""
        with _lock:
            code = self._codes.get((glyph, text))
            if code is None:
                code = self._codes[(glyph, text)] = _FIRST_PRIVATE + len(self._codes)
                self.face.charToGlyph[code] = glyph
                self.face.charWidths[code] = self.face.charWidths.get(width_of, self.face.defaultWidth)
                self._typed[code] = text
            return code

    def typed(self, code: int) -> str:
        return self._typed.get(code, chr(code))

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - ReportLab's name
        """ReportLab's font objects, then each subset's ToUnicode rewritten to the typed text."""
        subsets = [list(subset) for subset in self._assignState(doc).subsets]
        super().addObjects(doc)
        face = self.face
        for number, subset in enumerate(subsets):
            base_name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = _to_unicode_cmap(base_name, [self.typed(code) for code in subset])


def _to_unicode_cmap(name: str, texts: Sequence[str]) -> str:
    """A ToUnicode CMap from one-byte codes to text (UTF-16BE, so characters past U+FFFF survive too)."""
    entries = [f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in enumerate(texts)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(texts) - 1:02X}>", "endcodespacerange",
        f"{len(entries)} beginbfchar", *entries, "endbfchar",
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


def _ranges(spec: str) -> list[tuple[int, int]]:
    return [(ord(spec[i]), ord(spec[i + 2])) for i in range(0, len(spec), 3)]


_PREFERRED = [(name, _ranges(spec)) for name, _, spec in FALLBACKS if spec]


def _register(name: str, filename: str) -> TypedFont:
    resource = importlib.resources.files("coordinator_app").joinpath("resources", "fonts", filename)
    with importlib.resources.as_file(resource) as path:
        font = TypedFont(name, str(path))
    pdfmetrics.registerFont(font)
    return font


@functools.cache
def register_fonts() -> dict[str, frozenset[int]]:
    """Register the shipped fonts with ReportLab once per process; return each font's characters."""
    covered: dict[str, frozenset[int]] = {}
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"),
                           *((name, filename) for name, filename, _ in FALLBACKS)):
        covered[name] = frozenset(_register(name, filename).face.charToGlyph)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    for name, _, _ in FALLBACKS:  # a fallback run inside <b> must still resolve to a registered font
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    return covered


def _follows(char: str) -> bool:
    """Marks, joiners, digits, punctuation and spaces stay in the font of the letters before them."""
    return unicodedata.category(char)[0] in "MNPZS" or char in "\u200c\u200d"


def _font_for(char: str, previous: str, covered: dict[str, frozenset[int]]) -> str:
    code = ord(char)
    for name, ranges in _PREFERRED:
        if code in covered[name] and any(low <= code <= high for low, high in ranges):
            return name
    if _follows(char) and code in covered[previous]:
        return previous
    if code in covered[REGULAR]:
        return REGULAR
    for name, _, _ in FALLBACKS:
        if code in covered[name]:
            return name
    return REGULAR  # nothing has it: DejaVu's empty box, never a missing font


def font_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into runs, each with the font that draws it (``REGULAR`` where DejaVu does)."""
    covered = register_fonts()
    runs: list[tuple[str, list[str]]] = []
    font = REGULAR
    for char in text:
        font = _font_for(char, font, covered)
        if runs and runs[-1][0] == font:
            runs[-1][1].append(char)
        else:
            runs.append((font, [char]))
    return [(name, "".join(chars)) for name, chars in runs]


def markup(text: object) -> str:
    """Any user text as Paragraph markup that prints exactly as typed (through :class:`ShapedParagraph`).

    Each line is split into runs by the font that can draw them; every run is escaped, so
    ``Tom & Jerry <3`` is never read as markup. Line breaks become ``<br/>``.
    """
    lines = []
    for line in str(text).splitlines() or [""]:
        lines.append("".join(escape(run) if font == REGULAR else f'<font name="{font}">{escape(run)}</font>'
                             for font, run in font_runs(line)))
    return "<br/>".join(lines)


# Shaping and bidi order inside a Paragraph. ReportLab's own shaping (style.shaping) shapes a whole word
# with the font of its first character, which breaks a word such as "ਸਿੰਘ," drawn from two fonts, and
# keeps no record of what each glyph was typed as; so each run of a word is shaped here, once, before
# ReportLab wraps the words it is given.

def bidi_levels(text: str) -> list[int]:
    """The Unicode bidi embedding level of each character of one paragraph (python-bidi, rules P2–I2)."""
    storage = bidi_algorithm.get_empty_storage()
    base = bidi_algorithm.get_base_level(text)
    storage["base_level"], storage["base_dir"] = base, "LR"[base]
    bidi_algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi_algorithm.explicit_embed_and_overrides(storage)  # drops joiners and embeddings (X9)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    levels = [base] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    for index in range(1, len(text)):  # a dropped joiner goes with the letter before it
        if unicodedata.bidirectional(text[index]) == "BN":
            levels[index] = levels[index - 1]
    return levels


_SIMPLE = range(0x250)  # Latin, Latin-1 and Latin Extended: drawn as typed, no shaping needed
_FEATURES = {"kern": True, "liga": True}  # ReportLab's default adds dlig, DejaVu's curly "st"


def _typed_piece(style: Any, text: str, level: int) -> tuple[float, str]:
    """One font run shaped by ReportLab (HarfBuzz), its glyphs recoded to read back as ``text``.

    The characters of a cluster (क्ष, or ਸਿ whose vowel sign is drawn first) are shared out over its
    glyphs in the order they are drawn, so a viewer reads the cluster back as typed, without gaps.
    Right-to-left clusters are stored reversed: viewers reverse right-to-left text they read back.
    """
    width = pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
    font = pdfmetrics.getFont(style.fontName)
    drawn = text
    if level % 2 and not any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        drawn = "".join(MIRRORED.get(char, char) for char in text)  # rule L4: "(" in Arabic faces the other way
    if (drawn == text and all(ord(char) in _SIMPLE for char in text)) or not isinstance(font, TypedFont):
        return width, text
    shaped = shapeFragWord([width, (style, drawn)], features=_FEATURES, force=drawn != text)
    if len(shaped) != 2 or not isinstance(shaped[1][1], ShapedStr):
        return shaped[0], text
    glyphs, data = shaped[1][1], shaped[1][1].__shapeData__
    starts = sorted({sd.cluster for sd in data} | {len(text)})
    ends = dict(zip(starts, starts[1:], strict=False))
    rtl = len(data) > 1 and data[0].cluster > data[-1].cluster
    codes = []
    i = 0
    while i < len(data):
        cluster = data[i].cluster
        j = i
        while j < len(data) and data[j].cluster == cluster:
            j += 1
        typed = text[cluster:ends[cluster]]
        typed = typed[::-1] if rtl else typed
        count = j - i
        for k in range(count):
            share = typed[-(-k * len(typed) // count):-(-(k + 1) * len(typed) // count)]
            char = glyphs[i + k]
            codes.append(char if share == char else
                         chr(font.code_for(font.face.charToGlyph[ord(char)], share, ord(char))))
        i = j
    return shaped[0], ShapedStr("".join(codes), shapeData=data)


def _is_break(word: Sequence[Any]) -> bool:
    return len(word) == 2 and getattr(word[1][0], "_fkind", None) == _FK_BREAK


def _shaped_words(words: list[list[Any]]) -> list[list[Any]]:
    """Frag words with every run shaped, each run's frag marked with its bidi level (and the space after)."""
    shaped: list[list[Any]] = []
    start = 0
    for end in [i for i, word in enumerate(words) if _is_break(word)] + [len(words)]:
        paragraph = words[start:end]
        text = "".join("".join(s for _, s in word[1:]) + (" " if isinstance(word, _HSFrag) else "")
                       for word in paragraph)
        levels = bidi_levels(text)
        at = 0
        for word in paragraph:
            pieces: list[Any] = []
            total = 0.0
            images = any(hasattr(style, "cbDefn") for style, _ in word[1:])
            for style, piece in word[1:]:
                marked = style.clone(bidi_level=levels[at] if piece else 0)
                at += len(piece)
                if piece and not hasattr(style, "cbDefn"):
                    width, piece = _typed_piece(marked, piece, marked.bidi_level)
                else:
                    width = 0.0
                total += width
                pieces.append((marked, piece))
            if isinstance(word, _HSFrag) and pieces:
                pieces[-1][0].space_level = levels[at] if at < len(levels) else 0
                at += 1
            shaped.append(word.__class__([word[0] if images else total, *pieces]))
        shaped.extend(words[end:end + 1])
        start = end + 1
    return shaped


def _display_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: reverse every run at each level from the highest down to the lowest odd one."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def _reorder_line(line: Any, words: Sequence[Sequence[Any]]) -> None:
    """Put one wrapped line's runs (and the spaces between its words) in display order."""
    tokens: list[tuple[int, Any, Any]] = []
    for number, word in enumerate(words):
        for style, piece in word[1:]:
            if hasattr(style, "cbDefn"):
                return  # an image or anchor in the line: leave it as ReportLab laid it out
            if piece:
                tokens.append((getattr(style, "bidi_level", 0), style, piece))
        if number < len(words) - 1 and isinstance(word, _HSFrag) and tokens:
            style = word[-1][0]
            tokens.append((getattr(style, "space_level", 0), style, " "))
    if not any(level % 2 for level, _, _ in tokens):
        return
    rebuilt: list[Any] = []
    for index in _display_order([level for level, _, _ in tokens]):
        _, style, piece = tokens[index]
        if rebuilt and rebuilt[-1]._source is style:
            rebuilt[-1].text += piece
        else:
            frag = style.clone(text=piece, _source=style)
            rebuilt.append(frag)
    breaks = [frag for frag in line.words if getattr(frag, "_fkind", None) == _FK_BREAK]
    line.words = rebuilt + breaks


class ShapedParagraph(Paragraph):
    """A Paragraph whose words are shaped one font run at a time and whose lines are in bidi display order.

    The words are shaped before wrapping, so their widths are the shaped widths; each wrapped line is
    then reordered on its own (Unicode rule L2 per line), so a two-word Arabic name that wraps keeps its
    first word on the first line. The style's own ``shaping`` must stay off (it would shape again).
    """

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - ReportLab's name
        if not _processed_frags(self.frags):
            first = width[0] if isinstance(width, list | tuple) else width
            self.frags = _shaped_words(_getFragWords(self.frags, first))
        lines = super().breakLines(width)
        if lines.kind == 1:
            starts = [line.sFW for line in lines.lines] + [len(self.frags)]
            for line, start, end in zip(lines.lines, starts, starts[1:], strict=False):
                _reorder_line(line, [word for word in self.frags[start:end] if not _is_break(word)])
        return lines
