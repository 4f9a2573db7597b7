"""The shared look: embedded fonts, names in any script, pages that render, headers that repeat."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.sax.saxutils import unescape

import pypdfium2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reports_helpers import TODAY, TRICKY, flat, page_texts, pdf_text, png, populate

from coordinator_app.db.groupfile import open_group
from coordinator_app.db.models import AgreementHow, Consent, ConsentKind, Member
from coordinator_app.reports import look
from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.reports.fonts import ShapedParagraph, markup
from coordinator_app.reports.funding import make_funding_report
from coordinator_app.reports.printables import (
    make_agreement_sheet,
    make_contact_list,
    make_minutes,
    make_rota,
    make_sign_in_sheet,
)
from coordinator_app.services import group as group_service
from coordinator_app.services.errors import StorageError
from coordinator_app.services.uow import unit_of_work

BASE_14 = {"Helvetica", "Times-Roman", "Courier", "Symbol", "ZapfDingbats"}


@pytest.fixture(scope="module")
def every_document(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every document for a lively group, made once for this module."""
    tmp_path = tmp_path_factory.mktemp("documents")
    group_service.create_group(tmp_path / "g.group", name="Riverside Carers' Circle")
    group = open_group(tmp_path / "g.group")
    built = populate(group)
    yield {
        "celebration": make_celebration_report(group, tmp_path / "celebration.pdf", year=2025, today=TODAY),
        "funding": make_funding_report(group, tmp_path / "funding.pdf", reference=built.grant_reference, today=TODAY),
        "sign-in": make_sign_in_sheet(group, tmp_path / "sign-in.pdf", today=TODAY),
        "agreement": make_agreement_sheet(group, tmp_path / "agreement.pdf", today=TODAY),
        "contacts": make_contact_list(group, tmp_path / "contacts.pdf", today=TODAY),
        "rota": make_rota(group, tmp_path / "rota.pdf", today=TODAY),
        "minutes": make_minutes(group, tmp_path / "minutes.pdf", held_on=built.shared_minutes_on, today=TODAY),
    }
    group.close()


def _fonts(path: Path) -> dict[str, object]:
    fonts = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_every_font_in_every_document_is_embedded(every_document):
    for name, path in every_document.items():
        fonts = _fonts(path)
        assert fonts, name
        for base_font, font in fonts.items():
            assert not any(plain in base_font for plain in BASE_14), (name, base_font)
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, (name, base_font)


def test_every_page_of_every_document_renders_to_a_picture_with_something_on_it(every_document):
    for name, path in every_document.items():
        document = pypdfium2.PdfDocument(path)
        try:
            for index in range(len(document)):
                picture = document[index].render(scale=0.4).to_pil().convert("L")
                inked = sum(picture.histogram()[:200])
                assert inked > 500, f"page {index + 1} of {name} is blank"
        finally:
            document.close()


def test_every_page_says_which_page_of_how_many(every_document):
    for name, path in every_document.items():
        texts = page_texts(path)
        for number, text in enumerate(texts, start=1):
            assert f"Page {number} of {len(texts)}" in text, name
        assert "Riverside Carers' Circle" in texts[0], name


def test_a_name_with_accents_and_markup_characters_prints_exactly_as_typed(every_document):
    for name in ("celebration", "sign-in", "contacts"):
        assert TRICKY in pdf_text(every_document[name]), name


def test_user_text_is_escaped_not_read_as_markup():
    assert markup("Tom & Jerry <3") == "Tom &amp; Jerry &lt;3"
    assert markup("<b>bold?</b>") == "&lt;b&gt;bold?&lt;/b&gt;"
    assert markup("line one\nline two") == "line one<br/>line two"


def test_letters_the_main_font_lacks_come_from_a_fallback_font_one_character_at_a_time():
    assert markup("Raj राम") == 'Raj <font name="NotoSansDevanagari">राम</font>'
    assert '<font name="NotoSansGurmukhi">' in markup("ਗੁਰਪ੍ਰੀਤ")
    assert '<font name="NotoNaskhArabic">' in markup("عائشہ")  # an Urdu letter form DejaVu lacks
    assert "<font" not in markup("Nguyễn Thị Hoa Ἀλέξανδρος Ольга Siobhán")


def test_names_in_many_scripts_print_in_a_table(tmp_path):
    names = ["Nguyễn Thị Hoa", "Ἀλέξανδρος", "Ольга", "أحمد خان", "عائشہ", "राम", "Łukasz & <Zoë>"]
    path = look.build_document(tmp_path / "names.pdf", title="Names", group_name="أصدقاء & Friends",
                               story=[look.data_table(["Name"], [[n] for n in names])])
    text = pdf_text(path)
    for name in ("Nguyễn Thị Hoa", "Ἀλέξανδρος", "Ольга", "Łukasz & <Zoë>"):
        assert name in text
    used = " ".join(_fonts(path))
    assert all(font in used for font in ("DejaVuSans", "NotoSansDevanagari", "NotoNaskhArabic"))


def test_a_500_member_contact_list_spans_pages_with_its_header_on_each(group, tmp_path):
    with unit_of_work(group) as session:
        for number in range(500):
            member = Member(name=f"Member {number:03d} Zoë", joined_on=date(2024, 1, 1),
                            phone=f"07700 {number:06d}", email=f"m{number}@example.org")
            member.consents = [Consent(kind=ConsentKind.SHARE_CONTACT_DETAILS, given_on=date(2024, 1, 1),
                                       how=AgreementHow.BY_EMAIL)]
            session.add(member)
    texts = page_texts(make_contact_list(group, tmp_path / "contacts.pdf", today=TODAY))
    assert len(texts) > 5
    for text in texts:
        assert "Name" in text and "Phone" in text and "Email" in text
        assert "CONFIDENTIAL" in text
    whole = flat(" ".join(texts))
    assert all(f"Member {n:03d} Zoë" in whole for n in range(500))


def _images(path: Path) -> int:
    page = PdfReader(path).pages[0]
    xobjects = page["/Resources"].get_object().get("/XObject", {})
    return sum(1 for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")


def test_the_logo_goes_in_the_header_and_a_damaged_one_is_left_out(group, tmp_path):
    group_service.set_logo(group, png("#aa3355", (300, 100)))
    assert _images(make_sign_in_sheet(group, tmp_path / "logo.pdf", today=TODAY)) == 1
    group_service.set_logo(group, b"\x89PNG not really")
    damaged = make_sign_in_sheet(group, tmp_path / "damaged.pdf", today=TODAY)
    assert _images(damaged) == 0 and "Sign-in sheet" in pdf_text(damaged)


def test_a_pdf_that_cannot_be_saved_is_one_sentence_and_leaves_nothing_behind(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StorageError, match="The PDF could not be saved"):
        look.build_document(blocker / "report.pdf", title="T", group_name="G", story=[look.para("x")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_an_existing_pdf_is_replaced_whole(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    look.build_document(target, title="T", group_name="G", story=[look.para("new")])
    assert "new" in pdf_text(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(categories=("L", "N", "P", "S", "Zs")) | st.sampled_from("<>&'\"\n"),
               max_size=40))
def test_any_text_becomes_markup_that_reads_back_as_the_text_typed(text):
    made = markup(text)
    paragraph = ShapedParagraph(made, look.STYLES["body"])  # never a markup error, whatever the user typed
    paragraph.wrap(200, 1000)  # and it shapes and wraps
    plain = re.sub(r"</?font[^>]*>", "", made).replace("<br/>", "\n")
    assert unescape(plain) == "\n".join(text.splitlines() or [""])
