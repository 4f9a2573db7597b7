"""Run slow work (copies, exports) off the GUI thread, with the answer delivered back on it.

Like Anki's ``QueryOp``: the function runs in the global QThreadPool and must not touch widgets; the
success or failure callback runs on the GUI thread, so it may. Results cross threads through a small
relay object that lives on the GUI thread, which makes Qt queue the callbacks there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None], on_failure: Callable[[Exception], None]) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        _running.discard(self)
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        _running.discard(self)
        self._on_failure(error)  # type: ignore[arg-type]


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # delivered to the failure callback, which decides what to say
            self._deliver(self._relay.failed, exc)
        else:
            self._deliver(self._relay.succeeded, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        # If the app is shutting down the relay may be gone: then nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


# Relays waiting for their worker; held here so Python does not collect them mid-flight.
_running: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any],
    *,
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> None:
    """Run ``work()`` in the thread pool; call ``on_success(result)`` or ``on_failure(error)`` on the GUI thread."""
    relay = _Relay(on_success, on_failure)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Task(work, relay))
