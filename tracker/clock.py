"""The one place that knows what day it is.

``TRACKER_TODAY=YYYY-MM-DD`` in the environment overrides today, to reproduce a
past or future day. Tests pass a :class:`FixedClock`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Protocol

from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """Local today, UTC now; honours ``TRACKER_TODAY``."""

    def __init__(self, override: str | None = None) -> None:
        text = override if override is not None else os.environ.get("TRACKER_TODAY", "")
        self._today: date | None = None
        if text.strip():
            try:
                self._today = parse_date(text, date.today())
            except InvalidInput as exc:
                raise InvalidInput(f"TRACKER_TODAY: {exc}") from None

    def today(self) -> date:
        return self._today or date.today()

    def now(self) -> datetime:
        if self._today is None:
            return datetime.now(UTC)
        local_now = datetime.now().astimezone()
        return datetime.combine(self._today, local_now.timetz()).astimezone(UTC)


@dataclass
class FixedClock:
    """A clock that always says the same day; ``now`` is noon UTC of it unless given."""

    fixed_today: date
    fixed_now: datetime | None = None

    def today(self) -> date:
        return self.fixed_today

    def now(self) -> datetime:
        return self.fixed_now or datetime.combine(self.fixed_today, time(12), tzinfo=UTC)


def local_day(moment: datetime) -> date:
    """The user's calendar day of a stored (UTC) timestamp, in this machine's time zone."""
    return moment.astimezone().date()
