"""Alembic migrations: in step with the models, and upgrading old files without losing data."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from tracker.domain.model import CheckState, EntryKind, Status
from tracker.store import migrate
from tracker.store.database import Database, open_database
from tracker.store.listing import CaseListing
from tracker.store.repository import CaseRepository
from tracker.store.schema import Base


def summaries(repo, day, include_closed=False):  # type: ignore[no-untyped-def]
    """Summary rows of the live cases, as the TUI's list reads them."""
    listing = CaseListing(repo.database.path)
    try:
        return list(listing.summaries(listing.ordered_ids(day, include_closed)).values())
    finally:
        listing.close()


OPENED_AT = datetime(2026, 10, 20, 12, 0, 0, tzinfo=UTC)


def schema_diff(database: Database) -> list:  # type: ignore[type-arg]
    with database.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_schema_head_matches_the_scripts() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config(None))  # type: ignore[arg-type]
    assert scripts.get_current_head() == migrate.SCHEMA_HEAD
    assert migrate.script_head() == migrate.SCHEMA_HEAD
    assert len(scripts.get_heads()) == 1
    assert migrate.known_revisions() == {"0001", "0002", "0003"}


def test_a_fresh_database_matches_the_models(database: Database) -> None:
    assert database.revision() == migrate.SCHEMA_HEAD
    assert schema_diff(database) == []


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


def make_0001_database(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection, "0001")
            raw = connection.connection.driver_connection
            raw.executemany(f"INSERT INTO cases VALUES ({', '.join('?' * 17)})", CASES_0001)
            raw.executemany(f"INSERT INTO checks VALUES ({', '.join('?' * 8)})", CHECKS_0001)
            raw.executemany(f"INSERT INTO timeline VALUES ({', '.join('?' * 11)})", TIMELINE_0001)
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == "0001"
    finally:
        engine.dispose()


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
    database = open_database(str(old_db), now=OPENED_AT)
    try:
        assert database.revision() == migrate.SCHEMA_HEAD
        assert rows(old_db, f"SELECT {CASE_COLUMNS_0001} FROM cases ORDER BY id") == CASES_0001
        assert rows(old_db, "SELECT * FROM checks ORDER BY id") == CHECKS_0001
        # 0003: the entry the program wrote in English is now a fact; the two that are no
        # form it ever wrote stay as they are, with no event.
        upgraded = [
            (*TIMELINE_0001[0][:4], "", *TIMELINE_0001[0][5:], "case.created", '{"action":"cancel"}'),
            *[(*row, "", "{}") for row in TIMELINE_0001[1:]],
        ]
        assert rows(old_db, "SELECT * FROM timeline ORDER BY id") == upgraded
        counters = rows(
            old_db, "SELECT id, checks_total, checks_passed, checks_failed, deleted_at FROM cases ORDER BY id"
        )
        assert counters == [(i, *COUNTERS[i], None) for i in (1, 2, 3)]
        assert database.integrity_problems() == []
        assert schema_diff(database) == []
        assert "ix_cases_due" in {ix["name"] for ix in inspect(database.engine).get_indexes("cases")}
        # The connection that ran the migration is handed back with foreign keys on.
        for _ in range(3):
            with database.engine.connect() as connection:
                assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        database.close()


def test_upgraded_rows_read_back_as_domain_objects(old_db: Path) -> None:
    database = open_database(str(old_db), now=OPENED_AT)
    try:
        repo = CaseRepository(database)
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
        rows_now = summaries(repo, date(2026, 10, 20), include_closed=True)
        assert {s.id: s.progress for s in rows_now} == {1: "2/4", 2: "1/1", 3: "0/0"}
        assert [c.id for c in repo.due(date(2026, 10, 20))] == [1, 3]
    finally:
        database.close()


def test_a_timestamped_backup_holding_the_0001_data_is_written_first(old_db: Path) -> None:
    before = old_db.parent
    database = open_database(str(old_db), now=OPENED_AT)
    database.close()
    backup = old_db.with_name(f"tracker.db.before-{migrate.SCHEMA_HEAD}-20261020T120000")
    assert database.backup_made == backup
    assert sorted(p.name for p in before.iterdir() if "before" in p.name) == [backup.name]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert rows(backup, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert rows(backup, f"SELECT {CASE_COLUMNS_0001} FROM cases ORDER BY id") == CASES_0001
    assert rows(backup, "SELECT * FROM checks ORDER BY id") == CHECKS_0001
    assert rows(backup, "SELECT * FROM timeline ORDER BY id") == TIMELINE_0001
    assert "checks_total" not in {r[1] for r in rows(backup, "PRAGMA table_info(cases)")}


def test_a_database_at_head_makes_no_backup(db_path: Path) -> None:
    open_database(str(db_path), now=OPENED_AT).close()
    database = open_database(str(db_path), now=OPENED_AT)
    database.close()
    assert database.backup_made is None
    assert not [p for p in db_path.parent.iterdir() if "before" in p.name]


def test_a_new_database_makes_no_backup(db_path: Path) -> None:
    database = open_database(str(db_path), now=OPENED_AT)
    database.close()
    assert database.backup_made is None
    assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        db_path.name,
    ]
