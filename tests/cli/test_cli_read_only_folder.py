"""A sound database in a folder the user cannot write to (issue 19, item 19): it is read,
``list`` and ``show`` work, a change is refused in one line naming the read-only folder, and
nothing says "not a SQLite database".

The tests run as root, who may write into any folder, so the folder's answer is injected
(``sqlite_file.folder_writable``); one test also mounts a real read-only file system where
the machine allows it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import Run
from tracker.store import sqlite_file

pytestmark = pytest.mark.sqlite_only


def _two_cases(cli: Run, env: Any) -> None:
    env.set_today("2026-11-20")
    assert cli("add", "Claro", "--service", "línea 1").code == 0
    assert cli("add", "Entel", "--service", "línea 2").code == 0
    assert cli("log", "1", "llamé").code == 0


@pytest.fixture
def read_only_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_file, "folder_writable", lambda folder: False)


def _assert_read_only_works(cli: Run, db: Path) -> None:
    listed = cli("list")
    assert listed.code == 0, listed.err
    assert "Claro" in listed.out and "Entel" in listed.out
    shown = cli("show", "1")
    assert shown.code == 0, shown.err
    assert "llamé" in shown.out
    assert cli("db", "check").code == 0
    refused = cli("log", "1", "otra vez")
    assert refused.code == 2
    assert refused.error_lines == [
        f"tracker: error: {db} can only be read: its folder {db.parent} is read-only, so nothing can be "
        "saved (make the folder writable to change the cases)"
    ]
    assert "not a SQLite database" not in refused.err


def test_a_sound_database_in_a_read_only_folder_is_read_and_never_called_damaged(
    cli: Run, env: Any, read_only_folder: None
) -> None:
    with pytest.MonkeyPatch.context() as writable:
        writable.setattr(sqlite_file, "folder_writable", lambda folder: True)
        _two_cases(cli, env)
    _assert_read_only_works(cli, env.db)


def test_no_database_is_made_in_a_read_only_folder(cli: Run, env: Any, read_only_folder: None) -> None:
    added = cli("add", "Claro")
    assert added.code == 2
    assert added.error_lines == [
        f"tracker: error: cannot create {env.db}: its folder {env.db.parent} is read-only "
        "(make the folder writable)"
    ]
    assert not env.db.exists()


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of the test's own under tmp_path, remounted read-only by the test."""
    point = tmp_path / "mnt"
    point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a file system needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(point)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_on_a_read_only_file_system_too(cli: Run, env: Any, mounted: Path) -> None:
    db = mounted / "t.db"
    env.monkeypatch.setenv("TRACKER_DB", str(db))
    env.set_today("2026-11-20")
    # Written by the real command, whose process ends and closes the database (the file
    # system can be remounted read-only only once nothing has a file on it open).
    for argv in (["add", "Claro"], ["add", "Entel"], ["log", "1", "llamé"]):
        subprocess.run([sys.executable, "-m", "tracker", *argv], check=True, capture_output=True)
    assert sorted(p.name for p in mounted.iterdir()) == ["t.db"]  # no -wal: all in the file
    subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
    assert not os.access(mounted, os.W_OK)
    _assert_read_only_works(cli, db)
