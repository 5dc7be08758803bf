"""`tracker due` at 100,000 cases against Taskwarrior's `task overdue` over the same tasks.

    python -m tests.bench.due

Needs Debian's taskwarrior package (2.6): `apt-get install taskwarrior`. Writes the
same 100,000 cases (10,000 overdue) as Taskwarrior data files, then times both
commands (fresh processes, medians of TRACKER_BENCH_RUNS runs, alternating).
Then checks that the cost follows the answer: 100 overdue among 100,000 cases
against 100 overdue among 1,000.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path

from tests.bench.common import dataset, median_pair, report, run_once
from tests.bench.generate import TODAY

TRACKER = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "tracker")


def _epoch(day: date) -> int:
    return int(datetime.combine(day, time(12), tzinfo=UTC).timestamp())


def _ff4(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace('"', "&dquot;")
        .replace("[", "&open;")
        .replace("]", "&close;")
        .replace("\n", " ")
    )


def write_taskwarrior(db: Path, folder: Path) -> None:
    """The cases as Taskwarrior tasks: open ones pending (due = next follow-up), the rest done.

    Due dates keep their distance from today, so the same tasks are overdue for
    Taskwarrior (which knows only the real clock) as for tracker.
    """
    shift = date.today() - TODAY
    folder.mkdir(parents=True, exist_ok=True)
    rows = sqlite3.connect(db).execute(
        "SELECT uuid, provider, service, status, next_follow_up, requested_on FROM cases"
    )
    with (folder / "pending.data").open("w") as pending, (folder / "completed.data").open("w") as completed:
        for uuid, provider, service, status, follow_up, requested in rows:
            entry = _epoch(date.fromisoformat(requested) + shift)
            fields = [f'description:"{_ff4(f"{provider} {service}")}"', f'entry:"{entry}"']
            is_open = status in ("requested", "confirmed", "failed")
            if is_open and follow_up:
                fields.append(f'due:"{_epoch(date.fromisoformat(follow_up) + shift)}"')
            if is_open:
                fields.append('status:"pending"')
            else:
                fields.append(f'end:"{entry + 86400}"')
                fields.append('status:"completed"')
            fields.append(f'uuid:"{uuid}"')
            (pending if is_open else completed).write("[" + " ".join(fields) + "]\n")
    (folder / "taskrc").write_text(
        f"data.location={folder}\nverbose=nothing\ncolor=off\ngc=off\nhooks=off\n"
        "recurrence=off\nconfirmation=off\ndetection=off\ndefaultwidth=120\n"
    )


def main() -> bool:
    task = shutil.which("task")
    if task is None:
        raise SystemExit("taskwarrior is not installed: apt-get install taskwarrior")
    version = subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()
    big = dataset(100_000)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "task"
        write_taskwarrior(big, folder)
        task_env = {"TASKRC": str(folder / "taskrc"), "TASKDATA": str(folder)}
        listed = subprocess.run(
            [task, "overdue"], env={**os.environ, **task_env}, capture_output=True, text=True
        )
        overdue_lines = [line for line in listed.stdout.splitlines() if line.strip()]
        print(f"taskwarrior {version}: `task overdue` lists {len(overdue_lines)} tasks")
        tracker_env = {"TRACKER_DB": str(big), "TRACKER_TODAY": TODAY.isoformat()}
        ours, theirs = median_pair(
            lambda: run_once([TRACKER, "due"], tracker_env, ok_codes=(0, 1)),
            lambda: run_once([task, "overdue"], task_env),
        )
        ok &= report("tracker due vs task overdue, 100,000 cases (10,000 overdue)", ours, theirs, 0.25)
    large = dataset(100_000, overdue=100)
    small = dataset(1_000, overdue=100)
    at_large, at_small = median_pair(
        lambda: run_once(
            [TRACKER, "due"], {"TRACKER_DB": str(large), "TRACKER_TODAY": TODAY.isoformat()}, (0, 1)
        ),
        lambda: run_once(
            [TRACKER, "due"], {"TRACKER_DB": str(small), "TRACKER_TODAY": TODAY.isoformat()}, (0, 1)
        ),
    )
    ok &= report("tracker due, 100 overdue in 100,000 cases vs in 1,000", at_large, at_small, 1.3)
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
