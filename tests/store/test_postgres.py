"""What only a database server has: making the schema in a database that exists, refusing
another program's, migrating with a copy first, restarts, lost connections, its errors.

Against the test session's own PostgreSQL server (see tests/postgres_server.py).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.store import NOW, Repo, open_target
from tests.postgres_server import PASSWORD, PASSWORD_USER, Server, database_name, dump_rows, dump_rows_of
from tracker.domain.errors import InvalidInput, StoreError
from tracker.domain.model import Case
from tracker.store import check_target, migrate, open_store, resolve
from tracker.store.base import Store
from tracker.store.postgres import pyformat
from tracker.store.postgres_link import escape_text, unescape_text
from tracker.store.postgres_schema import sqlalchemy_url

MIGRATED_AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
PSQL = shutil.which("psql")


@pytest.fixture
def empty(pg_server: Server) -> Iterator[str]:
    """The URL of a new database with nothing in it."""
    name = pg_server.new_database(empty=True)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def tracker_db(pg_database: str) -> Iterator[Store]:
    store = open_target(pg_database)
    yield store
    store.close()


def everything(server: Server, url: str) -> list[tuple[object, ...]]:
    """Every table and column of the database's schema, to see that nothing was touched."""
    return dump_rows_of(
        url,
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY 1, 2",
    )


# -- the SQL as psycopg takes it ------------------------------------------------------


@pytest.mark.parametrize(
    ("shared", "driver"),
    [
        ("SELECT id FROM cases WHERE id = ?", "SELECT id FROM cases WHERE id = %s"),
        ("next_follow_up <= :due AND x = :t", "next_follow_up <= %(due)s AND x = %(t)s"),
        ("uuid LIKE ? AND a = '50%'", "uuid LIKE %s AND a = '50%%'"),
        ("seq::regclass, '12:30 ?', \"odd?col\"", "seq::regclass, '12:30 ?', \"odd?col\""),
        ("100 % 7 = ?", "100 %% 7 = %s"),
        ("'it''s :not a ?' = ?", "'it''s :not a ?' = %s"),
    ],
)
def test_placeholders_become_psycopgs(shared: str, driver: str) -> None:
    assert pyformat(shared) == driver


@pytest.mark.parametrize(
    "text",
    ["", "plain", "a\x00b", "\uffff", "\uffff0", "\uffff1", "\x00\uffff1\x00", "\uffff\uffff00", "漢\x00🙂"],
)
def test_text_postgresql_cannot_hold_is_escaped_reversibly(text: str) -> None:
    stored = escape_text(text)
    assert "\x00" not in stored
    assert unescape_text(stored) == text


# -- making the schema ---------------------------------------------------------------


def test_an_empty_database_gets_the_schema_through_the_revisions(empty: str) -> None:
    opened = open_store(resolve(empty), now=NOW)
    try:
        assert opened.store.revision() == migrate.SCHEMA_HEAD
        assert opened.backup_made is None
        assert check_target(resolve(empty))[0] == []
    finally:
        opened.store.close()


def test_an_empty_database_is_not_made_a_tracker_when_told_not_to_create(
    pg_server: Server, empty: str
) -> None:
    with pytest.raises(InvalidInput, match="no tracker database"):
        open_store(resolve(empty), create=False, now=NOW)
    assert everything(pg_server, empty) == []


