"""The Reports page and the print buttons: a document is made in the background, saved and opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import TODAY
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from coordinator_app.db.groupfile import opened
from coordinator_app.services import agreement as agreement_service
from coordinator_app.services.errors import ValidationError
from coordinator_app.ui.reports.making import file_name, folder_words, make_pdf, reserve

pytestmark = pytest.mark.gui


@pytest.fixture
def viewer(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stand in for the system's PDF viewer: record what it was asked to open."""
    shown: list[Path] = []

    def open_url(url: QUrl) -> bool:
        shown.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return shown


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the user picks in "Change folder…"."""
    folder = tmp_path / "Printed — Zoë's group"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kwargs: str(folder))
    return folder


def _is_pdf(path: Path) -> bool:
    return path.read_bytes()[:5] == b"%PDF-"


def test_create_a_celebration_report_opens_it_and_remembers_the_folder(qtbot, make_window, demo, viewer, out):
    window = make_window(demo, page="reports")
    page = window.desktop.current_page()
    page.choose_folder()
    assert folder_words(out) in page.folder_note.text()
    page.choose("celebration")
    assert page.year.currentText() == "2025"  # the last whole year, ready for the AGM
    page.create_button.click()
    assert not page.create_button.isEnabled() and page.progress.isVisibleTo(page)  # busy while it is made
    qtbot.waitUntil(lambda: len(viewer) == 1, timeout=20000)
    made = out / "Celebration report 2025.pdf"
    assert viewer == [made] and _is_pdf(made)
    assert "Celebration report 2025.pdf" in page.result.text() and page.show_button.isVisibleTo(page)
    assert page.create_button.isEnabled() and not page.progress.isVisibleTo(page)
    page.show_in_folder()
    assert viewer[-1] == out

    window.close_group()
    again = make_window(demo, page="reports")  # the same memory, as the next time the app starts
    page = again.desktop.current_page()
    assert folder_words(out) in page.folder_note.text()
    page.choose("celebration")
    page.create_button.click()
    qtbot.waitUntil(lambda: len(viewer) == 3, timeout=20000)
    assert viewer[-1] == out / "Celebration report 2025 (2).pdf"  # the first one is kept, never overwritten
    assert _is_pdf(viewer[-1]) and _is_pdf(made)


def test_every_document_on_the_page_can_be_made(qtbot, make_window, demo, viewer, out, no_surprise_messages):
    window = make_window(demo, page="reports")
    page = window.desktop.current_page()
    page.choose_folder()
    names = []
    for row in range(page.documents.count()):
        page.documents.setCurrentRow(row)
        if page.document().key == "celebration":
            page.kind.setCurrentIndex(page.kind.findData(True))  # the financial year this time
        assert page.create_button.isEnabled(), page.document().key
        page.create_button.click()
        qtbot.waitUntil(lambda count=row + 1: len(viewer) == count, timeout=20000)
        names.append(viewer[-1].name)
    assert no_surprise_messages == []
    assert all(_is_pdf(out / name) for name in names)
    assert names[:4] == ["Celebration report 2024-25.pdf", "Achievements 2024-25.pdf",
                         f"Funding report {page.grant.currentData()}.pdf", "Accounts 2024-25.pdf"]
    assert names[4].startswith("Sign-in sheet ") and names[-1].startswith("Minutes ")


def test_achievement_summary_for_the_year_from_the_reports_page(qtbot, make_window, demo, viewer, out):
    from reports_helpers import flat, page_texts

    window = make_window(demo, page="reports")
    page = window.desktop.current_page()
    page.choose_folder()
    page.choose("achievements")
    assert page.year.isVisibleTo(page) and page.kind.isVisibleTo(page)
    page.year.setCurrentIndex(page.year.findData(2025))
    page.create_button.click()
    qtbot.waitUntil(lambda: len(viewer) == 1, timeout=20000)
    assert viewer == [out / "Achievements 2025.pdf"]
    text = flat("\n".join(page_texts(viewer[0])))
    assert "Our achievements" in text and "1 January 2025 to 31 December 2025" in text


def test_print_sign_in_sheet_from_the_meetings_page(qtbot, make_window, demo, viewer, out):
    window = make_window(demo, page="reports")
    window.desktop.current_page().choose_folder()
    page = window.desktop.show_page("meetings")
    meeting = page.upcoming_model.rows[1]
    page.select_meeting(meeting.id)
    page.print_button.click()
    assert not page.print_button.isEnabled()
    qtbot.waitUntil(lambda: len(viewer) == 1, timeout=20000)
    assert viewer == [out / f"Sign-in sheet {meeting.held_on.day} {meeting.held_on:%B %Y}.pdf"]
    assert _is_pdf(viewer[0]) and page.print_button.isEnabled()
    assert viewer[0].name in window.statusBar().currentMessage()


def test_print_agreement_from_our_group(qtbot, make_window, demo, viewer, out):
    window = make_window(demo, page="reports")
    window.desktop.current_page().choose_folder()
    page = window.desktop.show_page("group")
    page.print_agreement_button.click()
    qtbot.waitUntil(lambda: len(viewer) == 1, timeout=20000)
    assert viewer == [out / "Confidentiality agreement.pdf"] and _is_pdf(viewer[0])


def test_a_group_without_grants_or_an_agreement_says_so_instead_of_failing(qtbot, make_window, group_path, viewer):
    window = make_window(group_path, page="reports")
    page = window.desktop.current_page()
    page.choose("funding")
    assert not page.create_button.isEnabled()
    assert "no grants yet" in page.nothing_to_choose.text()
    page.choose("minutes")
    assert not page.create_button.isEnabled()
    page.choose("rota")
    assert page.create_button.isEnabled()
    assert not window.desktop.show_page("group").print_agreement_button.isEnabled()
    with opened(group_path) as group:
        agreement_service.publish_agreement(group, text="What is said here stays here.", effective_from=TODAY)
    window.desktop.changed()
    assert window.desktop.current_page().print_agreement_button.isEnabled()


def test_a_document_that_cannot_be_made_is_explained_and_leaves_no_file(qtbot, make_window, group_path, out,
                                                                         viewer, no_surprise_messages):
    window = make_window(group_path, page="reports")
    window.desktop.current_page().choose_folder()

    def refuse(_path: Path) -> None:
        raise ValidationError("meeting", "The meeting on 3 March 2026 has not been recorded yet.")

    over: list[bool] = []
    path = make_pdf(window, title="Minutes 3 March 2026", make=refuse, on_over=lambda: over.append(True))
    assert path == out / "Minutes 3 March 2026.pdf"
    qtbot.waitUntil(lambda: over == [True], timeout=5000)
    assert no_surprise_messages == ["The meeting on 3 March 2026 has not been recorded yet."]
    assert not path.exists() and viewer == []


def test_folders_are_named_as_people_know_them(tmp_path):
    assert folder_words(Path.home()) == "your home folder"
    assert folder_words(Path.home() / "Documents") == "“Documents” in your home folder"


def test_file_names_are_safe_and_never_taken_twice(tmp_path):
    assert file_name('Funding report NL/2025: "Łukasz" <fund>') == "Funding report NL-2025- -Łukasz- -fund-.pdf"
    first = reserve(tmp_path, "Jobs rota.pdf")
    second = reserve(tmp_path, "Jobs rota.pdf")
    assert (first.name, second.name) == ("Jobs rota.pdf", "Jobs rota (2).pdf")


def test_closing_the_group_while_a_report_is_made_is_quiet(qtbot, make_window, demo, viewer, out,
                                                          no_surprise_messages):
    window = make_window(demo, page="reports")
    page = window.desktop.current_page()
    page.choose_folder()
    path = page.create()
    window.close_group()
    qtbot.waitUntil(lambda: viewer == [path] or not path.exists(), timeout=20000)
    assert no_surprise_messages == []
