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