def test_two_trackers_opening_an_empty_database_at_once_make_it_once(empty: str) -> None:
    results: list[object] = []

    def opening() -> None:
        try:
            opened = open_store(resolve(empty), now=NOW)
            results.append(opened.store.revision())
            opened.store.close()
        except Exception as exc:  # handed to the test
            results.append(exc)

    threads = [threading.Thread(target=opening) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [migrate.SCHEMA_HEAD] * 3


@pytest.mark.parametrize(
    "setup",
    [
        "CREATE TABLE invoices (id int PRIMARY KEY, total numeric); INSERT INTO invoices VALUES (1, 9.5)",
        "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
        "INSERT INTO alembic_version VALUES ('a1b2c3d4e5f6'); CREATE TABLE cases (id int)",
        "CREATE VIEW cases AS SELECT 1 AS id",
    ],
)
def test_a_database_of_another_program_is_refused_untouched(
    pg_server: Server, empty: str, setup: str
) -> None:
    name = database_name(empty)
    pg_server.sql(setup, name)
    before = everything(pg_server, empty)
    with pytest.raises(InvalidInput, match="another program.*left untouched"):
        open_store(resolve(empty), now=NOW)
    assert everything(pg_server, empty) == before
    problems, _notes = check_target(resolve(empty))
    assert len(problems) == 1 and "another program" in problems[0]


def test_a_database_from_a_newer_tracker_is_refused_untouched(
    pg_server: Server, pg_database: str, tracker_db: Store, make_case: Callable[..., Case]
) -> None:
    Repo(tracker_db).add(make_case())
    name = database_name(pg_database)
    pg_server.sql("UPDATE alembic_version SET version_num = '0099'", name)
    before = dump_rows(pg_database)
    with pytest.raises(InvalidInput, match="newer tracker"):
        open_store(resolve(pg_database), now=NOW)
    assert dump_rows(pg_database) == before


def make_0001_database(pg_server: Server, url: str) -> list[tuple[object, ...]]:
    """A database at revision 0001 holding one case with a check and a timeline entry."""
    from sqlalchemy import create_engine

    from tracker.store.migrate import run_upgrade

    engine = create_engine(sqlalchemy_url(resolve(url)))
    with engine.connect() as connection, connection.begin():
        run_upgrade(connection, "0001")
        connection.exec_driver_sql(
            "INSERT INTO cases (uuid, provider, service, action, playbook, channel, requested_on, ticket, "
            "promised_by, next_follow_up, status, notes, fee_amount, fee_currency, created_at, updated_at) "
            "VALUES ('11111111-1111-4111-8111-111111111111', 'Movistar Perú', 'eSIM', 'cancel', 'esim-pe', "
            "'phone', '2026-10-06', 'R-1', '2026-10-14', '2026-10-15', 'failed', 'ñ 漢', '29.90', 'PEN', "
            "'2026-10-06 14:00:00', '2026-10-16 09:30:00.25')"
        )
        connection.exec_driver_sql(
            "INSERT INTO checks (case_id, position, name, required, state, checked_at, note) "
            "VALUES (1, 0, 'calls blocked', true, 'failed', '2026-10-16 09:30:00', 'rang')"
        )
        connection.exec_driver_sql(
            "INSERT INTO timeline (case_id, at, kind, summary, ticket, agent) "
            "VALUES (1, '2026-10-06 14:00:00', 'created', 'Cancel requested', 'R-1', '')"
        )
    engine.dispose()
    return dump_rows_of(url, "SELECT * FROM cases")


@pytest.mark.parametrize("with_pg_dump", [True, False])
def test_an_older_database_is_copied_then_migrated_with_its_data_intact(
    pg_server: Server,
    empty: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    with_pg_dump: bool,
) -> None:
    before = make_0001_database(pg_server, empty)
    if not with_pg_dump:
        monkeypatch.setattr(shutil, "which", lambda _name: None)
    opened = open_store(resolve(empty), now=MIGRATED_AT)
    try:
        assert opened.store.revision() == migrate.SCHEMA_HEAD
        case = Repo(opened.store).get(1)
        assert (case.provider, case.checks[0].note) == ("Movistar Perú", "rang")
        # 0003 made the entry the program wrote in English a fact, on this backend too.
        entry = case.timeline[0]
        assert (entry.summary, entry.event, entry.params) == ("", "case.created", {"action": "cancel"})
        with opened.store.read() as tx:
            [summary] = tx.summaries([1]).values()
        assert (summary.checks_total, summary.checks_failed) == (1, 1)  # counters filled by 0002
    finally:
        opened.store.close()
    assert opened.backup_made is not None
    made = Path(opened.backup_made.split(" (")[0])
    assert made.name.endswith(f".before-{migrate.SCHEMA_HEAD}-20261120T093000.dump")
    assert made.stat().st_mode & 0o777 == 0o600
    if with_pg_dump:
        assert "pg_dump" in opened.backup_made and made.read_bytes().startswith(b"PGDMP")
    else:
        assert "psql script" in opened.backup_made
        # The script puts the rows back into a database at the revision it names.
        restored = pg_server.new_database(empty=True)
        restored_url = pg_server.url(restored)
        make_0001_database(pg_server, restored_url)
        if PSQL is None:
            pytest.skip("psql is not installed")
        loaded = subprocess.run(
            [
                PSQL,
                "--single-transaction",
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-f",
                str(made),
                f"host={pg_server.folder} port={pg_server.port} user=postgres dbname={restored}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert loaded.returncode == 0, loaded.stderr
        assert dump_rows_of(restored_url, "SELECT * FROM cases") == before
        pg_server.drop_database(restored)


# -- restarts and lost connections ----------------------------------------------------------


@pytest.fixture
def restartable(pg_server: Server, pg_database: str) -> Iterator[Server]:
    """The test server, started again after the test whatever happened to it (before the
    test's database is dropped)."""
    yield pg_server
    if not (pg_server.data / "postmaster.pid").exists():
        pg_server.start()


def test_the_change_token_survives_a_restart_and_says_so_by_changing(
    restartable: Server, tracker_db: Store, make_case: Callable[..., Case]
) -> None:
    before = tracker_db.change_token()
    restartable.restart()
    after = tracker_db.change_token()  # no error: it listens anew
    assert after != before  # what was committed meanwhile is unknown: screens reload
    Repo(tracker_db).add(make_case())
    assert tracker_db.change_token() != after


def test_while_the_server_is_down_each_use_is_one_clear_error_and_then_it_works_again(
    restartable: Server, pg_database: str, tracker_db: Store, make_case: Callable[..., Case]
) -> None:
    repo = Repo(tracker_db)
    repo.add(make_case("before"))
    tracker_db.change_token()
    restartable.stop()
    for attempt in (tracker_db.change_token, lambda: repo.add(make_case("lost")), lambda: repo.get(1)):
        with pytest.raises(StoreError) as error:
            attempt()
        message = str(error.value)
        assert "\n" not in message and "cannot reach the PostgreSQL server" in message
    restartable.start()
    tracker_db.change_token()
    assert repo.add(make_case("after")).provider == "after"
    assert [c.provider for c in repo.iter_all()] == ["before", "after"]


def test_after_a_restart_the_first_write_on_every_thread_works(
    restartable: Server, tracker_db: Store, make_case: Callable[..., Case]
) -> None:
    """The TUI reads and writes from several worker threads, each with its own connection:
    after a restart, none of them may fail the user's first save."""
    repo = Repo(tracker_db)
    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            repo.get(repo.add(make_case(f"first {n}")).id)  # type: ignore[arg-type]
            barrier.wait(30)  # every thread has a connection open
            barrier.wait(30)  # the server was restarted
            repo.add(make_case(f"second {n}"))
        except BaseException as exc:  # handed to the test
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    barrier.wait(30)
    restartable.restart()
    barrier.wait(30)
    for thread in threads:
        thread.join(30)
    assert failures == []
    assert len(repo.iter_all()) == 6


def test_a_connection_lost_inside_a_transaction_is_one_clear_error_and_nothing_is_half_saved(
    restartable: Server, pg_database: str, tracker_db: Store, make_case: Callable[..., Case]
) -> None:
    repo = Repo(tracker_db)
    with pytest.raises(StoreError, match="lost the connection") as error, tracker_db.write() as tx:
        tx.add(make_case("half"))
        restartable.restart()
        tx.add(make_case("other half"))
    assert "\n" not in str(error.value)
    assert repo.iter_all() == []
    assert repo.add(make_case("whole")).provider == "whole"


# -- copies and checks -----------------------------------------------------------------------


def test_a_backup_is_a_pg_dump_file_of_the_owner_only(
    tracker_db: Store, make_case: Callable[..., Case], tmp_path: Path
) -> None:
    Repo(tracker_db).add(make_case())
    written = tracker_db.backup(tmp_path / "copy.dump", NOW)
    assert written.startswith(f"{tmp_path / 'copy.dump'} (pg_dump custom format")
    assert (tmp_path / "copy.dump").read_bytes().startswith(b"PGDMP")
    assert (tmp_path / "copy.dump").stat().st_mode & 0o777 == 0o600
    with pytest.raises(InvalidInput, match="already exists"):
        tracker_db.backup(tmp_path / "copy.dump", NOW)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.dump"]


def test_db_check_finds_what_is_wrong(
    pg_server: Server, pg_database: str, tracker_db: Store, make_case: Callable[..., Case]
) -> None:
    Repo(tracker_db).add(make_case())
    assert check_target(resolve(pg_database))[0] == []
    name = database_name(pg_database)
    pg_server.sql("UPDATE cases SET checks_total = 7", name)
    pg_server.sql("SELECT setval(pg_get_serial_sequence('cases', 'id'), 1, false)", name)
    problems, notes = check_target(resolve(pg_database))
    assert problems == [
        "case 1: its check counters disagree with its checks",
        "the id sequence of cases is behind its largest id: the next row added would fail",
    ]
    assert any("checked on the server" in note for note in notes)


# -- what the user is told ---------------------------------------------------------------------


def refusal(url: str) -> str:
    with pytest.raises(StoreError) as error:
        open_store(resolve(url), now=NOW)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_a_wrong_password_is_said_without_the_password(pg_server: Server, pg_database: str) -> None:
    name = database_name(pg_database)
    message = refusal(pg_server.url(name, PASSWORD_USER, "not-" + PASSWORD))
    assert "refused the password" in message and "not-" not in message and PASSWORD not in message


def test_a_missing_password_says_where_to_put_it(pg_server: Server, pg_database: str) -> None:
    name = database_name(pg_database)
    assert "asks for a password" in refusal(pg_server.url(name, PASSWORD_USER))


def test_a_missing_database_says_how_to_create_it(pg_server: Server) -> None:
    message = refusal(pg_server.url("nosuchdb", PASSWORD_USER, PASSWORD))
    assert "there is no database 'nosuchdb'" in message and "createdb" in message
    assert PASSWORD not in message


def test_a_server_that_is_not_running(tmp_path: Path) -> None:
    message = refusal(f"postgresql+psycopg://alice:{PASSWORD}@/tracker?host={tmp_path}&port=5999")
    assert "cannot reach the PostgreSQL server" in message and PASSWORD not in message


def test_without_the_driver_it_says_how_to_install_it(pg_database: str) -> None:
    import sys

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "psycopg", None)
        assert "pip install 'tracker[postgres]'" in refusal(pg_database)


def test_a_connection_lost_in_the_middle_of_executemany_is_one_line(
    pg_server: Server, pg_database: str
) -> None:
    # psycopg logs "error ignored terminating <Pipeline>" when its pipeline fails again on
    # the way out; with no handler, Python prints that on stderr. A process of its own: the
    # test session's logging would catch the record before stderr does.
    import sys

    code = f"""
from datetime import UTC, datetime
import psycopg
from tracker.store import open_store, resolve
store = open_store(resolve({pg_database!r}), now=datetime.now(UTC)).store
try:
    with store.write() as tx:
        pid = tx.rows("SELECT pg_backend_pid()")[0][0]
        admin = "host={pg_server.folder} port={pg_server.port} user=postgres dbname=postgres"
        with psycopg.connect(admin, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))  # waits till it is gone
        tx.execute_many("INSERT INTO checks (case_id) VALUES (?)", [(1,), (2,)])
except Exception as exc:
    print(type(exc).__name__, exc)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.stdout.startswith("StoreError lost the connection to the PostgreSQL server"), done.stdout
    assert done.stderr == ""
