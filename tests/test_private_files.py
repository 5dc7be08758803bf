"""Owner-only folders and files: owner-only from the start, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.domain.errors import InvalidInput, StoreError
from tracker.private_files import create_private_file, make_private_folder
from tracker.store import open_store, resolve
from tracker.store.blobs import BlobStore

NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022], ids=["umask-000", "umask-022"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


def test_a_new_folder_and_file_are_owner_only(tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "made" / "here"
    make_private_folder(folder, InvalidInput)
    create_private_file(folder / "file")
    assert mode(folder) == 0o700
    assert mode(folder / "file") == 0o600
    assert (folder / "file").read_bytes() == b""


def test_a_folder_that_exists_is_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    make_private_folder(folder, InvalidInput)
    assert mode(folder) == 0o755


def test_a_file_that_exists_is_never_opened_again(tmp_path: Path) -> None:
    path = tmp_path / "there"
    path.write_text("kept")
    with pytest.raises(FileExistsError):
        create_private_file(path)
    assert path.read_text() == "kept"


@pytest.mark.parametrize("error", [InvalidInput, StoreError])
def test_a_folder_that_cannot_be_made_is_the_callers_error_in_words(
    tmp_path: Path, error: type[Exception]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(error, match="cannot create the folder .*a-file/inside"):
        make_private_folder(blocker / "inside", error)


def test_a_new_database_its_folder_its_backup_and_attachments_are_owner_only(
    tmp_path: Path, umask: int
) -> None:
    path = tmp_path / "data" / "tracker" / "tracker.db"
    store = open_store(resolve(str(path)), create_parent=True, now=NOW).store
    try:
        backup = Path(store.backup(tmp_path / "copy.db", NOW))
    finally:
        store.close()
    assert (mode(path.parent), mode(path), mode(backup)) == (0o700, 0o600, 0o600)
    source = tmp_path / "bill.pdf"
    source.write_bytes(b"%PDF-1.7")
    blobs = BlobStore(tmp_path / "attachments")
    stored = blobs.put(source)
    assert mode(tmp_path / "attachments") == 0o700
    assert mode(blobs.path(stored.sha256)) & 0o077 == 0
