"""What the shared SQL asks of a backend: its connection, its codec, statements in a transaction.

The bottom of the store: nothing here imports the rest of :mod:`tracker.store`, so the
row conversions, the list queries, the children of a case, the transaction and the
store itself can all depend on it without depending on one another in a circle.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol


class Connection(Protocol):
    """The DB-API connection both drivers (sqlite3, psycopg) provide."""

    def execute(self, sql: str, params: Any = ...) -> Any: ...

    def close(self) -> None: ...


class Codec(Protocol):
    """How a backend stores dates, times and booleans."""

    def date_in(self, value: date) -> object: ...

    def date_out(self, value: Any) -> date: ...

    def time_in(self, value: datetime) -> object: ...

    def time_out(self, value: Any) -> datetime: ...

    def bool_in(self, value: bool) -> object: ...


class Statements(Protocol):
    """Shared SQL run inside one open transaction (a ``Transaction`` is one)."""

    @property
    def codec(self) -> Codec: ...

    def rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> list[Any]: ...

    def execute(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Any: ...

    def execute_many(self, text: str, rows: list[tuple[object, ...]]) -> None: ...

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[object, ...]]) -> None: ...


class RowJournal(Protocol):
    """Keeps the rows one change writes, before and after (:class:`tracker.store.undo_log.Journal`)."""

    def inserted(self, tx: Journaled, table: str, row_id: int) -> None: ...

    def updated(self, tx: Journaled, table: str, row_id: int, before: dict[str, Any] | None) -> None: ...

    def deleted(self, table: str, row_id: int, before: dict[str, Any] | None) -> None: ...


class Journaled(Statements, Protocol):
    """Statements that write rows one at a time, each kept in a journal when one is given:
    what a change that can be undone writes through (a ``Transaction`` is one)."""

    def lock_clause(self) -> str: ...

    def insert_returning_id(self, table: str, values: dict[str, object]) -> int: ...

    def insert_row(self, table: str, values: dict[str, object], journal: RowJournal | None) -> int: ...

    def update_row(
        self, table: str, row_id: int, values: dict[str, object], journal: RowJournal | None
    ) -> None: ...

    def delete_row(self, table: str, row_id: int, journal: RowJournal | None) -> None: ...
