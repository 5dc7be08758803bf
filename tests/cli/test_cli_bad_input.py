"""Bad input: exit status 2, exactly one line on stderr, no traceback, the database unchanged."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]


@pytest.fixture
def existing(cli: Run, env: Any, db_dump: Callable[[Path | str], list[str]]) -> list[str]:
    """A database holding one eSIM case; returns its contents, to compare after."""
    added = cli(
        "add", "Movistar Perú", "--ticket", "R-1", "--requested", "2026-10-06", "--playbook", "esim-pe"
    )
    assert added.code == 0, added.err
    return db_dump(env.target)


def assert_refused(result: Any, *fragments: str) -> None:
    assert result.code == 2, (result.code, result.out, result.err)
    assert len(result.error_lines) == 1, result.err
    assert "Traceback" not in result.err
    assert result.err.startswith("tracker")
    assert "error" in result.err
    for fragment in fragments:
        assert fragment in result.err, result.err


BAD_COMMANDS = [
    (("add", "X", "--requested", "2026-02-30"), ("2026-02-30", "February", "28 days")),
    (("add", "X", "--requested", "2026-10-21"), ("in the future",)),
    (("add", "X", "--requested", "+1d"), ("in the future",)),
    (("add", "X", "--requested", "someday"), ("someday",)),
    (("add", ""), ("provider",)),
    (("add", "   "), ("provider",)),
    (("add", "X", "--playbook", "nope"), ("nope",)),
    (("add", "X", "--fee", "lots"), ("lots",)),
    (("add", "X", "--channel", "pigeon"), ("pigeon",)),
    (("add",), ("PROVIDER",)),
    (("show", "99"), ("99",)),
    (("show", "not-a-case"), ("not-a-case",)),
    (("verify", "99"), ("99",)),
    (("log", "99", "called"), ("99",)),
    (("log", "1", "   "), ("SUMMARY",)),
    (("log", "1", "called", "--next", "yesterday"), ("2026-10-19", "in the past")),
    (("log", "1", "called", "--next", "2026-02-30"), ("February",)),
    (("check", "99", "calls blocked", "pass"), ("99",)),
    (("check", "1", "smoke signals", "pass"), ("smoke signals",)),
    (("check", "1", "calls blocked", "maybe"), ("maybe",)),
    (("verify", "1"), ("calls blocked", "balance zero")),
    (("reopen", "1"), ("not withdrawn",)),
    (("restore", "1"), ("not in the trash",)),
    (("delete", "99"), ("99",)),
    (("due", "--within", "-1"), ("--within",)),
    (("frobnicate",), ("frobnicate",)),
]


@pytest.mark.parametrize(("argv", "fragments"), BAD_COMMANDS, ids=[" ".join(a) for a, _ in BAD_COMMANDS])
def test_bad_input_is_refused_and_changes_nothing(
    cli: Run,
    env: Any,
    existing: list[str],
    db_dump: Callable[[Path | str], list[str]],
    argv: tuple[str, ...],
    fragments: tuple[str, ...],
) -> None:
    assert_refused(cli(*argv), *fragments)
    assert db_dump(env.target) == existing


def test_bad_tracker_today_is_refused(
    cli: Run, env: Any, existing: list[str], db_dump: Callable[[Path | str], list[str]]
) -> None:
    env.set_today("2026-02-30")
    assert_refused(cli("add", "X"), "TRACKER_TODAY", "February")
    assert_refused(cli("list"), "TRACKER_TODAY")
    assert db_dump(env.target) == existing


def test_a_withdrawn_case_refuses_changes(
    cli: Run, env: Any, db_dump: Callable[[Path | str], list[str]], existing: list[str]
) -> None:
    assert cli("withdraw", "1").code == 0
    before = db_dump(env.target)
    assert_refused(cli("log", "1", "called"), "withdrawn")
    assert_refused(cli("check", "1", "calls blocked", "pass"), "withdrawn")
    assert_refused(cli("verify", "1"), "withdrawn")
    assert_refused(cli("withdraw", "1"), "already withdrawn")
    assert db_dump(env.target) == before


@pytest.mark.sqlite_only
def test_a_database_in_a_missing_folder(cli: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "tracker.db"
    for argv in (("list",), ("add", "X"), ("due",)):
        assert_refused(cli("--db", str(missing), *argv), "does not exist")
    # db check judges what is there and creates nothing: nothing there is its finding.
    checked = cli("--db", str(missing), "db", "check")
    assert checked.code == 1 and "there is no file at" in checked.out
    assert not missing.parent.exists()


@pytest.mark.sqlite_only
def test_an_empty_provider_against_a_missing_folder_creates_nothing(cli: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "tracker.db"
    assert_refused(cli("--db", str(missing), "add", ""), "provider")
    assert not missing.parent.exists()


@pytest.mark.sqlite_only
def test_a_file_that_is_not_sqlite_is_left_untouched(cli: Run, env: Any, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Milk, eggs, 🥑\n" * 100, encoding="utf-8")
    digest = hashlib.sha256(notes.read_bytes()).hexdigest()
    env.monkeypatch.setenv("TRACKER_DB", str(notes))
    for argv in (
        ("list",),
        ("add", "X"),
        ("due",),
        ("show", "1"),
        ("db", "upgrade"),
        ("db", "backup", str(tmp_path / "copy.db")),
    ):
        assert_refused(cli(*argv), "not a SQLite database")
    assert hashlib.sha256(notes.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "notes.txt"]


def test_internal_errors_are_one_line_too(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.core import Tracker

    def broken(*_args: object, **_options: object) -> Tracker:
        raise RuntimeError("boom")

    monkeypatch.setattr(Tracker, "open", broken)
    result = cli("list")
    assert result.code == 70
    assert result.error_lines == [
        "tracker: internal error: RuntimeError: boom (set TRACKER_DEBUG=1 to see the details)"
    ]
