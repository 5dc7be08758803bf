"""Alembic migrations: in step with the models, and upgrading old files without losing data."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from tests.helpers.store import Repo, problems
from tracker.domain.model import CheckState, EntryKind, Status
from tracker.store import Opened, migrate, open_store, postgres_schema, resolve, search_index
from tracker.store.base import Store
from tracker.store.schema import metadata

OPENED_AT = datetime(2026, 10, 20, 12, 0, 0, tzinfo=UTC)


def open_database(path: str, now: datetime = OPENED_AT) -> Opened:
    return open_store(resolve(path), now=now)


def _modelled(name: str | None, kind: str, _parent: object) -> bool:
    return not (kind == "table" and name is not None and name.startswith(search_index.INDEX))


def schema_diff(target: str) -> list[Any]:
    resolved = resolve(target)
    url = resolved.url if resolved.backend == "sqlite" else postgres_schema.sqlalchemy_url(resolved)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            # The filter's index (revision 0010) is made by SQL of each backend's own (an FTS5
            # table and its shadow tables, triggers, a pg_trgm index), not by the models.
            context = MigrationContext.configure(connection, opts={"include_name": _modelled})
            diff: list[Any] = compare_metadata(context, metadata)
            return diff
    finally:
        engine.dispose()


def test_known_revisions_match_the_scripts() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config(None))
    assert scripts.get_current_head() == migrate.SCHEMA_HEAD
    assert len(scripts.get_heads()) == 1
    assert tuple(migrate.script_revisions()) == migrate.KNOWN_REVISIONS


def test_a_fresh_database_matches_the_models(database: Store, db_target: str) -> None:
    assert database.revision() == migrate.SCHEMA_HEAD
    assert schema_diff(db_target) == []


# Rows as revision 0001 stored them (naive UTC timestamps, no trash, no counters).
CASES_0001 = [
    (
        1,
        "11111111-1111-4111-8111-111111111111",
        "Movistar Perú",
        "eSIM +51 987 654 321",
        "cancel",
        "esim-pe",
        "phone",
        "2026-10-06",
        "R-2026-00042",
        "2026-10-14",
        "2026-10-15",
        "failed",
        "nota: ñ 漢 🎉",
        "29.90",
        "PEN",
        "2026-10-06 14:00:00.000000",
        "2026-10-16 09:30:00.250000",
    ),
    (
        2,
        "22222222-2222-4222-8222-222222222222",
        "Claro",
        "",
        "suspend",
        "generic",
        "web",
        "2026-10-01",
        "",
        "2026-10-11",
        None,
        "verified",
        "",
        None,
        "",
        "2026-10-01 10:00:00.000000",
        "2026-10-12 10:00:00.000000",
    ),
    (
        3,
        "33333333-3333-4333-8333-333333333333",
        "Gym",
        "membership",
        "cancel",
        "subscription",
        "store",
        "2026-10-02",
        "G-7",
        "2026-10-09",
        "2026-10-20",
        "requested",
        "",
        None,
        "",
        "2026-10-02 10:00:00.000000",
        "2026-10-02 10:00:00.000000",
    ),
]
CHECKS_0001 = [
    (1, 1, 0, "calls blocked", 1, "failed", "2026-10-16 09:30:00.250000", "still rings"),
    (2, 1, 1, "SMS blocked", 0, "passed", "2026-10-16 09:00:00.000000", ""),
    (3, 1, 2, "balance zero", 1, "passed", "2026-10-16 09:10:00.000000", ""),
    (4, 1, 3, "no charge on the next bill", 0, "pending", None, ""),
    (5, 2, 0, "cancellation confirmed", 1, "passed", "2026-10-12 10:00:00.000000", ""),
]
TIMELINE_0001 = [
    (
        1,
        1,
        "2026-10-06 14:00:00.000000",
        "created",
        "Cancel requested",
        "phone",
        "R-2026-00042",
        "",
        "2026-10-15",
        None,
        "requested",
    ),
    (
        2,
        1,
        "2026-10-16 09:30:00.250000",
        "status",
        "Check 'calls blocked' failed",
        None,
        "",
        "",
        "2026-10-16",
        "requested",
        "failed",
    ),
    (3, 2, "2026-10-12 10:00:00.000000", "status", "Verified", None, "", "", None, "requested", "verified"),
]
COUNTERS = {1: (4, 2, 1), 2: (1, 1, 0), 3: (0, 0, 0)}  # total, passed, failed


def make_0001_database(path: Path, cases: list[tuple] = CASES_0001) -> None:  # type: ignore[type-arg]
    engine = migrate.sqlite_engine(path)
    try:
        with engine.begin() as connection:
            migrate.run_upgrade(connection, "0001")
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.executemany(f"INSERT INTO cases VALUES ({', '.join('?' * 17)})", cases)
            raw.executemany(f"INSERT INTO checks VALUES ({', '.join('?' * 8)})", CHECKS_0001)
            raw.executemany(f"INSERT INTO timeline VALUES ({', '.join('?' * 11)})", TIMELINE_0001)
    finally:
        engine.dispose()
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0001",)]


def rows(path: Path, query: str) -> list[tuple]:  # type: ignore[type-arg]
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


CASE_COLUMNS_0001 = (
    "id, uuid, provider, service, action, playbook, channel, requested_on, ticket, promised_by, "
    "next_follow_up, status, notes, fee_amount, fee_currency, created_at, updated_at"
)


@pytest.fixture
def old_db(db_path: Path) -> Path:
    make_0001_database(db_path)
    return db_path


def test_an_0001_database_upgrades_with_its_data_intact(old_db: Path) -> None:
    database = open_database(str(old_db)).store
    try:
        assert database.revision() == migrate.SCHEMA_HEAD
        assert rows(old_db, f"SELECT {CASE_COLUMNS_0001} FROM cases ORDER BY id") == CASES_0001
        checks = rows(old_db, "SELECT * FROM checks ORDER BY id")
        assert [row[:-1] for row in checks] == CHECKS_0001
        # 0005: every row has an identity of its own (the last column).
        timeline = rows(old_db, "SELECT * FROM timeline ORDER BY id")
        identities = [row[-1] for row in [*checks, *timeline]]
        assert all(re.fullmatch("[0-9a-f]{32}", uid) for uid in identities)
        assert len(set(identities)) == len(identities) == len(CHECKS_0001) + len(TIMELINE_0001)
        # 0003: the entry the program wrote in English is now a fact; the two that are no
        # form it ever wrote stay as they are, with no event.
        upgraded = [
            (*TIMELINE_0001[0][:4], "", *TIMELINE_0001[0][5:], "case.created", '{"action":"cancel"}'),
            *[(*row, "", "{}") for row in TIMELINE_0001[1:]],
        ]
        assert [row[:-1] for row in timeline] == upgraded
        counters = rows(
            old_db, "SELECT id, checks_total, checks_passed, checks_failed, deleted_at FROM cases ORDER BY id"
        )
        assert counters == [(i, *COUNTERS[i], None) for i in (1, 2, 3)]
        assert problems(database) == []
        assert schema_diff(str(old_db)) == []
        engine = create_engine(f"sqlite:///{old_db}")
        assert "ix_cases_due" in {ix["name"] for ix in inspect(engine).get_indexes("cases")}
        engine.dispose()
        # The store's own connections have foreign keys on.
        with database.read() as tx:
            assert tx.rows("PRAGMA foreign_keys")[0][0] == 1
    finally:
        database.close()


def test_upgraded_rows_read_back_as_domain_objects(old_db: Path) -> None:
    database = open_database(str(old_db)).store
    try:
        repo = Repo(database)
        case = repo.get("11111111")
        assert case.provider == "Movistar Perú" and case.notes == "nota: ñ 漢 🎉"
        assert case.status is Status.FAILED
        assert [(c.name, c.state) for c in case.checks] == [
            ("calls blocked", CheckState.FAILED),
            ("SMS blocked", CheckState.PASSED),
            ("balance zero", CheckState.PASSED),
            ("no charge on the next bill", CheckState.PENDING),
        ]
        assert case.checks[0].checked_at == datetime(2026, 10, 16, 9, 30, 0, 250000, tzinfo=UTC)
        assert [e.kind for e in case.timeline] == [EntryKind.CREATED, EntryKind.STATUS]
        assert case.created_at == datetime(2026, 10, 6, 14, tzinfo=UTC)
        rows_now = repo.summaries(date(2026, 10, 20), include_closed=True)
        assert {s.id: s.progress for s in rows_now} == {1: "2/4", 2: "1/1", 3: "0/0"}
        assert [c.id for c in repo.due(date(2026, 10, 20))] == [1, 3]
    finally:
        database.close()


def test_a_timestamped_backup_holding_the_0001_data_is_written_first(old_db: Path) -> None:
    before = old_db.parent
    opened = open_database(str(old_db))
    opened.store.close()
    backup = old_db.with_name(f"tracker.db.before-{migrate.SCHEMA_HEAD}-20261020T120000")
    assert opened.backup_made == str(backup)
    assert sorted(p.name for p in before.iterdir() if "before" in p.name) == [backup.name]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert rows(backup, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert rows(backup, f"SELECT {CASE_COLUMNS_0001} FROM cases ORDER BY id") == CASES_0001
    assert rows(backup, "SELECT * FROM checks ORDER BY id") == CHECKS_0001
    assert rows(backup, "SELECT * FROM timeline ORDER BY id") == TIMELINE_0001
    assert "checks_total" not in {r[1] for r in rows(backup, "PRAGMA table_info(cases)")}


def test_a_database_at_head_makes_no_backup(db_path: Path) -> None:
    open_database(str(db_path)).store.close()
    opened = open_database(str(db_path))
    opened.store.close()
    assert opened.backup_made is None
    assert not [p for p in db_path.parent.iterdir() if "before" in p.name]


def test_a_new_database_makes_no_backup(db_path: Path) -> None:
    opened = open_database(str(db_path))
    opened.store.close()
    assert opened.backup_made is None
    assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        db_path.name,
    ]


def test_a_migration_killed_half_way_leaves_the_old_database_and_the_next_open_finishes_it(
    tmp_path: Path,
) -> None:
    """kill -9 while `db upgrade` copies a large table: the file is still a sound 0001 database,
    no half-made table or half-written copy stays behind, and the next command upgrades it."""
    path = tmp_path / "big.db"
    many = [(i, f"{i:08d}-1111-4111-8111-111111111111", *CASES_0001[0][2:]) for i in range(1, 60001)]
    make_0001_database(path, many)
    env = {**os.environ, "TRACKER_DB": str(path), "TRACKER_CONFIG_DIR": str(tmp_path / "config")}
    killed_at = []
    for delay in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", "db", "upgrade"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if process.poll() is not None:
            break
        process.kill()
        process.wait()
        killed_at.append(delay)
        assert rows(path, "SELECT version_num FROM alembic_version") == [("0001",)]
        names = {r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not any(name.startswith("_alembic_tmp") for name in names)
        assert rows(path, "SELECT count(*) FROM cases") == [(60000,)]
        # A copy cut short is only ever a hidden partial file (removed by the next run).
        assert all(p.name.startswith(".") for p in tmp_path.iterdir() if "partial" in p.name)
    assert killed_at, "the upgrade finished before it could be killed: make the file bigger"
    opened = open_database(str(path))
    try:
        assert opened.store.revision() == migrate.SCHEMA_HEAD
        assert problems(opened.store) == []
        assert Repo(opened.store).count("cases") == 60000
    finally:
        opened.store.close()
    # Every copy that exists is complete: a sound 0001 database with all the cases.
    for copy in tmp_path.glob("big.db.before-*"):
        assert rows(copy, "SELECT count(*) FROM cases") == [(60000,)]
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]
