"""Reaching a PostgreSQL server: the driver, the connection, and its failures in one line.

Every failure the user can meet (no driver, server down, wrong password, no such
database, the connection lost) becomes one :class:`StoreError` sentence that
names the server by its URL without the password. The driver's own message is
never shown whole: it may quote connection details.
"""

from __future__ import annotations

import logging
import re
import shlex
from typing import TYPE_CHECKING, Any, cast

from tracker.domain.errors import StoreError
from tracker.i18n import N_, _
from tracker.store.location import Target, scrub

if TYPE_CHECKING:
    import psycopg

#: Every write transaction notifies this channel; change_token() listens to it.
CHANNEL = "tracker_changes"
#: How long a writer waits for a case another writer holds (SQLite's busy timeout is the same).
LOCK_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 10

# Text that PostgreSQL cannot hold (NUL) is stored escaped: NUL as ESC "0", ESC itself as
# ESC "1". ESC is U+FFFF, a noncharacter that text typed by people does not contain, so
# the escape costs nothing on the way out unless it is there.
ESC = "\uffff"


def escape_text(value: str) -> str:
    if "\x00" in value or ESC in value:
        return value.replace(ESC, ESC + "1").replace("\x00", ESC + "0")
    return value


def unescape_text(value: str) -> str:
    if ESC in value:
        return value.replace(ESC + "0", "\x00").replace(ESC + "1", ESC)
    return value


