"""Every everyday command against a bare interpreter, on a 1,000-case SQLite database.

    python -m tests.bench.commands [-v]

Each of `add`, `list`, `show`, `log`, `check`, `verify` and `due` is timed from
spawn to exit, alternately with `python -c pass` of the same interpreter (so load
on the machine hits both), on a copy of a generated 1,000-case database; the
median of each is compared. Target: at most 5x. The fastest run of each is
shown too: on a machine whose speed drifts from minute to minute it is the
steadier figure.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

from tests.bench.common import RUNS, dataset, python, run_once

LIMIT = 5.0
# The commands and their arguments; a case that exists in every generated set.
COMMANDS: list[tuple[str, list[str], tuple[int, ...]]] = [
    ("add", ["add", "Movistar Perú", "--service", "eSIM +51 987 654 321", "--playbook", "esim-pe"], (0,)),
    ("list", ["list"], (0,)),
    ("show", ["show", "{open}"], (0,)),
    ("log", ["log", "{open}", "They say it is done", "--ticket", "R-1"], (0,)),
    ("check", ["check", "{open}", "calls blocked", "pass"], (0,)),
    ("verify", ["verify", "{open}"], (0, 2)),  # refused while a required check is pending: still a full run
    ("due", ["due"], (0, 1)),
]


def main() -> bool:
    verbose = "-v" in sys.argv
    runs = max(RUNS, 9)
    source = dataset(1000)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "t.db"
        shutil.copy(source, db)
        config = Path(tmp) / "config"
        config.mkdir()
        env = {
            "TRACKER_DB": str(db),
            "TRACKER_CONFIG_DIR": str(config),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }
        connection = sqlite3.connect(db)
        (open_case,) = connection.execute(
            "SELECT id FROM cases WHERE status = 'requested' AND playbook = 'esim-pe' ORDER BY id LIMIT 1"
        ).fetchone()
        connection.close()
        bare = [python(), "-c", "pass"]
        for name, argv, codes in COMMANDS:
            command = [python(), "-m", "tracker", *(a.format(open=open_case) for a in argv)]
            run_once(command, env, codes)  # warm caches (file cache, holidays cache)
            base: list[float] = []
            timed: list[float] = []
            for _ in range(runs):
                base.append(run_once(bare, env))
                timed.append(run_once(command, env, codes))
            value, baseline = statistics.median(timed), statistics.median(base)
            ratio = value / baseline
            passed = ratio <= LIMIT
            ok &= passed
            print(
                f"tracker {name}: {value * 1000:.0f} ms vs python -c pass {baseline * 1000:.0f} ms = "
                f"{ratio:.1f}x (limit {LIMIT}x) {'OK' if passed else 'MISSED'}; fastest runs "
                f"{min(timed) * 1000:.0f} ms vs {min(base) * 1000:.0f} ms = {min(timed) / min(base):.1f}x"
            )
            if verbose:
                print(f"  runs: {[round(t * 1000) for t in timed]} ms", file=sys.stderr)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("(PYTHONDONTWRITEBYTECODE is set: tracker's own modules must be precompiled, see README)")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
