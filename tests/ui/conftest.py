"""UI fixtures: the real app on a throw-away database file with a fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from tests.helpers.ui import TODAY
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.ui.app import TrackerApp, build_app


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors hold still: a snapshot taken mid-blink would differ from run to run."""
    for widget in (Input, TextArea):
        original = widget.__init__

        def init(self, *args, __original=original, **kwargs) -> None:  # type: ignore[no-untyped-def]
            __original(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(widget, "__init__", init)


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification the app shows, in order (TrackerApp.notify, recorded)."""
    shown: list[str] = []
    original = TrackerApp.notify

    def notify(self: TrackerApp, message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(str(message))
        original(self, message, *args, **kwargs)

    monkeypatch.setattr(TrackerApp, "notify", notify)
    return shown


@pytest.fixture
def ui_db(tmp_path: Path) -> str:
    return str(tmp_path / "ui.db")


@pytest.fixture
def ui_config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


@pytest.fixture
def tracker(ui_db: str, ui_config: Path) -> Iterator[Tracker]:
    opened = Tracker.open(ui_db, clock=FixedClock(TODAY), config_folder=ui_config)
    yield opened
    opened.close()


@pytest.fixture
def make_app(ui_db: str, ui_config: Path) -> Callable[[], TrackerApp]:
    def make() -> TrackerApp:
        return build_app(ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0)

    return make
