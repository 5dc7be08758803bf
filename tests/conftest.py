"""Fixtures shared by every test folder: a fixed day, a database under tmp_path, a clean env."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tracker.clock import FixedClock
from tracker.i18n import activate

# A Tuesday, a few days after the example request (2026-10-06).
TODAY = date(2026, 10, 20)

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
    for name in ("TRACKER_DB", "TRACKER_TODAY", "TRACKER_CONFIG_DIR", "TRACKER_DEBUG", "TRACKER_LANG"):
        monkeypatch.delenv(name, raising=False)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
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


@dataclass
class TrackerEnv:
    """The environment the command line sees: its database, config folder and today."""

    db: Path
    config_dir: Path
    monkeypatch: pytest.MonkeyPatch

    def set_today(self, day: date | str) -> None:
        self.monkeypatch.setenv("TRACKER_TODAY", day.isoformat() if isinstance(day, date) else day)


@pytest.fixture
def env(tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrackerEnv:
    """TRACKER_DB, TRACKER_CONFIG_DIR and TRACKER_TODAY set for the command line."""
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(config_dir))
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    return TrackerEnv(db_path, config_dir, monkeypatch)


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def db_dump() -> Callable[[Path], list[str]]:
    """Every table and row of a database as SQL (read through its WAL), to compare before/after."""
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
