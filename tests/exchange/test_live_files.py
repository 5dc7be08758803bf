"""No output is written over the open database, its companions or the attachments folder,
whatever the spelling of the path (issue 19, item 2)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run
from tracker.domain.errors import InvalidInput
from tracker.exchange.files import write_private
from tracker.live_files import live_files

# Each output a command writes, with its destination put last.
WRITERS = {
    "bundle": ("report", "1", "--bundle"),
    "report": ("report", "1", "-o"),
    "export": ("export", "-o"),
    "csv": ("export", "-f", "csv", "-o"),
    "letter": ("letter", "1", "reclamo", "-o"),
    "backup": ("db", "backup"),
    "copy": ("db", "copy", "--to"),
}


def _spellings(db: Path) -> dict[str, Callable[[], str]]:
    """Ways to name the database (or one of its own files) other than its own name."""
    folder = db.parent

    def symlink() -> str:
        (folder / "link.db").symlink_to(db.name)
        return str(folder / "link.db")

    def hard_link() -> str:
        os.link(db, folder / "hard.db")
        return str(folder / "hard.db")

    def dotdot() -> str:
        (folder / "sub").mkdir()
        return str(folder / "sub" / ".." / db.name)

    def wal() -> str:
        return f"{db}-wal"

    def shm_through_link() -> str:
        (folder / "elsewhere").symlink_to(folder)
        return str(folder / "elsewhere" / f"{db.name}-shm")

    def in_attachments() -> str:
        return str(folder / "attachments" / "out.zip")

    def attachments_itself() -> str:
        return str(folder / "sub2" / ".." / "attachments")

    return {
        "symlink": symlink,
        "hard link": hard_link,
        "dotdot": dotdot,
        "wal": wal,
        "shm through a linked folder": shm_through_link,
        "inside attachments": in_attachments,
        "attachments itself": attachments_itself,
    }


def _attach(run: Run, tmp_path: Path) -> None:
    proof = tmp_path / "constancia.txt"
    proof.write_text("código de pedido 123", encoding="utf-8")
    assert run("attach", "1", str(proof)).code == 0


@pytest.mark.sqlite_only
@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(
    "spelling",
    [
        "symlink",
        "hard link",
        "dotdot",
        "wal",
        "shm through a linked folder",
        "inside attachments",
        "attachments itself",
    ],
)
def test_no_output_over_the_database_or_its_evidence(
    run: Run, story_env: Any, env: Any, tmp_path: Path, writer: str, spelling: str
) -> None:
    _attach(run, tmp_path)
    db: Path = env.db
    if spelling == "attachments itself" and writer in ("backup", "copy"):
        pytest.skip("a folder is refused as a destination by those already")
    target = _spellings(db)[spelling]()
    before = {p: p.read_bytes() for p in (db.parent / "attachments").iterdir()}
    size = db.stat().st_size
    done = run(*WRITERS[writer], target)
    assert done.code != 0
    lines = done.err.strip().splitlines()
    assert len(lines) == 1, done.err
    refusals = ("database in use", "attachments folder", "database being copied")
    assert any(refusal in lines[0] for refusal in refusals), lines[0]
    assert db.stat().st_size == size
    assert {p: p.read_bytes() for p in (db.parent / "attachments").iterdir()} == before
    assert run("list", "--json").code == 0
    assert run("show", "1").code == 0


@pytest.mark.sqlite_only
def test_a_bundle_beside_the_database_is_still_written(run: Run, story_env: Any, env: Any) -> None:
    target = env.db.parent / "caso-1.zip"
    assert run("report", "1", "--bundle", str(target)).code == 0
    assert target.is_file()


def test_the_one_check_knows_a_new_name_in_the_database_folder(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    db.write_bytes(b"x")
    live = live_files(db, tmp_path / "attachments")
    (tmp_path / "a").mkdir()
    for spelling in (tmp_path / "a" / ".." / "t.db-journal", tmp_path / "t.db-wal"):
        with pytest.raises(InvalidInput, match="database in use"):
            write_private(spelling, lambda stream: stream.write(b"zip"), live=live)
    assert db.read_bytes() == b"x"
    assert not (tmp_path / "t.db-wal").exists()
