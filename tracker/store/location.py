"""Where the database is: a file path, a ``sqlite:///`` URL or a PostgreSQL URL.

Answered without loading any database code, so that ``tracker db path`` and
error messages cost nothing.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.records import record

POSTGRES_SCHEMES = ("postgresql", "postgres")


@record(frozen=True)
class Target:
    """A database to open: the backend, its URL and, for SQLite, its file."""

    backend: str  # "sqlite" or "postgresql"
    url: str
    path: Path | None  # the file, for SQLite

    @property
    def shown(self) -> str:
        """The target for messages: the file, or the URL without its password."""
        return str(self.path) if self.path is not None else without_password(self.url)


def without_password(url: str) -> str:
    """A URL safe to print: any password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))


def resolve(target: str) -> Target:
    """A path or URL as the user gave it, made into a backend, a URL and (for SQLite) a file."""
    if "://" not in target:
        path = Path(target).expanduser()
        return Target("sqlite", f"sqlite:///{path}", path)
    scheme, _sep, rest = target.partition("://")
    base = scheme.split("+")[0].lower()
    if base in POSTGRES_SCHEMES:
        driver = scheme.partition("+")[2]
        if driver and driver != "psycopg":
            raise InvalidInput(
                _(
                    "{target}: the PostgreSQL driver is psycopg (write postgresql+psycopg://user@host/database)"
                ).format(target=without_password(target))
            )
        return Target("postgresql", target, None)
    if base != "sqlite":
        raise InvalidInput(
            _(
                "{target}: not a database tracker knows "
                "(a file path, sqlite:///path/to/file.db or postgresql+psycopg://user@host/database)"
            ).format(target=without_password(target))
        )
    parts = urlsplit("sqlite://" + rest)
    if parts.netloc:
        raise InvalidInput(
            _("{target} is not a SQLite URL (use sqlite:///path/to/file.db)").format(target=repr(target))
        )
    database = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
    if not database or database == ":memory:":
        raise InvalidInput(
            _(
                "{target}: an in-memory database forgets everything when tracker exits; give a file path"
            ).format(target=target)
        )
    return Target("sqlite", target, Path(database).expanduser())
