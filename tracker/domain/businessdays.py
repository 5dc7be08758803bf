"""Business-day arithmetic: weekends, a country's public holidays, the user's own days off."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache

#: A country's public holidays in a year: ``(country code, year) -> days``.
HolidaySource = Callable[[str, int], frozenset[date]]


# Enough for every year in the tracker's date range, for a few countries.
@lru_cache(maxsize=1024)
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

        Negative when ``end`` is before ``start``. Its cost follows the number of
        weeks and of days off in between, not a walk over every day.
        """
        if end < start:
            return -self.between(end, start)
        weeks, extra = divmod((end - start).days, 7)
        # Every whole week holds five weekdays; the remaining days are counted one by one.
        count = weeks * 5
        for offset in range(1, extra + 1):
            if (start + timedelta(days=weeks * 7 + offset)).weekday() < 5:
                count += 1
        return count - sum(1 for day in self._days_off(start, end) if start < day <= end)

    def elapsed(self, start: date, end: date) -> int:
        """Business days elapsed since ``start`` by ``end``: never fewer than none.

        A date before ``start`` counts as no time elapsed: a case entered where the
        date is already tomorrow (UTC+14) and read where it is still today (UTC-11)
        has a request date after the reader's today, and no count may go negative."""
        return self.between(start, end) if end > start else 0

    def _days_off(self, start: date, end: date) -> set[date]:
        """Weekdays between ``start`` and ``end`` (the years they span) that are not worked."""
        days = {day for day in self.extra_days_off if start.year <= day.year <= end.year}
        if self.country:
            for year in range(start.year, end.year + 1):
                days.update(self.holidays_of(self.country, year))
        return {day for day in days if day.weekday() < 5}
