"""The PostgreSQL backend, on psycopg 3: several machines on one database server.

Writers keep each other's work as on SQLite, by locking what they read: an
action locks its case's row (``FOR UPDATE``) before reading it, so two writers of
one case take turns and writers of different cases do not wait; an import plans
against the whole table and locks it against other writers (readers carry on).
Every write transaction sends a ``NOTIFY``, delivered at commit, which
:meth:`PostgresStore.change_token` counts on a listening connection of its own:
that is how a screen on another machine knows to reload.

Loaded only for a ``postgresql+psycopg://`` target; nothing here is imported for SQLite.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import tracker.store.postgres_link as link
from tracker.domain.errors import StoreError
from tracker.store.base import Store
from tracker.store.driver import Connection
from tracker.store.location import Target
from tracker.store.transaction import Transaction

_BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
# READ COMMITTED: once a row lock is granted, the next statement sees the row as the
# writer before us left it.
_BEGIN_WRITE = f"BEGIN ISOLATION LEVEL READ COMMITTED; NOTIFY {link.CHANNEL}"

_SEQUENCE = "pg_get_serial_sequence('cases', 'id')"
# Rows fetched at a time by a streaming read; names for its cursors, unique in the process.
FETCHED = 2000
_cursor_names = itertools.count(1)

# Placeholders of the shared SQL (? and :name) and what must not be mistaken for one.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|\?|:([A-Za-z_]\w*)|%")


@lru_cache(maxsize=2048)
def pyformat(text: str) -> str:
    """The shared SQL in psycopg's placeholders: ``?`` → ``%s``, ``:name`` → ``%(name)s``,
    and every literal ``%`` doubled (psycopg reads them inside quotes too)."""

    def convert(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1):
            return f"%({match.group(1)})s"
        return token.replace("%", "%%")  # a quoted string or a :: cast

    return _TOKENS.sub(convert, text)


class PostgresCodec:
    """Dates as ``date``, times as naive UTC ``timestamp`` (what revision 0001 made),
    booleans as ``boolean``: psycopg converts them both ways."""

    @staticmethod
    def date_in(value: date) -> date:
        return value

    @staticmethod
    def date_out(value: date) -> date:
        return value

    @staticmethod
    def time_in(value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    @staticmethod
    def time_out(value: datetime) -> datetime:
        return value.replace(tzinfo=UTC)

    @staticmethod
    def bool_in(value: bool) -> bool:
        return value


class PostgresTransaction(Transaction):
    dialect = "postgresql"

    def sql(self, text: str) -> str:
        return pyformat(text)

    def lock_clause(self) -> str:
        return " FOR UPDATE"

    def lock_all_cases(self) -> None:
        # EXCLUSIVE: other writers (row locks, inserts) wait until this transaction ends;
        # plain reads go on. Two imports at once run one after the other.
        self.execute("LOCK TABLE cases IN EXCLUSIVE MODE")

    def insert_returning_id(self, table: str, values: dict[str, object]) -> int:
        marks = ", ".join("?" * len(values))
        cursor = self.execute(
            f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks}) RETURNING id", list(values.values())
        )
        return int(cursor.fetchone()[0])

    def new_case_ids(self, count: int) -> list[int]:
        # Wait first for an import that holds the table: it may be storing cases under
        # numbers the sequence has not reached yet, and moves the sequence past them at the end.
        self.execute("LOCK TABLE cases IN ROW EXCLUSIVE MODE")
        rows = self.rows(f"SELECT nextval({_SEQUENCE}) FROM generate_series(1, ?)", (count,))
        return sorted(int(row[0]) for row in rows)

    def explicit_ids_inserted(self) -> None:
        self.rows(
            f"""SELECT setval(seq, greatest((SELECT max(id) FROM cases),
                                            pg_sequence_last_value(seq::regclass)))
                FROM (SELECT {_SEQUENCE} AS seq) AS s"""
        )

    def execute_many(self, text: str, rows: list[tuple[object, ...]]) -> None:
        if rows:
            with self.connection.cursor() as cursor:  # type: ignore[attr-defined]
                cursor.executemany(self.sql(text), rows)

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[object, ...]]) -> None:
        """Through ``COPY ... FROM STDIN``: the rows stream to the server in a few messages,
        where a multi-row INSERT costs a statement per row (ids are made in the rows' order)."""
        if not rows:
            return
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self.connection.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(row)

    def iter_rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Iterator[Any]:
        """The rows :data:`FETCHED` at a time through a server-side cursor, inside this
        transaction: a client-side cursor would hold the whole result here (libpq
        receives all of it before the first row is read), 100,000 rows for ``list``."""
        name = f"tracker_rows_{next(_cursor_names)}"
        with self.connection.cursor(name=name) as cursor:  # type: ignore[attr-defined]
            cursor.itersize = FETCHED
            cursor.execute(self.sql(text), params)
            yield from cursor


class PostgresStore(Store):
    """A tracker database on a PostgreSQL server."""

    backend = "postgresql"
    codec = PostgresCodec()

    def __init__(self, target: Target, connection: Connection | None = None) -> None:
        """``connection``: one made already, to be this thread's."""
        super().__init__()
        if connection is not None:
            self._local.connection = connection
            self._connections.append(connection)
        self.target = target
        self.location = target.shown
        self._watch: Any = None
        self._watch_lock = threading.Lock()
        self._generation = 0
        self._heard = 0

    @property
    def path(self) -> Path | None:
        return None

    def _connect(self) -> Connection:
        connection: Connection = link.connect(self.target)
        return connection

    def _begin(self, connection: Connection, write: bool) -> None:
        connection.execute(_BEGIN_WRITE if write else _BEGIN_READ)

    def _end(self, connection: Connection, commit: bool) -> None:
        connection.execute("COMMIT" if commit else "ROLLBACK")

    def _transaction(self, connection: Connection, write: bool) -> Transaction:
        return PostgresTransaction(connection, self.codec, write)

    def _translate(self, exc: Exception) -> StoreError | None:
        return link.explain(exc, self.target)

    def _reconnect_worth_trying(self, exc: Exception) -> bool:
        return link.lost(exc)

    # -- housekeeping ------------------------------------------------------

    def change_token(self) -> object:
        """How many of our NOTIFYs a listening connection has heard, and on which connection.

        A round trip on the listening connection makes the server hand over every
        notification committed before it. When the server went away, the listener
        connects again and the token changes with it (screens reload what they missed);
        while it cannot, each call raises one clear :class:`StoreError`.
        """
        with self._watch_lock:
            for attempt in (1, 2):
                try:
                    if self._watch is None:
                        self._watch = link.connect(self.target)
                        self._watch.add_notify_handler(self._heard_one)
                        self._watch.execute(f"LISTEN {link.CHANNEL}")
                        self._generation += 1
                    self._watch.execute("SELECT 1")
                    return (self._generation, self._heard)
                except Exception as exc:
                    self._close_watch()
                    if attempt == 1 and link.lost(exc):
                        continue  # the server restarted: listen anew at once
                    raise self._translate(exc) or exc from None
        raise AssertionError("unreachable")

    def _heard_one(self, _notify: object) -> None:
        self._heard += 1

    def _close_watch(self) -> None:
        watch, self._watch = self._watch, None
        if watch is not None:
            with contextlib.suppress(Exception):  # closing what is broken already
                watch.close()

    def backup(self, destination: Path | None, now: datetime) -> str:
        from tracker.store.postgres_schema import dump

        return dump(self.target, destination, now, "backup")

    def revision(self) -> str | None:
        with self.read() as tx:
            rows = tx.rows("SELECT version_num FROM alembic_version")
        return rows[0][0] if rows else None

    def close(self) -> None:
        with self._watch_lock:
            self._close_watch()
        # psycopg's close() does not wait for a query another thread is running on the
        # connection (the TUI quitting while a worker reads): libpq would be freed under
        # it. Each connection's own lock makes close wait for that query to end.
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with connection.lock, contextlib.suppress(Exception):  # type: ignore[attr-defined]
                connection.close()
        super().close()


def open_postgres(target: Target, *, create: bool, now: datetime) -> tuple[Store, str | None]:
    """Open the tracker database on a server, creating its tables in an empty database or
    migrating an older one (after a backup); returns the store and where that backup went."""
    from tracker.store.postgres_schema import prepare

    backup, connection = prepare(target, create=create, now=now)
    return PostgresStore(target, connection), backup


def check_server(target: Target) -> tuple[list[str], list[str]]:
    from tracker.store.postgres_schema import check

    return check(target)
