"""The TUI on a PostgreSQL server that goes away and comes back: it says so once, keeps
what the user typed, and saves once the server is back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.helpers.ui import TODAY, settle
from tests.postgres_server import Server
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.ui.app import TrackerApp, build_app
from tracker.ui.screens.case_form import CaseFormScreen
from tracker.ui.screens.cases import CasesScreen
from tracker.ui.widgets.case_table import CaseTable


@pytest.fixture
def server(pg_server: Server, pg_database: str) -> Iterator[Server]:
    """The test server, running again after the test (before its database is dropped)."""
    yield pg_server
    if not (pg_server.data / "postmaster.pid").exists():
        pg_server.start()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notice the app shows (title and message), in order."""
    notices: list[str] = []
    original = TrackerApp.notify

    def notify(self: TrackerApp, message: str, *args: Any, **kwargs: Any) -> None:
        notices.append(f"{kwargs.get('title', '')}: {message}")
        original(self, message, *args, **kwargs)

    monkeypatch.setattr(TrackerApp, "notify", notify)
    return notices


async def wait_for(pilot: Pilot[None], shown: list[str], text: str, seconds: float = 15) -> None:
    for _ in range(int(seconds / 0.1)):
        if any(text in notice for notice in shown):
            return
        await asyncio.sleep(0.1)
        await pilot.pause()
    raise AssertionError(f"no notice saying {text!r}; shown: {shown!r}")


async def test_a_form_survives_the_server_going_away_and_saves_when_it_is_back(
    server: Server, pg_database: str, ui_config: Path, shown: list[str]
) -> None:
    app = build_app(pg_database, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        form.query_one("#provider", Input).value = "Entel, typed while the server restarts"
        server.stop()
        await wait_for(pilot, shown, "Database unreachable")
        assert sum("Database unreachable" in notice for notice in shown) == 1  # said once
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved, not lost
        assert form.query_one("#provider", Input).value == "Entel, typed while the server restarts"
        assert "cannot reach the PostgreSQL server" in shown[-1]
        server.start()
        await wait_for(pilot, shown, "Connected to the database again")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CasesScreen)
    check = Tracker.open(pg_database, clock=FixedClock(TODAY), config_folder=ui_config)
    try:
        assert [c.provider for c in check.open_cases()] == ["Entel, typed while the server restarts"]
    finally:
        check.close()


async def test_the_list_reloads_what_another_machine_wrote_across_a_restart(
    server: Server, pg_database: str, ui_config: Path
) -> None:
    other = Tracker.open(pg_database, clock=FixedClock(TODAY), config_folder=ui_config)
    app = build_app(pg_database, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0.2)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            server.restart()
            from tracker.domain.workflow import CaseDraft

            case = other.cases.add(CaseDraft(provider="Claro, from the other machine"))
            table = app.screen.query_one(CaseTable)
            for _ in range(100):
                await asyncio.sleep(0.1)
                await pilot.pause()
                if case.id in table.rows:
                    break
            else:
                raise AssertionError("the list did not show the other machine's case")
    finally:
        other.close()
