"""100,000 cases on a local PostgreSQL server: the first TUI screen against the minimal
Textual app (target: within 2x) and `tracker due` against Taskwarrior's `task overdue` on
the same data (target: within 0.5x), in one run.

    python -m tests.bench.postgres

Starts a throw-away server as the tests do (tests/postgres_server.py: PostgreSQL's
programs must be installed), fills a database from the 100,000-case SQLite data set
with `tracker db copy`, and analyzes it, as autovacuum does on its own soon after a
bulk load. Needs Taskwarrior for the second figure (`apt-get install taskwarrior`).
Without a server it says so and counts as passed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests import postgres_server
from tests.bench.common import dataset, median_pair, python, report, run_once
from tests.bench.due import TRACKER, write_taskwarrior
from tests.bench.first_screen import BASELINE
from tests.bench.first_screen import TRACKER as FIRST_SCREEN
from tests.bench.generate import TODAY


def main() -> bool:
    try:
        server = postgres_server.start()
    except postgres_server.Unavailable as exc:
        print(f"PostgreSQL benchmarks not run: {exc}")
        return True
    try:
        return measure(server)
    finally:
        postgres_server.stop(server)


def measure(server: postgres_server.Server) -> bool:
    big = dataset(100_000)
    name = server.new_database(empty=True)
    url = server.url(name)
    started = time.perf_counter()
    subprocess.run([TRACKER, "--db", str(big), "db", "copy", "--to", url], check=True, capture_output=True)
    print(f"db copy of 100,000 cases from SQLite into PostgreSQL: {time.perf_counter() - started:.1f}s")
    server.sql("VACUUM ANALYZE", name)

    ours, base = median_pair(
        lambda: run_once([python(), "-c", FIRST_SCREEN, url]),
        lambda: run_once([python(), "-c", BASELINE]),
    )
    ok = report("first screen, 100,000 cases on PostgreSQL", ours, base, 2.0)

    task = shutil.which("task")
    if task is None:
        print("taskwarrior is not installed (apt-get install taskwarrior): `tracker due` not compared")
        return False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "task"
        write_taskwarrior(big, folder)
        task_env = {"TASKRC": str(folder / "taskrc"), "TASKDATA": str(folder)}
        tracker_env = {"TRACKER_DB": url, "TRACKER_TODAY": TODAY.isoformat()}
        listed = subprocess.run(
            [TRACKER, "due"], env={**os.environ, **tracker_env}, capture_output=True, text=True, check=False
        )
        print(f"`tracker due` on PostgreSQL lists {len(listed.stdout.splitlines())} lines")
        ours, theirs = median_pair(
            lambda: run_once([TRACKER, "due"], tracker_env, ok_codes=(0, 1)),
            lambda: run_once([task, "overdue"], task_env),
        )
        ok &= report(
            "tracker due on PostgreSQL vs task overdue, 100,000 cases (10,000 overdue)", ours, theirs, 0.5
        )
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
