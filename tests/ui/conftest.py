"""UI fixtures: the real app on a throw-away database file with a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain import workflow
from tracker.domain.model import Case, Channel
from tracker.domain.workflow import CaseDraft
from tracker.ui.app import TrackerApp, build_app

TODAY = date(2026, 11, 23)


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

    def notify(self, message, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(str(message))
        return original(self, message, *args, **kwargs)

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
def tracker(ui_db: str, ui_config: Path) -> Tracker:
    opened = Tracker.open(ui_db, clock=FixedClock(TODAY), config_folder=ui_config)
    yield opened
    opened.close()


@pytest.fixture
def make_app(ui_db: str, ui_config: Path) -> Callable[[], TrackerApp]:
    def make() -> TrackerApp:
        return build_app(ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0)

    return make


def seed(
    tracker: Tracker,
    provider: str,
    *,
    requested: date,
    playbook: str = "esim-pe",
    ticket: str = "T-1",
    service: str = "eSIM +51 987 654 321",
    number: int = 1,
) -> Case:
    """A case with a fixed UUID, so snapshots do not change from run to run."""
    draft = CaseDraft(
        provider=provider,
        service=service,
        requested_on=requested,
        ticket=ticket,
        playbook=playbook,
        channel=Channel.PHONE,
    )
    playbook_obj = tracker.playbooks.get(playbook)
    case = workflow.open_case(
        draft, playbook_obj, tracker.calendar(playbook_obj), tracker.now(), tracker.today()
    )
    case.uuid = f"00000000-0000-4000-8000-{number:012d}"
    with tracker.store.write() as tx:
        return tx.add(case)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until database workers are done and the screen has repainted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Press keys, then wait until what they started is done and painted."""
    await pilot.press(*keys)
    await settle(pilot)
