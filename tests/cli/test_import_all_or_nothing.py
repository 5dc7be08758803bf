"""An import is written a batch at a time inside one transaction (issue 20: its memory
stays flat as files grow): a refusal at the last case of a file of many batches still
leaves the database exactly as it was, on both backends."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.bench.generate import generate
from tracker.core.exchange import BATCH

Run = Callable[..., Any]
# More than two batches: the refusal comes after cases were written.
COUNT = 2 * BATCH + 200
SHA = "ab" * 32


def _attachment(size: int, uid: str) -> dict[str, Any]:
    return {
        "name": "recibo.pdf",
        "sha256": SHA,
        "size": size,
        "added_at": "2026-11-02T15:00:00Z",
        "note": "",
        "uid": uid,
    }


def _broken_provider(cases: list[dict[str, Any]]) -> str:
    cases[-1]["provider"] = 5
    return f"cases[{COUNT - 1}].provider"


def _attachment_size_disagrees(cases: list[dict[str, Any]]) -> str:
    # Each case is sound on its own: the last disagrees with the first about a file.
    cases[0]["attachments"] = [_attachment(10, "a" * 32)]
    cases[-1]["attachments"] = [_attachment(11, "b" * 32)]
    return "says 11 bytes, but its file"


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A good export of COUNT generated cases, as parsed JSON."""
    folder = tmp_path_factory.mktemp("source")
    source = folder / "source.db"
    generate(str(source), COUNT)
    from tracker.cli import main

    assert main(["--db", str(source), "export", "-o", str(folder / "export.json")]) == 0
    data: dict[str, Any] = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("breaking", [_broken_provider, _attachment_size_disagrees])
def test_a_refusal_at_the_last_case_changes_nothing(
    cli: Run,
    env: Any,
    tmp_path: Path,
    db_dump: Callable[[Path | str], list[str]],
    export: dict[str, Any],
    breaking: Callable[[list[dict[str, Any]]], str],
) -> None:
    # Cases here already: the file's cases 1 and 2 need new numbers, and case 1 is updated.
    assert cli("add", "Claro", "--service", "Línea 1").code == 0
    assert cli("add", "Entel").code == 0
    first = tmp_path / "first.json"
    first.write_text(json.dumps({**export, "cases": export["cases"][:1]}), encoding="utf-8")
    assert cli("import", str(first)).code == 0
    before = db_dump(env.target)

    document = json.loads(json.dumps(export))
    said = breaking(document["cases"])
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    result = cli("import", str(broken))
    assert result.code == 2, (result.out, result.err)
    assert said in result.err and "Traceback" not in result.err
    assert db_dump(env.target) == before

    # The same file, mended, imports whole.
    broken.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    assert cli("import", str(broken)).code == 0
    listed = cli("list", "--all", "--json")
    assert len(listed.json()) == COUNT + 2
