"""A case entered on one side of the date line and read on the other (issue 19, item 20):
entered at UTC+14, where it is already tomorrow, read at UTC-11, where it is still today (or
yesterday): no elapsed count in the dossier goes negative."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.dates import days_elapsed


def _tracker(tmp_path: Path, zone: str, *argv: str) -> str:
    environment = {
        key: value for key, value in os.environ.items() if key not in ("TRACKER_TODAY", "TRACKER_LANG")
    }
    environment.update(
        TZ=zone,
        TRACKER_CONFIG_DIR=str(tmp_path / "config"),
        TRACKER_DB=str(tmp_path / "t.db"),
        LANG="C.UTF-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--lang", "en", *argv],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_no_negative_elapsed_days_across_the_date_line(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    _tracker(tmp_path, "Etc/GMT-14", "add", "Claro", "--playbook", "esim-pe")  # UTC+14
    report = _tracker(tmp_path, "Etc/GMT+11", "report", "1")  # UTC-11
    lines = report.splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.startswith("| Event | Date | Days after the request")
    )
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    assert rows, report
    for row in rows:
        days, business = (cell.strip() for cell in row.strip("|").split("|")[2:4])
        assert int(days) >= 0 and int(business) >= 0, row
    assert re.search(r"\| Today \| .* \| 0 \| 0 \|", report), report


def test_elapsed_counts_are_never_negative() -> None:
    calendar = BusinessCalendar(country="PE")
    requested = date(2026, 12, 8)
    assert days_elapsed(requested, date(2026, 12, 6)) == 0
    assert calendar.elapsed(requested, date(2026, 12, 6)) == 0
    assert days_elapsed(requested, date(2026, 12, 15)) == 7
    assert (
        calendar.elapsed(requested, date(2026, 12, 15)) == calendar.between(requested, date(2026, 12, 15)) > 0
    )
