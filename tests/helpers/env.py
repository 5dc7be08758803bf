"""What the command line sees in a test: the suite's today and the test's environment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests import postgres_server

# A Tuesday, a few days after the example request (2026-10-06).
TODAY = date(2026, 10, 20)


@dataclass
class TrackerEnv:
    """The environment the command line sees: its database, config folder and today."""

    target: str
    config_dir: Path
    monkeypatch: pytest.MonkeyPatch
    backend: str = "sqlite"

    def nothing_stored(self) -> bool:
        """No database file was made (SQLite), or the database holds no case (PostgreSQL)."""
        if self.backend == "sqlite":
            return not Path(self.target).exists()
        return postgres_server.dump_rows(self.target, tables=("cases",)) == []

    @property
    def db(self) -> Path:
        """The SQLite file (for tests about files, which are ``sqlite_only``)."""
        assert self.backend == "sqlite", "a test about the SQLite file must be marked sqlite_only"
        return Path(self.target)

    def set_today(self, day: date | str) -> None:
        self.monkeypatch.setenv("TRACKER_TODAY", day.isoformat() if isinstance(day, date) else day)
