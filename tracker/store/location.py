"""Where the database is: a file path, a ``sqlite:///`` URL or a PostgreSQL URL.

Answered without loading any database code, so that ``tracker db path`` and
error messages cost nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
    """A URL safe to print: any password replaced by ``***``, whether or not the URL parses.

    Read as text, never through a URL parser, which refuses what a user may well type
    (``[::1`` with no bracket closed, a port that is not a number) and would leave the
    whole URL to be printed. The password is everything from the first ``:`` of the
    user's part to the last ``@``: when in doubt, more is hidden, never less.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    span = _password_span(rest)
    if span is not None:
        rest = rest[: span[0]] + "***" + rest[span[1] :]
    return scheme + separator + _QUERY_PASSWORD.sub(r"\1***", rest)


def passwords(url: str) -> list[str]:
    """Every spelling of the URL's password(s) a message might quote, longest first."""
    rest = url.partition("://")[2]
    found = [match[2] for match in _QUERY_PASSWORD.finditer(rest)]
    span = _password_span(rest)
    if span is not None:
        found.append(rest[span[0] : span[1]])
    spellings = {spelling for secret in found for spelling in (secret, unquote(secret)) if spelling}
    return sorted(spellings, key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """``text`` (a driver's message, say) with the URL's password taken out wherever it shows."""
    for secret in passwords(url):
        text = text.replace(secret, "***")
    return text


def _password_span(rest: str) -> tuple[int, int] | None:
    """Where the password is in what follows ``scheme://`` (start, end), if there is one."""
    first_at, last_at = rest.find("@"), rest.rfind("@")
    colon = rest.find(":")
    if first_at == -1 or colon == -1 or colon > first_at:
        return None
    return colon + 1, last_at


# libpq also takes a password as a query parameter: ``?password=...``.
_QUERY_PASSWORD = re.compile(r"([?&]password=)([^&#]*)", re.IGNORECASE)


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
