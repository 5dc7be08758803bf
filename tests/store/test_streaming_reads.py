"""A streaming read (``iter_rows``: ``list``, the ids of ``list --json`` and ``due --json``,
the TUI's search) holds a bounded part of its result, on both backends (issue 20): on
PostgreSQL a client-side cursor would receive the whole result before the first row."""

from __future__ import annotations

import subprocess
import sys

# 200,000 rows of 1,000 characters: some 200 MB if the result were held whole.
ROWS, WIDTH = 200_000, 1000
SERIES = f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ROWS}) "
QUERIES = {
    "sqlite": SERIES + f"SELECT i, printf('%{WIDTH}d', i) FROM n",
    "postgresql": SERIES + f"SELECT i, lpad(i::text, {WIDTH}) FROM n",
}
READ = """
import resource, sys
from tests.helpers.store import open_target
store = open_target(sys.argv[1])
with store.read() as tx:
    assert list(tx.iter_rows("SELECT 1")) == [(1,)]  # connected, every module loaded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = sum(1 for row in tx.iter_rows(sys.argv[2]) if len(row[1]) == int(sys.argv[3]))
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
store.close()
print(count, grown // 1024)
"""


def test_a_streaming_read_holds_a_bounded_part_of_its_result(db_target: str, backend: str) -> None:
    from tests.helpers.store import open_target

    open_target(db_target).close()  # the schema made first, as by any command
    done = subprocess.run(
        [sys.executable, "-c", READ, db_target, QUERIES[backend], str(WIDTH)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    count, grown_mib = (int(word) for word in done.stdout.split())
    assert count == ROWS
    # Every row was read; the process grew by a few pages, not by the ~200 MB of the result.
    assert grown_mib < 20, f"{grown_mib} MiB more while reading the rows"
