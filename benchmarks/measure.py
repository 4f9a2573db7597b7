"""Every measure of issue 17 on the large group and the ten-times one, each against its baseline in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/measure.py                 # large group, 5 runs
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/measure.py --scale 1 --scale 10
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/measure.py --only import --runs 3

One line per measure: the median, min–max of the runs, the baseline's median and the ratio to it, the
target and whether it is met. The groups come from ``large_group.py`` (built once, cached); every run
works on a copy, so nothing cached changes. A measure whose first run takes over ``SLOW_S`` seconds is
run once only (so a slow figure is still shown without waiting minutes). Window measures run
offscreen and stop the clock when the window has painted again (``repaint()`` paints at once).
The machine's load is printed first: these are wall-clock figures.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # "This plugin does not support propagateSizeHints()"
_HOME = tempfile.mkdtemp(prefix="coordinator-measure-")
os.environ["COORDINATOR_HOME"] = _HOME  # backups, logs and settings of this run stay in a temporary folder
os.environ["XDG_CONFIG_HOME"] = _HOME
sys.path.insert(0, str(Path(__file__).parent))

from large_group import TODAY, bank_csv, copy_of, large_group  # noqa: E402

SLOW_S = 8.0
YEAR = 2024  # the last whole financial year (April 2024 to March 2025)


@dataclass
class Result:
    name: str
    samples: list[float]  # ms, or MB for memory
    baseline: list[float] | None = None
    target: str = ""
    met: bool | None = None
    unit: str = "ms"


def timed_runs(work: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> list[float]:
    samples: list[float] = []
    for _ in range(runs):
        if setup is not None:
            setup()
        began = time.perf_counter()
        work()
        samples.append((time.perf_counter() - began) * 1000)
        if samples[0] > SLOW_S * 1000:
            break
    return samples


def show(scale: int, result: Result) -> None:
    s, unit = result.samples, result.unit
    median = statistics.median(s)
    line = f"x{scale:<3} {result.name:<48} {median:9.1f} {unit} ({min(s):.1f}–{max(s):.1f}, n={len(s)})"
    if result.baseline:
        base = statistics.median(result.baseline)
        line += f"   baseline {base:8.1f} {unit}  ratio {median / base:6.1f}×"
    if result.target:
        verdict = "" if result.met is None else ("  met" if result.met else "  NOT MET")
        line += f"   target {result.target}{verdict}"
    print(line, flush=True)


# ---- services and documents (no window) -------------------------------------------------------------------

def _group_copy(source: Path, work: Path):  # noqa: ANN202
    from coordinator_app.db.groupfile import open_group

    return open_group(copy_of(source, work))


def _raw_year_sums(path: Path, start: date, end: date) -> object:
    """The sums the year's accounts need, straight from SQLite: the baseline for the read model."""
    conn = sqlite3.connect(path)
    try:
        by_heading = conn.execute(
            'SELECT c.heading, f.kind, t.amount_pence > 0, SUM(t.amount_pence) FROM transactions t '
            'JOIN funds f ON f.id = t.fund_id LEFT JOIN categories c ON c.id = t.category_id '
            'WHERE t.kind != ? AND t."on" BETWEEN ? AND ? GROUP BY 1, 2, 3',
            ("transfer", start.isoformat(), end.isoformat())).fetchall()
        before = conn.execute('SELECT fund_id, SUM(amount_pence) FROM transactions WHERE "on" < ? GROUP BY 1',
                              (start.isoformat(),)).fetchall()
        accounts = conn.execute('SELECT account_id, SUM(amount_pence) FROM transactions WHERE "on" <= ? GROUP BY 1',
                                (end.isoformat(),)).fetchall()
        return by_heading, before, accounts
    finally:
        conn.close()


