"""The escalation past the deadline in the TUI: the ladder and the next step on the Case screen,
letters from it, the user's deadlines on Follow-ups, the money not owed on Cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static

from tests.helpers.ui import seed, settle
from tracker.core import Tracker
from tracker.domain.model import Case, Outcome, StageKind
from tracker.ui.app import TrackerApp
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.escalate import EscalateScreen
from tracker.ui.screens.letter import LetterScreen
from tracker.ui.widgets.deadline_panels import NotOwedLine, YourDeadlines
from tracker.ui.widgets.field import Field


@pytest.fixture
def reclamo_case(tracker: Tracker) -> Case:
    """Requested 2026-10-06 (promised 14 October); a reclamo on Thursday 15 October: 20
    business days to 12 November (1 November a Sunday), notified by 19 November; the
    August-style bill of 5 November is not owed. Today is 2026-11-23: a queja is allowed."""
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    assert case.id is not None
    tracker.escalation.file(case.id, StageKind.RECLAMO, date(2026, 10, 15), code="REC-77")
    tracker.escalation.add_charge(
        case.id, Decimal("79.80"), "PEN", date(2026, 11, 5), period=(date(2026, 11, 1), date(2026, 11, 30))
    )
    return case


def record_notices(app: TrackerApp) -> list[str]:
    """What the app tells the user, as it is told."""
    seen: list[str] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(str(message))
        original(message, *args, **kwargs)

    # Recorded on this one app only.
    app.notify = notify  # type: ignore[method-assign]
    return seen


async def test_the_case_screen_shows_the_ladder_and_files_the_next_step(
    make_app: Callable[[], TrackerApp], tracker: Tracker, reclamo_case: Case
) -> None:
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        shown = str(screen.query_one("#escalation").render())
        assert "reclamo (baja not carried out) filed 2026-10-15, código REC-77" in shown
        assert "answer due 2026-11-19" in shown
        assert "Next step: file a queja for silence, allowed since 2026-11-20" in shown
        assert "S/ 79.80" in shown

        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EscalateScreen)
        assert dialog.query_one("#kind", Select).value == "queja"
        # A day too early is refused, saying from when; nothing is written.
        dialog.query_one("#filed_on", Input).value = "2026-11-19"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert any("a queja is allowed from 2026-11-20" in notice for notice in notices)
        assert reclamo_case.id is not None
        assert [s.kind for s in tracker.get(reclamo_case.id).stages] == [StageKind.RECLAMO]
        dialog.query_one("#filed_on", Input).value = "2026-11-20"
        dialog.query_one("#code", Input).value = "Q-1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        stages = tracker.get(reclamo_case.id).stages
        assert [(s.kind, s.code) for s in stages] == [(StageKind.RECLAMO, "REC-77"), (StageKind.QUEJA, "Q-1")]
        assert "queja filed 2026-11-20, código Q-1" in str(app.screen.query_one("#escalation").render())


async def test_a_letter_from_the_case_screen(
    make_app: Callable[[], TrackerApp], tracker: Tracker, reclamo_case: Case, ui_db: str
) -> None:
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LetterScreen)
        await pilot.press("enter")  # the suggested one: the queja, shown before it is written
        await settle(pilot)
        written = Path(ui_db).parent / "exports" / "queja-caso-1.md"
        assert not written.exists()
        await pilot.press("w")
        await settle(pilot)
        assert written.exists() and any(str(written) in notice for notice in notices)
        assert "Queja por silencio administrativo positivo" in written.read_text(encoding="utf-8")


async def test_follow_ups_list_the_users_deadlines_and_cases_the_money_not_owed(
    make_app: Callable[[], TrackerApp], tracker: Tracker, reclamo_case: Case
) -> None:
    assert reclamo_case.id is not None
    tracker.escalation.answer(reclamo_case.id, date(2026, 11, 20), Outcome.INFUNDADO, kind=StageKind.RECLAMO)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(NotOwedLine)
        assert line.display and str(line.render()) == "S/ 79.80 not owed, 1 case"
        await pilot.press("d")
        await settle(pilot)
        panel = app.screen.query_one(YourDeadlines)
        assert panel.display
        text = str(panel.render())
        # From Friday 20 November, 15 business days: 23-27 (5), 30, 1-4 Dec (10), 7 (11),
        # 8 and 9 December holidays, 10, 11, 14, 15 (15).
        assert "case 1 · Movistar Perú: 2026-12-15  you: file an apelación against the answer" in text


async def test_nothing_new_shows_on_cases_without_any_of_it(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    seed(tracker, "Netflix", requested=date(2026, 11, 20), playbook="subscription")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(NotOwedLine).display
        await pilot.press("enter")
        await settle(pilot)
        assert not app.screen.query_one("#escalation").display
        await pilot.press("escape", "d")
        await settle(pilot)
        assert not app.screen.query_one(YourDeadlines).display


async def test_an_answer_is_recorded_from_the_case_screen(
    make_app: Callable[[], TrackerApp], tracker: Tracker, reclamo_case: Case
) -> None:
    from tracker.ui.screens.answer import AnswerScreen

    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "r: record an answer" in str(app.screen.query_one("#escalation-title", Static).render())
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AnswerScreen)
        # Every outcome can be chosen, improcedente and inadmisible among them (a value that
        # is not an option is refused by the Select).
        for value in ("inadmisible", "improcedente"):
            form.query_one("#outcome", Select).value = value
        form.query_one("#outcome", Select).clear()
        # No outcome, and a notification before the filing (15 October): said at the fields.
        form.query_one("#notified_on", Input).value = "2026-10-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "choose the answer's outcome" in form.query_one("#outcome").query_ancestor(Field).error
        form.query_one("#outcome", Select).value = "improcedente"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AnswerScreen)
        assert "before the reclamo was filed" in form.query_one("#notified_on").query_ancestor(Field).error
        # Issued Thursday 12 November (the last day to resolve), notified Friday 20 November
        # (the last day to notify was Thursday 19): the answer came late.
        form.query_one("#notified_on", Input).value = "2026-11-20"
        form.query_one("#issued_on", Input).value = "2026-11-12"
        form.query_one("#code", Input).value = "RES-901"
        form.query_one("#reason", Input).value = "dicen que hay deuda"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AnswerScreen)
    assert "Answer recorded on case 1." in notices
    [stage] = tracker.get(1).stages
    assert (stage.outcome, stage.answered_on, stage.issued_on) == (
        Outcome.IMPROCEDENTE,
        date(2026, 11, 20),
        date(2026, 11, 12),
    )
    assert (stage.answer_code, stage.answer_reason) == ("RES-901", "dicen que hay deuda")
