"""The SQLite backend, on the standard library's ``sqlite3``: one file, owner-only, WAL.

Everything SQLite-specific lives here: the pragmas, ``BEGIN IMMEDIATE`` as the
write lock, ``likely()`` for the partial due index, ``PRAGMA data_version`` to
notice other writers, the online backup and the integrity checks. SQLAlchemy is
loaded only to create or migrate a file (see :mod:`tracker.store.migrate`).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import tracker.store.sqlite_file as sqlite_file
from tracker.domain.errors import InvalidInput, StoreError
from tracker.i18n import _
from tracker.store.base import Store
from tracker.store.driver import Connection
from tracker.store.migrate import SCHEMA_HEAD
from tracker.store.sqlite_file import BUSY_TIMEOUT_S, Kind
from tracker.store.transaction import Transaction


class SqliteCodec:
    """Dates as ISO text, times as naive UTC text (the format SQLAlchemy's SQLite types
    wrote since the first revision), booleans as 0 and 1."""

    @staticmethod
    def date_in(value: date) -> str:
        return value.isoformat()

    @staticmethod
    def date_out(value: str) -> date:
        return date.fromisoformat(value)

    @staticmethod
    def time_in(value: datetime) -> str:
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC")
        if value.tzinfo is not UTC:
            value = value.astimezone(UTC)
        return value.isoformat(" ", "microseconds")[:26]

    @staticmethod
    def time_out(value: str) -> datetime:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)

    @staticmethod
    def bool_in(value: bool) -> int:
        return 1 if value else 0


class SqliteTransaction(Transaction):
    dialect = "sqlite"

    def lock_clause(self) -> str:
        return ""  # BEGIN IMMEDIATE already holds the write lock

    def joined_text(self, column: str) -> str:
        return f"group_concat({column}, char(10))"

    def likely(self, condition: str) -> str:
        # Without statistics SQLite would pick the deleted_at index, read every live
        # case and sort; likely() steers it to the partial due index, which still matches.
        return f"likely({condition})"

    def insert_returning_id(self, table: str, values: dict[str, object]) -> int:
        cursor = self.execute(
            f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
        return int(cursor.lastrowid)

    def new_case_ids(self, count: int) -> list[int]:
        # The write lock is held from BEGIN IMMEDIATE: nobody else can take these.
        first = self.max_id() + 1
        return list(range(first, first + count))


def _reason(exc: sqlite3.Error) -> str:
    return str(exc).split("\n", 1)[0]


class _Connection(sqlite3.Connection):
    """A connection with a lock held for as long as a transaction (or a backup) runs on it.

    ``sqlite3.Connection.close()`` does not wait for a statement another thread is
    stepping through: SQLite frees the statement under it and the process dies (the
    TUI quitting while a worker reads). ``close`` therefore interrupts a reader and
    takes this lock before closing, as the PostgreSQL store does with psycopg's own.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.busy = threading.Lock()
        #: Whether the transaction holding ``busy`` writes: a write is waited for, never
        #: interrupted, so a change the user made just before quitting is kept.
        self.writing = False


def _own(connection: Connection) -> _Connection:
    assert isinstance(connection, _Connection)
    return connection


# How often close() interrupts a reader again while waiting for it: a read transaction
# may run several statements, and an interrupt only stops the one running.
_INTERRUPT_EVERY_S = 0.05


