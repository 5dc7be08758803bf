"""Where the database is and whether it is ours, answered without loading SQLAlchemy."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracker.domain.errors import InvalidInput


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


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


def is_sqlite(path: Path) -> bool:
    """Whether an existing, non-empty file is a SQLite database, asked of SQLite itself.

    Never with Python's own open(): POSIX drops every lock a process holds on a
    file when it closes any descriptor of that file, so a plain read while SQLite
    has the database open would let another process delete the WAL under it.
    SQLite's own connections share their locks within the process.
    """
    try:
        connection = _read_only(path)
    except sqlite3.Error:
        return False
    try:
        connection.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def prepare_file(path: Path, create_parent: bool) -> bool:
    """Check (or create, owner-only) the database file; True if it is new and empty."""
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder, not a database file")
    if not path.parent.is_dir():
        if not create_parent:
            raise InvalidInput(f"cannot open {path}: the folder {path.parent} does not exist")
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    try:
        # Owner-only from the first byte: O_EXCL fails if the file already exists.
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        return True
    except FileExistsError:
        pass
    except OSError as exc:
        raise InvalidInput(f"cannot create {path}: {exc.strerror}") from None
    try:
        if path.stat().st_size == 0:
            return True
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    if not os.access(path, os.R_OK):
        raise InvalidInput(f"cannot read {path}: permission denied")
    if not is_sqlite(path):
        raise InvalidInput(f"{path} is not a SQLite database (or it is damaged); it was left untouched")
    return False


def quick_revision(path: Path) -> str | None:
    """The schema revision of an existing tracker file, or None if it cannot tell at once."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        connection = _read_only(path)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return row[0] if row else None
