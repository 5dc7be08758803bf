"""Dates written in words, in each language: worked out by hand from Tuesday 2026-10-20."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput
from tracker.i18n import activate

TUESDAY = date(2026, 10, 20)


@pytest.fixture
def speak() -> Iterator[None]:
    yield
    activate("en")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("zh_CN", "后天", date(2026, 10, 22)),
        ("zh_CN", "大后天", date(2026, 10, 23)),
        ("zh_CN", "3天后", date(2026, 10, 23)),
        ("zh_CN", "3 天后", date(2026, 10, 23)),
        ("zh_CN", "+3天", date(2026, 10, 23)),
        ("zh_CN", "下周一", date(2026, 10, 26)),
        ("zh_CN", "下周五", date(2026, 10, 30)),
        ("zh_CN", "下周日", date(2026, 11, 1)),
        ("zh_CN", "周五", date(2026, 10, 23)),
        ("zh_CN", "周二", date(2026, 10, 27)),  # today is Tuesday: the next one
        ("zh_CN", "明天", date(2026, 10, 21)),
        ("es", "pasado mañana", date(2026, 10, 22)),
        ("es", "Pasado Manana", date(2026, 10, 22)),
        ("es", "en 3 días", date(2026, 10, 23)),
        ("es", "en 3 dias", date(2026, 10, 23)),
        ("es", "+3 días", date(2026, 10, 23)),
        ("es", "lunes", date(2026, 10, 26)),
        ("es", "miercoles", date(2026, 10, 21)),
        ("es", "domingo", date(2026, 10, 25)),
        ("es", "martes", date(2026, 10, 27)),
        ("es", "el próximo lunes", date(2026, 10, 26)),
        ("en", "in 3 days", date(2026, 10, 23)),
        ("en", "next monday", date(2026, 10, 26)),
        ("en", "Friday", date(2026, 10, 23)),
        ("en", "tuesday", date(2026, 10, 27)),
        ("en", "friday next week", date(2026, 10, 30)),
        # The English words work in every language.
        ("zh_CN", "in 3 days", date(2026, 10, 23)),
        ("es", "friday", date(2026, 10, 23)),
        ("zh_CN", "next monday", date(2026, 10, 26)),
    ],
)
def test_a_date_in_words(speak: None, language: str, text: str, expected: date) -> None:
    activate(language)
    assert parse_date(text, TUESDAY) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "next friday"), ("es", "el próximo viernes"), ("zh_CN", "下一个周五")],
)
def test_an_ambiguous_phrase_is_refused_with_its_readings(speak: None, language: str, text: str) -> None:
    activate(language)
    with pytest.raises(InvalidInput) as refused:
        parse_date(text, TUESDAY)
    assert "2026-10-23" in str(refused.value) and "2026-10-30" in str(refused.value)


def test_next_friday_is_plain_once_this_weeks_has_passed() -> None:
    saturday = date(2026, 10, 24)
    assert parse_date("next friday", saturday) == date(2026, 10, 30)


def test_a_phrase_of_another_language_is_refused(speak: None) -> None:
    activate("en")
    with pytest.raises(InvalidInput):
        parse_date("后天", TUESDAY)
