"""The exchange layer stays UI-free, and the bulk path writes rows as the ORM does."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from tests.helpers.exchange import add_story, open_tracker
from tracker.domain.model import Case
from tracker.records import replace

MODULES = (
    "csv_export",
    "dossier",
    "export",
    "files",
    "ics_export",
    "importer",
    "json_format",
    "json_checks",
    "json_layout",
    "redact",
    "serialize",
)


def test_exchange_never_imports_textual() -> None:
    imports = "; ".join(f"import tracker.exchange.{name}" for name in MODULES)
    code = f"import sys; {imports}; import tracker.cli.progress; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(
                f"SELECT * FROM {table} ORDER BY {'case_id, id' if table != 'cases' else 'id'}"
            ).fetchall()
            for table in ("cases", "checks", "timeline")
        }
    finally:
        connection.close()


def _without_ids(rows: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    # Check and timeline ids are internal; case ids and everything else must match.
    return {
        table: [row[1:] if table != "cases" else row for row in table_rows]
        for table, table_rows in rows.items()
    }


def test_the_bulk_import_path_stores_exactly_what_the_orm_stores(tmp_path: Path) -> None:
    orm = open_tracker(tmp_path / "orm.db")
    story = add_story(orm)  # written case by case through the ORM
    # Sub-second times, another time zone, a fee: stored alike by both paths.
    odd = replace(
        story["china"],
        id=None,
        uuid="00000000-0000-4000-8000-000000000001",
        created_at=datetime(2026, 11, 2, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=-5))),
        fee_amount=Decimal("29.90"),
        fee_currency="PEN",
        deleted_at=datetime(2026, 11, 3, 0, 0, 0, 1, tzinfo=UTC),
    )
    with orm.store.write() as tx:
        tx.add(odd)
    bulk = open_tracker(tmp_path / "bulk.db")
    with bulk.store.write() as tx:
        tx.add_many(list(orm.all_cases()), keep_ids=True)
    assert _without_ids(_rows(tmp_path / "bulk.db")) == _without_ids(_rows(tmp_path / "orm.db"))
    # Read back, each case is the same whichever way it went in.
    assert [_plain(c) for c in bulk.all_cases()] == [_plain(c) for c in orm.all_cases()]
    orm.close()
    bulk.close()


def _plain(case: Case) -> Case:
    return replace(
        case,
        checks=[replace(c, id=None) for c in case.checks],
        timeline=[replace(e, id=None) for e in case.timeline],
    )
