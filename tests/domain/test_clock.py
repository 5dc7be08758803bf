"""tracker.clock: one clock, TRACKER_TODAY overrides today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.clock import FixedClock, SystemClock
from tracker.domain.errors import InvalidInput


def test_tracker_today_overrides_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2031-03-15")
    clock = SystemClock()
    assert clock.today() == date(2031, 3, 15)
    now = clock.now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    # now() is the current local time on the overridden day, expressed in UTC.
    assert abs((now.date() - date(2031, 3, 15)).days) <= 1


def test_relative_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "+3d")
    assert SystemClock().today() == date.today() + timedelta(days=3)


def test_no_override_is_the_real_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_TODAY", raising=False)
    clock = SystemClock()
    assert clock.today() == date.today()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_empty_override_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "  ")
    assert SystemClock().today() == date.today()


@pytest.mark.parametrize(
    ("value", "fragment"), [("2026-02-30", "February 2026 has 28 days"), ("someday", "not a date")]
)
def test_bad_override_is_refused(monkeypatch: pytest.MonkeyPatch, value: str, fragment: str) -> None:
    monkeypatch.setenv("TRACKER_TODAY", value)
    with pytest.raises(InvalidInput) as caught:
        SystemClock()
    assert str(caught.value).startswith("TRACKER_TODAY: ")
    assert fragment in str(caught.value)


def test_explicit_override_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2031-03-15")
    assert SystemClock("2026-10-20").today() == date(2026, 10, 20)


def test_fixed_clock() -> None:
    clock = FixedClock(date(2026, 10, 20))
    assert clock.today() == date(2026, 10, 20)
    assert clock.now() == datetime(2026, 10, 20, 12, tzinfo=UTC)
    exact = datetime(2026, 10, 20, 23, 59, tzinfo=UTC)
    assert FixedClock(date(2026, 10, 20), exact).now() == exact
