"""A tracker database on a server: is it ours, making and migrating its schema, copies, checks.

The schema is made the one way every schema is made: the Alembic revisions, all
of them in one transaction (PostgreSQL's DDL is transactional), under an
advisory lock so that two trackers opening an empty database at once make it
once. A database that holds other tables and none of ours is refused untouched.
SQLAlchemy and Alembic load only when there is schema work to do.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import tracker.store.postgres_link as link
from tracker import paths
from tracker.domain.errors import InvalidInput, StoreError
from tracker.i18n import N_, _
from tracker.private_files import create_private_file, make_private_folder
from tracker.records import record
from tracker.store.location import Target
from tracker.store.migrate import KNOWN_REVISIONS, OUR_TABLES, SCHEMA_HEAD, looks_newer
from tracker.store.search_index import TRIGRAM_INDEX

# pg_advisory_xact_lock key of schema work ("trak" in ASCII).
_SCHEMA_LOCK = 0x7472616B
_TABLES = ("alembic_version", "cases", "checks", "timeline")

_RELATIONS = """
    SELECT c.relname, a.attname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         AND c.relname IN ('cases', 'checks', 'timeline')
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
"""


@record(frozen=True)
class State:
    """What a PostgreSQL database holds, and its revision."""

    kind: str  # "empty", "ours", "newer" or "foreign"
    revision: str | None = None


def inspect(execute: Any) -> State:
    """What the database holds, read through ``execute(sql)`` (a driver or SQLAlchemy connection)."""
    columns: dict[str, set[str]] = {}
    for table, column in execute(_RELATIONS).fetchall():
        columns.setdefault(table, set())
        if column is not None:
            columns[table].add(column)
    if not columns:
        return State("empty")
    if "alembic_version" not in columns:
        return State("foreign")
    rows = execute("SELECT version_num FROM alembic_version").fetchall()
    revision = rows[0][0] if rows else None
    if any(not wanted <= columns.get(table, set()) for table, wanted in OUR_TABLES.items()):
        return State("foreign", revision)
    if revision in KNOWN_REVISIONS:
        return State("ours", revision)
    if looks_newer(revision):
        return State("newer", revision)
    return State("foreign", revision)


def refusal(target: Target, state: State, opening: bool = True) -> InvalidInput | None:
    """Why a database is not tracker's (None when it is); ``opening``: the refusal of an
    attempt to open it, which says the database was left untouched."""
    if state.kind == "foreign" and not opening:
        return InvalidInput(
            _("{target} holds the tables of another program (give tracker a database of its own)").format(
                target=target.shown
            )
        )
    if state.kind == "foreign":
        return InvalidInput(
            _(
                "{target} holds the tables of another program; it was left untouched "
                "(give tracker a database of its own)"
            ).format(target=target.shown)
        )
    if state.kind == "newer":
        return InvalidInput(
            _(
                "{target} was written by a newer tracker (schema {revision}); upgrade tracker to open it"
            ).format(target=target.shown, revision=state.revision)
        )
    return None


def prepare(target: Target, *, create: bool, now: datetime) -> tuple[str | None, Any]:
    """Make the database ready: refuse what is not ours, create the schema in an empty
    database, migrate an older one after a backup. Returns where that backup went, and
    the connection that looked, when the database was ready as it was (for the store to
    go on with: a second connection costs a TLS handshake on a remote server)."""
    connection = link.connect(target)
    try:
        state = inspect(connection.execute)
    except Exception as exc:
        connection.close()
        raise link.explain(exc, target) or exc from None
    if state.kind == "ours" and state.revision == SCHEMA_HEAD:
        return None, connection
    connection.close()
    refused = refusal(target, state)
    if refused is not None:
        raise refused
    if state.kind == "empty" and not create:
        raise InvalidInput(
            _("there is no tracker database at {target} (the database is empty)").format(target=target.shown)
        )
    backup = dump(target, None, now, f"before-{SCHEMA_HEAD}") if state.kind == "ours" else None
    _upgrade(target)
    return backup, None


def sqlalchemy_url(target: Target) -> str:
    return "postgresql+psycopg://" + target.url.partition("://")[2]


def _upgrade(target: Target) -> None:
    """Run the revisions the database lacks, all in one transaction, one tracker at a time."""
    link.driver()
    from sqlalchemy import create_engine, exc
    from sqlalchemy.pool import NullPool

    from tracker.store.migrate import run_upgrade

    engine = create_engine(sqlalchemy_url(target), poolclass=NullPool)
    try:
        with engine.connect() as connection, connection.begin():
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")
            state = inspect(connection.exec_driver_sql)  # another tracker may have done it meanwhile
            refused = refusal(target, state)
            if refused is not None:
                raise refused
            if state.revision != SCHEMA_HEAD:
                run_upgrade(connection)
    except exc.DBAPIError as error:
        cause = error.orig or error
        raise link.explain(cause, target) or StoreError(str(cause)) from None
    finally:
        engine.dispose()


# -- copies -------------------------------------------------------------------


def _without_password(target: Target) -> tuple[str, str | None]:
    """libpq's URL without the password, and the password (for $PGPASSWORD, never argv)."""
    parts = urlsplit(link.conninfo(target))
    if parts.password is None:
        return urlunsplit(parts), None
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), unquote(parts.password)


