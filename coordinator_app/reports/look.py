"""The one look every printed document shares; the annual accounts use it too, so keep it stable.

Public API (used by other documents): :func:`build_document`, :func:`para`, :func:`rich`, :func:`heading`,
:func:`data_table`, :func:`money_text`, :func:`money_cell`, :func:`number_cell`, :func:`key_figures`,
:func:`photo`, :func:`note_box` and :data:`STYLES`. Every function that takes user text escapes it (and
shapes right-to-left text and picks fallback fonts) through :func:`coordinator_app.reports.fonts.markup`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from coordinator_app.db.disk import write_private
from coordinator_app.services.errors import StorageError
from coordinator_app.services.money.amounts import format_pence

from .fonts import BOLD, REGULAR, ShapedParagraph, markup, register_fonts

INK = colors.HexColor("#1f2a36")
ACCENT = colors.HexColor("#2f6f73")
PALE = colors.HexColor("#e8f1f1")
RULE = colors.HexColor("#b8c7c8")
MUTED = colors.HexColor("#5b6770")
WARNING = colors.HexColor("#9b2c2c")
MARGIN = 18 * mm
HEADER_HEIGHT = 20 * mm
FOOTER_HEIGHT = 12 * mm
FRAME_PADDING = 6  # ReportLab's default frame padding, in points
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14.5, textColor=INK, spaceAfter=5)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=24, leading=30, textColor=ACCENT,
                                spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=13, leading=18, textColor=MUTED, spaceAfter=14),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=15, leading=19, textColor=ACCENT,
                             spaceBefore=12, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8,
                             spaceAfter=3),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "quote": ParagraphStyle("quote", parent=body, fontSize=11, leading=15, leftIndent=12, rightIndent=12,
                                textColor=ACCENT),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=BOLD, fontSize=9.5, leading=12,
                                    spaceAfter=0, textColor=colors.white),
        "cell_head_right": ParagraphStyle("cell_head_right", parent=body, fontName=BOLD, fontSize=9.5, leading=12,
                                          spaceAfter=0, textColor=colors.white, alignment=TA_RIGHT),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=9.5, leading=12, spaceAfter=0,
                                     alignment=TA_RIGHT),
        "figure": ParagraphStyle("figure", parent=body, fontName=BOLD, fontSize=22, leading=26, textColor=ACCENT,
                                 alignment=TA_CENTER, spaceAfter=0),
        "figure_label": ParagraphStyle("figure_label", parent=body, fontSize=9, leading=11.5, textColor=MUTED,
                                       alignment=TA_CENTER, spaceAfter=0),
        "box": ParagraphStyle("box", parent=body, fontSize=16, leading=18, alignment=TA_CENTER, spaceAfter=0),
        "banner": ParagraphStyle("banner", parent=body, fontName=BOLD, fontSize=10, leading=13,
                                 textColor=WARNING, alignment=TA_CENTER),
    }


STYLES = _styles()


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle that also sets our font for plain-string cells (the default would be base-14 Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def rich(markup_text: str, style: str = "body") -> ShapedParagraph:
    """A paragraph from markup the code wrote; user parts inside it must already have passed ``markup``."""
    return ShapedParagraph(markup_text, STYLES[style])


def para(text: object, style: str = "body") -> ShapedParagraph:
    """A paragraph of user (or any) text, printed exactly as typed."""
    return ShapedParagraph(markup(text), STYLES[style])


def heading(text: str, level: int = 1) -> Flowable:
    """A section heading; at level 1 it starts a new page rather than sit alone at the foot of one.

    (ReportLab's ``keepWithNext`` would push a whole long table to the next page, leaving a gap.) Inside
    :func:`keep_together` use :func:`block_heading` instead.
    """
    if level > 1:
        return block_heading(text, level)
    return KeepTogether([CondPageBreak(45 * mm), block_heading(text, level)])


def block_heading(text: str, level: int = 1) -> ShapedParagraph:
    """A plain heading paragraph, for a block kept together with what follows it."""
    return para(text, f"h{level}")


def money_text(pence: int, *, currency: str = "GBP", brackets: bool = False) -> str:
    """``£1,234.50``; negatives as ``-£12.00``, or ``(£12.00)`` in accounts with ``brackets``."""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency, currency + " ")
    text = symbol + format_pence(abs(int(pence)), symbol=False)
    if pence < 0:
        return f"({text})" if brackets else f"-{text}"
    return text


def money_cell(pence: int | None, *, currency: str = "GBP", brackets: bool = False,
               bold: bool = False) -> ShapedParagraph:
    """A right-aligned amount for a table; ``None`` prints as a dash."""
    text = "–" if pence is None else money_text(pence, currency=currency, brackets=brackets)
    return rich(f"<b>{markup(text)}</b>" if bold else markup(text), "cell_right")


def number_cell(value: int | str | None, *, bold: bool = False) -> ShapedParagraph:
    text = "–" if value is None else (f"{value:,}" if isinstance(value, int) else value)
    return rich(f"<b>{markup(text)}</b>" if bold else markup(text), "cell_right")


def _cell(value: Any) -> Flowable:
    if isinstance(value, Flowable):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return number_cell(value)
    return para("" if value is None else value, "cell")


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    widths: Sequence[float] | None = None,
    total_row: bool = False,
    width: float | None = None,
    right: Sequence[int] = (),
) -> Table:
    """A table whose header row repeats on every page it spans.

    Cells may be text (escaped), ints (right-aligned) or any flowable such as :func:`money_cell`.
    ``widths`` are fractions of the available width; ``total_row`` draws the last row as a total;
    ``right`` lists the columns (numbers, money) whose heading is right-aligned.
    """
    available = width or CONTENT_WIDTH
    col_widths = [available * share for share in widths] if widths else None
    data = [[rich(markup(title), "cell_head_right" if i in right else "cell_head") for i, title in enumerate(header)]]
    data += [[_cell(value) for value in row] for row in rows]
    table = Table(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), PALE) for i in range(2, len(data), 2)]
    if total_row and len(data) > 1:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 1.2, INK), ("BACKGROUND", (0, -1), (-1, -1), colors.white)]
    table.setStyle(table_style(commands))
    return table


def facts_table(rows: Sequence[tuple[str, Any]], *, label_width: float = 0.28) -> Table:
    """Label and value pairs (a summary), labels in bold, no heading row."""
    data = [[rich(f"<b>{markup(label)}</b>", "cell"), _cell(value)] for label, value in rows]
    table = Table(data, colWidths=[CONTENT_WIDTH * label_width, CONTENT_WIDTH * (1 - label_width)], hAlign="LEFT")
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def key_figures(figures: Sequence[tuple[str, str]], *, per_row: int = 3) -> Table:
    """Big numbers with a label under each: "the year in numbers"."""
    cells = [[rich(markup(value), "figure"), para(label, "figure_label")] for value, label in figures]
    rows: list[list[Any]] = []
    for start in range(0, len(cells), per_row):
        chunk = cells[start:start + per_row]
        chunk += [""] * (per_row - len(chunk))
        rows.append(chunk)
    table = Table(rows, colWidths=[CONTENT_WIDTH / per_row] * per_row, hAlign="LEFT")
    table.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), PALE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return table


def note_box(text: str) -> Table:
    """A gently shaded box for a sentence the reader should not miss."""
    table = Table([[para(text)]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), PALE), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return table


def photo(data: bytes, *, max_width: float = 80 * mm, max_height: float = 60 * mm) -> Image | None:
    """A picture scaled to fit, or ``None`` when the bytes are not a picture we can print."""
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # a damaged picture must not stop the whole report
        return None
    scale = min(max_width / width, max_height / height, 1.0)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale, hAlign="LEFT")


@dataclass(frozen=True)
class _Page:
    title: str
    group_name: str
    logo: ImageReader | None
    confidential: bool


def _draw_frame(canvas: Canvas, page: _Page, page_number: int, page_count: int) -> None:
    """Header (logo, group name, document title) and footer (Page X of Y) on one page."""
    width, height = canvas._pagesize
    top = height - MARGIN / 2
    left, right = MARGIN + FRAME_PADDING, width - MARGIN - FRAME_PADDING
    text_left = left
    if page.logo is not None:
        logo_w, logo_h = page.logo.getSize()
        scale = min(13 * mm / logo_h, 30 * mm / logo_w)
        canvas.drawImage(page.logo, left, top - logo_h * scale, logo_w * scale, logo_h * scale, mask="auto")
        text_left = left + logo_w * scale + 4 * mm
    name = ShapedParagraph(markup(page.group_name), ParagraphStyle("hdr", fontName=BOLD, fontSize=11, leading=14,
                                                             textColor=INK))
    _, name_h = name.wrap(right - text_left - 70 * mm, 30 * mm)
    name.drawOn(canvas, text_left, top - name_h)
    title = ShapedParagraph(markup(page.title), ParagraphStyle("hdr_title", fontName=REGULAR, fontSize=9, leading=12,
                                                         textColor=MUTED, alignment=TA_RIGHT))
    _, title_h = title.wrap(68 * mm, 30 * mm)
    title.drawOn(canvas, right - 68 * mm, top - title_h)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1)
    rule_y = top - 15 * mm
    canvas.line(left, rule_y, right, rule_y)
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(width / 2, MARGIN / 2, f"Page {page_number} of {page_count}")
    if page.confidential:
        canvas.setFont(BOLD, 8.5)
        canvas.setFillColor(WARNING)
        canvas.drawString(left, MARGIN / 2, "CONFIDENTIAL")
        canvas.drawRightString(right, MARGIN / 2, "CONFIDENTIAL")


def _canvas_class(page: _Page) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps each page until the end so every footer can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _draw_frame(self, page, number, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


def build_document(
    path: Path | str,
    *,
    title: str,
    story: Sequence[Flowable],
    group_name: str,
    logo_png: bytes | None = None,
    confidential: bool = False,
    wide: bool = False,
) -> Path:
    """Lay out ``story`` in the shared look and write the PDF to ``path``.

    The file is written owner-only beside the target and moved into place only when complete
    (``db.disk.write_private``), so a failure never leaves half a PDF. An unwritable folder becomes a
    :class:`StorageError` with one sentence.
    """
    register_fonts()  # here, not at import: reading the fonts takes a quarter of a second
    target = Path(path)
    logo = None
    if logo_png:
        try:
            logo = ImageReader(io.BytesIO(logo_png))
            logo.getSize()
        except Exception:  # a damaged logo is left out rather than losing the document
            logo = None
    page = _Page(title=title, group_name=group_name, logo=logo, confidential=confidential)
    pagesize = landscape(A4) if wide else A4

    def write(temp: Path) -> None:
        document = SimpleDocTemplate(
            str(temp), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN / 2 + HEADER_HEIGHT, bottomMargin=MARGIN / 2 + FOOTER_HEIGHT,
            title=title, author=group_name, creator="Group Coordinator",
            initialFontName=REGULAR,  # else the PDF lists Helvetica (not embedded), though nothing uses it
        )
        document.build(list(story) or [Spacer(1, 1)], canvasmaker=_canvas_class(page))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_private(target, write)
    except OSError as exc:
        raise StorageError(f"The PDF could not be saved as {target}: {exc.strerror or exc}.") from exc
    return target


def keep_together(*flowables: Flowable) -> KeepTogether:
    """Flowables that move to the next page together; a :func:`heading` inside loses its page-break test."""
    content: list[Flowable] = []
    for flowable in flowables:
        inner = getattr(flowable, "_content", None)
        if isinstance(flowable, KeepTogether) and inner and isinstance(inner[0], CondPageBreak):
            content += inner[1:]
        else:
            content.append(flowable)
    return KeepTogether(content)


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
