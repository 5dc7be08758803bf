"""Timing helpers shared by the benchmark scripts: medians, ratios, cached data sets."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("TRACKER_BENCH_DATA", ROOT / "tests" / "bench" / ".data"))
RUNS = int(os.environ.get("TRACKER_BENCH_RUNS", "5"))


def python() -> str:
    return sys.executable


def run_once(
    command: Sequence[str], env: dict[str, str] | None = None, ok_codes: tuple[int, ...] = (0,)
) -> float:
    """Wall time of one run of a command, from spawn to exit."""
    start = time.perf_counter()
    done = subprocess.run(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        raise SystemExit(
            f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}"
        )
    return elapsed


def median_pair(
    first: Callable[[], float], second: Callable[[], float], runs: int = RUNS
) -> tuple[float, float]:
    """Medians of two measurements taken alternately, so load on the machine hits both."""
    a: list[float] = []
    b: list[float] = []
    first()
    second()  # warm the file cache for both
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def report(name: str, value: float, baseline: float, limit: float, unit: str = "s") -> bool:
    ratio = value / baseline
    ok = ratio <= limit
    print(
        f"{name}: {value:.3f}{unit} vs baseline {baseline:.3f}{unit} = {ratio:.2f}x "
        f"(limit {limit}x) {'OK' if ok else 'MISSED'}"
    )
    return ok


def dataset(count: int, overdue: int | None = None) -> Path:
    """A tracker database of ``count`` generated cases, made once and kept in DATA."""
    from tests.bench.generate import generate

    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"cases-{count}-{overdue if overdue is not None else 'tenth'}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        print(f"generating {count} cases into {path} ...", file=sys.stderr)
        generate(str(partial), count, overdue)
        partial.rename(path)
    return path
