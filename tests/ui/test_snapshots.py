"""Snapshots of the screens and dialogs at 120×40 and 80×24, on fixed data and a fixed clock.

Cursors do not blink in tests (see ``no_cursor_blink`` in conftest.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import CheckState
from tracker.ui.app import TrackerApp, build_app

SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def populated(tracker: Tracker) -> Tracker:
    overdue = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    assert overdue.id is not None
    seed(tracker, "Claro", requested=date(2026, 11, 16), ticket="", number=2, service="Línea prepago 中文 🎉")
    seed(
        tracker,
        "Netflix",
        requested=date(2026, 11, 10),
        playbook="subscription",
        service="Standard plan",
        ticket="NF-1",
        number=3,
    )
    seed(
        tracker,
        "[bold]x[/bold]",
        requested=date(2026, 11, 20),
        playbook="generic",
        service="escape \x1b[31m kept literal",
        number=4,
    )
    tracker.cases.log_contact(
        overdue.id, "Agent promised to cut the line today", next_follow_up=date(2026, 11, 23)
    )
    tracker.cases.set_check(overdue.id, "calls blocked", CheckState.PASSED)
    return tracker


def run_before(*keys: str, theme: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def before(pilot: Pilot[None]) -> None:
        if theme:
            pilot.app.theme = theme
        await settle(pilot)
        # The start-up notice would cover part of every screen; it is tested elsewhere.
        pilot.app.clear_notifications()
        for key in keys:
            await press(pilot, key)
        pilot.app.clear_notifications()
        await pilot.pause()

    return before


# What to press on the populated database before the picture, by name (the name is the
# snapshot's); a theme after "@".
SCREENS: dict[str, tuple[str, ...]] = {
    "cases": (),
    "follow_ups": ("d",),
    "case": ("enter",),
    "new_case": ("a",),
    "help": ("question_mark",),
    "log_contact_dialog": ("f",),
    "verify_dialog": ("v",),
    "confirm_dialog": ("w",),
    "edit": ("e",),
    "add_check_dialog": ("enter", "a"),
    "filter_with_no_match": ("slash", *"zzz"),
    "cases@textual-light": (),
    "case@textual-light": ("enter",),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Callable[..., bool],
    make_app: Callable[[], TrackerApp],
    populated: Tracker,
    screen: str,
    size: tuple[int, int],
) -> None:
    theme = screen.partition("@")[2] or None
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before(*SCREENS[screen], theme=theme))


# The main screens in the other languages, at the size where words run out of room first.
IN_OTHER_LANGUAGES = ["cases", "case", "follow_ups", "new_case", "help"]


@pytest.mark.parametrize("language", ["zh_CN", "es"])
@pytest.mark.parametrize("screen", IN_OTHER_LANGUAGES)
def test_screen_in_language(
    snap_compare: Callable[..., bool],
    ui_db: str,
    ui_config: Path,
    populated: Tracker,
    screen: str,
    language: str,
) -> None:
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language=language
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before(*SCREENS[screen]))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_dialog(
    snap_compare: Callable[..., bool],
    make_app: Callable[[], TrackerApp],
    populated: Tracker,
    size: tuple[int, int],
) -> None:
    async def before(pilot: Pilot[None]) -> None:
        from tracker.ui.screens.import_file import ImportScreen

        await run_before()(pilot)
        pilot.app.push_screen(ImportScreen())
        await settle(pilot)
        pilot.app.screen.query_one("#path", Input).value = "/nonexistent/backup.json"
        await press(pilot, "enter")

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_empty_database(
    snap_compare: Callable[..., bool],
    make_app: Callable[[], TrackerApp],
    tracker: Tracker,
    size: tuple[int, int],
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before())


@pytest.fixture
def past_the_deadline(populated: Tracker) -> Tracker:
    """Movistar's reclamo of 15 October answered infundado on 20 November; a bill not owed."""
    from decimal import Decimal

    from tracker.domain.model import Outcome, StageKind

    tracker = populated
    tracker.escalation.file(1, StageKind.RECLAMO, date(2026, 10, 15), code="REC-77")
    tracker.escalation.answer(1, date(2026, 11, 20), Outcome.INFUNDADO, code="RES-9")
    tracker.escalation.add_charge(
        1, Decimal("79.80"), "PEN", date(2026, 11, 5), period=(date(2026, 11, 1), date(2026, 11, 30))
    )
    return tracker


def test_follow_ups_with_the_users_deadlines(
    snap_compare: Callable[..., bool], make_app: Callable[[], TrackerApp], past_the_deadline: Tracker
) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before("d"))


def test_next_step_dialog(
    snap_compare: Callable[..., bool], make_app: Callable[[], TrackerApp], past_the_deadline: Tracker
) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()
        assert isinstance(pilot.app, TrackerApp)
        pilot.app.open_case(1)  # Movistar, whatever its place in the list
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=before)
