"""Commands that go through every case hold a bounded part of them, not all: their peak
memory stays flat as the database grows (issue 20: a million cases without surprises).

Each command runs in a process of its own under ``tracemalloc`` on a database of 600
generated cases and on one five times larger; the larger may cost little more.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.generate import TODAY, generate

SMALL, LARGE = 600, 3000
# Peak on the large database over peak on the small one: holding every case makes it ~5.
FLAT = 1.5

PEAK = """
import sys, tracemalloc
tracemalloc.start()
from tracker.cli.entry import main
code = main(sys.argv[1:])
print(tracemalloc.get_traced_memory()[1], file=sys.stderr)
"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("generated")
    made = {}
    for count in (SMALL, LARGE):
        made[count] = folder / f"cases-{count}.db"
        generate(str(made[count]), count)
    return made


def peak_bytes(db: Path, *argv: str) -> int:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    environment.update(TRACKER_DB=str(db), TRACKER_TODAY=TODAY.isoformat(), TZ="UTC")
    environment["TRACKER_CONFIG_DIR"] = str(db.parent / "config")
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *argv], capture_output=True, text=True, env=environment, timeout=300
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return int(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "argv",
    [
        ("list",),
        ("list", "--all"),
        ("list", "--json"),
        ("list", "--json", "--all"),
        ("due", "--json", "--within", "3650"),
    ],
)
def test_listings_stream_their_cases(databases: dict[int, Path], argv: tuple[str, ...]) -> None:
    small, large = peak_bytes(databases[SMALL], *argv), peak_bytes(databases[LARGE], *argv)
    assert large <= FLAT * small, f"{large / small:.2f}x the peak for {LARGE // SMALL}x the cases"


def test_due_streams_its_table(databases: dict[int, Path]) -> None:
    # Every open case is due within ten years. Holding them all to print the table made the
    # peak 1.46x here (4.2 MB, 6.1 MB; 17.5 MB at 15,000 cases, 297 MiB of RSS at a million).
    argv = ("due", "--within", "3650")
    small, large = peak_bytes(databases[SMALL], *argv), peak_bytes(databases[LARGE], *argv)
    assert large <= 1.2 * small, f"{large / small:.2f}x the peak for {LARGE // SMALL}x the cases"


def test_import_holds_a_batch_of_cases_not_the_file(databases: dict[int, Path], tmp_path: Path) -> None:
    peaks = []
    for count in (SMALL, LARGE):
        export = tmp_path / f"export-{count}.json"
        assert peak_bytes(databases[count], "export", "-o", str(export)) > 0
        fresh = tmp_path / f"fresh-{count}.db"
        peak_bytes(fresh, "list")  # made (and migrated) before: not part of what is measured
        peaks.append(peak_bytes(fresh, "import", str(export)))
    small, large = peaks
    # Cases are merged and written a batch at a time in the one transaction; holding every
    # case until then made this 2.3x, and the file's bytes and parsed tree with them 3.8x.
    assert large <= FLAT * small, f"{large / small:.2f}x the peak for {LARGE // SMALL}x the cases"
