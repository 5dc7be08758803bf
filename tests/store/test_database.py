"""Opening a database: permissions, pragmas, and files that must be refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from tracker.domain.errors import InvalidInput
from tracker.store import migrate
from tracker.store.database import Database, open_database, resolve
from tracker.store.repository import CaseRepository

TODAY = date(2026, 10, 20)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_new_database_is_owner_only(db_path: Path, make_case) -> None:
    database = open_database(str(db_path))
    try:
        CaseRepository(database).add(make_case())
        assert mode(db_path) == 0o600
        # SQLite gives its side files the database's permissions.
        for side in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
            if side.exists():
                assert mode(side) == 0o600
    finally:
        database.close()


def test_a_new_folder_is_owner_only_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "data" / "tracker" / "tracker.db"
    open_database(str(path), create_parent=True).close()
    assert path.exists() and mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_pragmas(database: Database) -> None:
    with database.sessions() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA busy_timeout")).scalar() > 0
    # WAL is a property of the file: any other program sees it too.
    raw = sqlite3.connect(database.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_fresh_database_is_at_head_and_healthy(database: Database) -> None:
    assert database.revision() == migrate.SCHEMA_HEAD
    assert database.integrity_problems() == []
    assert database.backup_made is None


def test_folder_that_does_not_exist_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "tracker.db"
    with pytest.raises(InvalidInput, match="does not exist") as caught:
        open_database(str(path))
    assert str(path.parent) in str(caught.value)
    assert not path.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is a folder"):
        open_database(str(tmp_path))


@pytest.mark.parametrize(
    "content",
    [
        b"hello, I am a shopping list\n" * 200,
        b"\x00" * 4096,
        b"SQLite format 2\x00" + b"x" * 100,
        "ünïcödé".encode(),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    path.chmod(0o644)
    before = fingerprint(tmp_path)
    with pytest.raises(InvalidInput, match="not a SQLite database") as caught:
        open_database(str(path))
    assert "untouched" in str(caught.value)
    assert fingerprint(tmp_path) == before
    assert mode(path) == 0o644


def test_a_damaged_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = fingerprint(tmp_path)
    with pytest.raises(InvalidInput, match="not a SQLite database \\(or it is damaged\\)"):
        open_database(str(path))
    assert fingerprint(tmp_path) == before


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    database = open_database(str(path))
    try:
        assert database.revision() == migrate.SCHEMA_HEAD
        assert database.backup_made is None
    finally:
        database.close()


def test_another_programs_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    raw.execute("INSERT INTO notes (body) VALUES ('buy milk')")
    raw.commit()
    raw.close()
    before = fingerprint(tmp_path)
    with pytest.raises(InvalidInput, match="another program") as caught:
        open_database(str(path))
    assert "untouched" in str(caught.value)
    # Byte for byte: not even switched to WAL (which rewrites the header).
    assert fingerprint(tmp_path) == before


def test_a_database_from_a_newer_tracker_is_refused_and_untouched(db_path: Path, make_case) -> None:
    database = open_database(str(db_path))
    CaseRepository(database).add(make_case())
    database.close()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    before = fingerprint(db_path.parent)
    with pytest.raises(InvalidInput, match="newer tracker") as caught:
        open_database(str(db_path))
    assert "9999" in str(caught.value)
    assert fingerprint(db_path.parent) == before


def test_targets_as_paths_and_urls(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    assert resolve(str(path)).path == path
    assert resolve(f"sqlite:///{path}").path == path
    assert resolve("sqlite://").path is None
    assert resolve("sqlite:///:memory:").path is None
    with pytest.raises(InvalidInput, match="only SQLite"):
        resolve("postgresql://localhost/tracker")
    database = open_database(f"sqlite:///{path}")
    try:
        assert database.path == path and path.exists()
    finally:
        database.close()


def test_backup_is_a_valid_owner_only_copy(database: Database, make_case, tmp_path: Path) -> None:
    repo = CaseRepository(database)
    for name in ("one", "two", "tres 🎉"):
        repo.add(make_case(name))
    destination = tmp_path / "copy.db"
    assert database.backup(destination) == destination
    assert mode(destination) == 0o600
    copy = open_database(str(destination))
    try:
        assert copy.backup_made is None
        assert [c.uuid for c in CaseRepository(copy).live(TODAY)] == [c.uuid for c in repo.live(TODAY)]
        assert copy.integrity_problems() == []
    finally:
        copy.close()
    with pytest.raises(InvalidInput, match="already exists"):
        database.backup(destination)
    with pytest.raises(InvalidInput, match="does not exist"):
        database.backup(tmp_path / "missing" / "copy.db")


def test_integrity_problems_reports_dangling_rows(database: Database) -> None:
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.exec_driver_sql(
            "INSERT INTO checks (case_id, position, name, required, state, note) "
            "VALUES (42, 0, 'orphan', 0, 'pending', '')"
        )
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    problems = database.integrity_problems()
    assert len(problems) == 1 and "checks" in problems[0] and "cases" in problems[0]
