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

from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.helpers.ui import seed, settle
from tracker.core import Tracker
from tracker.domain.model import Case, StageKind, Topic
from tracker.ui.app import TrackerApp
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.charge import ChargeScreen
from tracker.ui.widgets.field import Field


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


async def open_charge_form(pilot: Pilot[None], app: TrackerApp) -> ChargeScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, CaseScreen)
    await pilot.press("c")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, ChargeScreen)
    return form


def fill(form: ChargeScreen, **values: str) -> None:
    for name, value in values.items():
        form.query_one(f"#{name}", Input).value = value


async def test_the_charge_form_records_a_bill_with_its_period_receipt_and_due_date(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-1")
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_charge_form(pilot, app)
        assert form.query_one("#currency", Input).value == "PEN"  # the rule book's
        fill(
            form, amount="62.00", on="2026-11-02", period_start="2026-10-01", period_end="2026-10-31",
            receipt="B001-00012345", due="2026-11-27",
        )  # fmt: skip
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        shown = str(app.screen.query_one("#escalation").render())
        assert "S/ 28.00 owed (14 days) + S/ 34.00 not owed (17 days)" in shown
        assert "receipt B001-00012345, due 2026-11-27" in shown
    [charge] = tracker.get(case.id).charges
    assert (charge.amount, charge.receipt, charge.due_on) == (
        Decimal("62.00"),
        "B001-00012345",
        date(2026, 11, 27),
    )


async def test_the_charge_form_completes_a_recorded_charge_and_says_a_refusal_beside_the_field(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-1")
    assert case.id is not None
    tracker.escalation.add_charge(case.id, Decimal("62.00"), "PEN", date(2026, 11, 2))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_charge_form(pilot, app)
        form.query_one("#which", Select).value = "1"
        await settle(pilot)
        assert not form.query_one("#amount", Input).parent.parent.display  # type: ignore[union-attr]
        fill(form, period_start="2026-10-01", period_end="2026-10-31", receipt="B001-9", due="2026-11-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one("#due").query_ancestor(Field).error)
        assert "the due date 2026-11-01 is before the bill's date 2026-11-02" in error
        assert tracker.get(case.id).charges[0].period_start is None  # nothing written
        fill(form, due="2026-11-27")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    [charge] = tracker.get(case.id).charges
    assert (charge.period_start, charge.receipt, charge.due_on) == (
        date(2026, 10, 1),
        "B001-9",
        date(2026, 11, 27),
    )
