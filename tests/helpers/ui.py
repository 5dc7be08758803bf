"""Driving the TUI in tests: the UI tests' today, cases with fixed UUIDs, waiting for the screen."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot

from tracker.core import Tracker
from tracker.domain import workflow
from tracker.domain.model import Case, Channel
from tracker.domain.workflow import CaseDraft

TODAY = date(2026, 11, 23)


def seed(
    tracker: Tracker,
    provider: str,
    *,
    requested: date,
    playbook: str = "esim-pe",
    ticket: str = "T-1",
    service: str = "eSIM +51 987 654 321",
    number: int = 1,
) -> Case:
    """A case with a fixed UUID, so snapshots do not change from run to run."""
    draft = CaseDraft(
        provider=provider,
        service=service,
        requested_on=requested,
        ticket=ticket,
        playbook=playbook,
        channel=Channel.PHONE,
    )
    playbook_obj = tracker.playbooks.get(playbook)
    case = workflow.open_case(
        draft, playbook_obj, tracker.calendar(playbook_obj), tracker.now(), tracker.today()
    )
    case.uuid = f"00000000-0000-4000-8000-{number:012d}"
    with tracker.store.write() as tx:
        return tx.add(case)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until database workers are done and the screen has repainted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait until what they started is done and painted."""
    await pilot.press(*keys)
    await settle(pilot)
