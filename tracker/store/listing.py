"""Queries that serve case lists at any size: ordered ids, row windows, counts.

A list of 100,000 cases is held as an array of ids in urgency order; the rows a
screen shows are read by id when they come into view. The SQL here mirrors the
domain's rules (:func:`tracker.domain.flags.urgency_key` and ``is_closed``);
tests keep the two in step.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

import tracker.store.search_index as search_index
from tracker.domain.model import OPEN_STATUSES, Status
from tracker.domain.search import Ordered
from tracker.domain.summary import CaseSummary, ListStats
from tracker.store.driver import Codec

# Bound parameters per "IN (...)": well below every backend's limit.
CHUNK = 900

_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
_FOLLOW_UP = ", ".join(f"'{s.value}'" for s in sorted({*OPEN_STATUSES, Status.VERIFIED}))

# The SQL twins of tracker.domain.flags; :t is today. Each is true or false, never
# NULL, so that NOT works on it.
YOURS = "(status <> 'withdrawn' AND user_alert_on IS NOT NULL AND user_alert_on <= :t)"
ANSWER_LATE = "(status <> 'withdrawn' AND answer_due IS NOT NULL AND answer_due < :t)"
CLOSED = (
    "(status = 'withdrawn' OR (status = 'verified' AND (next_follow_up IS NULL OR next_follow_up > :t)"
    f" AND NOT {YOURS} AND NOT {ANSWER_LATE}))"
)
PENDING = f"(next_follow_up IS NOT NULL AND status IN ({_FOLLOW_UP}))"
URGENCY_ORDER = f"""
    CASE WHEN {CLOSED} THEN 5
         WHEN {YOURS} THEN 0
         WHEN {PENDING} AND next_follow_up < :t THEN 1
         WHEN {PENDING} AND next_follow_up = :t THEN 2
         WHEN (status = 'requested' AND promised_by < :t) OR {ANSWER_LATE} THEN 3
         ELSE 4 END,
    CASE WHEN {CLOSED} THEN '9999-12-31' WHEN {YOURS} THEN user_due
         WHEN {PENDING} THEN next_follow_up ELSE '9999-12-31' END,
    id"""

# The cases columns a list row is read from (tests/store/test_schema_columns.py checks them).
SUMMARY = (
    "id, uuid, provider, service, status, requested_on, ticket, promised_by, "
    "next_follow_up, notes, checks_total, checks_passed, checks_failed, "
    "answer_due, user_due, user_alert_on"
)
_STATUS = {status.value: status for status in Status}


class ListingQueries:
    """Read-only list queries, mixed into a transaction (see :mod:`tracker.store.transaction`)."""

    codec: Codec
    dialect: str

    def rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> list[Any]:
        raise NotImplementedError

    def iter_rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Iterator[Any]:
        raise NotImplementedError

    def joined_text(self, column: str) -> str:
        """An aggregate joining a text column's values with newlines (SQL differs by backend)."""
        return f"string_agg({column}, chr(10))"

    def likely(self, condition: str) -> str:
        """A condition the planner should expect to hold (a hint only some backends take)."""
        return condition

    def _due_by(self) -> str:
        # Groups 0 and 1 (overdue, due today) in order: pending cases by (next_follow_up, id);
        # the due index serves it, so the top of the list costs nothing.
        return (
            f"{self.likely('deleted_at IS NULL')} AND next_follow_up IS NOT NULL AND next_follow_up <= :due "
            f"AND status IN ({_FOLLOW_UP})"
        )

    def _summary(self, row: Sequence[Any]) -> CaseSummary:
        date_out = self.codec.date_out
        return CaseSummary(
            row[0],
            row[1],
            row[2],
            row[3],
            _STATUS[row[4]],
            date_out(row[5]),
            row[6],
            date_out(row[7]),
            date_out(row[8]) if row[8] is not None else None,
            row[9],
            row[10],
            row[11],
            row[12],
            date_out(row[13]) if row[13] is not None else None,
            date_out(row[14]) if row[14] is not None else None,
            date_out(row[15]) if row[15] is not None else None,
        )

    def _ids(self, text: str, params: dict[str, object]) -> array[int]:
        # Row by row: only the array is held (8 bytes an id), never a list of every row.
        return array("q", (row[0] for row in self.iter_rows(text, params)))

    def ordered_ids(
        self, today: date, include_closed: bool = False, text: str = "", limit: int | None = None
    ) -> array[int]:
        """Ids of live cases in urgency order, optionally filtered by text."""
        where = ["deleted_at IS NULL"]
        if not include_closed:
            where.append(f"NOT {CLOSED}")
        query = f"SELECT id FROM cases WHERE {' AND '.join(where)} ORDER BY {URGENCY_ORDER}"
        if limit is not None and not text.strip():
            query += f" LIMIT {int(limit)}"
        if not text.strip():
            return self._ids(query, {"t": self.codec.date_in(today)})
        found = self.search_ids(text)
        if found is None:
            ids = self.ordered_texts(today, include_closed).matching(text).ids
        else:
            ids = Ordered(self._ids(query, {"t": self.codec.date_in(today)})).keeping(found).ids
        return ids[:limit] if limit is not None else ids

    def ordered_texts(self, today: date, include_closed: bool = False) -> Ordered:
        """:meth:`ordered_ids` with each case's search text beside it (see
        :mod:`tracker.domain.search`), read from the filter's index in the same query."""
        where = "deleted_at IS NULL" if include_closed else f"deleted_at IS NULL AND NOT {CLOSED}"
        rows = self.iter_rows(
            f"SELECT cases.id, s.folded FROM cases{search_index.joined(self.dialect)} "
            f"WHERE {where} ORDER BY {URGENCY_ORDER}",
            {"t": self.codec.date_in(today)},
        )
        # Row by row into the array and the list: never a list of every row besides them.
        ids: array[int] = array("q")
        texts: list[str | None] = []
        add_id, add_text = ids.append, texts.append
        for row in rows:
            add_id(row[0])
            add_text(row[1])
        return Ordered(ids, search_index.fill_in(self, ids, texts))

    def user_deadline_ids(self) -> array[int]:
        """Ids of live cases with a deadline of the user's own still open, soonest first."""
        return self._ids(
            # likely(): as in the due query, so that SQLite takes the partial index on
            # user_due rather than reading every live case through ix_cases_deleted_at.
            f"SELECT id FROM cases WHERE user_due IS NOT NULL AND {self.likely('deleted_at IS NULL')} "
            "AND status <> 'withdrawn' ORDER BY user_due, id",
            {},
        )

    def your_deadline_summaries(self, today: date) -> list[CaseSummary]:
        """Cases whose own deadline is close or missed (flag YOUR DEADLINE), soonest first."""
        rows = self.rows(
            f"SELECT {SUMMARY} FROM cases WHERE user_due IS NOT NULL "
            f"AND {self.likely('deleted_at IS NULL')} AND {YOURS} ORDER BY user_due, id",
            {"t": self.codec.date_in(today)},
        )
        return [self._summary(row) for row in rows]

    def search_ids(self, text: str) -> set[int] | None:
        """Ids of the cases (trashed ones too) whose text holds ``text``, from the database's
        index; None for a query too short for it (see :mod:`tracker.store.search_index`)."""
        return search_index.matching_ids(self, text)

    def first_ids(self, today: date, count: int) -> array[int] | None:
        """The ``count`` most urgent live cases, from the due index alone when enough are due.

        None when fewer than ``count`` cases are overdue or due today: then only the
        full ordering can say what comes next.
        """
        ids = self._ids(
            f"SELECT id FROM cases WHERE {self._due_by()} ORDER BY next_follow_up, id LIMIT {int(count)}",
            {"due": self.codec.date_in(today)},
        )
        return ids if len(ids) == count else None

    def due_ids(self, today: date, within_days: int) -> array[int]:
        """Ids of cases with a follow-up due by today + ``within_days``, most urgent first."""
        horizon = today + timedelta(days=within_days)
        return self._ids(
            f"SELECT id FROM cases WHERE {self._due_by()} ORDER BY {URGENCY_ORDER}",
            {"due": self.codec.date_in(horizon), "t": self.codec.date_in(today)},
        )

    def ordered_summaries(self, today: date, include_closed: bool = False) -> list[CaseSummary]:
        """Summary rows of the live cases in urgency order (closed ones only when asked)."""
        return list(self.each_ordered_summary(today, include_closed))

    def each_ordered_summary(self, today: date, include_closed: bool = False) -> Iterator[CaseSummary]:
        """:meth:`ordered_summaries` a row at a time, for a reader that streams them (``list``)."""
        where = "deleted_at IS NULL" if include_closed else f"deleted_at IS NULL AND NOT {CLOSED}"
        rows = self.iter_rows(
            f"SELECT {SUMMARY} FROM cases WHERE {where} ORDER BY {URGENCY_ORDER}",
            {"t": self.codec.date_in(today)},
        )
        return map(self._summary, rows)

    def due_summaries(self, today: date, within_days: int) -> list[CaseSummary]:
        """Summary rows of what :meth:`due_ids` lists, in the same order, in one query."""
        return list(self.each_due_summary(today, within_days))

    def each_due_summary(self, today: date, within_days: int) -> Iterator[CaseSummary]:
        """:meth:`due_summaries` a row at a time (``due``: a tenth of a million cases may be due)."""
        horizon = today + timedelta(days=within_days)
        # Up to today everything listed is overdue or due today, and urgency order is
        # then the index's own order: no sort needed.
        order = "next_follow_up, id" if within_days == 0 else URGENCY_ORDER
        rows = self.iter_rows(
            f"SELECT {SUMMARY} FROM cases WHERE {self._due_by()} ORDER BY {order}",
            {"due": self.codec.date_in(horizon), "t": self.codec.date_in(today)},
        )
        return map(self._summary, rows)

    def summaries(self, ids: Iterable[int]) -> dict[int, CaseSummary]:
        """Summary rows for the given ids (those that still exist)."""
        found: dict[int, CaseSummary] = {}
        wanted = list(ids)
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            for row in self.rows(f"SELECT {SUMMARY} FROM cases WHERE id IN ({marks})", chunk):
                found[row[0]] = self._summary(row)
        return found

    def last_contacts(self, ids: Iterable[int]) -> dict[int, str]:
        """What the last contact said, for each case that has one."""
        found: dict[int, str] = {}
        wanted = list(ids)
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.rows(
                "SELECT case_id, summary FROM timeline WHERE id IN (SELECT max(id) FROM timeline "
                f"WHERE kind = 'contact' AND case_id IN ({marks}) GROUP BY case_id)",
                chunk,
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    def stats(self, today: date) -> ListStats:
        """The summary line: open, overdue, due today, verified, closed ones hidden."""
        (row,) = self.rows(
            f"""SELECT
                  count(*) FILTER (WHERE status IN ({_OPEN})),
                  count(*) FILTER (WHERE {PENDING} AND next_follow_up < :t),
                  count(*) FILTER (WHERE {PENDING} AND next_follow_up = :t),
                  count(*) FILTER (WHERE status = 'verified'),
                  count(*) FILTER (WHERE {CLOSED})
                FROM cases WHERE deleted_at IS NULL""",
            {"t": self.codec.date_in(today)},
        )
        return ListStats(*(int(value) for value in row))