def default_copy_path(target: Target, label: str, now: datetime) -> Path:
    """``<data folder>/backups/<database>-<host>.<label>-<local time>.dump``."""
    name = f"{link.database_name(target)}-{link.host_name(target)}"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "postgresql"
    return paths.data_dir() / "backups" / f"{safe}.{label}-{now.strftime('%Y%m%dT%H%M%S')}.dump"


def dump(target: Target, destination: Path | None, now: datetime, label: str) -> str:
    """A consistent copy of the database in a file; returns where it went and how to restore it.

    With ``pg_dump`` (when installed and able to read this server): its custom format.
    Otherwise every row of tracker's tables as a psql script, read in one snapshot.
    The file is owner-only and appears under its name only once complete.
    """
    if destination is None:
        destination = default_copy_path(target, label, now)
        make_private_folder(destination.parent, StoreError)
    if destination.exists() or destination.is_symlink():
        raise InvalidInput(_("{file} already exists; choose another name").format(file=destination))
    if not destination.parent.is_dir():
        raise InvalidInput(_("cannot write {file}: the folder does not exist").format(file=destination))
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    try:
        create_private_file(partial)
    except OSError as exc:
        raise StoreError(
            _("cannot write {file}: {reason}").format(file=destination, reason=exc.strerror)
        ) from None
    try:
        how = _pg_dump(target, partial)
        if how is None:
            how = _copy_rows(target, partial)
        os.link(partial, destination)
    except FileExistsError:
        raise InvalidInput(_("{file} already exists; choose another name").format(file=destination)) from None
    except OSError as exc:
        raise StoreError(
            _("cannot write {file}: {reason}; no copy was made").format(file=destination, reason=exc.strerror)
        ) from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return f"{destination} ({how})"


def _pg_dump(target: Target, partial: Path) -> str | None:
    """pg_dump's custom format into ``partial``; None when pg_dump is missing or cannot do it
    (an older pg_dump refuses a newer server)."""
    program = shutil.which("pg_dump")
    if program is None:
        return None
    url, password = _without_password(target)
    environment = {**os.environ, "PGCONNECT_TIMEOUT": str(link.CONNECT_TIMEOUT_S)}
    if password is not None:
        environment["PGPASSWORD"] = password
    done = subprocess.run(
        [program, "--format=custom", "--no-password", f"--file={partial}", f"--dbname={url}"],
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    return _("pg_dump custom format; restore into an empty database with pg_restore --dbname=URL FILE")


def _copy_rows(target: Target, partial: Path) -> str:
    """Every row of tracker's tables, read in one snapshot, as a psql script of COPY blocks."""
    connection = link.connect(target)
    try:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()[0][0]
        with open(partial, "wb") as out:
            out.write(
                f"-- tracker: every row at schema revision {revision}; load into a tracker database\n"
                f"-- made empty at that revision with: psql --single-transaction -f FILE\n".encode()
            )
            for table in reversed(_TABLES):
                out.write(f"DELETE FROM {table};\n".encode())
            for table in _TABLES:
                out.write(f"COPY {table} FROM stdin;\n".encode())
                with connection.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                    for chunk in copy:
                        out.write(bytes(chunk))
                out.write(b"\\.\n")
            for table in ("cases", "checks", "timeline"):
                out.write(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}));\n".encode()
                )
            out.flush()
            os.fsync(out.fileno())
        connection.execute("COMMIT")
    except Exception as exc:
        raise link.explain(exc, target) or exc from None
    finally:
        connection.close()
    return _("the rows as a psql script (pg_dump was not available), schema revision {revision}").format(
        revision=revision
    )


