"""The TUI and the command line write to one database at the same time, in two processes.

POSIX drops every lock a process holds on a file when the process closes any
descriptor of that file; a process that reads the file with plain Python while
SQLite has it open loses SQLite's locks, and another process then deletes the
WAL under it. Nothing outside SQLite may open the database file once it is open.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.env import TODAY
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.workflow import CaseDraft


def cli(db: Path, config: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TRACKER_DB": str(db),
        "TRACKER_CONFIG_DIR": str(config),
        "TRACKER_TODAY": TODAY.isoformat(),
    }
    return subprocess.run(
        [sys.executable, "-m", "tracker", *argv], env=env, capture_output=True, text=True, check=False
    )


def test_tui_and_command_line_writing_in_turn_lose_nothing(tmp_path: Path) -> None:
    db, config = tmp_path / "t.db", tmp_path / "config"
    config.mkdir()
    assert cli(db, config, "add", "first").returncode == 0
    # As the TUI does it: the store open all along, its reads and writes on worker threads.
    tui = Tracker.open(str(db), clock=FixedClock(TODAY), config_folder=config)
    try:
        tui.ordered_ids()
        assert cli(db, config, "add", "from the command line 1").returncode == 0
        tui.cases.add(CaseDraft(provider="from the TUI"))
        assert cli(db, config, "add", "from the command line 2").returncode == 0
        tui.cases.add(CaseDraft(provider="from the TUI again"))
        assert [
            s.provider
            for s in tui.summaries(tui.ordered_ids()).values()
            if s.provider.startswith("from the command line 2")
        ]
    finally:
        tui.close()
    listed = cli(db, config, "list", "--json")
    providers = sorted(case["provider"] for case in __import__("json").loads(listed.stdout))
    assert providers == [
        "first",
        "from the TUI",
        "from the TUI again",
        "from the command line 1",
        "from the command line 2",
    ]
    checked = cli(db, config, "db", "check")
    assert checked.returncode == 0, checked.stdout