def service_measures(scale: int, source: Path, runs: int, wanted: Callable[[str], bool]) -> None:
    from sqlalchemy import select

    from coordinator_app.db.models import Grant, Transaction
    from coordinator_app.reports.accounts import make_accounts_report
    from coordinator_app.reports.celebration import make_celebration_report
    from coordinator_app.reports.funding import make_funding_report
    from coordinator_app.services.money.year_accounts import year_accounts
    from coordinator_app.services.money.years import year_bounds
    from coordinator_app.services.report_data import funding_data

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        group = _group_copy(source, work)
        span = year_bounds(4, YEAR)
        try:
            if wanted("year-end figures"):
                year_accounts(group, year=YEAR)  # warm: the first read pages the file into memory
                result = Result("year-end figures (the accounts' read model)",
                                timed_runs(lambda: year_accounts(group, year=YEAR), runs),
                                timed_runs(lambda: _raw_year_sums(group.path, span.start, span.end), runs),
                                "≤ 5× raw SQL")
                result.met = statistics.median(result.samples) <= 5 * statistics.median(result.baseline or [0])
                show(scale, result)
            if wanted("accounts PDF"):
                samples = timed_runs(lambda: make_accounts_report(group, year=YEAR, path=work / "a.pdf"), runs)
                show(scale, Result("accounts PDF for one year", samples, target="≤ 1 s at 10×",
                                   met=statistics.median(samples) <= 1000 if scale == 10 else None))
            if wanted("celebration"):
                samples = timed_runs(lambda: make_celebration_report(group, work / "c.pdf", year=TODAY.year - 1,
                                                                     today=TODAY), runs)
                show(scale, Result("celebration report for one year", samples, target="≤ 1 s at 10×",
                                   met=statistics.median(samples) <= 1000 if scale == 10 else None))
            if wanted("funding"):
                with group.session() as session:
                    grants = session.execute(select(Grant.reference, Grant.fund_id, Grant.starts_on, Grant.ends_on)
                                             .where(Grant.ends_on < TODAY)).all()
                    reference = max(grants, key=lambda g: session.query(Transaction).filter(
                        Transaction.fund_id == g.fund_id, Transaction.on.between(g.starts_on, g.ends_on)).count()
                    ).reference
                samples = timed_runs(lambda: make_funding_report(group, work / "f.pdf", reference=reference,
                                                                 today=TODAY), runs)
                data = funding_data(group, reference=reference, today=TODAY)
                baseline = timed_runs(lambda: _bare_reportlab(data.payments, work / "bare.pdf"), runs)
                met = statistics.median(samples) <= 1000 if scale == 10 else None
                show(scale, Result(f"funding report for one grant ({len(data.payments):,} payments)", samples,
                                   baseline, "≤ 1 s at 10×", met))
            if wanted("XLSX"):
                from coordinator_app.exports.transactions_xlsx import export_transactions_xlsx

                samples = timed_runs(lambda: export_transactions_xlsx(group, year=YEAR, path=work / "t.xlsx"), runs)
                baseline = timed_runs(lambda: _bare_openpyxl(group.path, span.start, span.end, work / "b.xlsx"), runs)
                show(scale, Result("XLSX of one year's transactions", samples, baseline, "≤ 1.5× bare",
                                   statistics.median(samples) <= 1.5 * statistics.median(baseline)))
        finally:
            group.close()


