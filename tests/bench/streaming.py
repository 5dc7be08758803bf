"""Commands that go through every case, at 100,000 cases: time and peak memory (issue 20).

    python -m tests.bench.streaming [COUNT]

The bound, measured in the same run: Python's sqlite3 reading every case, check and
timeline row and the C JSON encoder writing them (``BOUND`` below). Targets:
``list --json`` and ``due --json`` within 2x the bound and 250 MiB; ``export --format
json`` within 2x the bound; ``list`` within 100 MiB; ``import`` of the export within
400 MiB. Peak memory is the process's maximum resident set (``ru_maxrss`` of the child).
One run each: on a shared machine, read the times with their load in mind.
For the 1,000,000-case run see docs/PERFORMANCE.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.common import dataset, python
from tests.bench.generate import TODAY

# Every row of the three big tables read by sqlite3 and written by the C encoder.
BOUND = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for table in ("cases", "checks", "timeline"):
        cursor = connection.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            out.write(json.dumps(dict(zip(names, row)), ensure_ascii=False))
            out.write("\\n")
"""
MIB = 1024 * 1024


def measure(command: list[str], env: dict[str, str], codes: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall seconds and peak MiB of one run of ``command`` (a child of its own)."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: becomes the command, so ru_maxrss is the command's own
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            os.execve(command[0], command, {**os.environ, **env})
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    took = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in codes:
        raise SystemExit(f"{' '.join(command)} failed ({code})")
    return took, usage.ru_maxrss / 1024


def main() -> bool:
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
    source = dataset(count)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "t.db"
        shutil.copy(source, db)
        env = {
            "TRACKER_DB": str(db),
            "TRACKER_TODAY": TODAY.isoformat(),
            "TRACKER_CONFIG_DIR": str(Path(tmp) / "config"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }
        tracker = [python(), "-m", "tracker"]
        bound, bound_mib = measure([python(), "-c", BOUND, str(db), str(Path(tmp) / "bound.jsonl")], env)
        print(
            f"bound (sqlite3 reads every row, the C encoder writes it), {count:,} cases: "
            f"{bound:.1f} s, {bound_mib:.0f} MiB"
        )
        export = Path(tmp) / "export.json"
        rows: list[tuple[str, list[str], tuple[int, ...], float | None, float | None]] = [
            ("list --json", ["list", "--json"], (0,), 2.0, 250),
            ("due --json", ["due", "--json"], (0, 1), 2.0, 250),
            ("export --format json", ["export", "--format", "json", "-o", str(export)], (0,), 2.0, None),
            ("list", ["list"], (0,), None, 100),
        ]
        for name, argv, codes, time_limit, mib_limit in rows:
            took, mib = measure([*tracker, *argv], env, codes)
            ok &= _say(name, took, mib, bound, time_limit, mib_limit)
        fresh = {**env, "TRACKER_DB": str(Path(tmp) / "fresh.db")}
        subprocess.run([*tracker, "list"], env={**os.environ, **fresh}, capture_output=True, check=True)
        took, mib = measure([*tracker, "import", str(export)], fresh)
        ok &= _say(
            f"import of that export ({export.stat().st_size / MIB:.0f} MiB)", took, mib, bound, None, 400
        )
    return ok


def _say(
    name: str, took: float, mib: float, bound: float, time_limit: float | None, mib_limit: float | None
) -> bool:
    ok = True
    parts = [f"tracker {name}: {took:.1f} s = {took / bound:.2f}x the bound"]
    if time_limit is not None:
        passed = took / bound <= time_limit
        ok &= passed
        parts[0] += f" (limit {time_limit}x) {'OK' if passed else 'MISSED'}"
    parts.append(f"{mib:.0f} MiB peak")
    if mib_limit is not None:
        passed = mib <= mib_limit
        ok &= passed
        parts[-1] += f" (limit {mib_limit} MiB) {'OK' if passed else 'MISSED'}"
    print("; ".join(parts))
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
