"""The dossier says only what happened: the channel in plain words, no "said it was done" unsaid."""

from __future__ import annotations

from decimal import Decimal

from tests.helpers.exchange import on
from tracker.core import Tracker
from tracker.domain.model import Channel, CheckState
from tracker.domain.workflow import CaseDraft
from tracker.exchange.dossier import dossier


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_a_request_made_in_a_store_says_so(tracker: Tracker) -> None:
    on(tracker, "2026-11-02")
    case = tracker.cases.add(
        CaseDraft(provider="Claro", channel=Channel.STORE, playbook="esim-pe", fee_amount=Decimal("25"))
    )
    text = dossier(tracker, case)
    assert "- **Request:** to cancel, made on 2 November 2026 in a store" in text
    assert "- **Cancellation fee:** 25 PEN" in text
    assert "(in a store; new → requested" in _section(text, "Timeline")


def test_a_case_verified_without_the_provider_saying_so_is_not_said_to_be_confirmed(
    tracker: Tracker,
) -> None:
    on(tracker, "2026-11-02")
    case = tracker.cases.add(CaseDraft(provider="Bitel", playbook="generic", ticket="B-1"))
    assert case.id is not None
    on(tracker, "2026-11-05")
    tracker.cases.set_check(case.id, "cancellation confirmed", CheckState.PASSED)
    tracker.cases.verify(case.id)
    text = dossier(tracker, tracker.get(case.id))
    assert "said it was done" not in text
    assert _section(text, "Missed deadlines").strip() == (
        "None: it was verified as done on 5 November 2026, within the deadline."
    )


def test_a_late_verification_is_stated_without_putting_words_in_the_providers_mouth(
    tracker: Tracker,
) -> None:
    on(tracker, "2026-11-02")
    case = tracker.cases.add(CaseDraft(provider="Bitel", playbook="generic", ticket="B-1"))
    assert case.id is not None
    on(tracker, "2026-11-20")  # generic: 10 calendar days, deadline 12 November
    tracker.cases.set_check(case.id, "cancellation confirmed", CheckState.PASSED)
    tracker.cases.verify(case.id)
    missed = _section(dossier(tracker, tracker.get(case.id)), "Missed deadlines")
    assert "said it was done" not in missed
    assert (
        "Bitel promised to cancel by 12 November 2026; it was verified as done only on 20 November 2026"
        in missed
    )