# -- checks -------------------------------------------------------------------

_CHECKS: tuple[tuple[str, str, str], ...] = (
    (
        N_("case {case}: its check counters disagree with its checks"),
        "case",
        """SELECT c.id FROM cases c LEFT JOIN (
               SELECT case_id, count(*) FILTER (WHERE state <> 'n/a') AS total,
                      count(*) FILTER (WHERE state = 'passed') AS passed,
                      count(*) FILTER (WHERE state = 'failed') AS failed
               FROM checks GROUP BY case_id) k ON k.case_id = c.id
           WHERE (c.checks_total, c.checks_passed, c.checks_failed)
                 IS DISTINCT FROM (coalesce(k.total, 0), coalesce(k.passed, 0), coalesce(k.failed, 0))
           ORDER BY c.id LIMIT 20""",
    ),
    (
        N_("a check or timeline entry of case {case} points at no case"),
        "case",
        """SELECT case_id FROM checks WHERE case_id NOT IN (SELECT id FROM cases)
           UNION SELECT case_id FROM timeline WHERE case_id NOT IN (SELECT id FROM cases) LIMIT 20""",
    ),
    (
        N_("constraint {name} is not validated"),
        "name",
        """SELECT conname FROM pg_constraint
           WHERE conrelid IN ('cases'::regclass, 'checks'::regclass, 'timeline'::regclass)
             AND NOT convalidated""",
    ),
    (
        N_("index {name} is not valid (rebuild it with REINDEX)"),
        "name",
        """SELECT indexrelid::regclass::text FROM pg_index
           WHERE indrelid IN ('cases'::regclass, 'checks'::regclass, 'timeline'::regclass)
             AND NOT (indisvalid AND indisready)""",
    ),
    (
        N_("the id sequence of {table} is behind its largest id: the next row added would fail"),
        "table",
        " UNION ALL ".join(
            f"""SELECT '{table}' WHERE coalesce(pg_sequence_last_value(
                    pg_get_serial_sequence('{table}', 'id')::regclass), 0)
                < (SELECT coalesce(max(id), 0) FROM {table})"""
            for table in ("cases", "checks", "timeline")
        ),
    ),
)


def check(target: Target) -> tuple[list[str], list[str]]:
    """What is wrong with the tracker database on the server, and notes, changing nothing."""
    connection = link.connect(target)
    try:
        state = inspect(connection.execute)
        if state.kind == "empty":
            return [_("{target} is empty: it holds no tracker data").format(target=target.shown)], []
        refused = refusal(target, state, opening=False)
        if refused is not None:
            return [str(refused)], []
        notes = []
        if state.revision != SCHEMA_HEAD:
            notes.append(
                _(
                    "schema {revision}: it will be upgraded (after a backup copy) when tracker opens it"
                ).format(revision=state.revision)
            )
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        problems = [
            _(sentence).format(**{key: row[0]})
            for sentence, key, sql in _CHECKS
            for row in connection.execute(sql).fetchall()
        ]
        unindexed = (
            state.revision == SCHEMA_HEAD
            and not connection.execute(
                "SELECT 1 FROM pg_indexes WHERE indexname = %s", (TRIGRAM_INDEX,)
            ).fetchall()
        )
        connection.execute("COMMIT")
    except Exception as exc:
        raise link.explain(exc, target) or exc from None
    finally:
        connection.close()
    if unindexed:
        notes.append(
            _(
                "the filter has no index on this server (the pg_trgm extension could not be created), "
                "so each search reads every case: a superuser can run CREATE EXTENSION pg_trgm "
                "in this database, and CREATE INDEX {index} ON case_search USING gin (folded gin_trgm_ops)"
            ).format(index=TRIGRAM_INDEX)
        )
    notes.append(
        _(
            "checked on the server: tracker's tables and revision, foreign keys and indexes valid, "
            "check counters, id sequences (PostgreSQL checks its own storage)"
        )
    )
    return problems, notes
