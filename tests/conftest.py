"""Fixtures shared by every test folder: a fixed day, a database under tmp_path, a clean env,
the command line run in-process."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests import postgres_server
from tests.helpers.cli import Result, Run
from tests.helpers.env import TODAY, TrackerEnv
from tracker.clock import FixedClock
from tracker.i18n import activate
from tracker.wording import phrases  # noqa: F401  # installs the words of the domain's facts, as every front end does

# Property tests stay fast and deterministic enough for CI; no example database in the repo.
settings.register_profile(
    "tracker",
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("tracker")


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads the developer's settings or writes into their real data folder;
    each starts in English, whatever the developer's locale, and leaves English behind."""
    home = tmp_path_factory.mktemp("home")
    for name in (
        "TRACKER_DB",
        "TRACKER_TODAY",
        "TRACKER_CONFIG_DIR",
        "TRACKER_DEBUG",
        "TRACKER_LANG",
        "COLUMNS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # An unknown language is said once per process; each in-process command line of a
    # test (and the same test on the other backend) is a process of its own.
    monkeypatch.setattr("tracker.i18n.language._warned", set())
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    activate("en")
    yield
    activate("en")


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database goes; the file does not exist yet."""
    return tmp_path / "tracker.db"


# -- both backends ------------------------------------------------------------------
#
# A test that uses ``db_target`` (or a fixture built on it: ``database``, ``env``...)
# in these folders runs on SQLite and on a real PostgreSQL server, so that no behaviour
# exists on one backend and not the other. Tests about SQLite files are marked
# ``sqlite_only``. Elsewhere ``db_target`` is a SQLite file.
BACKEND_SUITES = ("store", "core", "cli")
BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    folder = metafunc.definition.path.parent.name
    if folder in BACKEND_SUITES and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql": which backend this run of the test is on."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres_server.Server]:
    """A PostgreSQL server of the test session's own (started on first use)."""
    try:
        server = postgres_server.start()
    except postgres_server.Unavailable as exc:
        reason = f"PostgreSQL half not run: {exc}"
        if os.environ.get(postgres_server.REQUIRED_VARIABLE) == "required":
            pytest.fail(f"{reason} ({postgres_server.REQUIRED_VARIABLE}=required)", pytrace=False)
        pytest.skip(reason)
    yield server
    postgres_server.stop(server)


@pytest.fixture
def pg_database(pg_server: postgres_server.Server) -> Iterator[str]:
    """The URL of a new database with tracker's schema, dropped after the test."""
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def db_target(backend: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """The test's database as ``--db`` takes it: a SQLite file that does not exist yet,
    or a new database on the test server."""
    if backend == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture
def new_db_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], str]:
    """Makes more databases on the test's backend: ``new_db_target("here")`` is a new
    file ``here.db``, or a new database on the test server (dropped after the test)."""

    def make(name: str) -> str:
        if backend == "sqlite":
            return str(tmp_path / f"{name}.db")
        server: postgres_server.Server = request.getfixturevalue("pg_server")
        database = server.new_database()
        request.addfinalizer(lambda: server.drop_database(database))
        return server.url(database)

    return make


@pytest.fixture
def env(
    tmp_path: Path, db_target: str, backend: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TrackerEnv]:
    """TRACKER_DB, TRACKER_CONFIG_DIR and TRACKER_TODAY set for the command line.

    The command line's clock is the machine's, in the machine's zone; its zone is
    pinned to UTC here, the zone of the FixedClock that writes the tests' stories
    (at noon UTC), so the same local days come out on any machine.
    """
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    monkeypatch.setenv("TRACKER_DB", db_target)
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(config_dir))
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield TrackerEnv(db_target, config_dir, monkeypatch, backend)
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def cli(env: TrackerEnv, capsys: pytest.CaptureFixture[str]) -> Run:
    """``cli("add", "Movistar")`` runs ``tracker add Movistar`` with the test's env."""
    from tracker.cli import main

    def run(*argv: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse: --help, --version and usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def _dump(target: Path | str) -> list[str]:
    if str(target).startswith("postgresql"):
        return postgres_server.dump_rows(str(target))
    connection = sqlite3.connect(target)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def db_dump() -> Callable[[Path | str], list[str]]:
    """Every table and row of a database (a SQLite file read through its WAL, or a database
    on the test server), to compare before/after."""
    return _dump


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 64 KiB file system of its own, to fill up (needs the right to mount)."""
    import subprocess

    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
