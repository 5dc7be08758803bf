"""Database work runs off the event loop: keys keep working while it runs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.helpers.ui import settle
from tracker.core import Tracker
from tracker.exchange.importer import ImportResult
from tracker.ui.app import TrackerApp
from tracker.ui.screens import import_file as import_module
from tracker.ui.screens.import_file import ImportScreen


class SlowImport:
    """Stands in for ``import_file``: a dry run answers at once, a real run takes its time."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()  # the test lets the import go on
        self.finished = threading.Event()
        self.outcome = ""

    def __call__(
        self, tracker: Tracker, path: Path, *, dry_run: bool, progress: Callable[[str, int, int], None]
    ) -> ImportResult:
        if dry_run:
            return ImportResult(dry_run=True)
        self.started.set()
        try:
            progress("writing", 0, 2)
            self.release.wait(10)
            progress("writing", 1, 2)
        except BaseException as stopped:
            self.outcome = str(stopped)
            raise
        finally:
            self.finished.set()
        self.outcome = "written"
        return ImportResult()


@pytest.fixture
def slow_import(monkeypatch: pytest.MonkeyPatch) -> SlowImport:
    slow = SlowImport()
    monkeypatch.setattr(import_module, "import_file", slow)
    return slow


async def test_escape_closes_the_import_at_once_and_it_writes_nothing(
    make_app: Callable[[], TrackerApp],
    tracker: Tracker,
    tmp_path: Path,
    slow_import: SlowImport,
    notices: list[str],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ImportScreen())
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(tmp_path / "backup.json")
        await pilot.press("enter")  # the dry run
        await settle(pilot)
        await pilot.press("enter")  # the import itself, slow
        await pilot.pause()
        assert slow_import.started.wait(5)
        await pilot.press("escape")
        await pilot.pause()
        # Escape was handled while the import was still running (it waits for release).
        assert not isinstance(app.screen, ImportScreen)
        assert not slow_import.finished.is_set()
        slow_import.release.set()
        assert slow_import.finished.wait(5)
        await settle(pilot)
    assert slow_import.outcome == "import stopped: nothing was written"
    assert "import stopped: nothing was written" in notices
