"""Queries that serve case lists at any size: ordered ids, row windows, counts.

Plain ``sqlite3``, not SQLAlchemy: these reads are what the TUI's first screen
and ``tracker due`` wait for, and importing SQLAlchemy alone costs more than
they do. A list of 100,000 cases is held as an array of ids in urgency order;
the rows a screen shows are read by id when they come into view. The SQL here
mirrors the domain's rules (:func:`tracker.domain.flags.urgency_key` and
``is_closed``); tests keep the two in step.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from tracker.domain.flags import FlagFacts
from tracker.domain.model import OPEN_STATUSES, Status
from tracker.domain.search import SearchIndex, filter_ids, search_text

# SQLite allows 32,766 bound parameters; stay well below.
CHUNK = 900

_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
_FOLLOW_UP = ", ".join(f"'{s.value}'" for s in sorted({*OPEN_STATUSES, Status.VERIFIED}))

# The SQL twins of tracker.domain.flags; :t is today as YYYY-MM-DD.
CLOSED = "(status = 'withdrawn' OR (status = 'verified' AND (next_follow_up IS NULL OR next_follow_up > :t)))"
PENDING = f"(next_follow_up IS NOT NULL AND status IN ({_FOLLOW_UP}))"
URGENCY_ORDER = f"""
    CASE WHEN {CLOSED} THEN 5
         WHEN {PENDING} AND next_follow_up < :t THEN 0
         WHEN {PENDING} AND next_follow_up = :t THEN 1
         WHEN status = 'requested' AND promised_by < :t THEN 2
         ELSE 3 END,
    CASE WHEN {CLOSED} THEN '9999-12-31' WHEN {PENDING} THEN next_follow_up
         ELSE '9999-12-31' END,
    id"""
# Groups 0 and 1 (overdue, due today) in order: pending cases by (next_follow_up, id).
# The partial index ix_cases_due serves this, so the top of the list costs nothing.
# likely(): without it SQLite (no ANALYZE stats) picks ix_cases_deleted_at, reads every
# live case and sorts them; the partial index still matches the wrapped term.
DUE_BY = (
    f"likely(deleted_at IS NULL) AND next_follow_up IS NOT NULL AND next_follow_up <= :due "
    f"AND status IN ({_FOLLOW_UP})"
)


class CaseSummary(NamedTuple):
    """One line of a case list: what a table row needs, without checks or timeline.

    A named tuple rather than a dataclass: lists build thousands of them.
    """

    id: int
    uuid: str
    provider: str
    service: str
    status: Status
    requested_on: date
    ticket: str
    promised_by: date
    next_follow_up: date | None
    notes: str
    checks_total: int
    checks_passed: int
    checks_failed: int

    @property
    def facts(self) -> FlagFacts:
        return FlagFacts(
            self.status, self.next_follow_up, self.promised_by, self.ticket, self.checks_failed > 0
        )

    @property
    def progress(self) -> str:
        return f"{self.checks_passed}/{self.checks_total}"


_SUMMARY = (
    "id, uuid, provider, service, status, requested_on, ticket, promised_by, "
    "next_follow_up, notes, checks_total, checks_passed, checks_failed"
)


_STATUS = {status.value: status for status in Status}


def _summary(row: tuple) -> CaseSummary:  # type: ignore[type-arg]
    (
        case_id,
        uuid,
        provider,
        service,
        status,
        requested_on,
        ticket,
        promised_by,
        next_follow_up,
        notes,
        total,
        passed,
        failed,
    ) = row
    return CaseSummary(
        case_id,
        uuid,
        provider,
        service,
        _STATUS[status],
        date.fromisoformat(requested_on),
        ticket,
        date.fromisoformat(promised_by),
        date.fromisoformat(next_follow_up) if next_follow_up else None,
        notes,
        total,
        passed,
        failed,
    )


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


@dataclass(frozen=True)
class ListStats:
    open: int
    overdue: int
    due_today: int
    verified: int
    hidden_closed: int


class CaseListing:
    """Read-only list queries for screens and commands that may face many thousands of cases.

    One connection, shared by worker threads one query at a time.
    """

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(path, check_same_thread=False, timeout=10)
        # Read the file through the OS's page cache instead of copying it page by
        # page: a fresh process answers a large list sooner.
        self._connection.execute("PRAGMA mmap_size=268435456")
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def _rows(self, sql: str, params: dict[str, object] | Sequence[object]) -> list[tuple]:  # type: ignore[type-arg]
        with self._lock:
            return self._connection.execute(sql, params).fetchall()

    def _ids(self, sql: str, params: dict[str, object]) -> array:  # type: ignore[type-arg]
        with self._lock:
            return array("q", (row[0] for row in self._connection.execute(sql, params)))

    def ordered_ids(
        self, today: date, include_closed: bool = False, text: str = "", limit: int | None = None
    ) -> array:  # type: ignore[type-arg]
        """Ids of live cases in urgency order, optionally filtered by text."""
        where = ["deleted_at IS NULL"]
        params: dict[str, object] = {"t": today.isoformat()}
        if not include_closed:
            where.append(f"NOT {CLOSED}")
        sql = f"SELECT id FROM cases WHERE {' AND '.join(where)} ORDER BY {URGENCY_ORDER}"
        if limit is not None and not text.strip():
            sql += f" LIMIT {int(limit)}"
        ids = self._ids(sql, params)
        if text.strip():
            ids = filter_ids(ids, self.search_index(), text)
            if limit is not None:
                ids = ids[:limit]
        return ids

    def search_index(self) -> SearchIndex:
        """What the filter looks in, for every live case (see :mod:`tracker.domain.search`)."""
        with self._lock:
            # Every ticket the case has had: the current one, and those its timeline recorded.
            rows = self._connection.execute(
                "SELECT c.id, c.provider, c.service, c.ticket, c.notes, "
                "(SELECT group_concat(t.ticket, char(10)) FROM timeline t "
                "WHERE t.case_id = c.id AND t.ticket != '' AND t.ticket != c.ticket) "
                "FROM cases c WHERE c.deleted_at IS NULL"
            )
            return SearchIndex(
                (row[0], search_text(row[1], row[2], row[3], row[4], row[5] or "")) for row in rows
            )

    def first_ids(self, today: date, count: int) -> array | None:  # type: ignore[type-arg]
        """The ``count`` most urgent live cases, from the index alone when enough are due.

        None when fewer than ``count`` cases are overdue or due today: then only the
        full ordering can say what comes next.
        """
        ids = self._ids(
            f"SELECT id FROM cases WHERE {DUE_BY} ORDER BY next_follow_up, id LIMIT {int(count)}",
            {"due": today.isoformat()},
        )
        return ids if len(ids) == count else None

    def due_ids(self, today: date, within_days: int) -> array:  # type: ignore[type-arg]
        """Ids of cases with a follow-up due by today + ``within_days``, most urgent first."""
        horizon = (today + timedelta(days=within_days)).isoformat()
        return self._ids(
            f"SELECT id FROM cases WHERE {DUE_BY} ORDER BY {URGENCY_ORDER}",
            {"due": horizon, "t": today.isoformat()},
        )

    def due_summaries(self, today: date, within_days: int) -> list[CaseSummary]:
        """Summary rows of what :meth:`due_ids` lists, in the same order, in one query."""
        horizon = (today + timedelta(days=within_days)).isoformat()
        # Up to today everything listed is overdue or due today, and urgency order is
        # then the index's own order: no sort needed.
        order = "next_follow_up, id" if within_days == 0 else URGENCY_ORDER
        rows = self._rows(
            f"SELECT {_SUMMARY} FROM cases WHERE {DUE_BY} ORDER BY {order}",
            {"due": horizon, "t": today.isoformat()},
        )
        return [_summary(row) for row in rows]

    def summaries(self, ids: Iterable[int]) -> dict[int, CaseSummary]:
        """Summary rows for the given ids (those that still exist)."""
        found: dict[int, CaseSummary] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"SELECT {_SUMMARY} FROM cases WHERE id IN ({marks})", chunk):
                found[row[0]] = _summary(row)
        return found

    def last_contacts(self, ids: Iterable[int]) -> dict[int, str]:
        """What the last contact said, for each case that has one."""
        found: dict[int, str] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                "SELECT case_id, summary FROM timeline WHERE id IN (SELECT max(id) FROM timeline "
                f"WHERE kind = 'contact' AND case_id IN ({marks}) GROUP BY case_id)",
                chunk,
            )
            found.update(rows)
        return found

    def stats(self, today: date) -> ListStats:
        """The summary line: open, overdue, due today, verified, closed ones hidden."""
        (row,) = self._rows(
            f"""SELECT
                  count(*) FILTER (WHERE status IN ({_OPEN})),
                  count(*) FILTER (WHERE {PENDING} AND next_follow_up < :t),
                  count(*) FILTER (WHERE {PENDING} AND next_follow_up = :t),
                  count(*) FILTER (WHERE status = 'verified'),
                  count(*) FILTER (WHERE {CLOSED})
                FROM cases WHERE deleted_at IS NULL""",
            {"t": today.isoformat()},
        )
        return ListStats(*row)

    def data_version(self) -> int:
        """Changes whenever another connection (another process too) commits."""
        (row,) = self._rows("PRAGMA data_version", ())
        return int(row[0])
