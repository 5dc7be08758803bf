"""No escape sequence from any source reaches the terminal from the TUI (issue 8, item 8).

What the app draws is checked whole, through a screenshot of the screen: a
stored playbook name, a note in the edit form, text pasted into a field.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from tests.helpers.ui import TODAY, settle
from tracker.core import Tracker
from tracker.domain import workflow
from tracker.domain.workflow import CaseDraft
from tracker.ui.app import TrackerApp
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.case_form import CaseFormScreen

UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e")


def _drawn_safely(svg: str) -> bool:
    return not any(ch in svg for ch in UNSAFE)


async def test_stored_text_and_typed_text_are_drawn_literally(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    playbook = tracker.playbooks.get("generic")
    draft = CaseDraft(provider="Claro", notes="note \x1b[31mred\x9b \u202eevil", playbook="generic")
    case = workflow.open_case(draft, playbook, tracker.calendar(playbook), tracker.now(), TODAY)
    case.playbook = "generic\x1b]2;PWNED\x07"  # as an import could store it
    with tracker.store.write() as tx:
        tx.add(case)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        shown = app.export_screenshot()
        assert _drawn_safely(shown) and "PWNED" in shown
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        assert _drawn_safely(app.export_screenshot())
        # Pasted into a field: kept as pasted, drawn as visible characters.
        provider = form.query_one("#provider", Input)
        provider.value = "pasted\x1b]2;X\x07"
        await settle(pilot)
        shown = app.export_screenshot()
        assert _drawn_safely(shown) and "␛]2;X" in shown
        assert provider.value == "pasted\x1b]2;X\x07"
