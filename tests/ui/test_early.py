"""The first screen's rows are read while Textual starts up, and painted in its first frame."""

from __future__ import annotations

import threading
from collections.abc import Callable

from tests.helpers.ui import TODAY, seed, settle
from tracker.core import Tracker
from tracker.ui.app import TrackerApp
from tracker.ui.jobs import Early
from tracker.ui.widgets.case_table import CaseTable


def test_early_work_is_taken_once() -> None:
    early = Early(lambda: 42)
    assert early.take(5) == 42
    assert early.take(5) is None


def test_early_work_that_fails_or_is_late_is_left_to_the_usual_read() -> None:
    def fails() -> int:
        raise RuntimeError("the database went away")

    assert Early(fails).take(5) is None
    release = threading.Event()
    late = Early(lambda: release.wait(5))
    assert late.take(0.01) is None
    release.set()


async def test_the_first_frame_shows_the_rows_read_early(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    first = seed(tracker, "Movistar", requested=TODAY)
    app = make_app()
    frames: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(CaseTable)
        frames.append(table.painted)
        await settle(pilot)
        assert list(table.entries) == [first.id]
    # Rows were on the table from its first frame: no "Loading…" frame before them.
    assert frames == [True]
