"""PostgreSQL's fixed cost: everyday commands on a local server against `python -c pass`,
and where the driver's start goes (issue 20 item 7).

    python -m tests.bench.postgres_start

On a throw-away server (as tests/bench/postgres.py) with the 1,000-case data set:
`show`, `due` and `add` against the bare interpreter, medians of alternate runs (target
5x); then `import psycopg` alone, connecting, and the parts of psycopg's own import
(from `python -X importtime`) that tracker cannot leave out: every submodule import runs
psycopg's package `__init__`, which loads them all.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from tests import postgres_server
from tests.bench.common import RUNS, dataset, median_pair, python, report, run_once
from tests.bench.generate import TODAY

LIMIT = 5.0
COMMANDS = [
    ("show", ["show", "5"], (0,)),
    ("due", ["due"], (0, 1)),
    ("add", ["add", "Claro", "--service", "Línea 1"], (0,)),
]
# What psycopg's import brings that tracker does not use, by the module that brings it.
PARTS = {
    "asyncio (with ssl), for psycopg.errors' CancelledError": "asyncio",
    "importlib.metadata, for psycopg_binary's version": "importlib.metadata",
    "typing_extensions (with inspect)": "typing_extensions",
    "ctypes.util, to find libpq": "ctypes.util",
    "the type adapters (psycopg.types.*)": "psycopg.types",
}
CONNECT = """
import sys, time
import psycopg
started = time.perf_counter()
psycopg.connect(sys.argv[1], autocommit=True).close()
print(time.perf_counter() - started)
"""


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
    name = server.new_database(empty=True)
    url = server.url(name)
    tracker = [python(), "-m", "tracker"]
    subprocess.run(
        [*tracker, "--db", str(dataset(1000)), "db", "copy", "--to", url], check=True, capture_output=True
    )
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        env = {"TRACKER_DB": url, "TRACKER_TODAY": TODAY.isoformat(), "TRACKER_CONFIG_DIR": str(Path(tmp))}
        bare = [python(), "-c", "pass"]
        for label, argv, codes in COMMANDS:
            command = [*tracker, *argv]

            def ours_once(command: list[str] = command, codes: tuple[int, ...] = codes) -> float:
                return run_once(command, env, codes)

            ours, base = median_pair(ours_once, lambda: run_once(bare, env), runs=max(RUNS, 7))
            ok &= report(f"tracker {label} on PostgreSQL vs python -c pass", ours, base, LIMIT)
        driver, base = median_pair(
            lambda: run_once([python(), "-c", "import psycopg"]), lambda: run_once(bare)
        )
        print(f"python -c 'import psycopg': {driver * 1000:.0f} ms vs python -c pass {base * 1000:.0f} ms")
        libpq_url = url.replace("postgresql+psycopg://", "postgresql://")
        connecting = statistics.median(
            float(subprocess.run([python(), "-c", CONNECT, libpq_url], capture_output=True, text=True).stdout)
            for _ in range(RUNS)
        )
        print(f"connecting (a local socket, no TLS): {connecting * 1000:.1f} ms")
    for label, module, ms in import_parts():
        print(f"  of psycopg's import: {label} ({module}): {ms:.0f} ms")
    return ok


def import_parts() -> list[tuple[str, str, float]]:
    """Cumulative import time of each part, medians over a few runs of `-X importtime`."""
    samples: dict[str, list[float]] = {module: [] for module in PARTS.values()}
    for _ in range(RUNS):
        done = subprocess.run(
            [python(), "-X", "importtime", "-c", "import psycopg"], capture_output=True, text=True, check=True
        )
        seen: dict[str, float] = {}
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
            if match and match.group(3) in samples and match.group(3) not in seen:
                seen[match.group(3)] = int(match.group(1)) / 1000
        for module in samples:
            samples[module].append(seen.get(module, 0.0))
    return [(label, module, statistics.median(samples[module])) for label, module in PARTS.items()]


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
