"""Undo through the one door: any action taken back, several levels, and never another
writer's later work clobbered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.errors import NotAllowed
from tracker.domain.model import Case, CheckState, Outcome, StageKind, Topic
from tracker.domain.workflow import CaseDraft, changed_fields, draft_of

TODAY = date(2026, 10, 20)


@pytest.fixture
def trackers(tmp_path: Path, db_target: str) -> tuple[Tracker, Tracker]:
    clock = FixedClock(TODAY)
    return (
        Tracker.open(db_target, clock=clock, config_folder=tmp_path),
        Tracker.open(db_target, clock=clock, config_folder=tmp_path),
    )


def test_every_kind_of_action_is_undone_in_turn(trackers: tuple[Tracker, Tracker], tmp_path: Path) -> None:
    tracker, _other = trackers
    added = tracker.cases.add(
        CaseDraft(provider="Claro Perú", ticket="CP-1", playbook="esim-pe", requested_on=date(2026, 10, 1))
    )
    assert added.id is not None
    ref = added.id
    first = tracker.get(ref)
    bill = tmp_path / "bill.txt"
    bill.write_text("S/ 50.00")
    steps: list[Callable[[], object]] = [
        lambda: tracker.cases.log_contact(ref, "they said tomorrow", ticket="CP-2"),
        lambda: tracker.cases.set_check(ref, "calls blocked", CheckState.FAILED),
        lambda: tracker.escalation.file(
            ref, StageKind.RECLAMO, date(2026, 10, 15), code="R-1", topic=Topic.BAJA
        ),
        lambda: tracker.escalation.answer(ref, date(2026, 10, 19), Outcome.INFUNDADO),
        lambda: tracker.escalation.add_charge(ref, Decimal("50.00"), "PEN", date(2026, 10, 1)),
        lambda: tracker.evidence.attach(ref, bill, "the bill"),
        lambda: tracker.cases.edit(
            ref,
            CaseDraft(**{**vars(draft_of(tracker.get(ref))), "provider": "Claro"}),
            ["provider"],
        ),
        lambda: tracker.cases.withdraw(ref, "moved abroad"),
        lambda: tracker.cases.delete(ref),
    ]
    states: list[Case] = []
    for step in steps:
        states.append(tracker.get(ref, include_deleted=True))
        step()
    for expected in reversed(states):
        tracker.history.undo(ref)
        assert tracker.get(ref, include_deleted=True) == expected
    assert tracker.get(ref) == first
    assert [c.undone_by is not None for c in tracker.history.changes(ref, everything=True, limit=50)].count(
        True
    ) == len(steps)


def test_ctrl_z_undoes_the_windows_own_change_not_a_later_one_elsewhere(
    trackers: tuple[Tracker, Tracker],
) -> None:
    window, other = trackers
    one = window.cases.add(CaseDraft(provider="Claro"))
    two = other.cases.add(CaseDraft(provider="Entel"))
    assert one.id is not None and two.id is not None
    window.cases.log_contact(one.id, "called")
    other.cases.log_contact(two.id, "called too")
    undone, _undo = window.history.undo(own=True)
    assert undone.case_id == one.id
    assert [e.summary for e in window.get(two.id).timeline if e.summary] == ["called too"]


def edit_ticket(tracker: Tracker, case_id: int, ticket: str) -> None:
    initial = draft_of(tracker.get(case_id))
    typed = CaseDraft(**{**vars(initial), "ticket": ticket})
    tracker.cases.edit(case_id, typed, changed_fields(typed, initial))


def test_a_concurrent_writers_later_change_is_never_clobbered(trackers: tuple[Tracker, Tracker]) -> None:
    window, other = trackers
    case = window.cases.add(CaseDraft(provider="Movistar", ticket="T-OLD", playbook="esim-pe"))
    assert case.id is not None
    edit_ticket(window, case.id, "T-TYPO")
    other.cases.log_contact(case.id, "new ticket given", ticket="T-NEW")  # the same field, after
    later = other.history.changes(case.id, limit=1)[0]
    with pytest.raises(NotAllowed, match=f"change {later.id} "):
        window.history.undo(own=True)
    assert window.get(case.id).ticket == "T-NEW"
    other.history.undo(own=True)
    window.history.undo(own=True)
    assert window.get(case.id).ticket == "T-OLD"


def test_a_later_change_to_other_fields_does_not_stand_in_the_way(trackers: tuple[Tracker, Tracker]) -> None:
    window, other = trackers
    case = window.cases.add(CaseDraft(provider="Movistar", ticket="T-OLD", playbook="esim-pe"))
    assert case.id is not None
    edit_ticket(window, case.id, "T-TYPO")
    other.cases.set_check(case.id, "calls blocked", CheckState.PASSED)
    window.history.undo(own=True)
    kept = window.get(case.id)
    assert kept.ticket == "T-OLD"
    assert kept.checks[0].state is CheckState.PASSED
    assert [e.event for e in kept.timeline][-1] == "check.result"
