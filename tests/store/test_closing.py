"""Closing a SQLite store while other threads use it: never a crash, never a lost write.

The TUI quits while its workers may still be inside a query. ``sqlite3``'s close()
does not wait for them, and SQLite freed statements under a running thread (the
process died with SIGSEGV); the store now interrupts a read and waits for a write.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.helpers.store import CaseFactory
from tracker.store.sqlite import open_sqlite

# Runs in its own process: a crash there must fail this test, not kill the test run.
QUIT_DURING_SLOW_READS = """
import sys, threading
from pathlib import Path
from tracker.store.sqlite import open_sqlite

SLOW = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3000000) "
        "SELECT count(*) FROM c")
path = Path(sys.argv[1])
for round_ in range(int(sys.argv[2])):
    store, _ = open_sqlite(path)
    started = threading.Event()
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                with store.read() as tx:
                    started.set()
                    tx.connection.execute(SLOW).fetchone()
        except Exception:  # interrupted by close: what the TUI's worker sees on quit
            pass

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    started.wait()
    stop.set()
    store.close()
    for thread in threads:
        thread.join()
print("closed", round_ + 1)
"""


def test_closing_while_threads_are_inside_slow_reads_never_crashes(tmp_path: Path) -> None:
    rounds = 50
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "faulthandler",
            "-c",
            QUIT_DURING_SLOW_READS,
            str(tmp_path / "t.db"),
            str(rounds),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == f"closed {rounds}"


def test_a_write_in_flight_when_the_store_closes_is_kept(tmp_path: Path, make_case: CaseFactory) -> None:
    path = tmp_path / "t.db"
    store, _ = open_sqlite(path)
    started = threading.Event()

    def write() -> None:
        with store.write() as tx:
            started.set()
            time.sleep(0.3)  # close() comes while the transaction is open
            tx.add(make_case("Claro"))

    thread = threading.Thread(target=write)
    thread.start()
    started.wait()
    store.close()
    thread.join()
    reopened, _ = open_sqlite(path)
    try:
        with reopened.read() as tx:
            assert [case.provider for case in tx.iter_all()] == ["Claro"]
    finally:
        reopened.close()
