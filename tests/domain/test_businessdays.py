"""Business-day arithmetic: weekends, Peru's holidays, the user's own days off."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.businessdays import BusinessCalendar, known_country

PE = BusinessCalendar("PE")
PLAIN = BusinessCalendar()

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
counts = st.integers(min_value=1, max_value=60)


def oracle_is_business_day(day: date, extra: frozenset[date] = frozenset()) -> bool:
    """Independent of the code under test: straight from the holidays package."""
    return (
        day.weekday() < 5 and day not in extra and day not in holidays.country_holidays("PE", years=day.year)
    )


def business_days_in(start: date, end: date, extra: frozenset[date] = frozenset()) -> list[date]:
    """Working days in (start, end], by the oracle."""
    out = []
    day = start
    while day < end:
        day += timedelta(days=1)
        if oracle_is_business_day(day, extra):
            out.append(day)
    return out


def test_issue_example_skips_the_8_october_holiday() -> None:
    assert not PE.is_business_day(date(2026, 10, 8))  # Battle of Angamos
    assert PE.add(date(2026, 10, 6), 5) == date(2026, 10, 14)


def test_without_a_country_the_holiday_is_a_working_day() -> None:
    assert PLAIN.is_business_day(date(2026, 10, 8))
    assert PLAIN.add(date(2026, 10, 6), 5) == date(2026, 10, 13)


def test_weekend_is_skipped() -> None:
    friday = date(2026, 10, 9)
    assert PLAIN.add(friday, 1) == date(2026, 10, 12)
    assert not PLAIN.is_business_day(date(2026, 10, 10))
    assert not PLAIN.is_business_day(date(2026, 10, 11))


def test_holidays_across_the_new_year() -> None:
    # 2026-12-31 is a Thursday; 1 January 2027 (Friday) is a holiday in Peru.
    assert PE.add(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert PE.add(date(2026, 12, 24), 1) == date(2026, 12, 28)  # Christmas on the Friday


def test_extra_days_off_are_skipped() -> None:
    calendar = BusinessCalendar("PE", [date(2026, 10, 7)])
    assert not calendar.is_business_day(date(2026, 10, 7))
    assert calendar.add(date(2026, 10, 6), 5) == date(2026, 10, 15)


def test_add_zero_is_the_day_itself_even_on_a_weekend() -> None:
    saturday = date(2026, 10, 10)
    assert PE.add(saturday, 0) == saturday


def test_next_business_day() -> None:
    assert PE.next_business_day(date(2026, 10, 8)) == date(2026, 10, 9)
    assert PE.next_business_day(date(2026, 10, 10)) == date(2026, 10, 12)
    assert PE.next_business_day(date(2026, 10, 9)) == date(2026, 10, 9)


def test_between_counts_the_half_open_interval() -> None:
    assert PE.between(date(2026, 10, 6), date(2026, 10, 14)) == 5
    assert PE.between(date(2026, 10, 14), date(2026, 10, 6)) == -5
    assert PE.between(date(2026, 10, 6), date(2026, 10, 6)) == 0


def test_country_code_is_case_insensitive() -> None:
    assert BusinessCalendar("pe").add(date(2026, 10, 6), 5) == date(2026, 10, 14)
    assert known_country("PE") and known_country("pe")
    assert not known_country("XX")


@given(days, counts)
def test_add_lands_on_a_business_day(start: date, n: int) -> None:
    assert oracle_is_business_day(PE.add(start, n))


@given(days, counts)
def test_between_inverts_add(start: date, n: int) -> None:
    assert PE.between(start, PE.add(start, n)) == n


@given(days, counts)
def test_add_skips_exactly_the_weekends_and_holidays(start: date, n: int) -> None:
    end = PE.add(start, n)
    working = business_days_in(start, end)
    assert len(working) == n
    assert working[-1] == end


@given(days, st.integers(0, 40), st.integers(0, 40))
def test_add_is_monotonic(start: date, a: int, b: int) -> None:
    if a < b:
        assert PE.add(start, a) < PE.add(start, b)
    elif a == b:
        assert PE.add(start, a) == PE.add(start, b)


@given(days, counts)
def test_add_backwards(start: date, n: int) -> None:
    back = PE.add(start, -n)
    assert back < start
    assert oracle_is_business_day(back)
    # (back, start] holds the n-1 working days stepped over, plus start if it works.
    assert PE.between(back, start) == n - 1 + int(oracle_is_business_day(start))


@given(days, counts, st.frozensets(days, max_size=30))
def test_user_days_off_are_skipped(start: date, n: int, extra: frozenset[date]) -> None:
    calendar = BusinessCalendar("PE", extra)
    end = calendar.add(start, n)
    assert end not in extra
    assert len(business_days_in(start, end, extra)) == n
    assert calendar.between(start, end) == n


@pytest.mark.parametrize("holiday", sorted(holidays.country_holidays("PE", years=2026)))
def test_every_2026_holiday_is_not_a_business_day(holiday: date) -> None:
    assert not PE.is_business_day(holiday)
