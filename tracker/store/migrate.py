"""Alembic migrations shipped in the package, applied when a database is opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

# The newest revision in migrations/versions; a test keeps the two in step, so that
# opening an up-to-date database never has to load Alembic.
SCHEMA_HEAD = "0003"

MIGRATIONS = Path(__file__).parent / "migrations"


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def has_foreign_tables(connection: Connection) -> bool:
    """Whether the file holds tables but no schema version: not a tracker database."""
    from sqlalchemy import inspect

    names = [n for n in inspect(connection).get_table_names() if n != "alembic_version"]
    return bool(names)


def alembic_config(connection: Connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    config = alembic_config(None)  # type: ignore[arg-type]
    return ScriptDirectory.from_config(config).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    return {script.revision for script in scripts.walk_revisions()}
