"""Business-day arithmetic: weekends, a country's public holidays, the user's own days off."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache

#: A country's public holidays in a year: ``(country code, year) -> days``.
HolidaySource = Callable[[str, int], frozenset[date]]


@lru_cache(maxsize=64)
def country_holidays(country: str, year: int) -> frozenset[date]:
    """A country's public holidays in a year, from the ``holidays`` package."""
    # Imported here: the holidays package is only needed when a date is computed.
    import holidays

    return frozenset(holidays.country_holidays(country, years=year).keys())


def known_country(country: str) -> bool:
    """Whether the holidays package knows this country code (e.g. "PE")."""
    import holidays

    return country.upper() in holidays.list_supported_countries()


class BusinessCalendar:
    """Which days count as working days, and counting in them."""

    def __init__(
        self,
        country: str | None = None,
        extra_days_off: Iterable[date] = (),
        holidays_of: HolidaySource = country_holidays,
    ) -> None:
        self.country = country.upper() if country else None
        self.extra_days_off = frozenset(extra_days_off)
        self.holidays_of = holidays_of

    def is_business_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in self.extra_days_off:
            return False
        return not (self.country and day in self.holidays_of(self.country, day.year))

    def add(self, start: date, days: int) -> date:
        """The date ``days`` business days after ``start`` (before it when negative).

        ``add(d, 0)`` is ``d`` itself, working day or not.
        """
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        current = start
        while remaining:
            current += timedelta(days=step)
            if self.is_business_day(current):
                remaining -= 1
        return current

    def next_business_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next one."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def between(self, start: date, end: date) -> int:
        """Business days elapsed from ``start`` to ``end``: those in (start, end].

        Negative when ``end`` is before ``start``.
        """
        if end < start:
            return -self.between(end, start)
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_business_day(current):
                count += 1
        return count
