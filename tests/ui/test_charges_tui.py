"""Charges on the Case screen: what to pay while a billing reclamo is open, and the charge form.

Today is 2026-11-23. The baja of Tuesday 6 October had to be carried out by Wednesday 14
October: 7 (1), 8 holiday (Angamos), 9 (2), 12 (3), 13 (4), 14 (5). The bill of 2 November
(1 November, All Saints, a Sunday) bills 1 to 31 October: 1-14 owed (14 days), 15-31 not
(17 days): of S/ 62.00, S/ 28.00 owed and S/ 34.00 not. A billing reclamo was filed on
Monday 16 November and is unanswered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from tests.helpers.ui import seed, settle
from tracker.core import Tracker
from tracker.domain.model import Case, StageKind, Topic
from tracker.ui.app import TrackerApp
from tracker.ui.screens.case_detail import CaseScreen


def billed(tracker: Tracker) -> Case:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-1")
    assert case.id is not None
    tracker.escalation.add_charge(
        case.id,
        Decimal("62.00"),
        "PEN",
        date(2026, 11, 2),
        period=(date(2026, 10, 1), date(2026, 10, 31)),
        due=date(2026, 11, 27),
    )
    return case


async def test_the_case_screen_says_what_to_pay_while_the_billing_reclamo_is_open(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = billed(tracker)
    assert case.id is not None
    tracker.escalation.file(case.id, StageKind.RECLAMO, date(2026, 11, 16), topic=Topic.BILLING, code="R-9")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        shown = str(app.screen.query_one("#escalation").render())
        assert (
            "While the billing reclamo of 2026-11-16 is open, pay only the part you do not dispute" in shown
        )
        assert "Charge 1: pay S/ 28.00 by 2026-11-27, its due date; leave S/ 34.00 unpaid" in shown
