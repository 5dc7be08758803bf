"""A write that happened is reported as done, whatever happens to the printing;
every failure gets one clear line and a sensible exit status (issue 8, item 10)."""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import Run, case_record, export_document
from tracker.core.cases import Cases

SCRIPT = [sys.executable, "-m", "tracker"]


def _cases(db: Path) -> list[str]:
    if not db.exists():
        return []
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT provider FROM cases")]
    finally:
        connection.close()


def test_an_ascii_only_terminal_gets_escapes_and_the_add_is_done(
    process_env: dict[str, str], tmp_path: Path
) -> None:
    process_env["PYTHONIOENCODING"] = "ascii"
    done = subprocess.run(
        [*SCRIPT, "add", "Perú"], env=process_env, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("ascii").startswith("Case 1 added: Per\\xfa;")
    assert _cases(tmp_path / "tracker.db") == ["Perú"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_under_stdout(process_env: dict[str, str], tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        added = subprocess.run(
            [*SCRIPT, "add", "Perú"], env=process_env, stdout=full, stderr=subprocess.PIPE, timeout=60
        )
        listed = subprocess.run(
            [*SCRIPT, "list"], env=process_env, stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    # The case was written: exit 0, so nobody retries and makes a duplicate.
    assert added.returncode == 0
    assert added.stderr.decode().splitlines() == [
        "tracker: warning: the change was saved, but its report could not be printed: No space left on device"
    ]
    assert _cases(tmp_path / "tracker.db") == ["Perú"]
    # A listing that could not be written failed at its one job.
    assert listed.returncode == 74
    assert listed.stderr.decode().splitlines() == [
        "tracker: error: cannot write to standard output: No space left on device"
    ]


def test_a_closed_stdout_is_refused_before_anything_is_done(
    process_env: dict[str, str], tmp_path: Path
) -> None:
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *SCRIPT, "add", "Perú"],
        env=process_env,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert done.returncode == 74
    assert done.stderr.decode().splitlines() == [
        "tracker: error: standard output is closed; nothing was done (redirect it instead)"
    ]
    assert _cases(tmp_path / "tracker.db") == []


def _export_document(count: int) -> dict[str, Any]:
    return export_document(
        *(
            case_record(
                id=None,
                uuid=str(uuid.UUID(int=n + 1)),
                requested_on="2026-09-01",
                promised_by="2026-09-11",
                next_follow_up="2026-09-12",
                ticket="T-1",
            )
            for n in range(count)
        )
    )


def test_due_into_a_closed_pipe_keeps_its_exit_status(process_env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "many.json"
    source.write_text(json.dumps(_export_document(1500)), encoding="utf-8")
    imported = subprocess.run(
        [*SCRIPT, "import", str(source)], env=process_env, capture_output=True, timeout=120, check=False
    )
    assert imported.returncode == 0, imported.stderr
    # `tracker due | head -1`: more than a pipe holds, and the reader leaves after one line.
    due = subprocess.Popen([*SCRIPT, "due"], env=process_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert due.stdout is not None and due.stderr is not None
    assert due.stdout.readline().startswith(b"ID ")
    due.stdout.close()
    errors = due.stderr.read()
    assert due.wait(timeout=60) == 1  # 1: something is overdue
    assert errors == b""


class _FailingStdout(io.TextIOWrapper):
    """Standard output on a full disk: every write fails."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_failed_print_after_a_write_still_reports_it_done(
    cli: Run, env: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    working = sys.stdout
    monkeypatch.setattr(sys, "stdout", _FailingStdout())
    result = cli("add", "Movistar")
    assert result.code == 0
    assert result.error_lines == [
        "tracker: warning: the change was saved, but its report could not be printed: No space left on device"
    ]
    monkeypatch.setattr(sys, "stdout", working)  # stdout back, to ask what was stored
    assert [case["provider"] for case in cli("list", "--json").json()] == ["Movistar"]


def test_a_database_error_is_one_line_without_the_statement(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    def refuse(self: Cases, *args: Any, **kwargs: Any) -> Any:
        raise OperationalError(
            "INSERT INTO cases (provider) VALUES (?)",
            ("Secret Provider",),
            sqlite3.OperationalError("attempt to write a readonly database"),
        )

    monkeypatch.setattr(Cases, "add", refuse)
    result = cli("add", "Secret Provider")
    assert result.code == 74
    assert result.error_lines == [
        "tracker: error: the database refused: attempt to write a readonly database"
    ]


def test_a_busy_database_says_try_again(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(self: Cases, *args: Any, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Cases, "add", busy)
    result = cli("add", "Claro")
    assert result.code == 75
    assert result.error_lines == ["tracker: error: the database is busy (database is locked); try again"]


def test_a_file_system_error_is_one_line(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(self: Cases, *args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), "/data/tracker")

    monkeypatch.setattr(Cases, "add", read_only)
    result = cli("add", "Claro")
    assert result.code == 74
    assert result.error_lines == ["tracker: error: /data/tracker: Read-only file system"]
