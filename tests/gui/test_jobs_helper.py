"""The background job helper: work runs off the GUI thread, its answer comes back on it."""

from __future__ import annotations

import threading

import pytest

from coordinator_app.services.errors import StorageError
from coordinator_app.ui.jobs import run_in_background

pytestmark = pytest.mark.gui


def test_success_is_delivered_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["result"], seen["callback"] = result, threading.get_ident()

    run_in_background(work, on_success=done, on_failure=lambda error: seen.setdefault("error", error))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] != gui
    assert seen["callback"] == gui


def test_failure_is_delivered_with_the_error(qtbot):
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> None:
        raise StorageError("The disk is full, so the change was not saved.")

    def failed(error: Exception) -> None:
        seen["error"], seen["callback"] = error, threading.get_ident()

    run_in_background(work, on_success=lambda _r: None, on_failure=failed)
    qtbot.waitUntil(lambda: "error" in seen)
    assert str(seen["error"]) == "The disk is full, so the change was not saved."
    assert seen["callback"] == gui
