"""ctrl+z takes back any change the window made, through the undo log, and never a later
change another writer made over it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from tests.helpers.ui import TODAY, press, seed
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.ui.app import TrackerApp
from tracker.ui.screens.case_form import CaseFormScreen
from tracker.ui.screens.cases import CasesScreen
from tracker.ui.screens.log_contact import LogContactScreen


async def test_ctrl_z_after_logging_a_contact(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str]
) -> None:
    case = seed(tracker, "Movistar Perú", requested=TODAY)
    assert case.id is not None
    before = tracker.get(case.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f")
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        dialog.query_one("#summary", Input).value = "Agent says the line is cut"
        dialog.query_one("#ticket", Input).value = "R-2026-00077"
        await press(pilot, "ctrl+s")
        assert tracker.get(case.id).ticket == "R-2026-00077"
        await press(pilot, "ctrl+z")
        assert isinstance(app.screen, CasesScreen)
    assert tracker.get(case.id) == before
    assert notices[-1] == "Undone: Contact logged: Agent says the line is cut."


async def test_ctrl_z_after_an_edit(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    case = seed(tracker, "Movistar Perú", requested=TODAY)
    assert case.id is not None
    before = tracker.get(case.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        form.query_one("#provider", Input).value = "Claro"
        await press(pilot, "ctrl+s")
        assert tracker.get(case.id).provider == "Claro"
        await press(pilot, "ctrl+z")
    assert tracker.get(case.id) == before


async def test_ctrl_z_refuses_what_another_writer_changed_since(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str], ui_db: str, ui_config: Path
) -> None:
    case = seed(tracker, "Movistar Perú", requested=TODAY)
    assert case.id is not None
    app = make_app()
    other = Tracker.open(ui_db, clock=FixedClock(TODAY), config_folder=ui_config)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, "f")
            app.screen.query_one("#summary", Input).value = "typo"
            app.screen.query_one("#ticket", Input).value = "R-TYPO"
            await press(pilot, "ctrl+s")
            other.cases.log_contact(case.id, "from the command line", ticket="R-2")
            await press(pilot, "ctrl+z")
        assert tracker.get(case.id).ticket == "R-2"
        assert "cannot be undone" in notices[-1] and "from the command line" in notices[-1]
    finally:
        other.close()


async def test_the_undo_history_takes_back_the_change_picked(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str]
) -> None:
    from textual.widgets import OptionList

    from tracker.domain.model import CheckState
    from tracker.ui.screens.undo import UndoScreen

    case = seed(tracker, "Movistar Perú", requested=TODAY)
    assert case.id is not None
    tracker.cases.log_contact(case.id, "first call")
    tracker.cases.set_check(case.id, "calls blocked", CheckState.PASSED)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(UndoScreen())
        await press(pilot)
        options = app.screen.query_one("#changes", OptionList)
        assert options.option_count == 3  # the check, the contact, the seeded case
        await press(pilot, "down", "enter")  # the contact, under the later check
        assert options.option_count == 2
        await press(pilot, "escape")
        assert isinstance(app.screen, CasesScreen)
    stored = tracker.get(case.id)
    assert [e.summary for e in stored.timeline if e.summary] == []
    assert stored.checks[0].state is CheckState.PASSED
    assert notices[-1] == "Undone: Contact logged: first call."
