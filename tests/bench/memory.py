"""Memory of the TUI holding 100,000 cases, against the same with 100.

    python -m tests.bench.memory

Each run starts the app headless in a fresh interpreter, waits until the whole
list and its counts are loaded, types a filter (which reads the text it searches)
and reports the resident set size (VmRSS) at that point.
"""

from __future__ import annotations

import statistics
import subprocess

from tests.bench.common import RUNS, dataset, python

PROBE = """
import asyncio, sys
from tracker.ui.app import build_app

def rss_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

async def measure(pilot):
    screen = pilot.app.screen
    while not screen.counted:
        await asyncio.sleep(0.01)
    await pilot.press("slash", "c", "l")
    while screen.shown_filter != "cl":
        await asyncio.sleep(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    print(rss_kib(), file=sys.stderr)
    pilot.app.exit()

build_app(sys.argv[1], watch_interval=0).run(headless=True, size=(120, 40), auto_pilot=measure)
"""


def rss(db: str) -> int:
    done = subprocess.run([python(), "-c", PROBE, db], capture_output=True, text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1])


def main() -> bool:
    large, small = str(dataset(100_000)), str(dataset(100))
    big = statistics.median(rss(large) for _ in range(RUNS))
    little = statistics.median(rss(small) for _ in range(RUNS))
    ratio = big / little
    ok = ratio <= 2
    print(
        f"TUI memory: {big / 1024:.1f} MiB with 100,000 cases vs {little / 1024:.1f} MiB with "
        f"100 = {ratio:.2f}x (limit 2x) {'OK' if ok else 'MISSED'}"
    )
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
