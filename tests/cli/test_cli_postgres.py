"""The command line on a PostgreSQL server: db path | check | backup | upgrade | copy, and
the errors a user meets (server down, wrong password, no such database, no driver).

The rest of the command line runs on both backends (the ``backend`` parameter);
these are the parts that differ in what they say or need a server to happen.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.postgres_server import PASSWORD, PASSWORD_USER, Server, database_name

Run = Callable[..., Any]
pytestmark = pytest.mark.sqlite_only  # no backend parameter: every test here is about PostgreSQL


@pytest.fixture
def pg_env(env: Any, pg_database: str) -> Any:
    env.monkeypatch.setenv("TRACKER_DB", pg_database)
    return env


@pytest.fixture
def with_password(pg_server: Server, pg_database: str) -> str:
    """The test database as the password user sees it, the password in the URL."""
    name = database_name(pg_database)
    pg_server.sql(f"ALTER DATABASE {name} OWNER TO {PASSWORD_USER}")
    # Every table of the schema (their id sequences follow their tables).
    pg_server.sql(
        "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
        f"LOOP EXECUTE format('ALTER TABLE %I OWNER TO {PASSWORD_USER}', t.tablename); END LOOP; END $$",
        name,
    )
    return pg_server.url(name, PASSWORD_USER, PASSWORD)


def refused(result: Any) -> str:
    assert result.code == 2, (result.out, result.err)
    assert len(result.error_lines) == 1 and "Traceback" not in result.err
    assert PASSWORD not in result.err + result.out
    return str(result.err)


def test_db_path_shows_the_url_without_the_password(cli: Run, with_password: str) -> None:
    shown = cli("--db", with_password, "db", "path")
    assert shown.code == 0
    assert shown.out.strip() == with_password.replace(f":{PASSWORD}@", ":***@")


def test_every_command_works_with_a_password_in_the_url(cli: Run, with_password: str) -> None:
    assert cli("--db", with_password, "add", "Claro").code == 0
    assert [c["provider"] for c in cli("--db", with_password, "list", "--json").json()] == ["Claro"]


def test_the_errors_a_user_meets_are_one_line_exit_2_without_the_password(
    cli: Run, pg_server: Server, with_password: str, tmp_path: Path
) -> None:
    wrong = with_password.replace(PASSWORD, "wrong-" + PASSWORD[::-1])
    assert "refused the password" in refused(cli("--db", wrong, "list"))
    assert "wrong-" not in cli("--db", wrong, "list").err
    missing = pg_server.url("nosuchdb", PASSWORD_USER, PASSWORD)
    message = refused(cli("--db", missing, "add", "X"))
    assert "there is no database 'nosuchdb'" in message
    assert message.rstrip().endswith(
        f"createdb -h {pg_server.folder} -p {pg_server.port} -U {PASSWORD_USER} nosuchdb"
    )
    down = f"postgresql+psycopg://{PASSWORD_USER}:{PASSWORD}@/tracker?host={tmp_path}&port=5999"
    for argv in (("list",), ("add", "X"), ("db", "check"), ("db", "backup"), ("export",)):
        assert "cannot reach the PostgreSQL server" in refused(cli("--db", down, *argv))


def test_without_the_driver_one_line_says_how_to_install_it(pg_database: str, tmp_path: Path) -> None:
    # A fresh interpreter in which psycopg cannot be imported, as when the extra is not installed.
    code = (
        "import sys; sys.modules['psycopg'] = None; from tracker.cli import main; "
        f"sys.exit(main(['--db', {pg_database!r}, 'list']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "tracker: error: PostgreSQL needs the psycopg driver, which is not installed: "
        "pip install 'tracker[postgres]'"
    )


def test_db_check_backup_and_upgrade_say_what_they_did(cli: Run, pg_env: Any, tmp_path: Path) -> None:
    cli("add", "Movistar")
    checked = cli("db", "check")
    assert checked.code == 0 and checked.out.splitlines()[-1] == "ok"
    assert "checked on the server" in checked.out
    backed = cli("db", "backup", str(tmp_path / "tracker.dump"))
    assert backed.code == 0
    assert backed.out.startswith(f"Backed up to {tmp_path / 'tracker.dump'} (pg_dump custom format")
    default = cli("db", "backup")
    assert default.code == 0 and "/backups/" in default.out and ".backup-" in default.out
    upgraded = cli("db", "upgrade")
    assert upgraded.code == 0 and "(the newest)" in upgraded.out


@pytest.fixture
def rich_sqlite(cli: Run, env: Any, tmp_path: Path) -> Iterator[str]:
    """A SQLite tracker holding every kind of data: checks, contacts, fees, odd text, the trash."""
    db = str(tmp_path / "laptop.db")
    odd = "Señal 中国移动 📱 \x1b[31m nul\x00here \uffff0 50% _x_"
    assert cli("--db", db, "add", "Movistar Perú", "--playbook", "esim-pe", "--ticket", "R-1").code == 0
    assert (
        cli(
            "--db", db, "add", odd, "--service", odd, "--note", odd, "--fee", "29.90", "--currency", "PEN"
        ).code
        == 0
    )
    assert cli("--db", db, "add", "Gone", "--requested", "2026-10-01").code == 0
    assert cli("--db", db, "log", "1", odd, "--ticket", "R-2", "--agent", odd, "--next", "+3d").code == 0
    assert cli("--db", db, "check", "1", "calls blocked", "pass", "--note", odd).code == 0
    assert cli("--db", db, "check", "1", odd, "add", "--required").code == 0
    assert cli("--db", db, "withdraw", "2").code == 0
    assert cli("--db", db, "delete", "3").code == 0
    yield db


def export(cli: Run, target: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", target, "export"], capture_output=True, check=True
    )
    return done.stdout


def test_copy_sqlite_to_postgresql_and_back_keeps_every_byte(
    cli: Run, rich_sqlite: str, pg_server: Server, tmp_path: Path
) -> None:
    name = pg_server.new_database(empty=True)  # as createdb leaves it: the copy makes the schema
    url = pg_server.url(name)
    try:
        original = export(cli, rich_sqlite)
        cases = json.loads(original)["cases"]
        checks, entries = sum(len(c["checks"]) for c in cases), sum(len(c["timeline"]) for c in cases)
        there = cli("--db", rich_sqlite, "db", "copy", "--to", url)
        assert there.code == 0, there.err
        assert there.out.strip() == (
            f"Copied 3 cases (1 in the trash), {checks} checks and {entries} timeline entries "
            f"from {rich_sqlite} to {url}."
        )
        back = str(tmp_path / "back.db")
        assert cli("--db", url, "db", "copy", "--to", back).code == 0
        assert export(cli, url) == original
        assert export(cli, back) == original
        # The numbers go on after the copied ones, on both.
        assert cli("--db", url, "add", "Next", "--json").json()["id"] == 4
        assert cli("--db", back, "add", "Next", "--json").json()["id"] == 4
    finally:
        pg_server.drop_database(name)


def test_copy_refuses_a_database_that_holds_cases_and_itself(
    cli: Run, rich_sqlite: str, pg_database: str
) -> None:
    assert cli("--db", pg_database, "add", "Already here").code == 0
    message = refused(cli("--db", rich_sqlite, "db", "copy", "--to", pg_database))
    assert "already holds cases" in message
    assert [c["provider"] for c in cli("--db", pg_database, "list", "--json", "--all").json()] == [
        "Already here"
    ]
    assert "is the database being copied" in refused(
        cli("--db", pg_database, "db", "copy", "--to", pg_database)
    )
    assert "is the database being copied" in refused(
        cli("--db", rich_sqlite, "db", "copy", "--to", rich_sqlite)
    )


def test_no_error_shows_the_password_whatever_the_url(
    cli: Run, pg_server: Server, with_password: str
) -> None:
    name = database_name(with_password)
    socket = f"host={pg_server.folder}&port={pg_server.port}"
    secrets = ("pa%ss", "S3cretPW", "pa%zzS3cret")
    urls = [
        # psycopg's own message quotes a password it cannot decode
        f"postgresql+psycopg://{PASSWORD_USER}:pa%ss@/{name}?{socket}",
        f"postgresql+psycopg://{PASSWORD_USER}:pa%zzS3cret@/{name}?{socket}",
        # a URL no parser reads: never printed whole
        "postgresql+psycopg://u:S3cretPW@[::1/tracker",
        f"postgresql+psycopg://{PASSWORD_USER}:S3cretPW@localhost:99999/{name}",
        f"postgresql+psycopg://{PASSWORD_USER}:S3cretPW@localhost:abc/{name}",
        f"postgresql+psycopg://{PASSWORD_USER}:S3cretPW@/{name}?{socket}&sslmode=bogus",
        f"postgresql+psycopg://{PASSWORD_USER}@/{name}?{socket}&password=S3cretPW&bogus=1",
    ]
    for url in urls:
        for argv in (("list",), ("add", "X"), ("db", "check")):
            result = cli("--db", url, *argv)
            assert result.code == 2, (url, argv, result.err)
            assert len(result.error_lines) == 1, (url, result.err)
            assert "internal error" not in result.err
            assert not any(secret in result.err + result.out for secret in secrets), result.err
        shown = cli("--db", url, "db", "path")
        assert shown.code == 0 and "***" in shown.out, (url, shown.out, shown.err)
        assert not any(secret in shown.out + shown.err for secret in secrets)


def test_postgresql_errors_name_their_real_cause(cli: Run, pg_server: Server, pg_database: str) -> None:
    name = database_name(pg_database)
    socket = f"host={pg_server.folder}&port={pg_server.port}"
    unknown = refused(cli("--db", f"postgresql+psycopg://nobody@/{name}?{socket}", "list"))
    assert unknown.rstrip().endswith("has no user 'nobody'")
    sslmode = refused(cli("--db", f"postgresql+psycopg://postgres@/{name}?{socket}&sslmode=bogus", "list"))
    assert "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full" in sslmode
    for port in ("abc", "99999", "0"):
        bad_port = refused(
            cli("--db", f"postgresql+psycopg://postgres@/{name}?host={pg_server.folder}&port={port}", "list")
        )
        assert "the port must be a number from 1 to 65535" in bad_port, bad_port
        assert "lost the connection" not in bad_port
    tcp = refused(cli("--db", f"postgresql+psycopg://postgres@localhost:abc/{name}", "list"))
    assert "the port must be a number from 1 to 65535" in tcp


def test_a_driver_error_that_reaches_the_command_line_untranslated_shows_no_password() -> None:
    import psycopg

    from tracker.cli.failures import describe

    for text in (
        'end of string reached in URI: "postgresql://u:S3cretPW@[::1/tracker"',
        "invalid connection option in: host=db password=S3cretPW",
        'bad: "postgresql://u@db/t?password=S3cretPW&x=1"',
    ):
        line, _status = describe(psycopg.ProgrammingError(text))
        assert "S3cretPW" not in line and "***" in line, line
