"""Imports merge by history, not by clocks, and two imports at once both land."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests import postgres_server
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain import workflow
from tracker.domain.workflow import CaseDraft, changed_fields, draft_of
from tracker.exchange.export import export_to_path
from tracker.exchange.importer import import_file
from tracker.store import open_store, resolve

TODAY = date(2026, 11, 20)


def open_at(target: str, clock: FixedClock, config: Path) -> Tracker:
    return Tracker.open(target, clock=clock, config_folder=config)


def sqlite_writers_waiting(path: str) -> int | None:
    """How many other processes wait for SQLite's write lock on ``path``: they have the file
    open and sleep in SQLite's busy handler (Linux's /proc tells; None where it cannot)."""
    proc = Path("/proc")
    if not (proc / "self" / "wchan").exists():
        return None
    target = Path(path).resolve()
    waiting = 0
    for process in proc.iterdir():
        if not process.name.isdigit() or int(process.name) == os.getpid():
            continue
        try:
            if "nanosleep" not in (process / "wchan").read_text():
                continue
            if any(Path(os.readlink(fd)) == target for fd in (process / "fd").iterdir()):
                waiting += 1
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return waiting


@contextmanager
def writers_held(target: str, waiting: int) -> Iterator[None]:
    """Hold the database as an import does; on leaving, wait first until ``waiting`` other
    writers queue behind it: seen in pg_stat_activity on PostgreSQL, and on SQLite as
    processes sleeping in the busy handler with the file open (or, where /proc cannot tell,
    given 3 s, well inside SQLite's busy timeout)."""
    store = open_store(resolve(target), now=datetime.now(UTC)).store
    try:
        with store.write() as tx:
            tx.lock_all_cases()
            yield
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if store.backend == "sqlite":
                    queued = sqlite_writers_waiting(target)
                    if queued is None:
                        time.sleep(3)
                        break
                else:
                    queued = len(
                        postgres_server.dump_rows_of(
                            target,
                            "SELECT pid FROM pg_stat_activity WHERE application_name = 'tracker' "
                            "AND wait_event_type = 'Lock' AND datname = current_database()",
                        )
                    )
                if queued >= waiting:
                    break
                time.sleep(0.05)
    finally:
        store.close()


def test_a_file_from_a_clock_ahead_never_reverts_later_local_work(
    tmp_path: Path, new_db_target: Callable[[str], str]
) -> None:
    here = open_at(new_db_target("here"), FixedClock(TODAY), tmp_path / "config")
    case = here.cases.add(CaseDraft(provider="Movistar", ticket="T-1", playbook="esim-pe"))
    assert case.id is not None
    export_to_path(here, "json", tmp_path / "mine.json")
    # The other device (clock a day ahead) imports it, edits the ticket, exports.
    ahead = FixedClock(TODAY, datetime.combine(TODAY + timedelta(days=1), datetime.min.time(), tzinfo=UTC))
    there = open_at(new_db_target("there"), ahead, tmp_path / "config")
    import_file(there, tmp_path / "mine.json")
    initial = draft_of(there.get(case.id))
    typed = CaseDraft(**{**vars(initial), "ticket": "T-THERE"})
    there.cases.edit(case.id, typed, changed_fields(typed, initial))
    export_to_path(there, "json", tmp_path / "theirs.json")
    there.close()

    assert import_file(here, tmp_path / "theirs.json").updated  # their edit arrives
    assert here.get(case.id).ticket == "T-THERE"
    # Later, here (an hour after noon, still "before" the other clock), the ticket changes again.
    here.clock = FixedClock(
        TODAY, datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=13)
    )
    initial = draft_of(here.get(case.id))
    typed = CaseDraft(**{**vars(initial), "ticket": "T-HERE-LATER"})
    here.cases.edit(case.id, typed, changed_fields(typed, initial))
    # The same file imported again has nothing new: the later local edit stays.
    again = import_file(here, tmp_path / "theirs.json")
    assert again.updated == 0 and again.unchanged == 1
    assert here.get(case.id).ticket == "T-HERE-LATER"
    here.close()


def test_a_case_trashed_here_stays_trashed_when_an_older_copy_comes_back(
    tmp_path: Path, new_db_target: Callable[[str], str]
) -> None:
    here = open_at(new_db_target("here"), FixedClock(TODAY), tmp_path / "config")
    case = here.cases.add(CaseDraft(provider="Claro"))
    assert case.id is not None
    export_to_path(here, "json", tmp_path / "before.json")
    here.cases.delete(case.id)
    result = import_file(here, tmp_path / "before.json")
    assert result.updated == 0
    assert here.get(case.id, include_deleted=True).deleted_at is not None
    here.close()


def test_two_imports_at_once_both_land_without_duplicates(
    tmp_path: Path, new_db_target: Callable[[str], str]
) -> None:
    source = open_at(new_db_target("source"), FixedClock(TODAY), tmp_path / "config")
    generic = source.playbooks.get("generic")
    source.cases.add_many(
        workflow.open_case(
            CaseDraft(provider=f"Provider {n}", ticket=f"T-{n}"),
            generic,
            source.calendar(generic),
            source.now(),
            source.today(),
        )
        for n in range(400)
    )
    export_to_path(source, "json", tmp_path / "all.json")
    source.close()
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    env = {**os.environ, "TRACKER_DB": new_db_target("target"), "TRACKER_CONFIG_DIR": str(config)}
    subprocess.run(
        [sys.executable, "-m", "tracker", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    # Both imports start while the table is held, so they do overlap, whatever the machine's speed.
    with writers_held(env["TRACKER_DB"], waiting=2):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "tracker", "import", str(tmp_path / "all.json")],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    said = sorted(out for out, _ in outputs)
    assert said == [
        "Added 0 cases, updated 0, 400 unchanged.\n",
        "Added 400 cases, updated 0, 0 unchanged.\n",
    ]
    listed = subprocess.run(
        [sys.executable, "-m", "tracker", "list", "--json", "--all"], env=env, check=True, capture_output=True
    )
    assert len(json.loads(listed.stdout)) == 400
