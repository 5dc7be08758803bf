"""Keys at 100,000 cases: cursor moves, opening a case and going back, filtering as you type.

    python -m tests.bench.keys [COUNT] [--postgres] [-v]

Runs the real app headless on a generated database and times each key from the
press to the repaint that shows its effect; prints medians against the limits
(50 ms for moves, open/back and each filter keystroke). The filter's keys are also
shown apart by the length of what is typed. Once the filter box is open each key
looks through the cases' texts held in memory (a key typed at the end, through the
last answer only; a backspace, through them all); before they are read, three
characters or more are looked up in the database's trigram index. An answer too
long to find within a key's time shows its first rows, then the whole: both are timed.

``--postgres`` runs the same on a throw-away local PostgreSQL server (as the tests
start one), filled from the SQLite data set with `tracker db copy` and analyzed.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.bench.common import dataset

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.screen import Screen

VERBOSE = "-v" in sys.argv


async def measure(db: str) -> dict[str, list[float]]:
    from textual import events

    from tracker.ui.app import build_app
    from tracker.ui.screens.case_detail import CaseScreen
    from tracker.ui.screens.cases import CasesScreen

    app = build_app(db, watch_interval=0)
    times: dict[str, list[float]] = {
        "cursor down": [],
        "page down": [],
        "open case": [],
        "back to cases": [],
        "filter keystroke": [],
    }
    # A frame handed to the display while the key's effect is visible ends the measurement.
    # A filter's answer may be painted in two frames: its first rows at once, then the
    # whole (the count, the scrollbar); "whole" ends when that second frame is shown.
    probe: dict[str, object] = {"done": None, "at": None, "whole": None, "whole at": None}
    display = app._display

    def spy(screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None:
            now = time.perf_counter()
            for check, at in (("done", "at"), ("whole", "whole at")):
                done = probe[check]
                if probe[at] is None and callable(done) and done():
                    probe[at] = now
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]

    async def settled() -> None:
        # A key's exclusive worker may be cancelled by the next one: that is not a failure.
        from textual.worker import WorkerCancelled

        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            await settled()

    async def timed(
        name: str,
        key: str,
        done: Callable[..., bool],
        character: str | None = None,
        whole: Callable[..., bool] | None = None,
    ) -> None:
        probe["done"], probe["at"], probe["whole"], probe["whole at"] = done, None, whole, None
        start = time.perf_counter()
        assert app._driver is not None
        app._driver.send_message(events.Key(key, character))  # as a terminal would
        deadline = start + 10
        while probe["at"] is None:
            if time.perf_counter() > deadline:
                raise SystemExit(f"{name}: no repaint within 10 s")
            await asyncio.sleep(0.0005)
        times[name].append(float(probe["at"]) - start)  # type: ignore[arg-type]
        if VERBOSE:
            print(f"  {name}: {times[name][-1] * 1000:.1f} ms")
        probe["done"] = None
        await settled()
        if whole is not None:
            while probe["whole at"] is None:
                if time.perf_counter() > deadline:
                    raise SystemExit(f"{name}: the whole answer not shown within 10 s")
                await asyncio.sleep(0.0005)
            times.setdefault(f"{name}, whole answer", []).append(float(probe["whole at"]) - start)  # type: ignore[arg-type]
            if VERBOSE:
                print(f"  {name}, whole answer: {times[f'{name}, whole answer'][-1] * 1000:.1f} ms")
        probe["whole"] = None
        await asyncio.sleep(0.02)

    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        while not screen.counted:
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
        table = screen.table
        for _ in range(30):
            before = table.cursor
            await timed("cursor down", "down", lambda b=before: table.cursor == b + 1)
        for _ in range(15):
            before = table.cursor
            await timed("page down", "pagedown", lambda b=before: table.cursor > b)
        for _ in range(10):
            await timed(
                "open case",
                "enter",
                lambda: isinstance(app.screen, CaseScreen) and app.screen.case is not None,
            )
            await timed("back to cases", "escape", lambda: app.screen is screen)
            await pilot.press("down")
            await asyncio.sleep(0.15)  # a person reads the row before pressing enter
        await pilot.press("slash")
        await app.workers.wait_for_complete()  # the filter's text, read while "/" opens the box
        for text in ("c", "cl", "cla", "clar", "claro"):
            key = text[-1]
            await timed(
                "filter keystroke",
                key,
                lambda t=text: screen.shown_filter == t,
                character=key,
                whole=lambda t=text: screen.shown_filter == t and screen.filter_complete,
            )
            apart = "filter, 1-2 characters" if len(text) < 3 else "filter, 3+ characters"
            times.setdefault(apart, []).append(times["filter keystroke"][-1])
        # A backspace: a new search through every case, not through the last answer.
        await timed(
            "filter keystroke",
            "backspace",
            lambda: screen.shown_filter == "clar",
            whole=lambda: screen.shown_filter == "clar" and screen.filter_complete,
        )
        times.setdefault("filter, backspace", []).append(times["filter keystroke"][-1])
        assert len(table.entries) > 0
    return times


LIMITS: dict[str, float | None] = {
    "cursor down": 0.05,
    "page down": 0.05,
    "open case": 0.05,
    "back to cases": 0.05,
    "filter keystroke": 0.05,
    "filter, 1-2 characters": 0.05,
    "filter, 3+ characters": 0.05,
    "filter, backspace": 0.05,
    # Shown, not held to a limit: the count and the scrollbar of an answer too long to
    # find in one key's time, painted after its first rows.
    "filter keystroke, whole answer": None,
}


def main() -> bool:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    count = int(numbers[0]) if numbers else 100_000
    db = str(dataset(count))
    if "--postgres" in sys.argv:
        return on_postgres(db, count)
    return show(asyncio.run(measure(db)), count, "")


def on_postgres(db: str, count: int) -> bool:
    import subprocess

    from tests import postgres_server
    from tests.bench.due import TRACKER

    try:
        server = postgres_server.start()
    except postgres_server.Unavailable as exc:
        print(f"PostgreSQL benchmark not run: {exc}")
        return True
    try:
        name = server.new_database(empty=True)
        url = server.url(name)
        started = time.perf_counter()
        subprocess.run([TRACKER, "--db", db, "db", "copy", "--to", url], check=True, capture_output=True)
        print(f"db copy of {count} cases into PostgreSQL: {time.perf_counter() - started:.1f}s")
        server.sql("VACUUM ANALYZE", name)
        return show(asyncio.run(measure(url)), count, " on PostgreSQL")
    finally:
        postgres_server.stop(server)


def show(times: dict[str, list[float]], count: int, where: str) -> bool:
    ok = True
    for name, values in times.items():
        median = statistics.median(values)
        limit = LIMITS[name]
        figure = f"{name} at {count} cases{where}: median {median * 1000:.1f} ms over {len(values)}"
        if limit is None:
            print(f"{figure} (max {max(values) * 1000:.1f} ms)")
            continue
        good = median <= limit
        ok &= good
        print(f"{figure} (limit {limit * 1000:.0f} ms) {'OK' if good else 'MISSED'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
