"""The Peruvian rule book: Peru's holidays, rules picked by date, the UIT, the data's shape."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.playbooks import ESIM_PE, SUSPENSION_PE
from tracker.domain.rules import Unit, add_months, builtin_rulebook, parse_rulebook

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")


def test_peru_holidays_that_need_holidays_0_77() -> None:
    # 23 July (Peruvian Air Force Day) and 7 June (Battle of Arica and Flag Day) came
    # with holidays 0.77. 2026-07-23 is a Thursday; 2027-06-07 a Monday.
    assert not PE.is_business_day(date(2026, 7, 23))
    assert not PE.is_business_day(date(2027, 6, 7))
    # Friday 4 June 2027 + 1 business day: 5-6 weekend, 7 holiday -> Tuesday 8 June.
    assert PE.add(date(2027, 6, 4), 1) == date(2027, 6, 8)
    # Wednesday 22 July 2026 + 1: Thursday 23 is a holiday -> Friday 24.
    assert PE.add(date(2026, 7, 22), 1) == date(2026, 7, 24)


def test_the_baja_before_the_new_norm_is_dated() -> None:
    # Requested Monday 2026-07-20; 5 business days: 21 (1), 22 (2), 23 holiday,
    # 24 (3), 25-26 weekend, 27 (4), 28-29 holidays, 30 (5).
    rule = BOOK.rule("baja", date(2026, 7, 20))
    assert (rule.amount, rule.unit, rule.norm) == (5, Unit.BUSINESS_DAYS, "osiptel-138-2012")
    assert rule.id == "baja@osiptel-138-2012"
    assert ESIM_PE.promised_by(date(2026, 7, 20), PE, BOOK) == date(2026, 7, 30)
    assert [n.id for n in BOOK.pending_norms()] == ["osiptel-132-2025"]


def test_the_request_date_picks_the_rule_once_the_user_dates_the_new_norm() -> None:
    book = BOOK.with_dates({"osiptel-132-2025": date(2026, 7, 20)})
    assert book.pending_norms() == []
    assert book.norm("osiptel-132-2025").date_from_config
    # From that day: 1 business day, Tuesday 21 July.
    assert book.rule("baja", date(2026, 7, 20)).norm == "osiptel-132-2025"
    assert ESIM_PE.promised_by(date(2026, 7, 20), PE, book) == date(2026, 7, 21)
    # The day before, the old norm: 5 business days from Sunday 19 July -> 20, 21, 22, 24, 27.
    assert ESIM_PE.promised_by(date(2026, 7, 19), PE, book) == date(2026, 7, 27)
    # Rules the new norm does not restate come from the older one.
    assert book.rule("reclamo.notify", date(2026, 8, 1)).norm == "osiptel-099-2022"


def test_a_date_for_a_norm_the_book_lacks_is_reported_not_applied() -> None:
    book = BOOK.with_dates({"osiptel-999-2030": date(2030, 1, 1)})
    assert book.unknown_dated == ("osiptel-999-2030",)
    assert book.rule("baja", date(2031, 1, 1)).norm == "osiptel-138-2012"


def test_the_suspension_playbook_follows_its_own_rule() -> None:
    # 5 business days from Monday 2026-07-20, as the baja: Thursday 30 July.
    assert SUSPENSION_PE.promised_by(date(2026, 7, 20), PE, BOOK) == date(2026, 7, 30)
    assert BOOK.rule("suspension.min", date(2026, 7, 20)).unit is Unit.DAYS


def test_the_uit_is_a_yearly_value_and_sets_the_billing_threshold() -> None:
    uit = BOOK.uit_for(2026)
    assert uit is not None and uit.value == Decimal("5500") and "301-2025-EF" in uit.source
    # 0.5% of S/ 5,500 = S/ 27.50; 2025: 0.5% of 5,350 = 26.75.
    assert BOOK.billing_low_max(2026) == Decimal("27.50")
    assert BOOK.billing_low_max(2025) == Decimal("26.75")
    # A year not on record yet takes the latest earlier one (lower, so never too short).
    assert BOOK.billing_low_max(2027) == Decimal("27.50")
    assert BOOK.billing_low_max(2010) is None


def test_every_rule_names_a_norm_with_a_citation() -> None:
    for rule in BOOK.rules:
        norm = BOOK.norm(rule.norm)
        assert norm.citation.startswith("Res. ") and norm.citation.endswith("/OSIPTEL")
        assert norm.source


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2026, 7, 20), 1) == date(2026, 8, 20)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 2) == date(2027, 1, 30)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_a_rule_with_no_norm_in_force_is_not_found() -> None:
    book = parse_rulebook(
        {
            "norms": {"new": {"citation": "Res. 1", "applies_from": "unknown"}},
            "rules": [{"key": "baja", "business_days": 1, "norm": "new"}],
        },
        "test",
    )
    with pytest.raises(NotFound):
        book.rule("baja", date(2026, 7, 20))


@pytest.mark.parametrize(
    "rule, problem",
    [
        ({"key": "baja", "norm": "n"}, "exactly one of"),
        ({"key": "baja", "days": 1, "months": 1, "norm": "n"}, "exactly one of"),
        ({"key": "baja", "days": -1, "norm": "n"}, "whole number"),
        ({"key": "baja", "days": 1, "norm": "other"}, "not in [norms]"),
        ({"key": "baja", "days": 1, "norm": "n", "hours": 2}, "not a rule field"),
    ],
)
def test_malformed_rules_are_refused_by_place(rule: dict[str, object], problem: str) -> None:
    with pytest.raises(InvalidInput, match="rules\\[0\\]") as error:
        parse_rulebook({"norms": {"n": {"citation": "Res. 1"}}, "rules": [rule]}, "test")
    assert problem in str(error.value)
