"""A charge's receipt and due date: recorded with it, or given to a recorded charge later."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.charges import add_charge, complete_charge
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case
from tracker.domain.playbooks import ESIM_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.workflow import CaseDraft, open_case

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
TODAY = date(2026, 9, 1)
NOW = datetime.combine(TODAY, time(15), tzinfo=UTC)


def case_of_20_july() -> Case:
    draft = CaseDraft("Claro Perú", "eSIM", date(2026, 7, 20), ticket="CP-1", playbook="esim-pe")
    case = open_case(draft, ESIM_PE, PE, NOW, date(2026, 7, 20), BOOK)
    case.id = 1
    return case


def test_a_charge_keeps_its_receipt_and_due_date() -> None:
    case = case_of_20_july()
    charge = add_charge(
        case,
        Decimal("79.80"),
        "PEN",
        date(2026, 8, 5),
        NOW,
        TODAY,
        receipt=" B001-00012345 ",
        due=date(2026, 8, 25),
    )
    assert (charge.receipt, charge.due_on) == ("B001-00012345", date(2026, 8, 25))
    assert case.timeline[-1].params["receipt"] == "B001-00012345"
    assert case.timeline[-1].params["due_on"] == "2026-08-25"


def test_a_due_date_before_the_bill_is_refused() -> None:
    case = case_of_20_july()
    with pytest.raises(InvalidInput, match="before the bill's date 2026-08-05") as refused:
        add_charge(case, Decimal("10"), "PEN", date(2026, 8, 5), NOW, TODAY, due=date(2026, 8, 4))
    assert refused.value.field == "due" and case.charges == []


def test_a_recorded_charge_gets_its_receipt_and_due_date_later() -> None:
    case = case_of_20_july()
    add_charge(case, Decimal("79.80"), "PEN", date(2026, 8, 5), NOW, TODAY)
    complete_charge(case, 1, NOW, receipt="B001-77")
    complete_charge(case, 1, NOW, due=date(2026, 8, 25))
    charge = case.charges[0]
    # What is not given is left as it was: the due date did not clear the receipt.
    assert (charge.receipt, charge.due_on, charge.period_start) == ("B001-77", date(2026, 8, 25), None)
    assert case.timeline[-1].params == {"amount": "79.80", "currency": "PEN", "due_on": "2026-08-25"}
    with pytest.raises(InvalidInput, match="before the bill's date"):
        complete_charge(case, 1, NOW, due=date(2026, 8, 1))
    with pytest.raises(InvalidInput, match="nothing to change"):
        complete_charge(case, 1, NOW, receipt="  ")
