"""The real entry points, in real processes: ``python -m tracker`` and the ``tracker`` script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import __version__

SCRIPT = Path(sys.executable).with_name("tracker")


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_python_m_tracker_version(process_env: dict[str, str]) -> None:
    done = run([sys.executable, "-m", "tracker", "--version"], process_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"tracker {__version__}"


@pytest.mark.skipif(not SCRIPT.exists(), reason="the tracker script is not installed beside python")
def test_the_tracker_script_adds_and_reports_due(process_env: dict[str, str]) -> None:
    added = run(
        [
            str(SCRIPT),
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
        ],
        process_env,
    )
    assert added.returncode == 0, added.stderr
    assert "promised by 2026-10-14" in added.stdout
    due = run([sys.executable, "-m", "tracker", "due", "--json"], process_env)
    assert due.returncode == 1, due.stderr
    [case] = json.loads(due.stdout)
    assert case["provider"] == "Movistar Perú" and "OVERDUE" in case["flags"]


def test_bad_input_in_a_real_process_is_one_line(process_env: dict[str, str]) -> None:
    done = run([sys.executable, "-m", "tracker", "add", "X", "--requested", "2026-02-30"], process_env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "February" in done.stderr
