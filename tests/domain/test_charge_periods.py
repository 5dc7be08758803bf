"""A charge's period decides, not the bill's date: dates worked by hand across Peru's holidays.

The baja of Monday 2026-07-20 had to be carried out by Thursday 30 July: 21 (1),
22 (2), 23 holiday (Air Force), 24 (3), 27 (4), 28-29 holidays (Independence), 30 (5).
The request itself is the other reading of the line.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.charges import (
    LineFrom,
    OwedLine,
    Share,
    add_charge,
    charge_share,
    complete_charge,
    not_owed_totals,
    owed_line,
    unknown_period,
)
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.model import Case
from tracker.domain.playbooks import ESIM_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.workflow import CaseDraft, open_case

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
RULES = CaseRules(ESIM_PE, PE, BOOK)
BY_REQUEST = CaseRules(ESIM_PE, PE, BOOK.with_line("request"))
TODAY = date(2026, 9, 1)


def at(day: date) -> datetime:
    return datetime.combine(day, time(15), tzinfo=UTC)


def case_of_20_july() -> Case:
    draft = CaseDraft("Movistar Perú", "eSIM", date(2026, 7, 20), ticket="CP-1", playbook="esim-pe")
    case = open_case(draft, ESIM_PE, PE, at(date(2026, 7, 20)), date(2026, 7, 20), BOOK)
    case.id = 1
    return case


def charge(case: Case, amount: str, on: date, period: tuple[date, date] | None) -> None:
    add_charge(case, Decimal(amount), "PEN", on, at(TODAY), TODAY, period=period)


def test_june_billed_on_25_july_is_owed() -> None:
    # The example: a bill issued after the request, for service before it.
    case = case_of_20_july()
    charge(case, "50.00", date(2026, 7, 25), (date(2026, 6, 1), date(2026, 6, 30)))
    share = charge_share(case, case.charges[0], RULES)
    assert (share.share, share.owed, share.not_owed) == (Share.OWED, Decimal("50.00"), Decimal(0))
    assert not_owed_totals(case, RULES) == {}


def test_the_line_defaults_to_the_day_the_baja_had_to_be_carried_out() -> None:
    case = case_of_20_july()
    assert owed_line(case, RULES) == OwedLine(date(2026, 7, 30), LineFrom.DEADLINE)
    assert owed_line(case, BY_REQUEST).day == date(2026, 7, 20)
    assert owed_line(case, BY_REQUEST).basis is LineFrom.REQUEST


def test_a_period_across_the_line_is_split_by_days() -> None:
    case = case_of_20_july()
    # 15 July to 14 August, 31 days: 15-30 July (16) owed, 31 July-14 August (15) not.
    charge(case, "62.00", date(2026, 7, 25), (date(2026, 7, 15), date(2026, 8, 14)))
    share = charge_share(case, case.charges[0], RULES)
    assert (share.share, share.owed, share.not_owed, share.owed_days, share.not_owed_days) == (
        Share.SPLIT,
        Decimal("32.00"),
        Decimal("30.00"),
        16,
        15,
    )
    # Counted from the request: 15-20 July (6) owed, 21 July-14 August (25) not.
    by_request = charge_share(case, case.charges[0], BY_REQUEST)
    assert (by_request.owed, by_request.not_owed, by_request.owed_days) == (
        Decimal("12.00"),
        Decimal("50.00"),
        6,
    )


def test_service_wholly_after_the_line_is_not_owed() -> None:
    case = case_of_20_july()
    charge(case, "62.00", date(2026, 8, 15), (date(2026, 8, 15), date(2026, 9, 14)))
    assert charge_share(case, case.charges[0], RULES).share is Share.NOT_OWED
    assert not_owed_totals(case, RULES) == {"PEN": Decimal("62.00")}


def test_a_charge_without_a_period_is_period_unknown_never_not_owed() -> None:
    case = case_of_20_july()
    charge(case, "30.00", date(2026, 8, 25), None)
    share = charge_share(case, case.charges[0], RULES)
    assert share.share is Share.UNKNOWN
    assert not_owed_totals(case, RULES) == {}
    assert unknown_period(case, RULES) == [1]
    # Once given its period (July: 31 July alone is after the line), the rules tell.
    complete_charge(case, 1, at(TODAY), period=(date(2026, 7, 1), date(2026, 7, 31)))
    assert unknown_period(case, RULES) == []
    assert charge_share(case, case.charges[0], RULES).not_owed == Decimal("0.97")
    assert case.timeline[-1].params["period_start"] == "2026-07-01"


def test_completing_a_charge_refuses_what_makes_no_sense() -> None:
    case = case_of_20_july()
    charge(case, "30.00", date(2026, 8, 25), None)
    with pytest.raises(NotFound):
        complete_charge(case, 2, at(TODAY), period=(date(2026, 7, 1), date(2026, 7, 31)))
    with pytest.raises(InvalidInput, match="ends before it starts"):
        complete_charge(case, 1, at(TODAY), period=(date(2026, 7, 31), date(2026, 7, 1)))
    with pytest.raises(InvalidInput, match="nothing to change"):
        complete_charge(case, 1, at(TODAY))
