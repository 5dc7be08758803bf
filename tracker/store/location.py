"""Where the database is and whether it is ours, answered without loading SQLAlchemy."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracker.domain.errors import InvalidInput

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Target:
    url: str
    path: Path | None  # None for a database that is not a file (sqlite:// in memory)


def resolve(target: str) -> Target:
    """A path or ``sqlite://`` URL as the user gave it, made into a URL and a file path."""
    if "://" not in target:
        path = Path(target).expanduser()
        return Target(f"sqlite:///{path}", path)
    scheme, _, rest = target.partition("://")
    if scheme.split("+")[0] != "sqlite":
        raise InvalidInput(f"{target!r}: only SQLite databases are supported")
    parts = urlsplit("sqlite://" + rest)
    if parts.netloc:
        raise InvalidInput(f"{target!r} is not a SQLite URL (use sqlite:///path/to/file.db)")
    database = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
    if not database or database == ":memory:":
        return Target(target, None)
    return Target(target, Path(database).expanduser())


def read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None


def quick_revision(path: Path) -> str | None:
    """The schema revision of an existing tracker file, or None if it cannot tell at once."""
    if not path.is_file() or read_header(path) != SQLITE_HEADER:
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return row[0] if row else None
