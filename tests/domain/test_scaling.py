"""Work follows what a command uses (issue 8, item 12): a huge user playbook costs
nothing until it is used, and business days over years are counted by the week."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.limits import FIRST_DAY, LAST_DAY
from tracker.domain.playbooks import PlaybookRegistry, parse_playbook


def _walked(calendar: BusinessCalendar, start: date, end: date) -> int:
    """Business days in (start, end], one day at a time: the definition."""
    sign, (low, high) = (1, (start, end)) if start <= end else (-1, (end, start))
    days = (low + timedelta(days=n) for n in range(1, (high - low).days + 1))
    return sign * sum(1 for day in days if calendar.is_business_day(day))


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
days_off = st.lists(days, max_size=6)


@given(days, days, days_off, st.sampled_from([None, "PE", "US"]))
def test_between_counts_what_a_day_by_day_walk_counts(
    start: date, end: date, extra: list[date], country: str | None
) -> None:
    calendar = BusinessCalendar(country, extra)
    assert calendar.between(start, end) == _walked(calendar, start, end)


def test_between_over_a_century_does_not_walk_the_days(monkeypatch: pytest.MonkeyPatch) -> None:
    calendar = BusinessCalendar("PE", [date(2026, 12, 24)])
    asked: list[date] = []
    walk = BusinessCalendar.is_business_day

    def counted(self: BusinessCalendar, day: date) -> bool:
        asked.append(day)
        return walk(self, day)

    monkeypatch.setattr(BusinessCalendar, "is_business_day", counted)
    assert calendar.between(FIRST_DAY, LAST_DAY) > 27000
    assert len(asked) < 100


def test_ten_thousand_checks_read_in_one_pass(tmp_path: Path) -> None:
    data = {"title": "Huge", "checks": [{"name": f"check {i}"} for i in range(10_000)]}
    started = time.perf_counter()
    playbook = parse_playbook(data, tmp_path / "huge.toml")
    assert len(playbook.checks) == 10_000
    assert time.perf_counter() - started < 1.0  # it took 6.5 s when duplicates were sought pairwise


def test_user_playbooks_are_read_on_first_use(tmp_path: Path) -> None:
    folder = tmp_path / "playbooks"
    folder.mkdir()
    broken = folder / "gym.toml"
    broken.write_text("title = [", encoding="utf-8")
    registry = PlaybookRegistry.load(folder)
    broken.write_text('title = "Gym"\n', encoding="utf-8")  # fixed before anything asked
    assert registry.get("gym").title == "Gym"
    assert registry.problems == {}
