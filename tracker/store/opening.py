"""Opening the store: the backend is chosen from the target.

A file or ``sqlite:///`` URL opens SQLite; ``postgresql+psycopg://`` opens PostgreSQL.
Each backend is imported only when its target is opened.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tracker.records import record
from tracker.store.location import Target

if TYPE_CHECKING:
    from tracker.store.base import Store


@record
class Opened:
    """An open store, and the backup made when opening it migrated the database."""

    store: Store
    #: Where the copy made before a migration went, when opening migrated the database.
    backup_made: str | None


def open_store(target: Target, *, create: bool = True, create_parent: bool = False, now: datetime) -> Opened:
    """Open (creating or migrating as needed) the tracker database at ``target``.

    ``now`` is local time: it names the copy made before a migration.
    """
    if target.backend == "postgresql":
        from tracker.store.postgres import open_postgres

        store, backup = open_postgres(target, create=create, now=now)
        return Opened(store, backup)
    from tracker.store.sqlite import open_sqlite

    assert target.path is not None
    sqlite_store, made = open_sqlite(target.path, create=create, create_parent=create_parent, now=now)
    return Opened(sqlite_store, str(made) if made else None)


def check_target(target: Target) -> tuple[list[str], list[str]]:
    """What is wrong with the database at ``target`` (and notes that are not problems),
    without creating or changing anything."""
    if target.backend == "postgresql":
        from tracker.store.postgres import check_server

        return check_server(target)
    from tracker.store.sqlite import check_file

    assert target.path is not None
    return check_file(target.path)