def driver() -> Any:
    """The psycopg module, or one line saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            _("PostgreSQL needs the psycopg driver, which is not installed: pip install 'tracker[postgres]'")
        ) from None
    _quiet(psycopg)
    return psycopg


def _quiet(psycopg: Any) -> None:
    """Keep psycopg's log off stderr: with no handler of its own, Python prints its warnings there.

    psycopg logs "error ignored terminating <Pipeline ...>" when a pipeline (executemany)
    fails a second time on its way out of an error: the first error is the one raised,
    and the one the user is told, in one line. A handler configured on the root logger
    (for debugging) still receives the record.
    """
    logger = logging.getLogger(psycopg.__name__)
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


def conninfo(target: Target) -> str:
    """The target's URL as libpq takes it (``postgresql://``, without SQLAlchemy's driver name)."""
    return "postgresql://" + target.url.partition("://")[2]


def _parts(target: Target) -> dict[str, Any]:
    """host, port, user and dbname as libpq reads them (the URL's query included).

    A URL libpq cannot read is one :class:`StoreError` line, its password hidden: libpq's
    own message quotes the part it stumbled on, which may be the password or the whole URL.
    """
    psycopg = driver()
    from psycopg.conninfo import conninfo_to_dict

    try:
        return dict(conninfo_to_dict(conninfo(target)))
    except psycopg.Error as exc:
        raise StoreError(
            _("{target} is not a PostgreSQL URL libpq can read: {reason}").format(
                target=target.shown, reason=_scrubbed(str(exc), target)
            )
        ) from None


def server_name(target: Target) -> str:
    """The server and database, for messages: ``alice@db.example.com:5432/tracker``."""
    parts = _parts(target)
    host = str(parts.get("host") or "localhost")
    port = f":{parts['port']}" if parts.get("port") else ""
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"{user}{host}{port}/{parts.get('dbname') or ''}"


def database_name(target: Target) -> str:
    return str(_parts(target).get("dbname") or "")


def createdb_command(target: Target) -> str:
    """The one line that makes the target's database: ``createdb -h HOST -p PORT -U USER NAME``."""
    parts = _parts(target)
    options = [f"{flag} {shlex.quote(str(parts[key]))}" for flag, key in _CREATEDB_OPTIONS if parts.get(key)]
    return " ".join(["createdb", *options, shlex.quote(database_name(target))])


_CREATEDB_OPTIONS = (("-h", "host"), ("-p", "port"), ("-U", "user"))


def host_name(target: Target) -> str:
    return str(_parts(target).get("host") or "localhost")


def _register_text_adapters(connection: psycopg.Connection[Any]) -> None:
    from psycopg.types.string import StrDumperUnknown, TextLoader

    class EscapingDumper(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(escape_text(obj))

    class UnescapingLoader(TextLoader):
        def load(self, data: Any) -> str:
            return unescape_text(cast(str, super().load(data)))

    connection.adapters.register_dumper(str, EscapingDumper)
    # Only ``text`` columns hold what people typed; the short varchar ones (status, uuid,
    # kind) keep the driver's fast loader.
    connection.adapters.register_loader("text", UnescapingLoader)


def connect(target: Target) -> psycopg.Connection[Any]:
    """A new connection, autocommit at the driver: every transaction is a BEGIN of ours,
    so none is ever left open by a statement run outside one."""
    module = driver()
    _parts(target)  # a URL libpq cannot read is told as such, before any connection
    try:
        connection: psycopg.Connection[Any] = module.connect(
            conninfo(target),
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="tracker",
            options=f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        )
    except module.Error as exc:
        raise explain(exc, target, connecting=True) or StoreError(_scrubbed(str(exc), target)) from None
    _register_text_adapters(connection)
    return connection


def lost(exc: BaseException) -> bool:
    """Whether the error means the connection died (a restart, a network cut), not the SQL."""
    psycopg = driver()
    if isinstance(exc, psycopg.errors.AdminShutdown | psycopg.errors.CrashShutdown):
        return True
    return isinstance(exc, psycopg.OperationalError) and getattr(exc, "sqlstate", None) is None


# The role in the server's own words; the message names the socket or host before it.
_ROLE = re.compile(r'role "([^"]*)" does not exist')
# libpq's prefix when a connection could not even be set up; what follows is the cause.
_BAD_CONNECTION = "connection is bad: "


def explain(exc: BaseException, target: Target, *, connecting: bool = False) -> StoreError | None:
    """A driver error as one line for the user; None for errors that are not about the
    server or the connection (integrity errors, programming errors), which stay as they are.

    ``connecting``: the error came while opening a connection, so a connection without a
    server's answer was never made, not lost (a bad sslmode, a bad port)."""
    psycopg = driver()
    if not isinstance(exc, psycopg.Error) or isinstance(exc, psycopg.IntegrityError):
        return None
    text = _scrubbed(str(exc), target)  # before any sentence is formed from it
    detail = _first_line(text)
    if detail.startswith(_BAD_CONNECTION):
        detail = detail[len(_BAD_CONNECTION) :]
    words = {
        "server": server_name(target),
        "name": database_name(target),
        "detail": detail,
        "createdb": createdb_command(target),
    }
    found = _ROLE.search(text)
    words["role"] = found.group(1) if found else str(_parts(target).get("user") or "")
    message = _sentence(exc, text.lower(), psycopg.errors, connecting)
    if message is None:
        return StoreError(f"{words['server']}: {detail}")
    return StoreError(_(message).format(**words))


def _sentence(exc: BaseException, text: str, errors: Any, connecting: bool = False) -> str | None:
    """Which sentence (untranslated, with {server}, {name}, {role}, {detail}) says what happened."""
    if "password authentication failed" in text:
        return N_("the server {server} refused the password (check the user and password)")
    if "no password supplied" in text:
        return N_(
            "the server {server} asks for a password: put it in the URL, in $PGPASSWORD or in ~/.pgpass"
        )
    if "fatal" in text and "database" in text and "does not exist" in text:
        return N_("there is no database '{name}' on {server}; create it first, e.g.: {createdb}")
    if "fatal" in text and "role" in text and "does not exist" in text:
        return N_("the server {server} has no user '{role}'")
    if "invalid port number" in text or 'for connection option "port"' in text or "servname not" in text:
        return N_("{server}: the port must be a number from 1 to 65535")
    if "invalid sslmode value" in text:
        return N_("{server}: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full")
    if "failed to resolve host" in text or "could not translate host name" in text:
        return N_("cannot find the host of {server} (check its name)")
    if "timeout expired" in text:
        return N_("the server {server} did not answer in time; is it running and reachable?")
    if "connection refused" in text or "no such file or directory" in text:
        return N_("cannot reach the PostgreSQL server {server}: is it running?")
    if isinstance(exc, errors.LockNotAvailable):
        return N_("{server} is busy: another tracker kept a case locked too long; nothing was changed")
    if isinstance(exc, errors.DeadlockDetected | errors.SerializationFailure):
        return N_("{server}: another tracker wrote at the same moment; nothing was changed, try again")
    if isinstance(exc, errors.InsufficientPrivilege):
        return N_("the user of {server} may not do this ({detail}); nothing was changed")
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return N_("{server} is read-only (a standby?); nothing was saved")
    if isinstance(exc, errors.DiskFull | errors.OutOfMemory):
        return N_("the server {server} is out of space; nothing was saved")
    if connecting and lost(exc):
        # No server said no: libpq refused a setting (sslmode, port) or could not connect.
        return N_("cannot connect to the PostgreSQL server {server}: {detail}")
    if lost(exc):
        return N_(
            "lost the connection to the PostgreSQL server {server} (restarted or unreachable); "
            "nothing more was saved; the next action reconnects"
        )
    return None


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


def _scrubbed(text: str, target: Target) -> str:
    """The driver's text with the password taken out, should it quote it or the URL."""
    return _first_line(scrub(text, target.url))