def _bare_reportlab(payments: tuple, path: Path) -> None:
    """The same rows in one plain ReportLab table: what the layout itself costs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["BodyText"]
    rows = [["Date", "Paid to", "What for", "Budget line", "Amount"]]
    rows += [[Paragraph(p.paid_on.isoformat(), style), Paragraph(p.payee, style), Paragraph(p.description, style),
              Paragraph(p.line, style), Paragraph(f"{p.amount_pence / 100:,.2f}", style)] for p in payments]
    SimpleDocTemplate(str(path), pagesize=A4).build([Table(rows, repeatRows=1)])


def _bare_openpyxl(path: Path, start: date, end: date, target: Path) -> None:
    from openpyxl import Workbook

    conn = sqlite3.connect(path)
    book = Workbook()
    try:
        for (account_id,) in conn.execute("SELECT id FROM accounts ORDER BY id").fetchall():
            sheet = book.create_sheet(str(account_id))
            sheet.append(["Date", "Payee", "Description", "Reference", "Category", "Fund", "In", "Out", "Balance"])
            for row in conn.execute(
                    'SELECT t."on", t.payee, t.description, t.reference, c.name, f.name, t.amount_pence, '
                    'SUM(t.amount_pence) OVER (ORDER BY t."on", t.id) FROM transactions t JOIN funds f ON '
                    'f.id = t.fund_id LEFT JOIN categories c ON c.id = t.category_id WHERE t.account_id = ? AND '
                    't."on" BETWEEN ? AND ? ORDER BY t."on", t.id', (account_id, start.isoformat(), end.isoformat())):
                sheet.append([date.fromisoformat(row[0]), *row[1:6], row[6] / 100 if row[6] > 0 else None,
                              -row[6] / 100 if row[6] < 0 else None, row[7] / 100])
        book.save(target)
    finally:
        conn.close()


# ---- importing a bank statement ------------------------------------------------------------------------------

def import_measures(scale: int, source: Path, runs: int, wanted: Callable[[str], bool]) -> None:
    from coordinator_app.imports.bank import import_statement, parse_statement
    from coordinator_app.imports.csv_text import read_bytes
    from coordinator_app.ui.money.import_wizard import read_preview

    sizes = [(10_000, "import a 10,000-line bank statement", 2000.0)]
    if scale == 1:
        sizes.append((100_000, "a 100,000-line CSV", 20_000.0))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        holder: dict[str, object] = {}

        def fresh() -> None:
            old = holder.pop("group", None)
            if old is not None:
                old.close()  # type: ignore[attr-defined]
            for leftover in work.glob("*.group*"):
                leftover.unlink()
            holder["group"] = _group_copy(source, work)

        try:
            for lines, name, target in sizes:
                statement = bank_csv(lines)
                if lines > 10_000 and holder.get("slow"):
                    print(f"x{scale:<3} {name:<48} skipped: 10,000 lines took {holder['slow']:.0f} s", flush=True)
                    continue
                if wanted("preview") and lines == 10_000:
                    fresh()
                    samples = timed_runs(lambda s=statement: read_preview(
                        holder["group"], account_id=1, path=s, mapping=None, today=TODAY), runs)
                    baseline = timed_runs(lambda s=statement: parse_statement(read_bytes(s), today=TODAY), runs)
                    show(scale, Result("the import wizard's preview of it", samples, baseline, "≤ 1 s",
                                       statistics.median(samples) <= 1000))
                if wanted(name):
                    samples = timed_runs(lambda s=statement: import_statement(holder["group"], account_id=1, path=s,
                                                                              today=TODAY), runs, setup=fresh)
                    bare = work / "bare.sqlite"
                    baseline = timed_runs(lambda s=statement, b=bare: _bare_import(b, s), runs,
                                          setup=lambda b=bare: shutil.copyfile(source, b))
                    show(scale, Result(name, samples, baseline, f"≤ {target / 1000:.0f} s",
                                       statistics.median(samples) <= target))
                    if statistics.median(samples) > 10_000:
                        holder["slow"] = statistics.median(samples) / 1000
        finally:
            old = holder.pop("group", None)
            if old is not None:
                old.close()  # type: ignore[attr-defined]


def _bare_import(target: Path, statement: Path) -> None:
    """csv + executemany into a copy of the file: what storing the lines costs at the least."""
    conn = sqlite3.connect(target)
    try:
        with conn:
            rows = []
            for row in csv.DictReader(io.StringIO(statement.read_text(encoding="utf-8"))):
                pence = round(float(row["Amount"]) * 100)
                on = datetime.strptime(row["Date"], "%d/%m/%Y").date().isoformat()
                rows.append((1, on, pence, "receipt" if pence > 0 else "payment", row["Description"], 1))
            conn.executemany('INSERT INTO transactions (account_id, "on", amount_pence, kind, payee, fund_id, '
                             "description, reference, cleared, created_at) VALUES (?, ?, ?, ?, ?, ?, '', '', 0, "
                             "CURRENT_TIMESTAMP)", rows)
    finally:
        conn.close()


# ---- the window -------------------------------------------------------------------------------------------------

WINDOW_MEASURES = ("Money page, first visit", "register after a change", "search keystroke", "Money ▸ Year end tab",
                   "Money ▸ Funds and grants tab", "Reports page after a change", "Meetings page after recording",
                   "backup")


def window_measures(scale: int, source: Path, runs: int, wanted: Callable[[str], bool]) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from coordinator_app.db.backup import BackupScheduler, take_backup
    from coordinator_app.ui.app import make_application
    from coordinator_app.ui.main_window import MainWindow
    from coordinator_app.ui.remembered import Remembered
    from coordinator_app.ui.style import apply_look

    if not any(wanted(name) for name in WINDOW_MEASURES):
        return
    app = make_application()
    apply_look(app)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = copy_of(source, work)
        window = MainWindow(today=lambda: TODAY,
                            remembered=Remembered(QSettings(str(work / "w.ini"), QSettings.Format.IniFormat)))
        window.resize(1280, 820)
        window.show()
        window.open_path(path, page="home")
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone()  # the on-open backup
        desktop = window.desktop
        assert desktop is not None

        def painted(action: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                action()
                QApplication.processEvents()
                window.repaint()
            return run

        def forget(key: str) -> None:
            page = desktop.pages.pop(key, None)
            if page is not None:
                desktop.stack.removeWidget(page)
                page.deleteLater()
                QApplication.processEvents()
            desktop.seen.pop(key, None)

        def page_row(name: str, samples: list[float], target_ms: float) -> None:
            show(scale, Result(name, samples, target=f"≤ {target_ms:.0f} ms",
                               met=statistics.median(samples) <= target_ms))

        try:
            if wanted("Money page, first visit"):
                page_row("Money page, first visit", timed_runs(
                    painted(lambda: desktop.show_page("money")), runs,
                    setup=lambda: (desktop.show_page("home"), forget("money"))), 100)
            money = desktop.show_page("money")
            lines = money.register.model.rowCount()  # type: ignore[union-attr]
            if wanted("register after a change"):
                def bump() -> None:
                    desktop.show_page("home")
                    desktop.version += 1
                page_row(f"open the register after a change ({lines:,} lines)", timed_runs(
                    painted(lambda: desktop.show_page("money")), runs, setup=bump), 100)
            if wanted("search keystroke"):
                desktop.show_page("money")
                search = money.register.search  # type: ignore[union-attr]
                keys: list[float] = []
                for _ in range(runs):
                    search.clear()
                    QApplication.processEvents()
                    for char in "tesco":
                        keys += timed_runs(painted(lambda c=char: QTest.keyClick(search, c)), 1)
                search.clear()
                page_row("register search keystroke", keys, 16)
            for tab, name in ((3, "Money ▸ Year end tab"), (2, "Money ▸ Funds and grants tab")):
                if wanted(name):
                    desktop.show_page("money")
                    page_row(name, timed_runs(painted(lambda t=tab: money.tabs.setCurrentIndex(t)), runs,  # type: ignore[union-attr]
                                              setup=lambda: money.tabs.setCurrentIndex(1)), 100)  # type: ignore[union-attr]
            money.tabs.setCurrentIndex(0)  # type: ignore[union-attr]
            if wanted("Reports page after a change"):
                desktop.show_page("reports")

                def bump_reports() -> None:
                    desktop.show_page("home")
                    desktop.version += 1
                page_row("Reports page after a change", timed_runs(
                    painted(lambda: desktop.show_page("reports")), runs, setup=bump_reports), 100)
            if wanted("Meetings page after recording"):
                desktop.show_page("meetings")
                page_row("Meetings page after recording", timed_runs(painted(desktop.changed), runs), 100)
            if wanted("backup"):
                members = desktop.show_page("members")
                search = members.search  # type: ignore[union-attr]
                backups = work / "backups"
                take_backup(path, backups)
                took: list[float] = []
                keys = []
                for _ in range(runs):
                    scheduler = BackupScheduler(path, folder=backups)
                    began = time.perf_counter()
                    step = threading.Thread(target=scheduler.on_open)
                    step.start()
                    while step.is_alive():
                        search.clear()
                        for char in "ann":
                            keys += timed_runs(painted(lambda c=char: QTest.keyClick(search, c)), 1)
                    step.join()
                    took.append((time.perf_counter() - began) * 1000)
                search.clear()
                show(scale, Result("on-open backup step when nothing changed", took,
                                   target="off the UI thread, never delays a keystroke"))
                page_row("Members keystroke while that runs", keys or [0.0], 16)
        finally:
            window.close()
            QThreadPool.globalInstance().waitForDone()


# ---- whole processes --------------------------------------------------------------------------------------------

START_CHILD = """
import sys, time
import coordinator_app.ui.app as app_module
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
real = app_module.open_window
def open_window(path):
    window = real(path)
    def painted():
        window.repaint()
        print("painted", flush=True)
        window.close()
    QTimer.singleShot(0, painted)
    return window
