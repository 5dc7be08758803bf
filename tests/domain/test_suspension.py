"""Issue 18 §3, suspension: the end date is required, the 2 months are a yearly total across
the same line's suspensions, and a reactivation fee disclosed at the request is owed. Dates
worked by hand across Peru's holidays: Thu 23 July (Air Force), Tue 28 and Wed 29 July
(Independence), Tue 8 December (Immaculate Conception), Wed 9 December (Ayacucho)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.charges import add_charge, is_not_owed
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case, Status
from tracker.domain.playbooks import GENERIC, SUSPENSION_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.suspension import line_key, yearly_overruns
from tracker.domain.workflow import CaseDraft, draft_of, edit_case, open_case

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
RULES = CaseRules(SUSPENSION_PE, PE, BOOK)


def at(day: date) -> datetime:
    return datetime.combine(day, time(15), tzinfo=UTC)


def suspension(
    requested: date,
    ends: date | None,
    *,
    effective: date | None = None,
    provider: str = "Claro Perú",
    service: str = "línea 987 654 321",
    number: int = 1,
    fee: Decimal | None = None,
) -> Case:
    draft = CaseDraft(
        provider,
        service,
        requested,
        playbook="suspension-pe",
        effective_on=effective,
        ends_on=ends,
        fee_amount=fee,
    )
    case = open_case(draft, SUSPENSION_PE, PE, at(requested), requested, BOOK)
    case.id = number
    return case


def test_a_suspension_without_its_end_date_is_refused_at_that_field() -> None:
    with pytest.raises(InvalidInput, match="needs its end date") as refused:
        suspension(date(2026, 7, 20), None)
    assert refused.value.field == "ends_on"
    # Anything else with a suspend action but no suspension rules needs no end.
    draft = CaseDraft("Gym", requested_on=date(2026, 7, 20), playbook="generic")
    assert open_case(draft, GENERIC, PE, at(date(2026, 7, 20)), date(2026, 7, 20)).ends_on is None


def test_an_edit_that_empties_the_end_date_is_refused() -> None:
    case = suspension(date(2026, 7, 20), date(2026, 9, 15))
    draft = draft_of(case)
    draft.ends_on = None
    with pytest.raises(InvalidInput, match="needs its end date"):
        edit_case(case, draft, ["ends_on"], SUSPENSION_PE, PE, at(date(2026, 7, 21)), date(2026, 7, 21), BOOK)
    draft.ends_on = date(2026, 9, 20)
    assert edit_case(
        case, draft, ["ends_on"], SUSPENSION_PE, PE, at(date(2026, 7, 21)), date(2026, 7, 21), BOOK
    ) == ["ends_on"]
    assert case.ends_on == date(2026, 9, 20)


def test_the_same_line_is_the_same_provider_and_number_however_written() -> None:
    assert line_key("Claro Perú", "línea 987 654 321") == line_key("CLARO PERU", "+51 987654321")
    assert line_key("Claro", "987 654 321") != line_key("Movistar", "987 654 321")
    assert line_key("Claro", "987 654 321") != line_key("Claro", "912 345 678")
    assert line_key("Entel", "Fibra hogar") == line_key("entel perú", "fibra  HOGAR")


def test_the_two_months_are_a_yearly_total_across_the_lines_suspensions() -> None:
    # The first: asked Mon 20 July, the operator's 5 business days skip 23, 28 and 29 July,
    # so it starts Thu 30 July; the line comes back Tue 15 September: 2 + 31 + 14 = 47 days.
    first = suspension(date(2026, 7, 20), date(2026, 9, 15))
    assert first.promised_by == date(2026, 7, 30)
    # The second, of the same line written another way, asked 7 September to start on
    # 20 September (after the operator's 5 business days, 14 September); back 15 November:
    # 11 + 31 + 14 = 56 days. Two months from 30 July end on 30 September: 62 days,
    # of which 15 were left.
    second = suspension(
        date(2026, 9, 7),
        date(2026, 11, 15),
        effective=date(2026, 9, 20),
        provider="claro peru",
        service="+51 987654321",
        number=2,
    )
    [overrun] = yearly_overruns(second, [first], BOOK, PE)
    assert (overrun.year, overrun.used_before, overrun.asked, overrun.allowed) == (2026, 47, 56, 62)
    assert overrun.remaining == 15
    assert overrun.rule.key == "suspension.year.max" and overrun.rule.norm == "osiptel-138-2012"
    # Another line, a withdrawn suspension, or the case itself do not count.
    other_line = suspension(date(2026, 7, 20), date(2026, 9, 15), service="912 345 678", number=3)
    assert yearly_overruns(second, [other_line, second], BOOK, PE) == []
    first.status = Status.WITHDRAWN
    assert yearly_overruns(second, [first], BOOK, PE) == []


def test_a_suspension_across_new_year_counts_its_days_in_each_year() -> None:
    # Asked Tue 1 December 2026: 2, 3, 4, 7, 10 December (8 Immaculate Conception and 9
    # Ayacucho are holidays): it starts Thu 10 December and the line comes back Sat 30 January
    # 2027 (51 days: 22 in 2026, 29 in 2027). An earlier suspension of 45 days that year
    # (1 October to 15 November) leaves 2026 at 67 days: past the 61 days counted from
    # 1 October (two months, to 1 December); 2027 holds 29 days only.
    autumn = suspension(date(2026, 9, 23), date(2026, 11, 15), effective=date(2026, 10, 1), number=1)
    winter = suspension(date(2026, 12, 1), date(2027, 1, 30), number=2)
    assert winter.promised_by == date(2026, 12, 10)
    [overrun] = yearly_overruns(winter, [autumn], BOOK, PE)
    assert (overrun.year, overrun.used_before, overrun.asked, overrun.allowed) == (2026, 45, 22, 61)
    assert overrun.remaining == 16
    # Alone, neither year is past its allowance.
    assert yearly_overruns(winter, [], BOOK, PE) == []


def test_a_reactivation_fee_disclosed_at_the_request_is_owed() -> None:
    # Suspended from Thu 30 July to 15 September; the operator said bringing the line back
    # costs S/ 10.00, recorded on the case as its fee when the suspension was asked for. The
    # fee is owed without a period; August's plan, billed while suspended, is not.
    case = suspension(date(2026, 7, 20), date(2026, 9, 15), fee=Decimal("10.00"))
    assert case.fee_currency == "PEN"
    fee = add_charge(case, Decimal("10.00"), "PEN", date(2026, 9, 1), at(date(2026, 9, 1)), date(2026, 9, 1))
    august = (date(2026, 8, 1), date(2026, 8, 31))
    plan = add_charge(
        case, Decimal("39.90"), "PEN", date(2026, 9, 1), at(date(2026, 9, 1)), date(2026, 9, 1), period=august
    )
    assert not is_not_owed(case, fee, RULES)
    assert is_not_owed(case, plan, RULES)
    # Without a disclosure, the same charge while suspended is disputed.
    undisclosed = suspension(date(2026, 7, 20), date(2026, 9, 15), number=2)
    charge = add_charge(
        undisclosed,
        Decimal("10.00"),
        "PEN",
        date(2026, 9, 1),
        at(date(2026, 9, 1)),
        date(2026, 9, 1),
        period=august,
    )
    assert is_not_owed(undisclosed, charge, RULES)
