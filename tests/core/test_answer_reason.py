"""The reason an answer gives (``answer --reason``) is kept, on both backends (schema 0007)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import Outcome, StageKind
from tracker.domain.workflow import CaseDraft


def test_the_answers_reason_is_stored_and_read_back(db_target: str, tmp_path: Path) -> None:
    clock = FixedClock(date(2026, 9, 10))
    tracker = Tracker.open(db_target, clock=clock, config_folder=tmp_path / "config")
    case = tracker.cases.add(CaseDraft(provider="Bitel", playbook="esim-pe", requested_on=date(2026, 6, 1)))
    assert case.id is not None
    tracker.escalation.file(case.id, StageKind.RECLAMO, date(2026, 6, 10))
    tracker.escalation.answer(case.id, date(2026, 9, 10), Outcome.INFUNDADO, reason="tiene deuda pendiente")
    tracker.close()
    again = Tracker.open(db_target, clock=clock, config_folder=tmp_path / "config")
    assert again.get(case.id).stages[0].answer_reason == "tiene deuda pendiente"
    again.close()
