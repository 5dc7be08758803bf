"""Two writers at once, each on its own connection: who waits for whom, and nothing is lost.

The contract both backends keep: a writer that changes a case waits for another
writer of that case and then sees its work; an import (which plans against every
case) keeps other writers out until it ends; readers never wait.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from tests.helpers.store import NOW, Repo, open_target
from tracker.domain import workflow
from tracker.domain.model import Case, CheckState
from tracker.store.base import Store

TODAY = date(2026, 10, 20)
# Long enough for a writer that does not wait to have finished; short for the suite.
PATIENCE_S = 0.5


@pytest.fixture
def two_stores(db_target: str) -> Iterator[tuple[Store, Store]]:
    first, second = open_target(db_target), open_target(db_target)
    yield first, second
    first.close()
    second.close()


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, threading.Event, list[BaseException]]:
    done = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the test
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, done, errors


def set_check(store: Store, case_id: int, name: str) -> None:
    with store.write() as tx:
        case = tx.get(case_id, lock=True)
        before = copy.deepcopy(case)
        workflow.set_check(case, name, CheckState.PASSED, NOW, TODAY)
        tx.save(case, before)


def test_a_second_writer_of_a_case_waits_and_then_keeps_both_changes(
    two_stores: tuple[Store, Store], make_case: Callable[..., Case]
) -> None:
    first, second = two_stores
    case_id = Repo(first).add(make_case()).id
    assert case_id is not None
    with first.write() as tx:
        case = tx.get(case_id, lock=True)
        before = copy.deepcopy(case)
        workflow.set_check(case, "calls blocked", CheckState.PASSED, NOW, TODAY)
        thread, done, errors = in_thread(lambda: set_check(second, case_id, "balance zero"))
        assert not done.wait(PATIENCE_S), "the second writer did not wait for the first"
        # Readers do not wait: they see the case as last committed.
        assert Repo(second).get(case_id).checks[0].state is CheckState.PENDING
        tx.save(case, before)
    thread.join(30)
    assert done.is_set() and errors == []
    states = {c.name: c.state for c in Repo(first).get(case_id).checks}
    assert states == {"calls blocked": CheckState.PASSED, "balance zero": CheckState.PASSED}


def test_an_import_keeps_other_writers_out_until_it_ends(
    two_stores: tuple[Store, Store], make_case: Callable[..., Case]
) -> None:
    first, second = two_stores
    case_id = Repo(first).add(make_case()).id
    assert case_id is not None
    imported = make_case("imported")
    imported.id = 100
    with first.write() as tx:
        tx.lock_all_cases()
        waiting = [
            in_thread(lambda: set_check(second, case_id, "balance zero")),
            in_thread(lambda: Repo(second).add(make_case("added meanwhile")) and None),
        ]
        for _thread, done, _errors in waiting:
            assert not done.wait(PATIENCE_S), "a writer went ahead during the import"
        assert [c.id for c in Repo(second).iter_all()] == [case_id]  # readers carry on
        tx.add_many([imported], keep_ids=True)
    for thread, done, errors in waiting:
        thread.join(30)
        assert done.is_set() and errors == []
    stored = {c.provider: c.id for c in Repo(first).iter_all()}
    # The case added while the import held the table gets a number after the imported one.
    assert stored["imported"] == 100 and stored["added meanwhile"] == 101


def test_two_imports_at_once_run_one_after_the_other(
    two_stores: tuple[Store, Store], make_case: Callable[..., Case]
) -> None:
    first, second = two_stores
    order: list[str] = []

    def second_import() -> None:
        with second.write() as tx:
            tx.lock_all_cases()
            order.append("second planned")

    with first.write() as tx:
        tx.lock_all_cases()
        thread, done, errors = in_thread(second_import)
        assert not done.wait(PATIENCE_S)
        order.append("first done")
    thread.join(30)
    assert errors == [] and order == ["first done", "second planned"]


def test_case_numbers_past_32_bits_fit_both_backends(database: Store, make_case: Callable[..., Case]) -> None:
    largest, large = make_case("largest"), make_case("large")
    largest.id, large.id = 2**63 - 1, 2**40
    with database.write() as tx:
        tx.add_many([large, largest], keep_ids=True)
    assert [c.provider for c in Repo(database).in_order([2**63 - 1, 2**40])] == ["largest", "large"]
    assert Repo(database).get(str(2**40)).provider == "large"
