"""First screen: start to painted Cases screen at 100,000 cases, against a minimal Textual app.

    python -m tests.bench.first_screen [COUNT]

Both programs run headless in a fresh interpreter and exit as soon as their first
screen is painted (the Cases table showing rows); the figure is the wall time from
spawning the process to its exit, median of TRACKER_BENCH_RUNS runs (default 5).
"""

from __future__ import annotations

import sys

from tests.bench.common import dataset, median_pair, python, report, run_once

BASELINE = """
from textual.app import App
from textual.widgets import DataTable

class Minimal(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("provider", "service", "status")
        table.add_rows([("a", "b", "c"), ("d", "e", "f"), ("g", "h", "i")])

async def painted(pilot):
    await pilot.pause()
    pilot.app.exit()

Minimal().run(headless=True, size=(120, 40), auto_pilot=painted)
"""

TRACKER = """
import asyncio
import sys
from tracker.ui.app import build_app
from tracker.ui.screens.cases import CasesScreen

async def painted(pilot):
    # Exit as soon as the table has rendered rows of cases: the first screen is painted.
    while not (isinstance(pilot.app.screen, CasesScreen) and pilot.app.screen.table.painted):
        await asyncio.sleep(0.002)
    pilot.app.exit()

build_app(sys.argv[1], watch_interval=0).run(headless=True, size=(120, 40), auto_pilot=painted)
"""


def main() -> bool:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    db = str(dataset(count))
    ours, base = median_pair(
        lambda: run_once([python(), "-c", TRACKER, db]),
        lambda: run_once([python(), "-c", BASELINE]),
    )
    return report(f"first screen, {count} cases", ours, base, 1.5)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
