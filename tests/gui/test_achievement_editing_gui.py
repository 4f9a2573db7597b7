"""Achievements ▸ Change…: record consent and who said the quote later, by keyboard; the photo is kept."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import back_to, focused, modal, png_bytes, press, type_text
from PySide6.QtCore import QDate, Qt

from coordinator_app.db.groupfile import opened
from coordinator_app.services import achievements as achievements_service
from coordinator_app.services import members as members_service

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def png(qtbot) -> bytes:
    return png_bytes()


@pytest.fixture
def picnic(group_path, png) -> dict[str, int]:
    with opened(group_path) as group:
        zoe = members_service.add_member(group, name="Zoë Adams", joined_on=date(2025, 1, 1))
        made = achievements_service.add_achievement(group, achieved_on=date(2026, 2, 1), title="Summer picnic",
                                                    quote="Best day in years", photo=png)
    return {"zoe": zoe, "picnic": made}


def test_record_consent_and_the_quotes_speaker_later(qtbot, make_window, group_path, picnic, png):
    window = make_window(group_path, page="achievements")
    page = window.desktop.current_page()
    page.table.setFocus()
    page.table.selectRow(0)
    assert "no consent recorded" in page.detail_text.text()

    press(qtbot, Qt.Key.Key_C, ALT)  # Change…
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = modal(qtbot)
    assert dialog.form.widgets["photo"].label.text() == "The current photo (0 KB)"
    press(qtbot, Qt.Key.Key_B, ALT)  # Quote by
    type_text(qtbot, "Zo")  # a list box finds by the first letters typed
    press(qtbot, Qt.Key.Key_C, ALT)  # Consent given…
    qtbot.waitUntil(dialog.form.widgets["consent_to_include"].isChecked)
    press(qtbot, Qt.Key.Key_O, ALT)  # Consent given on
    assert focused() is dialog.form.widgets["consent_recorded_on"]
    focused().setDate(QDate(2026, 3, 1))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)

    with opened(group_path) as group:
        saved = achievements_service.get_achievement(group, picnic["picnic"])
        photo = achievements_service.get_photo(group, picnic["picnic"])
    assert (saved.quote_by_id, saved.consent_to_include, saved.consent_recorded_on) == (
        picnic["zoe"], True, date(2026, 3, 1))
    assert photo == (png, "image/png") and saved.title == "Summer picnic"
    assert "“Best day in years” — Zoë Adams" in page.detail_text.text()
    assert "May be included in reports (consent recorded)." in page.detail_text.text()

    press(qtbot, Qt.Key.Key_Z, CTRL)  # undo puts the achievement back as it was
    with opened(group_path) as group:
        back = achievements_service.get_achievement(group, picnic["picnic"])
    assert (back.quote_by_id, back.consent_to_include) == (None, False)
