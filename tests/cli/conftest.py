"""The command line's fixtures: the issue's example case, and the environment of a process of its own.

``cli`` itself is in tests/conftest.py: the notify tests run the command line too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import ISSUE_ADD, Run
from tests.helpers.env import TrackerEnv


@pytest.fixture
def issue_case(cli: Run, env: TrackerEnv) -> dict[str, Any]:
    """The issue's example case, added on 2026-10-06 itself; returns its JSON."""
    env.set_today("2026-10-06")
    added = cli(*ISSUE_ADD, "--json")
    assert added.code == 0, added.err
    case: dict[str, Any] = added.json()
    return case


@pytest.fixture
def process_env(tmp_path: Path) -> dict[str, str]:
    """The environment for the command line in a process of its own."""
    config = tmp_path / "config"
    config.mkdir()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    environment.update(
        TRACKER_DB=str(tmp_path / "tracker.db"),
        TRACKER_CONFIG_DIR=str(config),
        TRACKER_TODAY="2026-10-16",
        PYTHONIOENCODING="utf-8",
        TZ="UTC",
    )
    return environment
