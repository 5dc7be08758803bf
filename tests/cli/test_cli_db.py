"""tracker db path | check | backup | upgrade."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.store import NOW, Repo
from tracker.store import migrate, open_store, resolve
from tracker.store.base import Store
from tracker.store.sqlite import check_file

Run = Callable[..., Any]
# About SQLite files; db path, check, backup, upgrade and copy on PostgreSQL: test_cli_postgres.py.
pytestmark = pytest.mark.sqlite_only


def open_database(path: str) -> Store:
    return open_store(resolve(path), now=NOW).store


def test_db_path_names_the_file_without_creating_it(cli: Run, env: Any, tmp_path: Path) -> None:
    shown = cli("db", "path")
    assert shown.code == 0 and shown.out.strip() == str(env.db)
    other = tmp_path / "other.db"
    assert cli("--db", str(other), "db", "path").out.strip() == str(other)
    assert cli("--db", f"sqlite:///{other}", "db", "path").out.strip() == str(other)
    assert not env.db.exists() and not other.exists()


def test_db_path_default_is_in_the_data_folder(cli: Run, env: Any) -> None:
    env.monkeypatch.delenv("TRACKER_DB")
    shown = cli("db", "path").out.strip()
    assert shown.endswith("tracker.db") and "tracker" in Path(shown).parent.name


def test_db_check(cli: Run) -> None:
    cli("add", "X")
    checked = cli("db", "check")
    assert checked.code == 0 and checked.out.strip() == "ok"


def test_db_check_reports_problems(cli: Run, env: Any) -> None:
    cli("add", "X")
    raw = sqlite3.connect(env.db)
    raw.execute(
        "INSERT INTO checks (case_id, position, name, required, state, note) "
        "VALUES (77, 0, 'orphan', 0, 'pending', '')"
    )  # foreign keys are off here
    raw.commit()
    raw.close()
    checked = cli("db", "check")
    assert checked.code == 1
    assert "checks" in checked.out and "1 problem found" in checked.out


def test_db_backup_to_a_file(cli: Run, env: Any, tmp_path: Path) -> None:
    for name in ("Movistar", "Claro 📱", "Entel"):
        cli("add", name)
    cli("delete", "3")
    destination = tmp_path / "backup.db"
    backed = cli("db", "backup", str(destination))
    assert backed.code == 0 and str(destination) in backed.out
    assert check_file(destination) == ([], [])
    copy = open_database(str(destination))
    original = open_database(str(env.db))
    try:
        assert [(c.uuid, c.provider, c.deleted_at) for c in Repo(copy).iter_all()] == [
            (c.uuid, c.provider, c.deleted_at) for c in Repo(original).iter_all()
        ]
        assert len(list(Repo(copy).iter_all())) == 3
    finally:
        copy.close()
        original.close()
    again = cli("db", "backup", str(destination))
    assert again.code == 2 and "already exists" in again.err


def test_db_backup_beside_the_database(cli: Run, env: Any) -> None:
    cli("add", "X")
    backed = cli("db", "backup")
    assert backed.code == 0
    written = Path(backed.out.strip().removeprefix("Backed up to "))
    assert written.parent == env.db.parent and written.name.startswith("tracker.db.backup-")
    copy = open_database(str(written))
    try:
        assert len(Repo(copy).live(date(2026, 10, 20))) == 1
    finally:
        copy.close()


def test_db_upgrade_at_head(cli: Run) -> None:
    cli("add", "X")
    upgraded = cli("db", "upgrade")
    assert upgraded.code == 0
    assert f"revision {migrate.SCHEMA_HEAD}" in upgraded.out
    assert "copied" not in upgraded.out


def test_db_upgrade_from_0001(cli: Run, env: Any) -> None:
    engine = migrate.sqlite_engine(env.db)
    with engine.begin() as connection:
        migrate.run_upgrade(connection, "0001")
        connection.exec_driver_sql(
            "INSERT INTO cases VALUES (1, '44444444-4444-4444-8444-444444444444', 'Old', '', "
            "'cancel', 'generic', 'phone', '2026-09-01', 'T', '2026-09-11', '2026-09-12', "
            "'requested', '', NULL, '', '2026-09-01 10:00:00.000000', '2026-09-01 10:00:00.000000')"
        )
        connection.exec_driver_sql(
            "INSERT INTO checks VALUES (1, 1, 0, 'cancellation confirmed', 1, 'passed', NULL, '')"
        )
    engine.dispose()
    upgraded = cli("db", "upgrade")
    assert upgraded.code == 0, upgraded.err
    assert "Upgraded; the previous file was copied to" in upgraded.out
    backup = Path(upgraded.out.split("copied to ", 1)[1].split("\n", 1)[0])
    assert backup.exists() and backup.name.startswith(f"tracker.db.before-{migrate.SCHEMA_HEAD}-2026102")
    shown = cli("show", "1", "--json").json()
    assert shown["provider"] == "Old"
    assert [(c["name"], c["state"]) for c in shown["checks"]] == [("cancellation confirmed", "passed")]
    assert cli("list", "--json").json()[0]["flags"] == ["OVERDUE", "PROVIDER_LATE"]


def test_the_default_database_is_created_owner_only_on_first_use(cli: Run, env: Any) -> None:
    env.monkeypatch.delenv("TRACKER_DB")
    default = Path(cli("db", "path").out.strip())
    assert not default.parent.exists()
    assert cli("add", "Claro").code == 0
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700
    assert [c["provider"] for c in cli("list", "--json").json()] == ["Claro"]
