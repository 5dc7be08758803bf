"""Time and peak memory of every command at several sizes on both backends, as one
Markdown table (issue 20's "Done means").

    python -m tests.bench.table --sizes 1k,100k,1m --backends sqlite,postgres [--data DIR]

For each backend and size: a copy of the generated data set (``DIR/<size>.db`` when
given and there, else :func:`tests.bench.common.dataset`, made once), then one run of
each command, spawn to exit, with the child's peak resident set (``ru_maxrss``; the
median of five runs for a command quicker than five seconds):
``add``, ``show``, ``log``, ``check``, ``verify``, ``due``, ``list``, ``list --json``,
``due --json``, ``export --format json``, ``import`` of that export into a new
database, and the TUI's first paint (start to a painted Cases screen, then exit).
PostgreSQL: a throw-away local server (tests/postgres_server.py), each size copied in
with ``tracker db copy`` and analyzed. On a shared machine read the times with the
load average printed beside them. The 1,000,000-case procedure (generation
time, disk space) is in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.common import dataset, python
from tests.bench.first_screen import TRACKER as FIRST_SCREEN
from tests.bench.generate import TODAY
from tests.bench.streaming import measure

SIZES = {"1k": 1000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
# (label, arguments, exit codes that count as a full run); {open} is an open eSIM case.
COMMANDS: list[tuple[str, list[str], tuple[int, ...]]] = [
    ("add", ["add", "Movistar Perú", "--service", "eSIM +51 987 654 321", "--playbook", "esim-pe"], (0,)),
    ("show", ["show", "{open}"], (0,)),
    ("log", ["log", "{open}", "They say it is done", "--ticket", "R-1"], (0,)),
    ("check", ["check", "{open}", "calls blocked", "pass"], (0,)),
    ("verify", ["verify", "{open}"], (0, 2)),  # refused while a required check is pending: a full run
    ("due", ["due"], (0, 1)),
    ("list", ["list"], (0,)),
    ("list --json", ["list", "--json"], (0,)),
    ("due --json", ["due", "--json"], (0, 1)),
    ("export --format json", ["export", "--format", "json", "-o", "{export}"], (0,)),
]
ROWS = [*(label for label, _, _ in COMMANDS), "import (of that export)", "TUI first paint"]

# Commands quicker than QUICK seconds are run QUICK_RUNS times.
QUICK, QUICK_RUNS = 5.0, 5

Figures = dict[str, tuple[float, float]]  # row label -> (seconds, MiB)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1k,100k")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--data", type=Path, help="a folder of generated <size>.db files to use")
    args = parser.parse_args()
    sizes = args.sizes.lower().split(",")
    backends = args.backends.lower().split(",")
    columns: list[tuple[str, str]] = [(b, s) for b in backends for s in sizes]
    results: dict[tuple[str, str], Figures] = {}
    started = time.perf_counter()
    bare, bare_mib = settled([python(), "-c", "pass"], {})
    targets = _Targets(backends)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for backend, size in columns:
                print(f"{NAMES[backend]} {size} ... (load {_load()})", file=sys.stderr, flush=True)
                folder = Path(tmp) / "run"
                folder.mkdir()
                results[backend, size] = _measure_size(targets, backend, _source(size, args.data), folder)
                shutil.rmtree(folder)
                print(_table(columns, results, bare, bare_mib), file=sys.stderr, flush=True)  # so far
    finally:
        targets.close()
    print(_table(columns, results, bare, bare_mib))
    print(f"\n{time.perf_counter() - started:.0f} s in all; load average at the end {_load()}.")


def settled(command: list[str], env: dict[str, str], codes: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Seconds and peak MiB of ``command``: one run if it takes a while, else the median
    time (and highest peak) of :data:`QUICK_RUNS`, as a quick command's single run says
    more about the machine's load than about the command."""
    took, mib = measure(command, env, codes)
    if took >= QUICK:
        return took, mib
    runs = [(took, mib), *(measure(command, env, codes) for _ in range(QUICK_RUNS - 1))]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def _source(size: str, data: Path | None) -> Path:
    if data is not None and (data / f"{size}.db").exists():
        return data / f"{size}.db"
    return dataset(SIZES[size])


class _Targets:
    """New databases to measure on (their ``--db`` targets): SQLite files, or databases on
    a local PostgreSQL server this bench starts and stops."""

    def __init__(self, backends: list[str]) -> None:
        self.server: Any = None
        if "postgres" in backends:
            from tests import postgres_server

            self.server = postgres_server.start()

    def close(self) -> None:
        if self.server is not None:
            from tests import postgres_server

            postgres_server.stop(self.server)

    def new(self, backend: str, source: Path | None, folder: Path) -> str:
        """A copy of ``source`` (None: a new, empty database)."""
        if backend == "sqlite":
            db = folder / ("t.db" if source is not None else "fresh.db")
            if source is not None:
                shutil.copy(source, db)
            return str(db)
        name = self.server.new_database(empty=True)
        url: str = self.server.url(name)
        if source is not None:
            started = time.perf_counter()
            _tracker(["--db", str(source), "db", "copy", "--to", url])
            self.server.sql("VACUUM ANALYZE", name)
            print(f"  db copy: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        return url


def _tracker(argv: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(
        [python(), "-m", "tracker", *argv], env={**os.environ, **(env or {})}, check=True, capture_output=True
    )


def _measure_size(targets: _Targets, backend: str, source: Path, folder: Path) -> Figures:
    (open_case,) = (
        sqlite3.connect(source)
        .execute(
            "SELECT id FROM cases WHERE status = 'requested' AND playbook = 'esim-pe' ORDER BY id LIMIT 1"
        )
        .fetchone()
    )
    target = targets.new(backend, source, folder)
    env = {
        "TRACKER_DB": target,
        "TRACKER_TODAY": TODAY.isoformat(),
        "TRACKER_CONFIG_DIR": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    _tracker(["show", str(open_case)], env)  # warm: the file cache, the holidays cache
    export = folder / "export.json"
    figures: Figures = {}
    for label, argv, codes in COMMANDS:
        command = [python(), "-m", "tracker", *(a.format(open=open_case, export=export) for a in argv)]
        figures[label] = settled(command, env, codes)
        print(
            f"  {label}: {figures[label][0]:.2f} s, {figures[label][1]:.0f} MiB", file=sys.stderr, flush=True
        )
    fresh = {**env, "TRACKER_DB": targets.new(backend, None, folder)}
    _tracker(["list"], fresh)  # the new database's schema made first: not part of the import
    figures[ROWS[-2]] = measure([python(), "-m", "tracker", "import", str(export)], fresh)
    print(
        f"  import: {figures[ROWS[-2]][0]:.1f} s, {figures[ROWS[-2]][1]:.0f} MiB", file=sys.stderr, flush=True
    )
    figures[ROWS[-1]] = measure([python(), "-c", FIRST_SCREEN, target], env)
    return figures


def _table(
    columns: list[tuple[str, str]], results: dict[tuple[str, str], Figures], bare: float, bare_mib: float
) -> str:
    head = ["command", *(f"{NAMES[b]} {s}" for b, s in columns)]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines.append(
        "| `python -c pass` | " + " | ".join(f"{bare:.2f} s, {bare_mib:.0f} MiB" for _ in columns) + " |"
    )
    for row in ROWS:
        cells = []
        for column in columns:
            if column not in results:
                cells.append("")
                continue
            took, mib = results[column][row]
            cells.append(f"{took:.2f} s, {mib:.0f} MiB" if took < 10 else f"{took:.0f} s, {mib:.0f} MiB")
        name = row if row == "TUI first paint" else f"`{row}`"
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
