"""Queries that serve case lists at any size: ordered ids, row windows, counts.

A list of 100,000 cases is held as an array of ids in urgency order; the rows a
screen shows are read by id when they come into view. The SQL here mirrors the
domain's rules (:func:`tracker.domain.flags.urgency_key` and ``is_closed``); tests
keep the two in step.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func, literal, or_, select

from tracker.domain.model import Status
from tracker.store.database import Database
from tracker.store.loader import CHUNK
from tracker.store.repository import (
    _SUMMARY_COLUMNS,
    FOLLOW_UP_STATUSES,
    OPEN_VALUES,
    CaseSummary,
    _closed_condition,
    _summary,
)
from tracker.store.schema import CaseRow, EntryRow

_FAR = date(9999, 12, 31)


def _pending():  # type: ignore[no-untyped-def]
    return and_(CaseRow.next_follow_up.is_not(None), CaseRow.status.in_(FOLLOW_UP_STATUSES))


def urgency_order(today: date) -> list:  # type: ignore[type-arg]
    """ORDER BY terms equal to sorting by ``urgency_key`` and then id."""
    pending = _pending()
    closed = _closed_condition(today)
    group = case(
        (closed, 5),
        (and_(pending, CaseRow.next_follow_up < today), 0),
        (and_(pending, CaseRow.next_follow_up == today), 1),
        (and_(CaseRow.status == Status.REQUESTED.value, CaseRow.promised_by < today), 2),
        else_=3,
    )
    soonest = case((closed, literal(_FAR)), (pending, CaseRow.next_follow_up), else_=literal(_FAR))
    return [group, soonest, CaseRow.id]


def _matches(text: str):  # type: ignore[no-untyped-def]
    """Case-insensitive substring match over provider, service, ticket and notes."""
    needle = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(
        column.ilike(needle, escape="\\")
        for column in (CaseRow.provider, CaseRow.service, CaseRow.ticket, CaseRow.notes)
    ))


@dataclass(frozen=True)
class ListStats:
    open: int
    overdue: int
    due_today: int
    verified: int
    hidden_closed: int


class CaseListing:
    """Read-only list queries for screens that may hold many thousands of cases."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def ordered_ids(self, today: date, include_closed: bool = False, text: str = "") -> array:  # type: ignore[type-arg]
        """Ids of live cases in urgency order, optionally filtered by text."""
        query = select(CaseRow.id).where(CaseRow.deleted_at.is_(None))
        if not include_closed:
            query = query.where(~_closed_condition(today))
        if text.strip():
            query = query.where(_matches(text.strip()))
        query = query.order_by(*urgency_order(today))
        with self.database.engine.connect() as connection:
            return array("q", connection.execute(query).scalars())

    def due_ids(self, today: date, within_days: int) -> array:  # type: ignore[type-arg]
        """Ids of cases with a follow-up due by today + ``within_days``, most urgent first."""
        horizon = today + timedelta(days=within_days)
        query = (
            select(CaseRow.id)
            .where(
                CaseRow.deleted_at.is_(None),
                CaseRow.next_follow_up.is_not(None),
                CaseRow.next_follow_up <= horizon,
                CaseRow.status.in_(FOLLOW_UP_STATUSES),
            )
            .order_by(*urgency_order(today))
        )
        with self.database.engine.connect() as connection:
            return array("q", connection.execute(query).scalars())

    def summaries(self, ids: Iterable[int]) -> dict[int, CaseSummary]:
        """Summary rows for the given ids (those that still exist)."""
        wanted = list(ids)
        found: dict[int, CaseSummary] = {}
        with self.database.engine.connect() as connection:
            for start in range(0, len(wanted), CHUNK):
                query = select(*_SUMMARY_COLUMNS).where(
                    CaseRow.id.in_(wanted[start:start + CHUNK]))
                found.update((row[0], _summary(row)) for row in connection.execute(query))
        return found

    def last_contacts(self, ids: Iterable[int]) -> dict[int, str]:
        """What the last contact said, for each case that has one."""
        wanted = list(ids)
        found: dict[int, str] = {}
        with self.database.engine.connect() as connection:
            for start in range(0, len(wanted), CHUNK):
                latest = (
                    select(func.max(EntryRow.id))
                    .where(EntryRow.case_id.in_(wanted[start:start + CHUNK]),
                           EntryRow.kind == "contact")
                    .group_by(EntryRow.case_id)
                )
                query = select(EntryRow.case_id, EntryRow.summary).where(EntryRow.id.in_(latest))
                found.update(connection.execute(query).tuples())
        return found

    def stats(self, today: date) -> ListStats:
        """The summary line: open, overdue, due today, verified, closed ones hidden."""
        pending = _pending()
        is_open = CaseRow.status.in_(OPEN_VALUES)
        query = select(
            func.count().filter(is_open),
            func.count().filter(and_(pending, CaseRow.next_follow_up < today)),
            func.count().filter(and_(pending, CaseRow.next_follow_up == today)),
            func.count().filter(CaseRow.status == Status.VERIFIED.value),
            func.count().filter(_closed_condition(today)),
        ).where(CaseRow.deleted_at.is_(None))
        with self.database.engine.connect() as connection:
            row = connection.execute(query).one()
        return ListStats(*row)


class ChangeWatcher:
    """Tells when any connection (another process too) has committed to the database."""

    def __init__(self, database: Database) -> None:
        self._connection: sqlite3.Connection | None = None
        if database.path is not None:
            self._connection = sqlite3.connect(database.path, check_same_thread=False)
        self._version = self._read()

    def _read(self) -> int:
        if self._connection is None:
            return 0
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        version = self._read()
        if version != self._version:
            self._version = version
            return True
        return False

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
