"""Driving the store in tests: opening one at a fixed now, whole cases in and out, the list queries."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tracker.domain import workflow
from tracker.domain.model import Case
from tracker.domain.summary import CaseSummary
from tracker.store import open_store, resolve
from tracker.store.base import Store
from tracker.store.sqlite import check_file

NOW = datetime(2026, 10, 20, 12, 0, 0, 123456, tzinfo=UTC)


def open_sqlite_store(path: Path, **options: Any) -> Store:
    return open_store(resolve(str(path)), now=NOW, **options).store


def open_target(target: str, **options: Any) -> Store:
    return open_store(resolve(target), now=NOW, **options).store


class Repo:
    """Whole cases in and out, one transaction per call."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, case: Case) -> Case:
        with self.store.write() as tx:
            return tx.add(case)

    def add_many(self, cases: Iterable[Case], batch: int = 2000) -> int:
        with self.store.write() as tx:
            return tx.add_many(cases, batch=batch)

    def get(self, ref: str | int, include_deleted: bool = False) -> Case:
        with self.store.read() as tx:
            return tx.get(ref, include_deleted=include_deleted)

    def save(self, case: Case) -> Case:
        """Write a changed case over the stored one (as loaded now)."""
        with self.store.write() as tx:
            before = tx.get(case.id, include_deleted=True, lock=True) if case.id is not None else case
            return tx.save(case, before)

    def delete(self, ref: str | int, now: datetime) -> Case:
        with self.store.write() as tx:
            case = tx.get(ref, lock=True)
            before = copy.deepcopy(case)
            workflow.trash(case, now)
            return tx.save(case, before)

    def restore(self, ref: str | int) -> Case:
        with self.store.write() as tx:
            case = tx.get(ref, include_deleted=True, lock=True)
            before = copy.deepcopy(case)
            workflow.restore(case, NOW)
            return tx.save(case, before)

    def replace(self, case: Case) -> None:
        with self.store.write() as tx:
            tx.replace(case)

    def ids_with_charges(self) -> list[int]:
        with self.store.read() as tx:
            return tx.ids_with_charges()

    def purge(self, ref: str | int) -> None:
        with self.store.write() as tx:
            tx.purge(tx.find_id(ref, include_deleted=True))

    def count(self, table: str) -> int:
        with self.store.read() as tx:
            return int(tx.rows(f"SELECT count(*) FROM {table}")[0][0])

    def summaries(self, today: date, include_closed: bool = False) -> list[CaseSummary]:
        """Summary rows of the live cases, as the TUI's list reads them."""
        with self.store.read() as tx:
            return list(tx.summaries(tx.ordered_ids(today, include_closed)).values())

    def in_order(self, ids: Sequence[int], timeline: bool = False) -> list[Case]:
        with self.store.read() as tx:
            return tx.load(ids, timeline=timeline)

    def iter_all(self, include_deleted: bool = True, batch: int = 500) -> list[Case]:
        with self.store.read() as tx:
            return list(tx.iter_all(include_deleted=include_deleted, batch=batch))

    def trash(self) -> list[Case]:
        with self.store.read() as tx:
            return tx.trash()

    def live(self, today: date, include_closed: bool = False) -> list[Case]:
        with self.store.read() as tx:
            return tx.load(tx.ordered_ids(today, include_closed))

    def due(self, on_or_before: date) -> list[Case]:
        with self.store.read() as tx:
            return tx.load(tx.due_ids(on_or_before, 0))


class Listing:
    """The list queries, each in a read transaction of its own."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with self.store.read() as tx:
                return getattr(tx, name)(*args, **kwargs)

        return call

    def data_version(self) -> object:
        return self.store.change_token()


def problems(store: Store) -> list[str]:
    """What ``tracker db check`` would report for the store's file."""
    assert store.path is not None
    return check_file(store.path)[0]


CaseFactory = Callable[..., Case]
