"""A malformed import is refused whole: one line naming the first problem's place, exit 2,
and the database exactly as it was."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run
from tracker.domain.model import Case

Doc = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """A mutation setting ``cases[1].checks[0].required``-style paths."""

    def mutate(doc: Doc) -> None:
        target: Any = doc
        parts = path.replace("]", "").replace("[", ".").split(".")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        target: Any = doc
        parts = path.replace("]", "").replace("[", ".").split(".")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[parts[-1]]

    return mutate


def _duplicate_uuid(doc: Doc) -> None:
    doc["cases"][2]["uuid"] = doc["cases"][0]["uuid"]


def _duplicate_check(doc: Doc) -> None:
    doc["cases"][1]["checks"][2]["name"] = "  NO new CHARGE "


# Each: what is wrong, how to break a good export, what the error must say.
BROKEN: list[tuple[str, Callable[[Doc], None], str]] = [
    ("wrong format", _set("format", "todo-export"), 'format: "todo-export" is not a tracker export'),
    ("no format", _delete("format"), "format: missing"),
    ("newer version", _set("version", 4), "version: 4 was written by a newer tracker"),
    ("version as text", _set("version", "1"), 'version: "1" is not a version'),
    ("missing field", _delete("cases[1].provider"), "cases[1].provider: missing"),
    ("missing nested field", _delete("cases[0].timeline[2].kind"), "cases[0].timeline[2].kind: missing"),
    ("unknown field", _set("cases[1].colour", "red"), "cases[1].colour: not a field"),
    (
        "wrong type",
        _set("cases[1].checks[0].required", "yes"),
        "cases[1].checks[0].required: not true or false but text",
    ),
    ("list expected", _set("cases[1].timeline", {}), "cases[1].timeline: not a list but an object"),
    ("impossible date", _set("cases[1].requested_on", "2026-02-30"), "cases[1].requested_on: not a date"),
    (
        "date in another form",
        _set("cases[1].promised_by", "14/10/2026"),
        "cases[1].promised_by: not a date (YYYY-MM-DD)",
    ),
    (
        "timestamp without zone",
        _set("cases[1].created_at", "2026-10-06T12:00:00"),
        "cases[1].created_at: a timestamp needs a time zone",
    ),
    (
        "not a timestamp",
        _set("cases[1].timeline[0].at", "yesterday"),
        "cases[1].timeline[0].at: not a timestamp",
    ),
    (
        "unknown status",
        _set("cases[1].status", "done"),
        'cases[1].status: "done" is not one of requested, confirmed',
    ),
    ("empty provider", _set("cases[1].provider", "  "), "cases[1].provider: cannot be empty"),
    (
        "negative fee",
        _set("cases[1].fee", {"amount": "-3", "currency": "PEN"}),
        "cases[1].fee.amount: must be zero or more",
    ),
    (
        "fee as a float",
        _set("cases[1].fee", {"amount": 29.9, "currency": "PEN"}),
        "cases[1].fee.amount: not an amount as text",
    ),
    ("bad uuid", _set("cases[1].uuid", "not-a-uuid"), "cases[1].uuid: not a UUID"),
    ("duplicate uuid", _duplicate_uuid, "cases[2].uuid: {uuid0} is already cases[0]"),
    ("duplicate id", _set("cases[2].id", 1), "cases[2].id: 1 is already the id of cases[0]"),
    ("duplicate check", _duplicate_check, 'cases[1].checks[2].name: "  NO new CHARGE " is already checks[1]'),
    ("id not a number", _set("cases[1].id", "2"), "cases[1].id: not a case number"),
]


@pytest.fixture
def good(run: Run, story_env: dict[str, Case]) -> Doc:
    exported = run("export")
    assert exported.code == 0
    document: Doc = exported.json()
    return document


@pytest.fixture
def target(tmp_path: Path, run: Run, good: Doc) -> Path:
    """A second database already holding one case, which the refused import must not touch."""
    path = tmp_path / "target.db"
    seeded = run("--db", str(path), "add", "Entel", "--service", "Fibra 200", "--ticket", "E-1")
    assert seeded.code == 0, seeded.err
    return path


@pytest.mark.parametrize(("what", "breaks", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_document_is_refused_with_its_place_and_nothing_is_written(
    run: Run,
    good: Doc,
    target: Path,
    tmp_path: Path,
    db_dump: Callable[[Path], list[str]],
    what: str,
    breaks: Callable[[Doc], None],
    message: str,
) -> None:
    document = copy.deepcopy(good)
    breaks(document)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    before = db_dump(target)
    result = run("--db", str(target), "import", str(path))
    assert result.code == 2, (what, result.err)
    assert result.err.startswith(f"tracker: error: {path}: ")
    assert message.format(uuid0=good["cases"][0]["uuid"]) in result.err, result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.out == b""
    assert db_dump(target) == before


def test_valid_cases_before_the_broken_one_are_not_written(
    run: Run, good: Doc, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    # The first cases are fine; only the last is broken. Nothing at all may land.
    document = copy.deepcopy(good)
    last = len(document["cases"]) - 1
    document["cases"][last]["next_follow_up"] = "2026-13-01"
    path = tmp_path / "late-problem.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    empty = tmp_path / "empty.db"
    assert run("--db", str(empty), "export").code == 0  # creates it
    before = db_dump(empty)
    result = run("--db", str(empty), "import", str(path))
    assert result.code == 2
    assert f"cases[{last}].next_follow_up: not a date" in result.err
    assert db_dump(empty) == before
    assert run("--db", str(empty), "export").json()["cases"] == []


def test_the_first_problem_is_the_one_reported(run: Run, good: Doc, tmp_path: Path) -> None:
    document = copy.deepcopy(good)
    document["cases"][2]["status"] = "zombie"
    document["cases"][0]["checks"][1]["state"] = "maybe"
    path = tmp_path / "two-problems.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("--db", str(tmp_path / "t.db"), "import", str(path))
    assert "cases[0].checks[1].state" in result.err
    assert "cases[2]" not in result.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "tracker-export", "version": 1,\n "cases": [', "not JSON: line 2 column 12"),
        (b"", "not JSON: line 1 column 1"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"[1, 2, 3]", "document: not a tracker export: the top level is a list"),
        (b"cases,provider\n1,Movistar\n", "not JSON"),
    ],
    ids=["cut short", "empty", "not utf-8", "a list", "a csv"],
)
def test_a_file_that_is_not_an_export_is_refused(
    run: Run,
    story_env: dict[str, Case],
    tmp_path: Path,
    content: bytes,
    message: str,
    db_dump: Callable[[Path], list[str]],
    db_path: Path,
) -> None:
    path = tmp_path / "not-an-export.json"
    path.write_bytes(content)
    before = db_dump(db_path)
    result = run("import", str(path))
    assert result.code == 2
    assert message in result.err, result.err
    assert result.err.count("\n") == 1
    assert db_dump(db_path) == before


def test_a_redacted_export_is_refused(
    run: Run, story_env: dict[str, Case], tmp_path: Path, db_dump: Callable[[Path], list[str]], db_path: Path
) -> None:
    path = tmp_path / "redacted.json"
    assert run("export", "--redact", "-o", str(path)).code == 0
    before = db_dump(db_path)
    result = run("import", str(path))
    assert result.code == 2
    assert "made with --redact" in result.err
    assert db_dump(db_path) == before


def test_a_missing_file_is_one_line(run: Run, env: Any, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nowhere.json"))
    assert result.code == 2
    assert result.err == f"tracker: error: {tmp_path / 'nowhere.json'}: no such file\n"
