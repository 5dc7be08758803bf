"""Full garbage collections wait for a pause in the typing, and Python's own rule comes back."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tracker.ui.collector import IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector() -> Iterator[tuple[IdleCollector, Clock]]:
    clock = Clock()
    idle = IdleCollector(clock)
    before = gc.get_threshold()
    yield idle, clock
    idle.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def due() -> None:
    """Enough young collections for a full one to be due, as Python counts them."""
    while gc.get_count()[2] < 10:
        gc.collect(1)


def test_python_starts_no_full_collection_while_it_runs(collector: tuple[IdleCollector, Clock]) -> None:
    idle, _ = collector
    young, middle, full = gc.get_threshold()
    idle.start()
    assert gc.get_threshold()[:2] == (young, middle)
    assert gc.get_threshold()[2] > 1_000_000
    assert gc.get_freeze_count() > 0  # what start-up made is out of sight


def test_it_collects_after_a_pause_not_while_keys_come(collector: tuple[IdleCollector, Clock]) -> None:
    idle, clock = collector
    idle.start()
    due()
    idle.input_seen()
    clock.now += 0.2
    assert not idle.tick()  # typing
    clock.now += IdleCollector.QUIET
    assert idle.tick()  # a pause
    assert gc.get_count()[2] == 0
    assert not idle.tick()  # nothing due any more


def test_long_typing_does_not_put_it_off_for_ever(collector: tuple[IdleCollector, Clock]) -> None:
    idle, clock = collector
    idle.start()
    due()
    for _ in range(int(IdleCollector.LONGEST / 0.25)):
        idle.input_seen()
        assert not idle.tick()
        clock.now += 0.25
    idle.input_seen()
    assert idle.tick()
    assert idle.full_collections == 1


def test_nothing_happens_before_start_or_after_stop(collector: tuple[IdleCollector, Clock]) -> None:
    idle, clock = collector
    due()
    clock.now += 60
    assert not idle.tick()
    idle.start()
    idle.stop()
    assert not idle.running
    assert not idle.tick()


def test_two_apps_in_one_process_give_python_its_rule_back_when_the_last_stops(
    collector: tuple[IdleCollector, Clock],
) -> None:
    first, clock = collector
    second = IdleCollector(clock)
    before = gc.get_threshold()
    first.start()
    second.start()
    first.stop()
    assert gc.get_threshold()[2] > 1_000_000  # the second still runs
    assert gc.get_freeze_count() > 0
    second.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
