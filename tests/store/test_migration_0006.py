"""Revision 0006: a charge's receipt and due date. Charges stored before it keep every field
and read back with no receipt and no due date; down and up again loses nothing else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from alembic import command

from tests.helpers.exchange import billed_case, open_tracker
from tracker.store import migrate


def columns(path: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(path) as connection:
        return [row[1] for row in connection.execute("PRAGMA table_info(charges)")]


def test_a_charge_stored_before_0006_reads_back_without_receipt_or_due(db_path: Path) -> None:
    tracker = open_tracker(db_path)
    case = billed_case(tracker)
    assert case.id is not None
    tracker.close()
    engine = migrate.sqlite_engine(db_path)
    try:
        with engine.begin() as connection:
            command.downgrade(migrate.alembic_config(connection), "0005")  # the revision before 0006
    finally:
        engine.dispose()
    assert "receipt" not in columns(db_path) and "due_on" not in columns(db_path)
    reopened = open_tracker(db_path)  # upgrades to the head again
    try:
        charge = reopened.get(case.id).charges[0]
        assert (charge.amount, charge.on, charge.period_end, charge.note) == (
            Decimal("79.80"),
            date(2026, 8, 5),
            date(2026, 8, 31),
            "boleta",
        )
        assert (charge.receipt, charge.due_on) == ("", None)
    finally:
        reopened.close()
