"""tracker.caches.rulebooks: the parsed rule book kept in the cache folder, read back
exactly, and never trusted when it is stale or damaged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tracker import __version__
from tracker.caches.rulebooks import cached_rulebook
from tracker.domain.errors import NotFound
from tracker.domain.rules import builtin_rulebook, builtin_rulebook_file


def test_the_cached_book_is_the_book_read_from_toml(tmp_path: Path) -> None:
    first = cached_rulebook("pe", tmp_path)
    kept = tmp_path / "rulebook-pe.json"
    assert kept.is_file()
    again = cached_rulebook("pe", tmp_path)  # now from the JSON file
    assert first == again == builtin_rulebook("pe")
    assert [p.name for p in tmp_path.iterdir()] == ["rulebook-pe.json"]  # no partial file left


def test_a_stale_or_damaged_cache_is_read_again_from_toml(tmp_path: Path) -> None:
    kept = tmp_path / "rulebook-pe.json"
    kept.write_text(json.dumps({"source": "another file:1:2", "document": {"name": "pe", "rules": []}}))
    assert cached_rulebook("pe", tmp_path) == builtin_rulebook("pe")
    source = json.loads(kept.read_text())["source"]
    assert source.startswith(f"{__version__}:{builtin_rulebook_file('pe')}:")
    for damaged in ("{", "[]", '{"source": 1}', ""):
        kept.write_text(damaged)
        assert cached_rulebook("pe", tmp_path) == builtin_rulebook("pe")


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert cached_rulebook("pe", blocked / "cache") == builtin_rulebook("pe")


def test_an_unknown_book_is_refused() -> None:
    with pytest.raises(NotFound):
        cached_rulebook("../pe", Path(os.devnull))


def test_a_cache_that_cannot_replace_its_file_leaves_no_partial_file(tmp_path: Path) -> None:
    (tmp_path / "rulebook-pe.json").mkdir()  # a folder where the file would go
    assert cached_rulebook("pe", tmp_path) == builtin_rulebook("pe")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rulebook-pe.json"]
