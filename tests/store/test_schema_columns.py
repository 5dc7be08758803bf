"""The runtime's column lists (hand-written SQL) and the schema's tables name the same columns.

``tracker.store.schema`` is what the migrations arrive at; ``tracker.store.rows`` and
``tracker.store.case_children`` are what the runtime reads and writes. Rows are read and
written by position, so the order counts: a column tuple, the values a row is built from
and the table list their columns in one order.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Table

from tracker.domain.model import (
    Attachment,
    Case,
    Channel,
    Charge,
    Check,
    CheckState,
    EntryKind,
    Stage,
    StageKind,
    Status,
    TimelineEntry,
)
from tracker.store import case_children, listing, migrate, rows, schema, undo_log
from tracker.store.sqlite import SqliteCodec

AT = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
DAY = date(2026, 10, 20)
CODEC = SqliteCodec()


def columns(table: Table) -> tuple[str, ...]:
    return tuple(column.name for column in table.columns)


# Children are read as "id" followed by their tuple, and inserted without "id".
@pytest.mark.parametrize(
    ("runtime", "table"),
    [
        (rows.CASE_COLUMNS, schema.cases),
        (rows.CHECK_COLUMNS, schema.checks),
        (rows.ENTRY_COLUMNS, schema.timeline),
        (("id", *case_children.STAGE_COLUMNS), schema.stages),
        (("id", *case_children.CHARGE_COLUMNS), schema.charges),
        (("id", *case_children.ATTACHMENT_COLUMNS), schema.attachments),
        (undo_log.LOG_COLUMNS, schema.undo_log),
    ],
    ids=lambda value: value.name if isinstance(value, Table) else "runtime",
)
def test_each_runtime_tuple_is_its_table_in_order(runtime: tuple[str, ...], table: Table) -> None:
    assert runtime == columns(table)


def test_the_children_tables_are_the_schemas() -> None:
    assert set(case_children.TABLES) == {"stages", "charges", "attachments"}
    assert all(name in schema.metadata.tables for name in case_children.TABLES)
    assert set(schema.metadata.tables) == {"cases", "checks", "timeline", *case_children.TABLES, "undo_log"}


def test_the_values_a_row_is_written_from_follow_the_columns() -> None:
    check = Check("calls blocked", True, CheckState.PASSED, AT, "ok")
    entry = TimelineEntry(AT, EntryKind.CONTACT, "said yes", Channel.PHONE, status_to=Status.REQUESTED)
    case = Case(
        provider="Movistar Perú",
        service="eSIM",
        requested_on=DAY,
        promised_by=DAY,
        created_at=AT,
        updated_at=AT,
        checks=[check],
        timeline=[entry],
    )
    # A bulk insert writes (id, *values) under the tuple's columns; checks and entries after case_id.
    assert ("id", *rows.case_values(case, CODEC)) == rows.CASE_COLUMNS
    assert ("id", "case_id", *rows.check_values(check, 0, CODEC)) == rows.CHECK_COLUMNS
    assert ("id", "case_id", *rows.entry_values(entry, CODEC)) == rows.ENTRY_COLUMNS


def test_a_childs_row_has_one_value_per_column() -> None:
    stage = Stage(StageKind.RECLAMO, DAY, Channel.PHONE)
    charge = Charge(Decimal("39.90"), "PEN", DAY, owed=True)
    attachment = Attachment("bill.pdf", "0" * 64, 1024, AT)
    assert len(case_children.stage_row(1, stage, 0, CODEC)) == len(case_children.STAGE_COLUMNS)
    assert len(case_children.charge_row(1, charge, 0, CODEC)) == len(case_children.CHARGE_COLUMNS)
    assert len(case_children.attachment_row(1, attachment, 0, CODEC)) == len(case_children.ATTACHMENT_COLUMNS)


def test_what_makes_a_database_ours_and_the_list_columns_are_in_the_tables() -> None:
    for table, wanted in migrate.OUR_TABLES.items():
        assert wanted <= set(columns(schema.metadata.tables[table])), table
    assert set(listing.SUMMARY.split(", ")) <= set(columns(schema.cases))
