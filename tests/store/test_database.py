"""Opening a database: permissions, pragmas, and files that must be refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.store import NOW, CaseFactory, Repo, problems
from tracker.domain.errors import InvalidInput, StoreError
from tracker.store import migrate, open_store, resolve
from tracker.store.base import Store
from tracker.store.sqlite import check_file

TODAY = date(2026, 10, 20)
# About SQLite files; the PostgreSQL counterparts are in test_postgres.py.
pytestmark = pytest.mark.sqlite_only


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def open_database(target: str, **options: object) -> Store:
    return open_store(resolve(target), now=NOW, **options).store  # type: ignore[arg-type]


def test_a_new_database_is_owner_only(db_path: Path, make_case: CaseFactory) -> None:
    database = open_database(str(db_path))
    try:
        Repo(database).add(make_case())
        assert mode(db_path) == 0o600
        # SQLite gives its side files the database's permissions.
        for side in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
            if side.exists():
                assert mode(side) == 0o600
    finally:
        database.close()


@pytest.mark.parametrize("side_files", [False, True], ids=["alone", "with -wal and -shm"])
def test_an_empty_file_the_user_made_is_made_owner_only_when_it_becomes_the_database(
    db_path: Path, make_case: CaseFactory, side_files: bool
) -> None:
    db_path.touch()
    db_path.chmod(0o644)  # `touch` under the usual umask
    sides = [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm")]
    if side_files:
        for side in sides:
            side.touch()
            side.chmod(0o644)
    database = open_database(str(db_path))
    try:
        Repo(database).add(make_case())
        assert mode(db_path) == 0o600
        for side in sides:
            if side.exists():
                assert mode(side) == 0o600
    finally:
        database.close()
    assert mode(db_path) == 0o600


def test_a_sound_database_keeps_the_mode_its_owner_gave_it(db_path: Path) -> None:
    open_database(str(db_path)).close()
    db_path.chmod(0o640)  # the owner's own choice, on a database already made: not changed
    open_database(str(db_path)).close()
    assert mode(db_path) == 0o640


def test_a_new_folder_is_owner_only_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "data" / "tracker" / "tracker.db"
    open_database(str(path), create_parent=True).close()
    assert path.exists() and mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_pragmas(database: Store) -> None:
    with database.read() as tx:
        assert tx.rows("PRAGMA foreign_keys")[0][0] == 1
        assert tx.rows("PRAGMA journal_mode")[0][0] == "wal"
        assert tx.rows("PRAGMA busy_timeout")[0][0] > 0
    # WAL is a property of the file: any other program sees it too.
    assert database.path is not None
    raw = sqlite3.connect(database.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_fresh_database_is_at_head_and_healthy(db_path: Path) -> None:
    opened = open_store(resolve(str(db_path)), now=NOW)
    try:
        assert opened.store.revision() == migrate.SCHEMA_HEAD
        assert problems(opened.store) == []
        assert opened.backup_made is None
    finally:
        opened.store.close()


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
    opened = open_store(resolve(str(path)), now=NOW)
    try:
        assert opened.store.revision() == migrate.SCHEMA_HEAD
        assert opened.backup_made is None
    finally:
        opened.store.close()


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


def test_a_database_from_a_newer_tracker_is_refused_and_untouched(
    db_path: Path, make_case: CaseFactory
) -> None:
    database = open_database(str(db_path))
    Repo(database).add(make_case())
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
    for memory in ("sqlite://", "sqlite:///:memory:"):
        with pytest.raises(InvalidInput, match="in-memory"):
            resolve(memory)
    with pytest.raises(InvalidInput, match="not a database tracker knows"):
        resolve("mysql://localhost/tracker")
    assert resolve("postgresql+psycopg://me:secret@db.example/tracker").backend == "postgresql"
    assert "secret" not in resolve("postgresql+psycopg://me:secret@db.example/tracker").shown
    database = open_database(f"sqlite:///{path}")
    try:
        assert database.path == path and path.exists()
    finally:
        database.close()


def test_backup_is_a_valid_owner_only_copy(database: Store, make_case: CaseFactory, tmp_path: Path) -> None:
    repo = Repo(database)
    for name in ("one", "two", "tres 🎉"):
        repo.add(make_case(name))
    destination = tmp_path / "copy.db"
    assert database.backup(destination, NOW) == str(destination)
    assert mode(destination) == 0o600
    assert check_file(destination) == ([], [])
    opened = open_store(resolve(str(destination)), now=NOW)
    try:
        assert opened.backup_made is None
        assert [c.uuid for c in Repo(opened.store).live(TODAY)] == [c.uuid for c in repo.live(TODAY)]
    finally:
        opened.store.close()
    with pytest.raises(InvalidInput, match="already exists"):
        database.backup(destination, NOW)
    with pytest.raises(InvalidInput, match="does not exist"):
        database.backup(tmp_path / "missing" / "copy.db", NOW)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_backup_onto_a_full_disk_leaves_no_file_behind(
    database: Store, make_case: CaseFactory, small_disk: Path
) -> None:
    """A copy that cannot be finished leaves nothing, not a 0-byte or half file."""
    Repo(database).add_many(make_case(f"p{i}", notes="x" * 3000) for i in range(60))
    with pytest.raises(StoreError, match="full"):
        database.backup(small_disk / "copy.db", NOW)
    assert list(small_disk.iterdir()) == []


def test_a_killed_backup_leaves_only_a_hidden_partial_that_the_next_one_removes(
    database: Store, make_case: CaseFactory, tmp_path: Path
) -> None:
    Repo(database).add(make_case())
    folder = tmp_path / "backups"
    folder.mkdir()
    # What a backup killed half-way leaves: its partial file, named by a process that is gone.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = folder / f".copy.db.partial-{dead.stdout.strip()}"
    stale.write_bytes(b"SQLite format 3\x00half")
    database.backup(folder / "copy.db", NOW)
    assert sorted(p.name for p in folder.iterdir()) == ["copy.db"]


def test_integrity_problems_reports_dangling_rows(database: Store) -> None:
    assert database.path is not None
    raw = sqlite3.connect(database.path)
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute(
        "INSERT INTO checks (case_id, position, name, required, state, note) "
        "VALUES (42, 0, 'orphan', 0, 'pending', '')"
    )
    raw.commit()
    raw.close()
    found = problems(database)
    assert len(found) == 1 and "checks" in found[0] and "cases" in found[0]


def alembic_app_file(path: Path, revision: str) -> None:
    """What any other Alembic-managed program leaves: an alembic_version table, its own tables."""
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    raw.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total TEXT)")
    raw.execute("INSERT INTO invoices (total) VALUES ('12.00')")
    raw.commit()
    raw.close()


@pytest.mark.parametrize("revision", ["0002", "0001", "ae1027a6acf", "9999"])
def test_another_alembic_programs_database_is_refused_untouched(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "other.db"
    alembic_app_file(path, revision)
    before = fingerprint(tmp_path)
    for _ in range(2):
        with pytest.raises(InvalidInput, match="another program") as caught:
            open_database(str(path))
        assert "untouched" in str(caught.value)
    # Not switched to WAL, no backup copy made, nothing beside it.
    assert fingerprint(tmp_path) == before
    found, _notes = check_file(path)
    assert found and "another program" in found[0]


@pytest.mark.parametrize("content", [None, b""])
def test_db_check_on_a_missing_or_empty_file_is_a_problem_and_creates_nothing(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "restored.db"
    if content is not None:
        path.write_bytes(content)
    before = fingerprint(tmp_path)
    found, notes = check_file(path)
    assert len(found) == 1 and notes == []
    assert fingerprint(tmp_path) == before


def test_db_check_lists_what_is_wrong_with_a_damaged_file(
    database: Store, make_case: CaseFactory, tmp_path: Path
) -> None:
    Repo(database).add_many(make_case(f"p{i}", notes="x" * 3000) for i in range(60))
    copy = tmp_path / "copy.db"
    database.backup(copy, NOW)
    data = bytearray(copy.read_bytes())
    page = 4096
    for offset in range(3 * page + 100, 3 * page + 600):  # scribble over a b-tree page
        data[offset] = 0xA5
    copy.write_bytes(bytes(data))
    before = fingerprint(tmp_path)
    found, _notes = check_file(copy)
    assert found, "a scribbled page must be found"
    assert fingerprint(tmp_path) == before
