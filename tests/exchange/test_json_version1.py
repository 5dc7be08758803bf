"""Version 1 exports (English summaries, no event or params) still import, as facts."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from tracker.core import Tracker
from tracker.domain.model import Case, EntryKind
from tracker.exchange.importer import import_file
from tracker.exchange.json_format import document_text
from tracker.records import replace
from tracker.store import open_store, resolve

DATA = Path(__file__).resolve().parents[1] / "data"


def without_ids(case: Case) -> Case:
    return replace(
        case,
        checks=[replace(c, id=None, uid="") for c in case.checks],
        timeline=[replace(e, id=None, uid="") for e in case.timeline],
    )


def migrated_cases(tmp_path: Path) -> list[Case]:
    """The same cases as the version 1 file, from the same version's database, migrated."""
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    connection.executescript((DATA / "rev0002.sql").read_text(encoding="utf-8"))
    connection.close()
    store = open_store(resolve(str(path)), now=datetime(2026, 12, 1, 12, tzinfo=UTC)).store
    try:
        with store.read() as tx:
            return list(tx.iter_all())
    finally:
        store.close()


def test_a_version_1_file_imports_as_the_facts_migration_0003_makes(tracker: Tracker, tmp_path: Path) -> None:
    result = import_file(tracker, DATA / "export-v1.json")
    assert result.added == 3
    imported = list(tracker.all_cases())
    assert [without_ids(c) for c in imported] == [without_ids(c) for c in migrated_cases(tmp_path)]
    program_entries = [e for c in imported for e in c.timeline if e.kind is not EntryKind.CONTACT]
    assert program_entries and all(e.event and not e.summary for e in program_entries)


def test_importing_the_version_1_file_again_changes_nothing(tracker: Tracker) -> None:
    import_file(tracker, DATA / "export-v1.json")
    again = import_file(tracker, DATA / "export-v1.json")
    assert (again.added, again.updated) == (0, 0)


def test_it_exports_again_in_the_current_version_with_facts(tracker: Tracker) -> None:
    import_file(tracker, DATA / "export-v1.json")
    document = json.loads(document_text(tracker.all_cases()))
    assert document["version"] == 3
    first = document["cases"][0]["timeline"][0]
    assert (first["event"], first["params"], first["summary"]) == ("case.created", {"action": "cancel"}, "")
    contact = document["cases"][0]["timeline"][1]
    assert (contact["kind"], contact["event"], contact["params"]) == ("contact", "", {})
    assert contact["summary"] == "El agente dice que la línea está cortada"
