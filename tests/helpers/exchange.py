"""Helpers for the exchange tests: a tracker on a real file, a story told day by day."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import Case, Channel, CheckState
from tracker.domain.workflow import CaseDraft

STORY_TODAY = date(2026, 11, 20)


@dataclass
class Ran:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Ran]


def open_tracker(path: Path, day: date = STORY_TODAY) -> Tracker:
    return Tracker.open(str(path), clock=FixedClock(day), config_folder=path.parent / "config")


def on(tracker: Tracker, day: str) -> Tracker:
    """Move the tracker's clock to ``day`` (noon UTC), for writing a story day by day."""
    assert isinstance(tracker.clock, FixedClock)
    tracker.clock.fixed_today = date.fromisoformat(day)
    return tracker


def add_story(tracker: Tracker) -> dict[str, Case]:
    """A few cases that tell stories, written through the tracker's own actions.

    - ``movistar``: requested 2026-10-06 (promised 14 October, after Peru's 8 October
      holiday), the provider says done on 20 October, a check fails on 21 October,
      called again: still not done on 20 November.
    - ``china``: a subscription with Chinese text, no ticket, never answered.
    - ``gym``: confirmed and verified in time: a closed case.
    - ``trashed``: a case moved to the trash.
    """
    on(tracker, "2026-10-06")
    movistar = tracker.cases.add(
        CaseDraft(
            provider="Movistar Perú",
            service="eSIM línea +51 987 654 321",
            ticket="R-2026-00042",
            playbook="esim-pe",
            notes="Titular: Ana Pérez, DNI 45678912.\nCuenta 0011-0123-4567890123",
        )
    )
    assert movistar.id is not None
    movistar_id = movistar.id
    on(tracker, "2026-10-20")
    tracker.cases.log_contact(
        movistar_id,
        "Agente dice que la línea ya está cortada",
        ticket="R-2026-00077",
        agent="Carlos (ext. 55123)",
        confirmed=True,
    )
    on(tracker, "2026-10-21")
    tracker.cases.set_check(
        movistar_id, "calls blocked", CheckState.FAILED, note="la llamada al +51 987 654 321 entra todavía"
    )
    tracker.cases.set_check(movistar_id, "balance zero", CheckState.PASSED)
    on(tracker, "2026-11-20")
    movistar = tracker.cases.log_contact(
        movistar_id, "Llamé otra vez; dicen 48 horas más", channel=Channel.PHONE
    )

    on(tracker, "2026-11-02")
    china = tracker.cases.add(
        CaseDraft(
            provider="中国移动",
            service="月套餐 138 0013 8000",
            playbook="subscription",
            channel=Channel.WEB,
            notes="客服说已经取消，但是还在扣费。",
        )
    )

    on(tracker, "2026-09-01")
    gym = tracker.cases.add(
        CaseDraft(provider="Smart Fit", service="Membresía mensual", ticket="SF-991", playbook="generic")
    )
    assert gym.id is not None
    on(tracker, "2026-09-03")
    tracker.cases.log_contact(gym.id, "Told it is cancelled", confirmed=True)
    tracker.cases.set_check(gym.id, "cancellation confirmed", CheckState.PASSED)
    gym = tracker.cases.verify(gym.id)

    on(tracker, "2026-11-10")
    trashed = tracker.cases.add(
        CaseDraft(provider="Netflix", service="Plan estándar", playbook="subscription")
    )
    assert trashed.id is not None
    tracker.cases.delete(trashed.id)
    trashed = tracker.get(trashed.id, include_deleted=True)
    on(tracker, "2026-11-20")
    return {"movistar": tracker.get(movistar_id), "china": china, "gym": gym, "trashed": trashed}


def billed_case(tracker: Tracker) -> Case:
    """A Claro baja of 2026-07-20 billed on 5 August (receipt B001-00012345, due 25 August)
    and again on 6 August (no receipt, no due date, no period), as on 2026-08-20."""
    from decimal import Decimal

    on(tracker, "2026-07-20")
    case = tracker.cases.add(CaseDraft("Claro Perú", "eSIM", ticket="CP-1", playbook="esim-pe"))
    assert case.id is not None
    on(tracker, "2026-08-20")
    tracker.escalation.add_charge(
        case.id,
        Decimal("79.80"),
        "PEN",
        date(2026, 8, 5),
        period=(date(2026, 8, 1), date(2026, 8, 31)),
        note="boleta",
        receipt="B001-00012345",
        due=date(2026, 8, 25),
    )
    return tracker.escalation.add_charge(case.id, Decimal("5"), "PEN", date(2026, 8, 6))
