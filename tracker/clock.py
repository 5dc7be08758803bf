"""The one place that knows what day and what time it is, and in which time zone.

One rule for local time: a clock has one zone, and both its ``today`` and every
local date or time shown to a person (``local(moment)``) come from that zone.
Timestamps are stored in UTC; only the clock turns them into local ones, so the
day a contact happened on and today's date always agree.

``SystemClock`` uses the machine's zone (``TZ``); ``TRACKER_TODAY=YYYY-MM-DD`` in
the environment overrides today, to reproduce a past or future day. Tests pass a
:class:`FixedClock`, whose zone is UTC unless given, so they do not depend on the
machine's zone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo
from typing import Protocol

from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.records import record

# A clock's ``local``: an aware moment as local time.
Local = Callable[[datetime], datetime]


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...

    def local(self, moment: datetime) -> datetime:
        """An aware ``moment`` as the clock's local time."""
        ...


class SystemClock:
    """The machine's clock in the machine's zone; honours ``TRACKER_TODAY``."""

    def __init__(self, override: str | None = None) -> None:
        text = override if override is not None else os.environ.get("TRACKER_TODAY", "")
        self._today: date | None = None
        if text.strip():
            try:
                self._today = parse_date(text, self._real_today())
            except InvalidInput as exc:
                raise InvalidInput(_("TRACKER_TODAY: {problem}").format(problem=exc)) from None

    def local(self, moment: datetime) -> datetime:
        # None: the machine's zone, with its daylight-saving rule applied to each
        # moment (a fixed offset taken once would not).
        return _in_zone(moment, None)

    def _real_today(self) -> date:
        return self.local(datetime.now(UTC)).date()

    def today(self) -> date:
        return self._today or self._real_today()

    def now(self) -> datetime:
        real = datetime.now(UTC)
        if self._today is None:
            return real
        # The current local time of day, on the overridden day.
        local_now = self.local(real)
        moment = datetime.combine(self._today, local_now.time(), tzinfo=local_now.tzinfo)
        return moment.astimezone(UTC)


@record
class FixedClock:
    """A clock that always says the same day; ``now`` is noon of it in its zone unless given.

    Its zone is UTC unless given, so tests give the same local dates and times
    whatever the machine's zone.
    """

    fixed_today: date
    fixed_now: datetime | None = None
    zone: tzinfo = UTC

    def today(self) -> date:
        return self.fixed_today

    def now(self) -> datetime:
        if self.fixed_now is not None:
            return self.fixed_now
        return datetime.combine(self.fixed_today, time(12), tzinfo=self.zone).astimezone(UTC)

    def local(self, moment: datetime) -> datetime:
        return _in_zone(moment, self.zone)


def _in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    try:
        return moment.astimezone(zone)
    except OverflowError:
        # A moment at the very edge of the calendar (year 1 or 9999, which only
        # data from before the bounds can hold) has no local time: shown in UTC.
        return moment.astimezone(UTC)
