"""`tracker db backup` while another connection keeps writing: the copy is a sound database
holding at least everything committed before it started."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from tests.helpers.exchange import Run, open_tracker
from tracker.domain.workflow import CaseDraft
from tracker.store.sqlite import check_file


def _count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        count: int = connection.execute("SELECT count(*) FROM cases").fetchone()[0]
        return count
    finally:
        connection.close()


def test_backup_while_another_connection_writes_is_a_valid_database(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    tracker = open_tracker(db)
    # Committed data that still sits in the WAL file: a plain file copy would miss it.
    for n in range(50):
        tracker.cases.add(CaseDraft(provider=f"Provider {n}", service="línea +51 900 000 000"))
    assert (tmp_path / "live.db-wal").stat().st_size > 0

    stop = threading.Event()
    written: list[int] = []
    problems: list[BaseException] = []

    def writer() -> None:
        writing = open_tracker(db)
        try:
            n = 0
            while not stop.is_set():
                writing.cases.add(CaseDraft(provider=f"Concurrent {n}"))
                n += 1
                written.append(n)
        except BaseException as exc:  # reported by the test below
            problems.append(exc)
        finally:
            writing.close()

    thread = threading.Thread(target=writer)
    thread.start()
    backups: list[tuple[Path, int]] = []
    try:
        for index in range(5):
            while len(written) < 10 * (index + 1) and thread.is_alive():
                stop.wait(0.005)
            committed_before = _count(db)
            backups.append((Path(tracker.backup(tmp_path / f"copy-{index}.db").written), committed_before))
    finally:
        stop.set()
        thread.join(timeout=30)
    tracker.close()
    assert not problems, problems
    assert len(written) > 50  # the writer really was writing during the backups

    for path, committed_before in backups:
        assert path.stat().st_mode & 0o777 == 0o600
        connection = sqlite3.connect(path)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()
        assert _count(path) >= committed_before
        # And tracker itself opens it, at the current schema, with whole cases.
        assert check_file(path) == ([], [])
        reopened = open_tracker(path)
        cases = list(reopened.all_cases())
        assert all(len(c.checks) == 1 and c.timeline for c in cases)
        reopened.close()


def test_backup_command_and_restoring_by_pointing_at_the_copy(run: Run, env: Any, tmp_path: Path) -> None:
    assert run("add", "Movistar Perú", "--ticket", "R-1").code == 0
    copy = tmp_path / "copy.db"
    result = run("db", "backup", str(copy))
    assert result.code == 0 and result.text == f"Backed up to {copy}\n"
    again = run("db", "backup", str(copy))
    assert again.code == 2 and "already exists" in again.err
    assert run("add", "Claro").code == 0
    # The README's restore: use the copy (--db), or copy it over the database file.
    restored = run("--db", str(copy), "list", "--json").json()
    assert [c["provider"] for c in restored] == ["Movistar Perú"]
