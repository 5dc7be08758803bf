"""A copy or a backup carries the attached files beside it, where its own ``db check`` and
bundles look for them (issue 19, item 4)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run


def _attach(run: Run, tmp_path: Path, name: str, text: str) -> Path:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert run("attach", "1", str(source)).code == 0
    return next(p for p in (tmp_path / "attachments").iterdir() if p.read_text(encoding="utf-8") == text)


def _bundled(run: Run, db: Path) -> list[str]:
    target = db.parent / "bundle.zip"
    done = run("--db", str(db), "report", "1", "--bundle", str(target))
    assert done.code == 0, done.err
    assert "missing" not in done.err
    with zipfile.ZipFile(target) as archive:
        return [name.split("/", 1)[1] for name in archive.namelist()]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", [("db", "copy", "--to"), ("db", "backup")])
def test_the_copy_holds_the_evidence(
    run: Run, story_env: Any, tmp_path: Path, command: tuple[str, ...]
) -> None:
    kept = _attach(run, tmp_path, "constancia.txt", "pedido 123")
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    copy = elsewhere / "tracker.db"
    done = run(*command, str(copy))
    assert done.code == 0, done.err
    assert "1 attached file copied" in done.text
    assert (elsewhere / "attachments" / kept.name).read_bytes() == kept.read_bytes()
    checked = run("--db", str(copy), "db", "check")
    assert checked.code == 0, checked.text
    assert f"adjuntos/{kept.name[:12]}-constancia.txt" in _bundled(run, copy)


@pytest.mark.sqlite_only
def test_a_changed_file_is_named_not_carried(run: Run, story_env: Any, tmp_path: Path) -> None:
    good = _attach(run, tmp_path, "bueno.txt", "bien")
    bad = _attach(run, tmp_path, "malo.txt", "mal")
    bad.chmod(0o600)
    bad.write_text("alterado", encoding="utf-8")
    (tmp_path / "usb").mkdir()
    done = run("db", "backup", str(tmp_path / "usb" / "t.db"))
    assert done.code == 0
    assert bad.name in done.err and "changed" in done.err
    assert (tmp_path / "usb" / "attachments" / good.name).exists()
    assert not (tmp_path / "usb" / "attachments" / bad.name).exists()
    assert [p.name for p in (tmp_path / "usb" / "attachments").iterdir()] == [good.name]


@pytest.mark.sqlite_only
def test_a_backup_beside_the_database_says_where_the_files_are(
    run: Run, story_env: Any, tmp_path: Path
) -> None:
    _attach(run, tmp_path, "constancia.txt", "pedido 123")
    done = run("db", "backup")
    assert done.code == 0
    assert str(tmp_path / "attachments") in done.text
