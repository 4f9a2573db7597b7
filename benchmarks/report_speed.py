"""How long the celebration report takes for the demo group (the target is under a second).

    .venv/bin/python benchmarks/report_speed.py                     # time it
    .venv/bin/python benchmarks/report_speed.py --screenshots DIR   # also save page 1 of every document

Writes the demo group (as of a fixed day, so runs compare) to a temporary folder, makes the celebration
report once to warm up (fonts are parsed once per process), then times several runs of the whole job:
reading the group file, laying out and writing the PDF. Prints the median and the slowest run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from coordinator_app.db.groupfile import GroupFile, open_group
from coordinator_app.reports.celebration import make_celebration_report
from coordinator_app.reports.funding import make_funding_report
from coordinator_app.reports.printables import (
    make_agreement_sheet,
    make_contact_list,
    make_minutes,
    make_rota,
    make_sign_in_sheet,
)
from coordinator_app.services.demo import write_demo_group

TODAY = date(2026, 1, 20)
RUNS = 7


def _screenshots(group: GroupFile, folder: Path, work: Path) -> None:
    import pypdfium2
    from sqlalchemy import select

    from coordinator_app.db.models import Grant, Meeting

    with group.session() as session:
        reference = session.scalars(select(Grant.reference).order_by(Grant.id)).first()
        shared = session.scalars(
            select(Meeting.held_on).where(Meeting.minutes_shareable.is_(True), Meeting.held_on < TODAY)
            .order_by(Meeting.held_on.desc())
        ).first()
    documents = {
        "celebration": make_celebration_report(group, work / "c.pdf", year=2025, today=TODAY),
        "funding": make_funding_report(group, work / "f.pdf", reference=reference, today=TODAY),
        "sign-in": make_sign_in_sheet(group, work / "s.pdf", today=TODAY),
        "agreement": make_agreement_sheet(group, work / "a.pdf", today=TODAY),
        "contacts": make_contact_list(group, work / "k.pdf", today=TODAY),
        "rota": make_rota(group, work / "r.pdf", today=TODAY),
        "minutes": make_minutes(group, work / "m.pdf", held_on=shared, today=TODAY),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, pdf in documents.items():
        document = pypdfium2.PdfDocument(pdf)
        page = document[0].render(scale=100 / 72).to_pil().convert("P", palette=1, colors=64)
        page.save(folder / f"report-{name}.png", optimize=True)
        print(f"{folder / f'report-{name}.png'}: page 1 of {len(document)}")
        document.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="save page 1 of each document here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_demo_group(work / "demo.group", today=TODAY)
        group = open_group(work / "demo.group", read_only=True)
        try:
            make_celebration_report(group, work / "warm-up.pdf", year=2025, today=TODAY)
            times = []
            for run in range(RUNS):
                started = time.perf_counter()
                make_celebration_report(group, work / f"run-{run}.pdf", year=2025, today=TODAY)
                times.append(time.perf_counter() - started)
            pages = len(PdfReader(work / "run-0.pdf").pages)
            print(f"Celebration report for the demo group (2025, {pages} pages), {RUNS} runs: "
                  f"median {statistics.median(times):.3f} s, slowest {max(times):.3f} s")
            if args.screenshots:
                _screenshots(group, args.screenshots, work)
        finally:
            group.close()
    return 0 if max(times) < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
