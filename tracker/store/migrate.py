"""Alembic migrations shipped in the package: the one way a schema is made or changed.

A migration runs inside one transaction (SQLite's DDL is transactional once the
driver stops committing on its own; PostgreSQL's always is), so a kill -9 in the
middle leaves the database exactly as it was, and the next open simply migrates
again. SQLAlchemy and Alembic are loaded only here, only when there is work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import StoreError
from tracker.i18n import ngettext

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

# Every revision in migrations/versions, oldest first; a test keeps this in step with
# the files, so that opening an up-to-date database never has to load Alembic.
# 0006 follows main's newest (0009) on this branch so that there is one head (the coordinator re-chains).
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


def looks_newer(revision: str | None) -> bool:
    """Whether an unknown revision has the form of tracker's own ("0006" or "0006_name"):
    a newer tracker wrote the database."""
    if revision is None or revision in KNOWN_REVISIONS:
        return False
    number, underscore, name = revision.partition("_")
    return len(number) == 4 and number.isdigit() and (not underscore or bool(name))


MIGRATIONS = Path(__file__).parent / "migrations"


# A database is ours when it has our tables with (at least) these columns, there since 0001.
OUR_TABLES = {
    "cases": {"id", "uuid", "provider", "service", "requested_on", "promised_by", "status"},
    "checks": {"id", "case_id", "position", "name", "required", "state"},
    "timeline": {"id", "case_id", "at", "kind", "summary"},
}


def alembic_config(connection: Connection | None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def run_upgrade(connection: Connection, revision: str = "head") -> None:
    """Alembic's upgrade on a connection that is already inside its transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def script_revisions() -> list[str]:
    """The revisions Alembic finds in migrations/versions, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config(None))
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def sqlite_engine(path: Path) -> Engine:
    """An engine whose transactions are real SQLite transactions, DDL included.

    Python's sqlite3 driver begins transactions only before INSERT/UPDATE/DELETE, so
    a CREATE TABLE of a batch migration would commit on its own and a kill -9 would
    leave a half-made table behind; here the driver is told to leave transactions
    alone and every ``begin()`` is a ``BEGIN IMMEDIATE``.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None
        # A batch migration copies a table and drops the old one; with foreign keys on,
        # that DROP would cascade and delete every check and timeline row. The pragma
        # is a no-op inside a transaction, hence here, before any BEGIN.
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade_sqlite(path: Path) -> None:
    """Bring a SQLite file to the newest schema, all or nothing."""
    engine = sqlite_engine(path)
    try:
        with engine.connect() as connection, connection.begin():
            run_upgrade(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise StoreError(
                    ngettext(
                        "{path}: the schema upgrade would leave {count} row pointing at nothing; "
                        "nothing was changed",
                        "{path}: the schema upgrade would leave {count} rows pointing at nothing; "
                        "nothing was changed",
                        len(broken),
                    ).format(path=path, count=len(broken))
                )
    finally:
        engine.dispose()
