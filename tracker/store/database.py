"""Opening a database: where it is, SQLite pragmas, permissions, migrations, backups."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tracker.domain.errors import InvalidInput
from tracker.store import migrate
from tracker.store.location import prepare_file, resolve

BUSY_TIMEOUT_MS = 10_000


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # journal_mode=WAL is not set here: it is stored in the file, so it is set by
    # open_database only once the file is known to be ours (a refused file stays as it was).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def backup_file(source: sqlite3.Connection, destination: Path) -> Path:
    """Copy a live database with SQLite's online backup; the copy is owner-only."""
    if destination.exists():
        raise InvalidInput(f"{destination} already exists; choose another name")
    if not destination.parent.is_dir():
        raise InvalidInput(f"cannot write {destination}: the folder does not exist")
    fd = os.open(destination, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
    return destination


def _local_now() -> datetime:
    from tracker.clock import SystemClock

    clock = SystemClock("")
    return clock.local(clock.now())


def timestamped(path: Path, label: str, when: datetime) -> Path:
    return path.with_name(f"{path.name}.{label}-{when.strftime('%Y%m%dT%H%M%S')}")


class Database:
    """An open tracker database: its engine, a session factory, its file."""

    def __init__(self, engine: Engine, path: Path | None, backup_made: Path | None = None):
        self.engine = engine
        self.path = path
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        # Where the pre-migration copy went, when opening migrated the file.
        self.backup_made = backup_made

    def backup(self, destination: Path) -> Path:
        with self.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return backup_file(raw, destination)

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks; an empty list when all is well."""
        with self.engine.connect() as connection:
            rows = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
            problems = [r for r in rows if r != "ok"]
            for row in connection.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"table {row[0]} row {row[1]}: missing {row[2]}")
        return problems

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return migrate.current_revision(connection)

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def open_database(
    target: str, *, create_parent: bool = False, upgrade: bool = True, now: datetime | None = None
) -> Database:
    """Open (creating if needed) the database at ``target`` and bring its schema to head.

    Before migrating a file that holds data, a timestamped backup copy is made.
    """
    resolved = resolve(target)
    is_new = True
    if resolved.path is not None:
        is_new = prepare_file(resolved.path, create_parent)
    engine = make_engine(resolved.url)
    backup_made: Path | None = None
    try:
        with engine.connect() as connection:
            current = migrate.current_revision(connection)
            if current is None and migrate.has_foreign_tables(connection):
                raise InvalidInput(
                    f"{resolved.path or target} is a SQLite database of another program; "
                    "it was left untouched"
                )
        if (
            current != migrate.SCHEMA_HEAD
            and upgrade
            and current is not None
            and current not in migrate.known_revisions()
        ):
            raise InvalidInput(
                f"{resolved.path or target} was written by a newer tracker "
                f"(schema {current}); upgrade tracker to open it"
            )
        # Only now, with the file known to be ours, is it switched to WAL.
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            connection.commit()
        if current != migrate.SCHEMA_HEAD and upgrade:
            if resolved.path is not None and not is_new and current is not None:
                with engine.connect() as connection:
                    raw = connection.connection.driver_connection
                    assert isinstance(raw, sqlite3.Connection)
                    backup_made = backup_file(
                        raw,
                        timestamped(resolved.path, f"before-{migrate.SCHEMA_HEAD}", now or _local_now()),
                    )
            with engine.connect() as connection:
                # A batch migration copies a table and drops the old one; with foreign
                # keys on, that DROP cascades and deletes every check and timeline row.
                # The pragma is a no-op inside a transaction, hence before begin().
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
                try:
                    with connection.begin():
                        migrate.upgrade(connection)
                        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                        if broken:
                            raise InvalidInput(
                                f"{resolved.path or target}: the schema upgrade left "
                                f"{len(broken)} row(s) pointing at nothing; restore the backup copy"
                            )
                finally:
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise InvalidInput(f"cannot open {resolved.path or target}: {exc.orig}") from None
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, resolved.path, backup_made)
