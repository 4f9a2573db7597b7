"""How the privacy matcher's cost grows with the group: 600 members (the large group) and 6,000 (ten times).

    .venv/bin/python benchmarks/privacy_speed.py            # both scales, 5 runs each
    .venv/bin/python benchmarks/privacy_speed.py --scale 1 --runs 3

For each scale: building the matcher for a document (every member, their consents), scrubbing all the
free text in the file (minutes, topics, stories, titles, payees, descriptions, decisions, good things,
job titles) through it, the celebration read model for a year (which scrubs its texts the same way), a
subject access export of one member (which reads every text column for mentions) and erasing one member
(on a copy). The scrub's cost per character is printed so the two scales can be compared: the promise is
that it grows with the length of the text, not with members × text. Wall-clock figures; the machine's
load is printed first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ["COORDINATOR_HOME"] = tempfile.mkdtemp(prefix="coordinator-privacy-")
sys.path.insert(0, str(Path(__file__).parent))

from large_group import TODAY, copy_of, large_group  # noqa: E402
from sqlalchemy import select  # noqa: E402

from coordinator_app.db.groupfile import open_group  # noqa: E402
from coordinator_app.db.models import (  # noqa: E402
    Achievement,
    Decision,
    GoodThing,
    Job,
    Meeting,
    Member,
    Transaction,
)
from coordinator_app.services import data_rights, erasure  # noqa: E402
from coordinator_app.services.privacy import Document, Privacy  # noqa: E402
from coordinator_app.services.report_data import celebration_data  # noqa: E402
from coordinator_app.services.uow import unit_of_work  # noqa: E402

TEXT_COLUMNS = (Meeting.minutes, Meeting.topic, Meeting.speaker, Achievement.story, Achievement.title,
                Transaction.payee, Transaction.description, Decision.text, GoodThing.text, Job.title)


def runs_of(work: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def line(scale: int, what: str, samples: list[float], extra: str = "") -> None:
    print(f"x{scale:<3} {what:<52} {statistics.median(samples):9.1f} ms "
          f"({min(samples):.1f}–{max(samples):.1f}, n={len(samples)}){extra}", flush=True)


def measure(scale: int, runs: int) -> None:
    source = large_group(scale)
    work = Path(tempfile.mkdtemp(prefix="privacy-speed-"))
    group = open_group(copy_of(source, work))
    try:
        with unit_of_work(group, write=False) as session:
            members = session.scalar(select(Member.id).order_by(Member.id.desc()).limit(1))
            texts = [t for column in TEXT_COLUMNS for t in session.scalars(select(column)) if t]
            chars = sum(len(t) for t in texts)
            line(scale, f"build the matcher ({members:,} members)",
                 runs_of(lambda: Privacy(session, TODAY, Document.CELEBRATION).scrub("warm"), runs))
            privacy = Privacy(session, TODAY, Document.CELEBRATION)
            privacy.scrub("warm")
            samples = runs_of(lambda: [privacy.scrub(t) for t in texts], runs)
            per_char = statistics.median(samples) * 1e6 / chars
            line(scale, f"scrub every free text ({len(texts):,} texts, {chars:,} chars)", samples,
                 f"   {per_char:.0f} ns per character")
        line(scale, "celebration read model, one year",
             runs_of(lambda: celebration_data(group, year=TODAY.year - 1, today=TODAY), runs))
        line(scale, "subject access export of one member",
             runs_of(lambda: data_rights.subject_access_export(group, 1, today=TODAY), runs))
    finally:
        group.close()
    erase_samples = []
    for run in range(max(1, runs // 2)):
        folder = work / f"erase-{run}"
        folder.mkdir()
        copy = open_group(copy_of(source, folder))
        try:
            began = time.perf_counter()
            erasure.erase_member(copy, 1 + run)
            erase_samples.append((time.perf_counter() - began) * 1000)
        finally:
            copy.close()
    line(scale, "erase one member (and wipe the file)", erase_samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append", help="1 (600 members) or 10 (6,000)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    for scale in args.scale or [1, 10]:
        measure(scale, args.runs)


if __name__ == "__main__":
    main()
