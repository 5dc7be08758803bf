"""Reading dates the way people type them."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.dates import date_help, days_until, parse_date
from tracker.domain.errors import InvalidInput

TODAY = date(2026, 10, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-06", date(2026, 10, 6)),
        ("  2026-10-06 ", date(2026, 10, 6)),
        ("2024-02-29", date(2024, 2, 29)),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", date(2026, 10, 19)),
        ("tomorrow", date(2026, 10, 21)),
        ("+3d", date(2026, 10, 23)),
        ("-2d", date(2026, 10, 18)),
        ("+0d", TODAY),
        ("+1w", date(2026, 10, 27)),
        ("-1w", date(2026, 10, 13)),
        ("+12d", date(2026, 11, 1)),
    ],
)
def test_accepted(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_impossible_day_names_the_month_and_its_length() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date("2026-02-30", TODAY, "requested_on")
    message = str(caught.value)
    assert "2026-02-30" in message
    assert "February" in message and "28 days" in message
    assert caught.value.field == "requested_on"


def test_leap_year_february_has_29_days() -> None:
    with pytest.raises(InvalidInput, match="February 2024 has 29 days"):
        parse_date("2024-02-30", TODAY)
    with pytest.raises(InvalidInput, match="February 2026 has 28 days"):
        parse_date("2026-02-29", TODAY)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2026-13-01", "no month 13"),
        ("2026-00-10", "no month 0"),
        ("0000-01-01", "no year 0"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-01-00", "January 2026 has 31 days"),
    ],
)
def test_impossible_dates(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        parse_date(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "2026/10/06",
        "06-10-2026",
        "2026-1-6",
        "+3x",
        "3d",
        "+d",
        "++3d",
        "next week",
        "2026-10-06T10:00",
    ],
)
def test_garbage_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, TODAY, "when")
    assert date_help() in str(caught.value)
    assert repr(text) in str(caught.value)
    assert caught.value.field == "when"


@pytest.mark.parametrize(
    ("due", "expected"),
    [(None, None), (date(2026, 10, 17), -3), (TODAY, 0), (date(2026, 10, 22), 2), (date(2027, 10, 20), 365)],
)
def test_days_until_counts_calendar_days(due: date | None, expected: int | None) -> None:
    assert days_until(due, TODAY) == expected


def test_days_in_month_agrees_with_the_calendar_module() -> None:
    import calendar

    from tracker.domain.dates import days_in_month

    for year in (1, 4, 100, 400, 1900, 2000, 2024, 2026, 2100, 9999):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)


def test_days_in_month_refuses_a_month_that_does_not_exist() -> None:
    from tracker.domain.dates import days_in_month

    for month in (0, 13, -1):
        with pytest.raises(ValueError):
            days_in_month(2026, month)
