"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, a free
port, its unix socket in that folder, no TCP, gone when the session ends.

It uses the system's PostgreSQL (``initdb`` on PATH or Debian's
/usr/lib/postgresql/*/bin; ``.ci/run`` installs it). PostgreSQL refuses to run as
root: as root, the server runs as the ``postgres`` user (through ``runuser``).
When no server can be started, :func:`start` says why, and the PostgreSQL half of
the suite is skipped with that reason, or fails when ``TRACKER_TEST_POSTGRES=required``
(CI sets it, so that a skipped half can never pass as a green run).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

REQUIRED_VARIABLE = "TRACKER_TEST_POSTGRES"
TEMPLATE = "tracker_template"
SUPERUSER = "postgres"
#: A user that must give a password (scram), for the tests of wrong passwords.
PASSWORD_USER, PASSWORD = "alice", "corr3ct-horse"


class Unavailable(Exception):
    """No server can be started here; the message says why."""


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise Unavailable("no PostgreSQL server programs (initdb) here: apt-get install postgresql")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    folder: Path
    bin: Path
    port: int
    as_user: str | None
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _template_ready: bool = False

    # -- running the server's programs ------------------------------------------

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        argv = [str(self.bin / program), *args]
        if self.as_user is not None:
            argv = ["runuser", "-u", self.as_user, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=self.folder)
        if check and done.returncode != 0:
            raise Unavailable(f"{program} failed: {(done.stderr or done.stdout).strip()[-500:]}")
        return done

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        """Stop and start again: every connection is cut, as when a server is restarted."""
        self.stop()
        self.start()

    # -- databases ---------------------------------------------------------------

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None) -> str:
        secret = f":{password}" if password is not None else ""
        return f"postgresql+psycopg://{user}{secret}@/{database}?host={self.folder}&port={self.port}"

    def sql(self, statement: str, database: str = "postgres") -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(
            f"host={self.folder} port={self.port} user={SUPERUSER} dbname={database}", autocommit=True
        ) as connection:
            cursor = connection.execute(statement)
            return list(cursor.fetchall()) if cursor.description else []

    def new_database(self, *, empty: bool = False) -> str:
        """A new database of its own for one test: with tracker's schema at its newest
        (copied from a template made once), or ``empty``; returns its name."""
        with self._lock:
            name = f"t{next(self._names)}"
            if not empty and not self._template_ready:
                self._make_template()
            template = "template0" if empty else TEMPLATE
            self.sql(f"CREATE DATABASE {name} TEMPLATE {template}")
        return name

    def _make_template(self) -> None:
        from datetime import UTC, datetime

        from tracker.store import open_store, resolve

        self.sql(f"CREATE DATABASE {TEMPLATE}")
        opened = open_store(resolve(self.url(TEMPLATE)), now=datetime.now(UTC))
        opened.store.close()
        self._template_ready = True

    def drop_database(self, name: str) -> None:
        self.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def database_name(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path.lstrip("/")


def dump_rows_of(url: str, query: str) -> list[tuple[object, ...]]:
    """The rows a query returns in a database on a test server."""
    import psycopg

    from tracker.store.location import resolve
    from tracker.store.postgres_link import conninfo

    with psycopg.connect(conninfo(resolve(url)), autocommit=True) as connection:
        return list(connection.execute(query).fetchall())


def dump_rows(
    url: str, tables: tuple[str, ...] = ("alembic_version", "cases", "checks", "timeline")
) -> list[str]:
    """Every row of tracker's tables in a database on a test server, in a stable order."""
    return [
        f"{table}: {row!r}"
        for table in tables
        for row in dump_rows_of(url, f"SELECT * FROM {table} ORDER BY 1")
    ]


def start() -> Server:
    """A new server in a temporary folder; raises :class:`Unavailable` with the reason."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise Unavailable("psycopg is not installed: pip install -e '.[postgres,test]'") from None
    binaries = _binaries()
    as_user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            raise Unavailable(
                "running as root and there is no 'postgres' user to run the server as"
            ) from None
        if shutil.which("runuser") is None:
            raise Unavailable("running as root and runuser is missing")
        as_user = SUPERUSER
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    server = Server(folder, binaries, _free_port(), as_user)
    try:
        if as_user is not None:
            owner = pwd.getpwnam(as_user)
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        server._run(
            "initdb",
            "-D",
            str(server.data),
            "-U",
            SUPERUSER,
            "--auth-local=trust",
            "--auth-host=reject",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        hba = server.data / "pg_hba.conf"
        # The password user must give one; everyone else is trusted on the socket.
        lines = hba.read_text().splitlines()
        hba.write_text(
            "\n".join([f"local all {PASSWORD_USER} scram-sha-256", *lines]) + "\n",
        )
        server.start()
        server.sql(f"CREATE ROLE {PASSWORD_USER} LOGIN CREATEDB PASSWORD '{PASSWORD}'")
    except BaseException:
        stop(server)
        raise
    return server


def stop(server: Server) -> None:
    server.stop("immediate")
    with contextlib.suppress(OSError):
        shutil.rmtree(server.folder)
