"""What to do next, as each surface says it: the TUI names its keys (``l`` writes the letter,
``c`` records a charge), the command line names the command (``tracker letter 1 queja``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.helpers.ui import TODAY, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.errors import NotAllowed
from tracker.domain.model import CheckState, StageKind
from tracker.ui.app import build_app
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.escalate import EscalateScreen
from tracker.wording.escalation import next_step
from tracker.wording.phrases import words

# The letter's, the charge's, the answer's and the next step's keys, as each language says them.
KEYS = {
    "en": ("letter: key l", "key c", "key r", "(key s)"),
    "zh_CN": ("信函：l键", "c键", "r键", "并用s键记录"),
    "es": ("carta: la tecla l", "la tecla c", "la tecla r", "(la tecla s)"),
}


@pytest.fixture
def queja_due(tracker: Tracker) -> int:
    """A reclamo unanswered past its deadline (a queja is the next step) and a charge without
    its period."""
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    assert case.id is not None
    tracker.escalation.file(case.id, StageKind.RECLAMO, date(2026, 10, 15), code="REC-77")
    tracker.escalation.add_charge(case.id, Decimal("79.80"), "PEN", date(2026, 11, 5))
    return case.id


@pytest.mark.parametrize("language", ["en", "zh_CN", "es"])
async def test_the_tui_names_keys_where_the_command_line_names_commands(
    ui_db: str, ui_config: Path, tracker: Tracker, queja_due: int, language: str
) -> None:
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language=language
    )
    letter, charge, answer, _escalate = KEYS[language]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        shown = str(app.screen.query_one("#escalation").render())
        assert "tracker " not in shown
        assert letter in shown and charge in shown
        # The playbook's steps: the key that files a stage; the notes only the command line shows.
        steps = str(app.screen.query_one("#steps-text").render())
        assert "tracker escalate" not in steps and KEYS[language][3] in steps
        assert "tracker playbooks esim-pe" in steps

        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, EscalateScreen)
        said = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "tracker " not in said
        assert letter in said

        # A refusal the domain says while the TUI runs names the key too.
        refusal = refused_apelacion(tracker, queja_due)
        assert "tracker" not in words(refusal) and answer in words(refusal)
        tracker.cases.set_check(queja_due, "calls blocked", CheckState.FAILED)
        with pytest.raises(NotAllowed) as unverified:
            tracker.cases.verify(queja_due)
        assert "tracker" not in words(unverified.value)
    # Once the TUI is gone, the command line's words are back.
    assert f"tracker answer {queja_due}" in words(refused_apelacion(tracker, queja_due))


def refused_apelacion(tracker: Tracker, case_id: int) -> NotAllowed:
    """An apelación on a reclamo not answered yet: refused, saying how to record the answer."""
    with pytest.raises(NotAllowed) as refused:
        tracker.escalation.file(case_id, StageKind.APELACION, TODAY)
    return refused.value


def test_the_command_line_names_the_command() -> None:
    from tracker.domain.deadlines import NextStep, Step

    assert next_step(NextStep(Step.APELACION, date(2026, 12, 24)), 3) == (
        "file an apelación by 2026-12-24 (letter: tracker letter 3 apelacion)"
    )
