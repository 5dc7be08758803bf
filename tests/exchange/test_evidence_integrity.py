"""Evidence is vouched for only when its bytes are the ones attached (issue 19, items 3 and 8):
a bundle checks each file against its stored SHA-256, ``db check`` reads every stored file,
and the partial copy of a killed ``attach`` is swept."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run
from tracker.store.blobs import PARTIAL_AGE_S


def _attach(run: Run, tmp_path: Path, name: str = "constancia.txt", text: str = "pedido 123") -> Path:
    """Attach a file to case 1 and return where the tracker keeps it."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert run("attach", "1", str(source)).code == 0
    stored = [p for p in (tmp_path / "attachments").iterdir() if not p.name.startswith(".")]
    kept = next(p for p in stored if p.read_text(encoding="utf-8") == text)
    return kept


def _tamper(stored: Path, text: str = "altered") -> None:
    stored.chmod(0o600)
    stored.write_text(text, encoding="utf-8")


@pytest.mark.sqlite_only
def test_a_bundle_refuses_a_changed_file(run: Run, story_env: Any, tmp_path: Path) -> None:
    stored = _attach(run, tmp_path)
    _tamper(stored)
    target = tmp_path / "caso.zip"
    done = run("report", "1", "--bundle", str(target))
    assert done.code != 0
    assert len(done.err.strip().splitlines()) == 1
    assert "constancia.txt" in done.err and "changed" in done.err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".caso.zip")]


@pytest.mark.sqlite_only
def test_a_forced_bundle_marks_the_changed_file(run: Run, story_env: Any, tmp_path: Path) -> None:
    stored = _attach(run, tmp_path)
    sha256 = stored.name
    _tamper(stored)
    target = tmp_path / "caso.zip"
    done = run("report", "1", "--bundle", str(target), "--force")
    assert done.code == 0, done.err
    assert "constancia.txt" in done.err
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        sums = archive.read(next(n for n in names if n.endswith("SHA256SUMS"))).decode("utf-8")
        changed = archive.read(next(n for n in names if n.endswith("CHANGED.txt"))).decode("utf-8")
    # SHA256SUMS keeps the hash the file was attached with: sha256sum -c names it as FAILED.
    assert f"{sha256}  adjuntos/{sha256[:12]}-constancia.txt" in sums
    assert sha256 in changed and "CHANGED" in changed


@pytest.mark.sqlite_only
def test_db_check_lists_missing_changed_and_stray_files(run: Run, story_env: Any, tmp_path: Path) -> None:
    assert run("db", "check").code == 0
    changed = _attach(run, tmp_path, "recibo.pdf", "S/ 79.80")
    missing = _attach(run, tmp_path, "captura.png", "pantalla")
    _tamper(changed)
    missing.unlink()
    (tmp_path / "attachments" / "notes.txt").write_text("mine", encoding="utf-8")
    done = run("db", "check")
    assert done.code == 1
    lines = done.text.splitlines()
    assert any("missing" in line and "captura.png" in line for line in lines), done.text
    assert any("changed" in line and "recibo.pdf" in line for line in lines), done.text
    assert any("stray" in line and "notes.txt" in line for line in lines), done.text
    assert "3 problems found" in done.text


@pytest.mark.sqlite_only
def test_db_check_reads_the_bytes_not_only_the_size(run: Run, story_env: Any, tmp_path: Path) -> None:
    stored = _attach(run, tmp_path, "recibo.pdf", "S/ 79.80")
    _tamper(stored, "S/ 97.80")  # same size, other bytes
    done = run("db", "check")
    assert done.code == 1 and "recibo.pdf" in done.text


def _gone_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    return int(child.stdout)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("sweeper", [("db", "check"), ("attach",)])
def test_a_killed_attach_leaves_nothing_for_long(
    run: Run, story_env: Any, tmp_path: Path, sweeper: tuple[str, ...]
) -> None:
    _attach(run, tmp_path)
    folder = tmp_path / "attachments"
    dead = folder / f".incoming-{_gone_pid()}-k1ll3d.part"
    old = folder / ".incoming-x7q9abcd.part"  # an older version's name: no pid, untouched for long
    alive = folder / f".incoming-{os.getppid()}-wr1t1ng.part"  # a live writer's
    for partial in (dead, old, alive):
        partial.write_bytes(b"half a file")
    stale = time.time() - PARTIAL_AGE_S - 60
    os.utime(old, (stale, stale))
    if sweeper == ("attach",):
        other = tmp_path / "other.txt"
        other.write_text("otro", encoding="utf-8")
        assert run("attach", "1", str(other)).code == 0
    else:
        done = run(*sweeper)
        assert done.code == 0, done.text
        assert "partial" in done.text
    assert not dead.exists() and not old.exists()
    assert alive.exists()
