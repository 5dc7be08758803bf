"""Running the command line in-process, as a user would type it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tracker.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error_lines(self) -> list[str]:
        return self.err.splitlines()


Run = Callable[..., Result]


@pytest.fixture
def cli(env: Any, capsys: pytest.CaptureFixture[str]) -> Run:
    """``cli("add", "Movistar")`` runs ``tracker add Movistar`` with the test's env."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse: --help, --version and usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


ISSUE_ADD = (
    "add",
    "Movistar Perú",
    "--service",
    "eSIM +51 987 654 321",
    "--ticket",
    "R-2026-00042",
    "--requested",
    "2026-10-06",
    "--playbook",
    "esim-pe",
)


@pytest.fixture
def issue_case(cli: Run, env: Any) -> dict[str, Any]:
    """The issue's example case, added on 2026-10-06 itself; returns its JSON."""
    env.set_today("2026-10-06")
    added = cli(*ISSUE_ADD, "--json")
    assert added.code == 0, added.err
    return added.json()


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


def case_record(**changes: Any) -> dict[str, Any]:
    """One case as an export file holds it (README's JSON format), with ``changes``."""
    record: dict[str, Any] = {
        "id": 1,
        "uuid": "00000000-0000-4000-8000-000000000001",
        "provider": "Claro",
        "service": "",
        "action": "cancel",
        "playbook": "generic",
        "channel": "phone",
        "status": "requested",
        "requested_on": "2026-10-06",
        "ticket": "",
        "promised_by": "2026-10-16",
        "next_follow_up": "2026-10-20",
        "notes": "",
        "fee": None,
        "created_at": "2026-10-06T12:00:00+00:00",
        "updated_at": "2026-10-06T12:00:00+00:00",
        "deleted_at": None,
        "checks": [],
        "timeline": [],
    }
    record.update(changes)
    return record


def export_document(*cases: dict[str, Any]) -> dict[str, Any]:
    return {"format": "tracker-export", "version": 1, "redacted": False, "cases": list(cases)}
