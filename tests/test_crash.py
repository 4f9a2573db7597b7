"""Pulling the plug: a writer killed with SIGKILL at random moments loses nothing it reported as saved.

One helper process imports the app once and forks a fresh writer for each round (forking is quick;
starting Python 200 times is not). Each writer opens the group file the normal way, taking over the
stale lock its killed predecessor left, and reports every commit on the pipe the moment it returns.
"""

from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from backup_helpers import integrity

ROUNDS = 200

FORK_SERVER = """
    import os, shutil, sys
    from pathlib import Path
    from coordinator_app.db.groupfile import open_group
    from coordinator_app.db.models import Setting
    from coordinator_app.services.uow import unit_of_work

    path = Path(sys.argv[1])
    out = sys.stdout.fileno()
    # Warm up once here (migration scripts read, mappers configured) so that each forked writer starts fast.
    scratch = path.with_name("warm-up.group")
    shutil.copyfile(path, scratch)
    with open_group(scratch) as group, unit_of_work(group) as session:
        session.add(Setting(key="warm-up", value=""))
    for leftover in scratch.parent.glob("warm-up.group*"):
        leftover.unlink()
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "run":
            pid = os.fork()
            if pid == 0:
                try:
                    group = open_group(path)
                    os.write(out, f"open {int(group.read_only)}\\n".encode())
                    n = 0
                    while True:
                        with unit_of_work(group) as session:
                            session.add(Setting(key=f"{argument}-{n:05d}", value="Zoë " * (n % 300)))
                        os.write(out, f"saved {argument}-{n:05d}\\n".encode())
                        n += 1
                finally:
                    os._exit(1)
            os.write(out, f"pid {pid}\\n".encode())
        elif command == "reap":
            os.waitpid(int(argument), 0)
            os.write(out, b"reaped\\n")
"""


def _lines(stream, sink: queue.Queue[str]) -> None:
    for raw in stream:
        sink.put(raw.decode().strip())
    sink.put("eof")


@pytest.fixture
def crash_file(group_path: Path) -> Iterator[Path]:
    """The group file on a RAM disk when there is one: a killed process loses nothing the kernel already
    has, so syncing to a real disk would only slow the 200 rounds down without testing anything more."""
    ram = Path("/dev/shm")
    if not (ram.is_dir() and os.access(ram, os.W_OK)):
        yield group_path
        return
    folder = Path(tempfile.mkdtemp(dir=ram))
    try:
        yield Path(shutil.copy2(group_path, folder / group_path.name))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_sigkill_at_random_moments_loses_no_reported_commit(crash_file: Path):
    group_path = crash_file
    rng = random.Random(2026)
    server = subprocess.Popen([sys.executable, "-c", textwrap.dedent(FORK_SERVER), str(group_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(server.stdout, lines), daemon=True).start()
    reported: set[str] = set()
    read_only_rounds = 0
    try:
        for round_number in range(ROUNDS):
            tag = f"r{round_number:03d}"
            server.stdin.write(f"run {tag}\n".encode())
            kill_after = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21])  # commits to see first; 0 = during opening
            pid, seen = None, 0
            while pid is None or seen < kill_after:
                line = lines.get(timeout=60)
                if line.startswith("pid "):
                    pid = int(line.split()[1])
                elif line.startswith("saved "):
                    reported.add(line.split()[1])
                    seen += 1
                elif line == "open 1":
                    read_only_rounds += 1
                assert line != "eof", "the fork server died"
            os.kill(pid, signal.SIGKILL)
            server.stdin.write(f"reap {pid}\n".encode())
            while (line := lines.get(timeout=60)) != "reaped":
                if line.startswith("saved "):
                    reported.add(line.split()[1])  # reported before it died: must be there too
                assert line != "eof", "the fork server died"
            assert integrity(group_path) == ["ok"], f"round {round_number}"
            conn = sqlite3.connect(group_path)
            try:
                present = {key for (key,) in conn.execute("SELECT key FROM settings")}
            finally:
                conn.close()
            missing = reported - present
            assert not missing, f"round {round_number}: reported but lost: {sorted(missing)[:5]}"
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    assert read_only_rounds == 0  # every writer took over its killed predecessor's stale lock
    assert len(reported) > ROUNDS  # the rounds really did commit
    assert os.path.exists(group_path)
