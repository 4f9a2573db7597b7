"""Members' names in every script UK groups meet print as written, and a PDF viewer finds them as typed.

The text is read back with poppler's ``pdftotext`` in its default (reading order) mode: it puts a line's
words in reading order and reverses right-to-left runs into the order they were typed, marking each with
U+202B…U+202C (stripped here). ``-raw`` keeps the order glyphs are drawn in, so a two-word Arabic name
would read back with its words swapped; ``-layout`` pads table columns with runs of spaces.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import uharfbuzz
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import SimpleDocTemplate
from reports_helpers import TODAY

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import (
    AgreementHow,
    AssignmentStatus,
    Attendance,
    Consent,
    ConsentKind,
    Job,
    JobAssignment,
    Meeting,
    MeetingStatus,
    Member,
)
from coordinator_app.reports import look
from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.reports.fonts import ShapedParagraph, TypedFont, font_runs, markup, register_fonts
from coordinator_app.reports.printables import make_contact_list, make_sign_in_sheet
from coordinator_app.services import group as group_service
from coordinator_app.services.uow import unit_of_work

GROUP_NAME = "王芳的小组"
# Read back exactly: one glyph per character, left to right.
EXACT = {
    "Latin": "Łukasz Wójcik",
    "Greek": "Ἀλέξανδρος Παππάς",
    "Cyrillic": "Ольга Смирнова",
    "Vietnamese": "Nguyễn Thị Hoa",
    "Vietnamese typed decomposed": unicodedata.normalize("NFD", "Trần Văn Đức"),
    "Chinese": "王芳",
    "Korean": "김민준",
    "Japanese": "田中 さくら",
    "Thai": "ประเสริฐ",
}
# Shaped (joined, reordered, conjuncts): found by a search for the name as typed.
SEARCHED = {
    "Arabic": "أحمد حسن",
    "Urdu": "عائشہ خان",
    "Hebrew": "שרה כהן",
    "Hindi": "नमस्ते",
    "Hindi conjuncts": "क्षत्रिय",
    "Punjabi": "ਸਿੰਘ",
    "Tamil": "தமிழ்",
    "Bengali": "সুমন দাস",
    "Gujarati": "ગીતા પટેલ",
}
NAMES = {**EXACT, **SEARCHED}

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed; .ci/run installs it")


def _text(path: Path) -> str:
    """What a viewer reads: pdftotext in reading order, its right-to-left marks dropped, NFC."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return unicodedata.normalize("NFC", out.replace("\u202b", "").replace("\u202c", ""))


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sign-in sheet, contact list and celebration report of a group named 王芳的小组 whose members
    are named in every script, each of whom agreed to be named and took a turn at a job in 2025."""
    tmp_path = tmp_path_factory.mktemp("scripts")
    group_service.create_group(tmp_path / "g.group", name=GROUP_NAME)
    group = open_group(tmp_path / "g.group")
    kinds = (ConsentKind.NAMED_IN_REPORTS, ConsentKind.SHARE_CONTACT_DETAILS)
    with unit_of_work(group) as session:
        members = []
        for number, name in enumerate(NAMES.values()):
            member = Member(name=name, joined_on=date(2025, 1, 1), phone=f"07700 900{number:03d}")
            member.consents = [Consent(kind=kind, given_on=date(2025, 1, 1), how=AgreementHow.SIGNED_PAPER)
                               for kind in kinds]
            members.append(member)
        session.add_all(members)
        meeting = Meeting(held_on=date(2025, 3, 10), status=MeetingStatus.HELD)
        job = Job(title="Bring refreshments")
        session.add_all([meeting, job])
        session.flush()
        meeting.attendance = [Attendance(member_id=member.id) for member in members]
        session.add_all(JobAssignment(job_id=job.id, member_id=member.id, meeting_id=meeting.id,
                                      due_on=meeting.held_on, status=AssignmentStatus.DONE,
                                      done_on=meeting.held_on) for member in members)
    made = {
        "sign-in sheet": make_sign_in_sheet(group, tmp_path / "sign-in.pdf", today=TODAY),
        "contact list": make_contact_list(group, tmp_path / "contacts.pdf", today=TODAY),
        "celebration report": make_celebration_report(group, tmp_path / "celebration.pdf", year=2025,
                                                      today=TODAY),
    }
    group.close()
    return made


def _drawn_glyphs(text: str, style: str) -> list[tuple[str, int]]:
    """The font and glyph of everything ReportLab will draw for ``text`` (0 is .notdef, the empty box)."""
    paragraph = ShapedParagraph(markup(text), look.STYLES[style])
    paragraph.wrap(look.CONTENT_WIDTH, 1000)
    drawn = []
    for line in paragraph.blPara.lines:
        for frag in line.words:
            font = pdfmetrics.getFont(frag.fontName)
            drawn += [(frag.fontName, font.face.charToGlyph.get(ord(char), 0)) for char in frag.text
                      if not char.isspace()]
    return drawn


def test_every_character_of_every_name_comes_from_a_font_that_has_it():
    covered = register_fonts()
    for script, name in {**NAMES, "group": GROUP_NAME}.items():
        for font, run in font_runs(name):
            missing = [char for char in run if not char.isspace() and ord(char) not in covered[font]]
            assert not missing, (script, font, missing)
        for style in ("cell", "cell_head", "body", "h1"):  # regular and bold
            boxes = [font for font, glyph in _drawn_glyphs(name, style) if glyph == 0]
            assert not boxes, (script, style, boxes)


def test_a_character_no_font_has_is_noticed_as_an_empty_box():
    assert _drawn_glyphs("Ankh \U00013000", "body")[-1][1] == 0  # Egyptian hieroglyph: no font ships it


@needs_poppler
@pytest.mark.parametrize("document", ["sign-in sheet", "contact list", "celebration report"])
def test_every_name_reads_back_as_typed(documents, document):
    text = _text(documents[document])
    lines = {line.strip() for line in text.splitlines()}
    for script, name in NAMES.items():
        typed = unicodedata.normalize("NFC", name)
        assert typed in _flat(text), (document, script, name)
        if script in EXACT and document == "sign-in sheet":  # printed alone on its row
            assert typed in lines, (script, name)


@needs_poppler
@pytest.mark.parametrize("document", ["sign-in sheet", "contact list", "celebration report"])
def test_the_group_name_heads_every_page(documents, document):
    pages = _text(documents[document]).split("\f")
    pages = [page for page in pages if page.strip()]
    assert pages
    for page in pages:
        assert GROUP_NAME in page.splitlines()[0] or GROUP_NAME in page, document


def _harfbuzz_glyphs(font: TypedFont, text: str) -> list[int]:
    face = uharfbuzz.Face(uharfbuzz.Blob(font.face._ttf_data))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {"kern": True, "liga": True})
    return [info.codepoint for info in buffer.glyph_infos]


@pytest.mark.parametrize("word", ["नमस्ते", "क्षत्रिय", "ਸਿੰਘ", "ਗੁਰਪ੍ਰੀਤ"])
def test_devanagari_and_gurmukhi_are_drawn_as_harfbuzz_shapes_them(word):
    paragraph = ShapedParagraph(markup(word), look.STYLES["body"])
    paragraph.wrap(400, 100)
    (line,) = paragraph.blPara.lines
    (frag,) = line.words
    font = pdfmetrics.getFont(frag.fontName)
    drawn = [font.face.charToGlyph[ord(char)] for char in frag.text]
    assert drawn == _harfbuzz_glyphs(font, word)
    assert drawn != [font.face.charToGlyph[ord(char)] for char in word]  # shaped, not one glyph per letter


def _wrapped_lines(tmp_path: Path, text: str, width: float) -> list[str]:
    register_fonts()
    path = tmp_path / "wrap.pdf"
    margin = 20
    document = SimpleDocTemplate(str(path), pagesize=(width + 2 * margin + 12, A4[1]), leftMargin=margin,
                                 rightMargin=margin, topMargin=margin, bottomMargin=margin)
    document.build([look.para(text)])
    return [line.strip() for line in _text(path).splitlines() if line.strip()]


def _width_that_wraps_before_last_word(text: str) -> float:
    """The narrowest frame in which all but the last word of ``text`` fit on the first line."""
    for width in range(20, 600):
        paragraph = ShapedParagraph(markup(text), look.STYLES["body"])
        paragraph.wrap(width, 1000)
        lines = paragraph.blPara.lines
        if len(lines) == 2 and lines[1].sFW == len(paragraph.frags) - 1:
            return width
    raise AssertionError(f"no width wraps {text!r} before its last word")


@needs_poppler
@pytest.mark.parametrize("text", ["أحمد حسن", "We welcome our newest member أحمد حسن"])
def test_an_arabic_name_at_a_line_end_wraps_in_reading_order(tmp_path, text):
    lines = _wrapped_lines(tmp_path, text, _width_that_wraps_before_last_word(text))
    assert lines[0].endswith("أحمد"), lines
    assert lines[1] == "حسن", lines
