"""Start-up on the demo group (target under a second): from launching Python to the Home page painted.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py``. Each try is a fresh process,
so imports, Qt's start-up, opening (and locking) the group file and building Home are all counted.
The clock starts just before the child process is launched and stops when the child has painted its
window; the child's own figure (from its first line of Python) is shown too.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from coordinator_app.services.demo import write_demo_group

TRIES = 7
CHILD = """
import sys, time
started = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from coordinator_app.ui.app import make_application
from coordinator_app.ui.main_window import MainWindow
from coordinator_app.ui.remembered import Remembered
app = make_application()
window = MainWindow(remembered=Remembered(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.resize(1280, 820)
window.show()
window.open_path(Path(sys.argv[1]), page="home")
window.repaint()
print(f"{(time.perf_counter() - started) * 1000:.0f}")
window.close()
"""


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as work:
        demo = Path(work) / "demo.group"
        write_demo_group(demo, today=date(2026, 3, 10))
        env["COORDINATOR_HOME"] = work
        whole, inside = [], []
        for _ in range(TRIES):
            began = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CHILD, str(demo), str(Path(work) / "w.ini")],
                                 env=env, capture_output=True, text=True, check=True)
            whole.append((time.perf_counter() - began) * 1000)
            inside.append(float(out.stdout.split()[-1]))
    print(f"Start-up to Home painted, {TRIES} fresh processes, median / worst:")
    print(f"  whole process (Python start included): {statistics.median(whole):.0f} / {max(whole):.0f} ms")
    print(f"  from the first import to painted:      {statistics.median(inside):.0f} / {max(inside):.0f} ms")
    return 0 if statistics.median(whole) < 1000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
