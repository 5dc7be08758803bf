"""Importing into a database that already holds some of the cases: merge by UUID."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run, add_story, on, open_tracker
from tracker.cli.progress import ProgressBar, progress_for
from tracker.core import Tracker
from tracker.domain.model import Case, CheckState, new_uid
from tracker.exchange.export import export_to_path
from tracker.exchange.importer import import_document, import_file, merge_case


def _counts(path: Path) -> tuple[int, int, int]:
    connection = sqlite3.connect(path)
    try:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("cases", "checks", "timeline")
        )
    finally:
        connection.close()


def test_importing_the_same_file_twice_adds_nothing(
    run: Run, story_env: dict[str, Case], tmp_path: Path
) -> None:
    export = tmp_path / "all.json"
    assert run("export", "-o", str(export)).code == 0
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(export)).code == 0
    once = _counts(fresh)
    again = run("--db", str(fresh), "import", str(export))
    assert again.code == 0
    assert again.text == "Added 0 cases, updated 0, 4 unchanged.\n"
    assert _counts(fresh) == once
    assert once[0] == 4
    # Into the database the file came from: everything is already there.
    home = run("import", str(export))
    assert home.text == "Added 0 cases, updated 0, 4 unchanged.\n"


def test_a_newer_export_updates_the_case_and_adds_only_the_missing_entries(
    tracker: Tracker, story: dict[str, Case], tmp_path: Path
) -> None:
    old_export = tmp_path / "old.json"
    export_to_path(tracker, "json", old_export)
    # Elsewhere (this database) the story goes on; the old copy is a backup.
    backup = open_tracker(tmp_path / "backup.db")
    import_file(backup, old_export)
    movistar = story["movistar"]
    assert movistar.id is not None
    on(tracker, "2026-11-23")
    tracker.cases.log_contact(movistar.id, "Dicen que ya está", ticket="R-2026-00099", confirmed=True)
    tracker.cases.set_check(movistar.id, "calls blocked", CheckState.PASSED, note="ya no entra")
    newer = tmp_path / "newer.json"
    export_to_path(tracker, "json", newer)

    result = import_file(backup, newer, dry_run=True)
    assert result.updated == 1 and [u.case.id for u in result.shown_updates] == [movistar.id]
    changes = result.shown_updates[0].changes
    assert "status" in changes and "ticket" in changes
    assert "check 'calls blocked' passed" in changes
    assert "3 timeline entries added" in changes  # contact, status, check
    assert result.unchanged == 3 and result.added == 0

    import_file(backup, newer)
    again = tmp_path / "again.json"
    export_to_path(backup, "json", again)
    assert again.read_bytes() == newer.read_bytes()
    assert import_file(backup, newer).unchanged == 4
    backup.close()


def test_an_older_file_never_rolls_back_a_newer_case(
    tracker: Tracker, story: dict[str, Case], tmp_path: Path
) -> None:
    old_export = tmp_path / "old.json"
    export_to_path(tracker, "json", old_export)
    movistar = story["movistar"]
    assert movistar.id is not None
    on(tracker, "2026-11-23")
    tracker.cases.log_contact(movistar.id, "Dicen que ya está", confirmed=True)
    before = tracker.get(movistar.id)
    result = import_file(tracker, old_export)
    assert result.updated == 0 and result.unchanged == 4
    assert tracker.get(movistar.id) == before


def test_entries_only_in_the_file_are_woven_in_without_duplicates(
    tracker: Tracker, story: dict[str, Case]
) -> None:
    stored = story["movistar"]
    assert stored.id is not None
    incoming = tracker.get(stored.id)
    # The file knows an extra contact after the second entry, and lacks the last one.
    extra = incoming.timeline[1].__class__(
        **{
            **vars(incoming.timeline[1]),
            "id": None,
            "uid": new_uid(),  # another entry: an identity of its own
            "summary": "Otra llamada (solo en el archivo)",
        }
    )
    incoming.timeline = [*incoming.timeline[:2], extra, *incoming.timeline[2:-1]]
    merged, changes = merge_case(stored, incoming)
    summaries = [e.summary for e in merged.timeline]
    assert summaries == [
        *[e.summary for e in stored.timeline[:2]],
        "Otra llamada (solo en el archivo)",
        *[e.summary for e in stored.timeline[2:]],
    ]
    assert changes == ["1 timeline entry added"]
    # Merging the result again changes nothing.
    again, more = merge_case(merged, incoming)
    assert again.timeline == merged.timeline and more == []


def test_a_case_number_already_taken_is_renumbered_and_said(
    run: Run, story_env: dict[str, Case], tmp_path: Path
) -> None:
    export = tmp_path / "all.json"
    assert run("export", "-o", str(export)).code == 0
    other = tmp_path / "other.db"
    assert run("--db", str(other), "add", "Entel", "--service", "Fibra").code == 0
    result = run("--db", str(other), "import", str(export))
    assert result.code == 0, result.err
    assert "Case 1 in the file is now case 5 (number 1 was taken)." in result.text
    assert "Added 4 cases, updated 0, 0 unchanged; 1 new case gets a new number" in result.text
    providers = {c["id"]: c["provider"] for c in run("--db", str(other), "export").json()["cases"]}
    assert providers == {1: "Entel", 2: "中国移动", 3: "Smart Fit", 4: "Netflix", 5: "Movistar Perú"}
    assert run("--db", str(other), "import", str(export)).text.startswith(
        "Added 0 cases, updated 0, 4 unchanged."
    )


def test_dry_run_says_what_would_happen_and_writes_nothing(
    run: Run,
    story_env: dict[str, Case],
    tracker: Tracker,
    tmp_path: Path,
    db_dump: Callable[[Path], list[str]],
) -> None:
    export = tmp_path / "all.json"
    assert run("export", "-o", str(export)).code == 0
    target = tmp_path / "target.db"
    half = json.loads(export.read_text(encoding="utf-8"))
    half["cases"] = half["cases"][:2]
    half_path = tmp_path / "half.json"
    half_path.write_text(json.dumps(half), encoding="utf-8")
    assert run("--db", str(target), "import", str(half_path)).code == 0
    on(tracker, "2026-11-21")
    assert story_env["china"].id is not None
    tracker.cases.log_contact(story_env["china"].id, "Chat: 已经取消了")
    assert run("export", "-o", str(export)).code == 0
    before = db_dump(target)

    result = run("--db", str(target), "import", str(export), "--dry-run")
    assert result.code == 0, result.err
    lines = result.text.splitlines()
    assert lines[0] == "Dry run: nothing was written."
    assert "  add     case 3: Smart Fit (Membresía mensual)" in lines
    assert "  add     case 4: Netflix (Plan estándar)" in lines
    assert any(
        line.startswith("  update  case 2: 中国移动: next follow-up, 1 timeline entry added")
        for line in lines
    ), lines
    assert lines[-1] == "Would add 2 cases, update 1, leave 1 unchanged."
    assert db_dump(target) == before


def test_import_reads_standard_input(
    run: Run, story_env: dict[str, Case], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = run("export").out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(exported)))
    result = run("--db", str(tmp_path / "piped.db"), "import", "-")
    assert result.code == 0, result.err
    assert result.text == "Added 4 cases, updated 0, 0 unchanged.\n"


def test_progress_is_reported_while_reading_and_writing(tracker: Tracker, tmp_path: Path) -> None:
    source = open_tracker(tmp_path / "source.db")
    story = add_story(source)
    many = [
        Case(**{**vars(story["china"]), "id": None, "uuid": f"00000000-0000-4000-8000-{i:012d}"})
        for i in range(2500)
    ]
    source.cases.add_many(many)
    export = tmp_path / "many.json"
    export_to_path(source, "json", export)
    source.close()
    seen: list[tuple[str, int, int]] = []
    result = import_document(tracker, export.read_bytes(), progress=lambda *args: seen.append(args))
    assert result.added == 2504
    reading = [s for s in seen if s[0] == "reading"]
    writing = [s for s in seen if s[0] == "writing"]
    assert reading[0] == ("reading", 1000, 2504) and reading[-1] == ("reading", 2504, 2504)
    assert writing[-1] == ("writing", 2504, 2504)
    assert [d for _, d, _ in writing] == sorted(d for _, d, _ in writing)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_drawn_only_on_a_terminal() -> None:
    assert progress_for(io.StringIO()) is None
    terminal = _Terminal()
    bar = progress_for(terminal)
    assert isinstance(bar, ProgressBar)
    bar("writing", 5000, 10_000)
    bar("writing", 10_000, 10_000)
    assert "50% (5,000/10,000)" in terminal.getvalue()
    assert "100% (10,000/10,000)" in terminal.getvalue()
    bar.close()
    assert terminal.getvalue().endswith("\r\x1b[K")
    small = ProgressBar(_Terminal())
    small("reading", 10, 20)  # a quick job: no bar at all
    assert small.stream.getvalue() == ""  # type: ignore[attr-defined]


def test_merge_keeps_the_check_checked_last(story: dict[str, Any]) -> None:
    stored: Case = story["movistar"]
    incoming = Case(
        **{
            **vars(stored),
            "checks": [
                c.__class__(**{**vars(c), "state": CheckState.PASSED, "checked_at": None})
                if c.name == "SMS blocked"
                else c
                for c in stored.checks
            ],
        }
    )
    merged, changes = merge_case(stored, incoming)
    # Never checked in the file is not newer than pending in the database: nothing changes.
    assert changes == [] and merged.checks == stored.checks
