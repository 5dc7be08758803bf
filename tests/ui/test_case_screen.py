"""The Case screen: playbook steps, the recheck's checks, request dates, paging, adding a check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Collapsible, Static

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.core import Tracker
from tracker.domain.model import Case, CheckState, Status
from tracker.ui.app import TrackerApp
from tracker.ui.screens.add_check import AddCheckScreen
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.verify import VerifyScreen
from tracker.ui.widgets.checklist import Checklist
from tracker.ui.widgets.field import Field


def text_of(screen: Screen[Any], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_steps_show_while_the_case_is_open(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar", requested=TODAY)
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        steps = app.screen.query_one("#steps", Collapsible)
        assert steps.display and steps.collapsed
        assert "9 steps of esim-pe" in str(steps.title)
        assert "6. Get the reference code" in text_of(app.screen, "#steps-text")
        app.pop_screen()
        tracker.cases.withdraw(case.id)
        app.open_case(case.id)
        await settle(pilot)
        assert not app.screen.query_one("#steps", Collapsible).display


async def test_a_back_dated_request_is_dated_by_its_request_day(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    seed(tracker, "Claro", requested=date(2026, 11, 2))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        timeline = text_of(app.screen, "#timeline")
    # Logged at noon UTC on the 23rd (the fixed clock); the request was made on the 2nd.
    assert "2026-11-02 (logged 2026-11-23 " in timeline


async def test_page_keys_scroll_the_case_from_the_checklist(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar", requested=date(2026, 11, 2))
    assert case.id is not None
    for day in range(6):
        tracker.cases.log_contact(case.id, f"call {day}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        body = app.screen.query_one("#case-body", VerticalScroll)
        assert app.screen.query_one("#checks").has_focus and body.scroll_y == 0
        await press(pilot, "pagedown")
        assert body.scroll_y > 0
        assert app.screen.query_one("#checks", Checklist).highlighted == 0  # the checklist did not move
        await press(pilot, "pageup")
        assert body.scroll_y == 0


async def test_a_check_is_added_from_the_case_screen(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar", requested=TODAY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await press(pilot, "a")
        assert isinstance(app.screen, AddCheckScreen)
        await press(pilot, *"router", "tab", "space", "ctrl+s")
        assert isinstance(app.screen, CaseScreen)
        await settle(pilot)
        assert app.screen.query_one("#checks").option_count == 9
    added = tracker.get(case.id).find_check("router")
    assert added is not None and added.required


async def test_adding_a_check_the_case_has_is_refused_at_the_field(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar", requested=TODAY)
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(case.id)
        await settle(pilot)
        await press(pilot, "a", *"Balance Zero", "ctrl+s")
        assert isinstance(app.screen, AddCheckScreen)
        assert "already" in app.screen.query_one("#name").query_ancestor("Field", Field).error
    assert len(tracker.get(case.id).checks) == 8


def _verified_with_recheck_due(tracker: Tracker) -> Case:
    case = seed(tracker, "Movistar", requested=TODAY - timedelta(days=60))
    assert case.id is not None
    for check in case.checks:
        if check.required:
            tracker.cases.set_check(case.id, check.name, CheckState.PASSED)
    tracker.cases.verify(case.id)
    # The recheck after the next bill has come.
    return tracker.update(case.id, lambda stored: setattr(stored, "next_follow_up", TODAY))[0]


async def test_the_recheck_shows_the_bill_check_and_waits_for_it(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str]
) -> None:
    case = _verified_with_recheck_due(tracker)
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert "check no charge on the next bill" in text_of(app.screen, "#recheck")
        await press(pilot, "v")
        dialog = app.screen
        assert isinstance(dialog, VerifyScreen)
        checks = dialog.query_one("#required", Checklist)
        assert checks.option_count == 1
        assert "no charge on the next bill" in str(checks.get_option_at_index(0).prompt)
        await pilot.press("v")  # refused: the bill has not been checked
        await settle(pilot)
        assert isinstance(app.screen, VerifyScreen)
        assert tracker.get(case.id).next_follow_up == TODAY
        await press(pilot, "space", "v")
        assert isinstance(app.screen, CaseScreen)
    stored = tracker.get(case.id)
    assert stored.status is Status.VERIFIED and stored.next_follow_up is None
    assert stored.find_check("no charge on the next bill").state is CheckState.PASSED
    assert f"Case {case.id}: recheck recorded, the case is closed." in notices


async def test_the_verify_dialog_says_changes_are_saved_and_closes(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str]
) -> None:
    case = seed(tracker, "Movistar", requested=TODAY)
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "v")
        dialog = app.screen
        assert "each change is saved at once" in text_of(dialog, "#intro")
        assert str(dialog.query_one("#close", Button).label) == "Close (esc)"
        await pilot.press("space", "space")  # calls blocked: passed, then failed
        await settle(pilot)
        await press(pilot, "escape")
        assert not isinstance(app.screen, VerifyScreen)
    # What the dialog said: the change stands.
    stored = tracker.get(case.id)
    check = stored.find_check("calls blocked")
    assert check is not None and check.state is CheckState.FAILED
    assert stored.status is Status.FAILED
    assert "calls blocked failed (saved): the case needs a follow-up today." in notices