app_module.open_window = open_window
from coordinator_app.cli import main
sys.exit(main(["--group", sys.argv[1]]))
"""
BARE_CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 820)
window.show()
def painted():
    window.repaint()
    print("painted", flush=True)
    window.close()
QTimer.singleShot(0, painted)
app.exec()
"""
MEMORY_CHILD = """
import resource, sys
from pathlib import Path
from datetime import date
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from coordinator_app.ui.app import make_application
from coordinator_app.ui.main_window import PAGES, MainWindow
from coordinator_app.ui.remembered import Remembered
app = make_application()
window = MainWindow(today=lambda: date(2026, 3, 10),
                    remembered=Remembered(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.show()
window.open_path(Path(sys.argv[1]), page="home")
for key, _label, _target in PAGES:
    page = window.desktop.show_page(key)
    QApplication.processEvents()
    window.repaint()
    if key == "money":
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            QApplication.processEvents()
window.close()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _until_painted(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(ms from launch to painted, ms from painted to the process gone)."""
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "painted":
            break
    painted = time.perf_counter()
    _out, err = child.communicate()
    if child.returncode:
        raise RuntimeError(f"the measured process failed: {err}")
    return (painted - began) * 1000, (time.perf_counter() - painted) * 1000


def process_measures(scale: int, source: Path, runs: int, wanted: Callable[[str], bool]) -> None:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = copy_of(source, work)
        if wanted("start-up"):
            _until_painted(START_CHILD, [str(path)], env)  # the first backup of this copy is taken here
            starts, quits = [], []
            for _ in range(runs):
                start, quit_ = _until_painted(START_CHILD, [str(path)], env)
                starts.append(start)
                quits.append(quit_)
            bare = [_until_painted(BARE_CHILD, [], env)[0] for _ in range(runs)]
            show(scale, Result("start-up to the window painted", starts, bare, "≤ 2× bare",
                               statistics.median(starts) <= 2 * statistics.median(bare)))
            show(scale, Result("quitting, from painted to the process gone", quits))
        if wanted("first start"):
            firsts = []
            for _ in range(max(1, runs // 2)):
                with tempfile.TemporaryDirectory() as empty:
                    firsts.append(_until_painted(START_CHILD, [str(path)], dict(env, PYTHONPYCACHEPREFIX=empty))[0])
            show(scale, Result("first start after install (no bytecode yet)", firsts))
        if wanted("peak memory"):
            peaks = []
            for _ in range(max(1, runs // 2)):
                out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(path), str(work / "m.ini")], env=env,
                                     capture_output=True, text=True, check=True)
                peaks.append(float(out.stdout.split()[-1]))
            show(scale, Result("peak memory of a session visiting every page", peaks, target="≤ 300 MB at 10×",
                               met=statistics.median(peaks) <= 300 if scale == 10 else None, unit="MB"))


GROUPS = (("process", process_measures), ("window", window_measures), ("services", service_measures),
          ("import", import_measures))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append", choices=(1, 10), help="1 (default) and/or 10")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", default=[],
                        help="measures whose name contains this (any of: process, window, services, import too)")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"{args.runs} runs (one only when a run takes over {SLOW_S:.0f} s)", flush=True)
    for scale in args.scale or [1]:
        source = large_group(scale)
        for group_name, measures in GROUPS:
            def wanted(name: str, group_name: str = group_name) -> bool:
                return not args.only or any(o.casefold() in (name + " " + group_name).casefold() for o in args.only)
            measures(scale, source, args.runs, wanted)
    load = os.getloadavg()
    print(f"load at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; peak memory of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
