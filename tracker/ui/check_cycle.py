"""Space on a check: its next state, saved at once; a required check asks why before n/a."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.screen import Screen

from tracker.domain.model import Case, Check, CheckState
from tracker.ui.jobs import run_job
from tracker.ui.services import services


def cycle_check(screen: Screen[Any], case_id: int, check: Check, then: Callable[[Case], object]) -> None:
    """Move ``check`` to its next state (pending → passed → failed → n/a → pending).

    A required check is n/a only with a note saying why (the domain refuses it without
    one), so it asks for the note; cancelled, the cycle moves on to pending instead.
    """
    tracker = services(screen).tracker
    state = check.state.cycled()
    if state is not CheckState.NOT_APPLICABLE or not check.required:
        run_job(screen, partial(tracker.cases.set_check, case_id, check.name, state), then)
        return
    from tracker.ui.screens.check_note import NotApplicableNoteScreen

    def noted(note: str | None) -> None:
        if note:
            run_job(screen, partial(tracker.cases.set_check, case_id, check.name, state, note), then)
        else:
            run_job(screen, partial(tracker.cases.set_check, case_id, check.name, CheckState.PENDING), then)

    screen.app.push_screen(NotApplicableNoteScreen(check), noted)
