"""The filter's index: each case's folded text in the database's own substring index.

SQLite: an FTS5 table with the trigram tokenizer; PostgreSQL: a table with a pg_trgm
GIN index (when the extension cannot be created, the table without it, scanned by
the server). Triggers mark the cases whose text changed; see
:mod:`tracker.store.search_index`. Filled here for the cases already stored, inside
the migration's one transaction (a kill -9 leaves the database at 0009).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from alembic import op

from tracker.store import search_index

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


class _Statements:
    """The migration's connection as :mod:`tracker.store.search_index` uses a transaction."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name

    def _sql(self, text: str) -> str:
        return text if self.dialect == "sqlite" else text.replace("?", "%s")

    def rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> list[Any]:
        return list(self.connection.exec_driver_sql(self._sql(text), tuple(params)).fetchall())

    def iter_rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Iterator[Any]:
        yield from self.connection.exec_driver_sql(self._sql(text), tuple(params))

    def execute(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Any:
        return self.connection.exec_driver_sql(self._sql(text), tuple(params))

    def execute_many(self, text: str, rows: list[tuple[object, ...]]) -> None:
        if rows:
            self.connection.exec_driver_sql(self._sql(text), rows)


def _trigram_extension(connection: Any) -> bool:
    """Whether pg_trgm is (or could now be made) available; without the privilege, no."""
    from sqlalchemy.exc import DBAPIError

    if connection.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchall():
        return True
    connection.exec_driver_sql("SAVEPOINT tracker_trgm")
    try:
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:
        connection.exec_driver_sql("ROLLBACK TO SAVEPOINT tracker_trgm")
        return False
    connection.exec_driver_sql("RELEASE SAVEPOINT tracker_trgm")
    return True


def upgrade() -> None:
    connection = op.get_bind()
    statements = _Statements(connection)
    if statements.dialect == "sqlite":
        from sqlalchemy.exc import OperationalError

        connection.exec_driver_sql("SAVEPOINT tracker_fts")
        try:
            connection.exec_driver_sql(search_index.SQLITE_FTS)
        except OperationalError:  # an SQLite built without FTS5: the table is scanned
            connection.exec_driver_sql("ROLLBACK TO SAVEPOINT tracker_fts")
            connection.exec_driver_sql(search_index.SQLITE_PLAIN)
        connection.exec_driver_sql("RELEASE SAVEPOINT tracker_fts")
        for ddl in search_index.SQLITE_DDL:
            connection.exec_driver_sql(ddl)
    else:
        for ddl in search_index.POSTGRES_DDL:
            connection.exec_driver_sql(ddl)
        if _trigram_extension(connection):
            connection.exec_driver_sql(search_index.POSTGRES_TRIGRAM)
    search_index.fill(statements)


def downgrade() -> None:
    connection = op.get_bind()
    drops = search_index.SQLITE_DROP if connection.dialect.name == "sqlite" else search_index.POSTGRES_DROP
    for ddl in drops:
        connection.exec_driver_sql(ddl)
