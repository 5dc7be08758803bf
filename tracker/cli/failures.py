"""Failures no command foresaw, told in one line at the command line's boundary.

A file that cannot be written, a database that refuses (read-only, full, gone):
the user gets what the system said and where, never a traceback, and never the
SQL statement a database error carries (it holds the user's data).
"""

from __future__ import annotations

import re

from tracker.i18n import _

EXIT_IO = 74  # sysexits.h EX_IOERR: a file could not be read or written
EXIT_TEMPFAIL = 75  # EX_TEMPFAIL: try again later (the database is busy)
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug


def describe(exc: BaseException) -> tuple[str, int]:
    """The line to show (after "tracker: ") and the exit status for an unexpected failure."""
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        if exc.filename is not None:
            reason = _("{path}: {reason}").format(path=exc.filename, reason=reason)
        return _("error: {problem}").format(problem=reason), EXIT_IO
    database_error = _database_error(exc)
    if database_error is not None:
        message = _without_secrets(str(database_error))
        if "locked" in message or "busy" in message:
            return _("error: the database is busy ({reason}); try again").format(
                reason=message
            ), EXIT_TEMPFAIL
        return _("error: the database refused: {reason}").format(reason=message), EXIT_IO
    return (
        _("internal error: {kind}: {problem} (set TRACKER_DEBUG=1 to see the details)").format(
            kind=type(exc).__name__, problem=exc
        ),
        EXIT_INTERNAL,
    )


# A URL's password (libpq quotes a URL it could not read) up to its last "@", and a
# ``password=`` setting, in a driver's text. The store masks what it knows; this is the
# last guard for what reaches the command line untranslated.
_URL_PASSWORD = re.compile(r"(://[^/\s\"'@:]*:)[^\s\"']*@")
_PASSWORD_SETTING = re.compile(r"(password\s*=\s*)('[^']*'|[^\s&\"']+)", re.IGNORECASE)


def _without_secrets(text: str) -> str:
    """A driver's text the store did not translate, with any password in it masked."""
    return _PASSWORD_SETTING.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))


# Database drivers, known by their module (the command line imports none of them).
_DRIVERS = ("sqlite3", "psycopg")


def _database_error(exc: BaseException) -> BaseException | None:
    """The driver's own error inside ``exc``, if it is one the store did not translate:
    its text names the problem and never holds the statement."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        # SQLAlchemy wraps the driver's error as ``orig``.
        orig = getattr(current, "orig", None)
        for candidate in (orig, current):
            if isinstance(candidate, BaseException) and _from_driver(candidate):
                return candidate
        current = current.__cause__ or current.__context__
    return None


def _from_driver(exc: BaseException) -> bool:
    module = type(exc).__module__.split(".")[0]
    return module in _DRIVERS
