"""Dates, money, follow-up words and holidays as each language writes them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.display import cell_width
from tracker.i18n import LANGUAGES, activate
from tracker.wording.formats import (
    currency_symbol,
    describe_due,
    due_words,
    holiday_name,
    long_date,
    money,
    number,
    short_date,
)

TODAY = date(2026, 10, 20)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "14 October 2026"), ("es", "14 de octubre de 2026"), ("zh_CN", "2026年10月14日")],
)
def test_long_dates(language: str, expected: str) -> None:
    activate(language)
    assert long_date(date(2026, 10, 14)) == expected


@pytest.mark.parametrize(
    ("language", "with_year", "this_year"),
    [
        ("en", "14 Oct 2026", "14 Oct"),
        ("es", "14 oct. 2026", "14 oct."),
        ("zh_CN", "2026年10月14日", "10月14日"),
    ],
)
def test_short_dates_leave_out_this_year(language: str, with_year: str, this_year: str) -> None:
    activate(language)
    assert short_date(date(2026, 10, 14)) == with_year
    assert short_date(date(2026, 10, 14), today=TODAY) == this_year
    assert short_date(date(2027, 1, 5), today=TODAY) != short_date(date(2027, 1, 5), today=date(2027, 1, 1))


@pytest.mark.parametrize(
    ("language", "soles", "dollars", "plain"),
    [
        ("en", "S/ 1,234.50", "US$1,234.50", "29.90"),
        # CLDR writes Peruvian amounts with a decimal point, as Peruvian receipts do.
        ("es", "S/ 1,234.50", "US$ 1,234.50", "29.90"),
        ("zh_CN", "S/ 1,234.50", "US$1,234.50", "29.90"),
    ],
)
def test_money_with_the_symbol_the_reader_knows(language: str, soles: str, dollars: str, plain: str) -> None:
    activate(language)
    assert money(Decimal("1234.5"), "PEN") == soles
    assert money(Decimal("1234.5"), "usd") == dollars
    assert money(Decimal("29.9"), "") == plain
    assert currency_symbol("PEN") == "S/"


def test_money_keeps_each_currency_s_decimals_and_unknown_codes() -> None:
    activate("en")
    assert money(Decimal("1500"), "JPY") == "JP¥1,500"
    assert money(Decimal("3"), "EUR") == "€3.00"
    assert money(Decimal("29.9"), "soles") == "soles 29.90"  # not a code: as typed


def test_spanish_as_in_spain_would_write_a_decimal_comma_peru_does_not() -> None:
    activate("es")
    assert number(Decimal("1234.5")) == "1,234.5"


@pytest.mark.parametrize(
    ("language", "late", "one_late", "today", "soon"),
    [
        ("en", "3d overdue", "1d overdue", "today", "in 2d"),
        ("es", "hace 3 d", "hace 1 d", "hoy", "en 2 d"),
        ("zh_CN", "逾期3天", "逾期1天", "今天", "2天后"),
    ],
)
def test_follow_up_words(language: str, late: str, one_late: str, today: str, soon: str) -> None:
    activate(language)
    assert [due_words(-3), due_words(-1), due_words(0), due_words(2)] == [late, one_late, today, soon]
    assert describe_due(date(2026, 10, 17), TODAY) == late
    assert describe_due(None, TODAY) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_follow_up_words_fit_the_column_the_english_fits(language: str) -> None:
    """The NEXT column is as wide as "99d overdue" (11 cells in the TUI): no language is cut there."""
    activate(language)
    for days in (-99, -9, 0, 9, 99):
        assert cell_width(due_words(days)) <= 11, due_words(days)


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("es", "Día de la Independencia"),
        ("en", "Independence Day"),
        # The holidays package has no Chinese names for Peru: English, not Spanish, for a Chinese reader.
        ("zh_CN", "Independence Day"),
    ],
)
def test_holiday_names_in_the_reader_s_language_where_known(language: str, name: str) -> None:
    activate(language)
    assert holiday_name(date(2026, 7, 28), "PE") == name
    assert holiday_name(date(2026, 7, 27), "pe") is None


def test_chinese_holidays_are_named_in_chinese() -> None:
    activate("zh_CN")
    assert holiday_name(date(2026, 10, 1), "CN") == "国庆节"