class SqliteStore(Store):
    """A tracker database in one SQLite file."""

    backend = "sqlite"
    codec = SqliteCodec()

    def __init__(self, path: Path, read_only: bool = False) -> None:
        super().__init__()
        self._path = path
        # In a folder that cannot be written (tracker.store.sqlite_file.folder_writable):
        # the cases are read, and every write is refused in one line before it begins.
        self.read_only = read_only
        self.location = str(path)
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self._path

    def _connect(self) -> Connection:
        try:
            if self.read_only:
                connection = sqlite3.connect(
                    sqlite_file.read_only_uri(self._path),
                    uri=True,
                    timeout=BUSY_TIMEOUT_S,
                    isolation_level=None,
                    check_same_thread=False,
                    factory=_Connection,
                )
                connection.execute("PRAGMA foreign_keys=ON")
                return connection
            connection = sqlite3.connect(
                self._path,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
                factory=_Connection,
            )
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
            # No mmap: every worker thread of the TUI has a connection of its own, and each
            # mapping of the file counts again in the process's memory (2.5x at 100,000 cases).
        except sqlite3.Error as exc:
            raise self._translate(exc) or StoreError(
                _("cannot open {path}: {reason}").format(path=self._path, reason=_reason(exc))
            ) from None
        return connection

    def _begin(self, connection: Connection, write: bool) -> None:
        if write and self.read_only:
            raise sqlite_file.read_only_refusal(self._path)
        own = _own(connection)
        own.busy.acquire()
        own.writing = write
        try:
            own.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except BaseException:
            own.busy.release()
            raise

    def _end(self, connection: Connection, commit: bool) -> None:
        own = _own(connection)
        try:
            own.execute("COMMIT" if commit else "ROLLBACK")
        finally:
            own.writing = False
            own.busy.release()

    def _transaction(self, connection: Connection, write: bool) -> Transaction:
        return SqliteTransaction(connection, self.codec, write)

    def _translate(self, exc: Exception) -> StoreError | None:
        if not isinstance(exc, sqlite3.Error) or isinstance(exc, sqlite3.IntegrityError):
            return None
        text = str(exc).lower()
        where = self._path
        if "locked" in text or "busy" in text:
            return StoreError(
                _("{path} is busy: another tracker kept it locked too long; nothing was changed").format(
                    path=where
                )
            )
        if "readonly" in text or "read-only" in text:
            return StoreError(
                _(
                    "{path} is read-only (check the file's and its folder's permissions); nothing was saved"
                ).format(path=where)
            )
        if "full" in text:
            return StoreError(_("the disk holding {path} is full; nothing was saved").format(path=where))
        if "unable to open" in text:
            return StoreError(
                _("cannot open {path} (check that it and its folder still exist and are yours)").format(
                    path=where
                )
            )
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return StoreError(_("{path} is damaged; run: tracker db check").format(path=where))
        if "disk i/o" in text:
            return StoreError(
                _("the disk holding {path} failed to read or write; nothing was saved").format(path=where)
            )
        return StoreError(_("{path}: {reason}").format(path=where, reason=_reason(exc)))

    # -- housekeeping ------------------------------------------------------

    def change_token(self) -> object:
        """``PRAGMA data_version`` on a connection of its own: it changes whenever any
        other connection, in this process or another, commits."""
        with self._watch_lock:
            if self._watch is None:
                if self.read_only:
                    self._watch = sqlite3.connect(
                        sqlite_file.read_only_uri(self._path),
                        uri=True,
                        timeout=BUSY_TIMEOUT_S,
                        check_same_thread=False,
                    )
                else:
                    self._watch = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            try:
                return int(self._watch.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error as exc:
                raise self._translate(exc) or StoreError(str(exc)) from None

    def backup(self, destination: Path | None, now: datetime) -> str:
        target = destination or timestamped(self._path, "backup", now)
        connection = _own(self._connection())
        with connection.busy:
            sqlite_file.copy_database(connection, target)
        return str(target)

    def revision(self) -> str | None:
        connection = _own(self._connection())
        with connection.busy:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None

    @staticmethod
    def _stop(connection: _Connection) -> None:
        """Take the connection's lock, interrupting a read running on it until it lets go."""
        while not connection.busy.acquire(timeout=_INTERRUPT_EVERY_S):
            if not connection.writing:
                with contextlib.suppress(sqlite3.Error):  # closed by its own thread meanwhile
                    connection.interrupt()

    def close(self) -> None:
        """Close every connection, first stopping what other threads run on them: a read
        is interrupted (its thread gets an error, the TUI is going away), a write is
        waited for. Never closes a connection while a statement runs on it."""
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        mine = getattr(self._local, "connection", None)
        while True:  # again: a thread may have opened a connection meanwhile
            with self._connections_lock:
                connections, self._connections = self._connections, []
            if not connections:
                break
            for connection in map(_own, connections):
                if connection is not mine:  # this thread is here, so not inside a statement
                    self._stop(connection)
                try:
                    connection.close()
                finally:
                    if connection is not mine:
                        connection.busy.release()
        super().close()


def timestamped(path: Path, label: str, when: datetime) -> Path:
    """``tracker.db`` → ``tracker.db.backup-20261120T093000``, in local time."""
    return path.with_name(f"{path.name}.{label}-{when.strftime('%Y%m%dT%H%M%S')}")


def _ensure_wal(path: Path) -> None:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()


def open_sqlite(
    path: Path, *, create: bool = True, create_parent: bool = False, now: datetime | None = None
) -> tuple[SqliteStore, Path | None]:
    """Open the tracker database in ``path``, creating or migrating it as needed.

    Returns the store and, when opening migrated the file, where the copy made
    before the migration went (named by ``now``, local time). A file that is not
    ours is refused untouched.
    """
    path = path.expanduser()
    state = sqlite_file.inspect(path)
    refused = sqlite_file.refusal(path, state)
    if refused is not None:
        raise refused
    if path.parent.is_dir() and not sqlite_file.folder_writable(path.parent):
        if state.kind is Kind.OURS and state.revision == SCHEMA_HEAD:
            return SqliteStore(path, read_only=True), None
        if state.kind in (Kind.MISSING, Kind.EMPTY):
            problem = _("cannot create {path}: its folder {folder} is read-only (make the folder writable)")
        else:
            problem = _(
                "{path} needs its schema upgraded, but its folder {folder} is read-only "
                "(make the folder writable)"
            )
        raise InvalidInput(problem.format(path=path, folder=path.parent))
    sqlite_file.remove_stale_partials(path.parent)
    backup_made: Path | None = None
    try:
        if state.kind in (Kind.MISSING, Kind.EMPTY):
            if not create:
                raise InvalidInput(_("there is no tracker database at {path}").format(path=path))
            sqlite_file.create_owner_only(path, create_parent)
            _ensure_wal(path)
            _migrate(path)
            # SQLite gives -wal and -shm the mode of the database file, but ones left from
            # before the file was made owner-only keep theirs.
            for suffix in ("-wal", "-shm"):
                sqlite_file.make_owner_only(path.with_name(path.name + suffix))
        elif state.revision != SCHEMA_HEAD:
            backup_made = _backup_before_migrating(path, state.revision, now or datetime.now(UTC))
            _migrate(path)
            _ensure_wal(path)
        else:
            _ensure_wal(path)
    except sqlite3.Error as exc:
        raise SqliteStore(path)._translate(exc) or StoreError(str(exc)) from None
    return SqliteStore(path), backup_made


def check_file(path: Path) -> tuple[list[str], list[str]]:
    """The problems of the database file at ``path``, and notes that are not problems,
    found without creating, changing or migrating anything."""
    path = path.expanduser()
    state = sqlite_file.inspect(path)
    if state.kind is Kind.MISSING:
        return [_("there is no file at {path}").format(path=path)], []
    if state.kind is Kind.EMPTY:
        return [_("{target} is empty: it holds no tracker data").format(target=path)], []
    refused = sqlite_file.refusal(path, state, opening=False)
    if refused is not None:
        return [str(refused)], []
    notes = []
    if state.revision != SCHEMA_HEAD:
        notes.append(
            _("schema {revision}: it will be upgraded (after a backup copy) when tracker opens it").format(
                revision=state.revision
            )
        )
    try:
        connection = sqlite_file.reader(path)
        try:
            found = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
            found += [
                _("table {table} row {row}: missing {parent}").format(table=row[0], row=row[1], parent=row[2])
                for row in connection.execute("PRAGMA foreign_key_check")
            ]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return [_("{path}: {reason}").format(path=path, reason=_reason(exc))], notes
    return found, notes


def _migrate(path: Path) -> None:
    from tracker.store.migrate import upgrade_sqlite

    try:
        upgrade_sqlite(path)
    except Exception as exc:
        cause: Any = getattr(exc, "orig", exc)
        if isinstance(cause, sqlite3.Error):
            raise SqliteStore(path)._translate(cause) or StoreError(str(cause)) from None
        raise


def _backup_before_migrating(path: Path, revision: str | None, now: datetime) -> Path:
    target = timestamped(path, f"before-{SCHEMA_HEAD}", now)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        return sqlite_file.copy_database(connection, target)
    finally:
        connection.close()
