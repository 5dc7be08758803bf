"""The store interface: transactions over one database, whatever the backend.

A :class:`Store` hands out :class:`~tracker.store.transaction.Transaction` objects:
``with store.read() as tx`` for a consistent snapshot, ``with store.write() as tx``
for a change. A write transaction is exclusive among writers (SQLite takes its
write lock at ``BEGIN IMMEDIATE``; PostgreSQL locks the rows it changes), so an
action that reads a case and writes it back inside one ``write()`` can never undo
what another writer did in between.

The backends differ in how they connect, lock, convert values, notice changes,
back up and check themselves; the SQL they share lives in the transaction and
the list queries.
"""

from __future__ import annotations

import contextlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import StoreError
from tracker.store.driver import Codec, Connection

if TYPE_CHECKING:
    from tracker.store.transaction import Transaction


class Store(ABC):
    """One database: its connections, its transactions, its housekeeping."""

    #: Shown in messages and by ``tracker db path``: a file path, or a URL without its password.
    location: str
    codec: Codec
    #: "sqlite" or "postgresql": for messages, never for choosing behaviour above the store.
    backend: str

    def __init__(self) -> None:
        self._local = threading.local()
        self._connections: list[Connection] = []
        self._connections_lock = threading.Lock()

    # -- connections and transactions --------------------------------------

    @abstractmethod
    def _connect(self) -> Connection:
        """A new connection, ready for explicit transactions."""

    def _connection(self) -> Connection:
        """This thread's connection (the TUI reads and writes from worker threads)."""
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect()
            self._local.connection = connection
            with self._connections_lock:
                self._connections.append(connection)
        return connection

    def _forget_connection(self) -> None:
        """Drop this thread's connection (after the server went away): the next use reconnects."""
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            with self._connections_lock:
                if connection in self._connections:
                    self._connections.remove(connection)
            with contextlib.suppress(Exception):  # it is broken already
                connection.close()

    @abstractmethod
    def _begin(self, connection: Connection, write: bool) -> None: ...

    @abstractmethod
    def _end(self, connection: Connection, commit: bool) -> None: ...

    @abstractmethod
    def _translate(self, exc: Exception) -> StoreError | None:
        """A driver error as one clear line for the user, or None if it is not the driver's."""

    @abstractmethod
    def _transaction(self, connection: Connection, write: bool) -> Transaction: ...

    def _reconnect_worth_trying(self, exc: Exception) -> bool:
        """Whether a failed BEGIN means the connection had died (a server restart): then
        one new connection is tried, since nothing was done on the old one yet."""
        return False

    def _begun(self, write: bool) -> Connection:
        """This thread's connection, with a transaction begun on it."""
        for attempt in (1, 2):
            connection = self._connection()
            try:
                self._begin(connection, write)
                return connection
            except Exception as exc:
                translated = self._translate(exc)
                if translated is None:
                    raise
                self._forget_connection()
                if attempt == 2 or not self._reconnect_worth_trying(exc):
                    raise translated from None
        raise AssertionError("unreachable")

    @contextmanager
    def _run(self, write: bool) -> Iterator[Transaction]:
        connection = self._begun(write)
        try:
            transaction = self._transaction(connection, write)
            yield transaction
            if write:
                transaction.before_commit()
        except BaseException as exc:
            try:
                self._end(connection, commit=False)
            except Exception:  # the first error is the one to report
                self._forget_connection()
            translated = self._translate(exc) if isinstance(exc, Exception) else None
            if translated is not None:
                raise translated from None
            raise
        try:
            self._end(connection, commit=True)
        except Exception as exc:
            translated = self._translate(exc)
            self._forget_connection()
            if translated is None:
                raise
            raise translated from None

    def read(self) -> AbstractContextManager[Transaction]:
        """A read-only transaction: a consistent snapshot of the database."""
        return self._run(write=False)

    def write(self) -> AbstractContextManager[Transaction]:
        """A write transaction, exclusive among writers; committed when the block ends."""
        return self._run(write=True)

    # -- housekeeping ------------------------------------------------------

    @abstractmethod
    def change_token(self) -> object:
        """A value that changes whenever anyone (another process too) commits a change."""

    @abstractmethod
    def backup(self, destination: Path | None, now: datetime) -> str:
        """Copy the database safely while in use; returns where the copy went, in words."""

    @abstractmethod
    def revision(self) -> str | None:
        """The schema revision the database is at."""

    @property
    @abstractmethod
    def path(self) -> Path | None:
        """The database file, for a backend that has one."""

    def close(self) -> None:
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            with contextlib.suppress(Exception):  # closing what may be broken
                connection.close()
        self._local = threading.local()
