"""The schema the migrations arrive at, as SQLAlchemy Core tables.

Databases are made and changed only by the Alembic migrations (:mod:`tracker.store.migrate`
runs them, for a new database too). These tables are what the newest migration must
leave: Alembic compares against :data:`metadata` when a new migration is written, and
``tests/store/test_migrations.py`` checks that a freshly migrated database matches it.

The runtime never imports this module: it reads and writes through hand-written SQL
over sqlite3 and psycopg (SQLAlchemy's import alone costs more than a whole command).
Its column lists live in :mod:`tracker.store.rows` and :mod:`tracker.store.case_children`;
``tests/store/test_schema_columns.py`` keeps them equal to these tables. Migrations keep
their own literal columns: they are history, and must not follow this file.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

# 64-bit ids on both backends (see migration 0001).
ID = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _id() -> Column[int]:
    return Column("id", ID, primary_key=True)


def _case_id() -> Column[int]:
    """The parent case of a child row: deleted with it."""
    return Column("case_id", ID, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)


# Times are stored as naive UTC (the backends' codecs convert); dates as dates.
cases = Table(
    "cases",
    metadata,
    _id(),
    Column("uuid", String(36), nullable=False, unique=True),
    Column("provider", Text, nullable=False),
    Column("service", Text, nullable=False),
    Column("action", String(16), nullable=False),
    Column("playbook", String(40), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("requested_on", Date, nullable=False),
    Column("ticket", Text, nullable=False),
    Column("promised_by", Date, nullable=False),
    Column("next_follow_up", Date),
    Column("status", String(16), nullable=False),
    Column("notes", Text, nullable=False),
    Column("fee_amount", String(40)),
    Column("fee_currency", String(8), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    # Since 0002: the trash, and check counters so lists need not read every check.
    Column("deleted_at", DateTime),
    Column("checks_total", Integer, nullable=False, server_default=text("0")),
    Column("checks_passed", Integer, nullable=False, server_default=text("0")),
    Column("checks_failed", Integer, nullable=False, server_default=text("0")),
    # Since 0004: a chosen date (scheduled baja, suspension) and a suspension's end; and
    # the deadline dates lists flag and sort by (tracker.domain.deadlines.refresh).
    Column("effective_on", Date),
    Column("ends_on", Date),
    Column("answer_due", Date),
    Column("user_due", Date),
    Column("user_alert_on", Date),
    # Serves the due query: live cases by follow-up date.
    Index(
        "ix_cases_due",
        "next_follow_up",
        sqlite_where=text("deleted_at IS NULL AND next_follow_up IS NOT NULL"),
    ),
    Index("ix_cases_deleted_at", "deleted_at"),
    # Serves the list of the user's own deadlines.
    Index("ix_cases_user_due", "user_due", sqlite_where=text("user_due IS NOT NULL")),
)

checks = Table(
    "checks",
    metadata,
    _id(),
    _case_id(),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("required", Boolean, nullable=False),
    Column("state", String(16), nullable=False),
    Column("checked_at", DateTime),
    Column("note", Text, nullable=False),
    # Since 0005: its own identity (tracker.domain.model.new_uid), given when entered.
    Column("uid", String(32), nullable=False, server_default=""),
)

timeline = Table(
    "timeline",
    metadata,
    _id(),
    _case_id(),
    Column("at", DateTime, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("summary", Text, nullable=False),
    Column("channel", String(16)),
    Column("ticket", Text, nullable=False),
    Column("agent", Text, nullable=False),
    Column("next_follow_up", Date),
    Column("status_from", String(16)),
    Column("status_to", String(16)),
    # Since 0003: what the program recorded, as a fact worded when shown (see
    # tracker.domain.events); params is a JSON object of text values.
    Column("event", String(40), nullable=False, server_default=""),
    Column("params", Text, nullable=False, server_default="{}"),
    # Since 0005: its own identity (tracker.domain.model.new_uid), given when entered.
    Column("uid", String(32), nullable=False, server_default=""),
)

# -- since 0004: the Peruvian escalation -------------------------------------------
# Children of a case, like checks: written whole with their case, read with it.

stages = Table(
    "stages",
    metadata,
    _id(),
    _case_id(),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("filed_on", Date, nullable=False),
    Column("channel", String(16)),
    Column("code", Text, nullable=False),
    Column("topic", String(16)),
    Column("amount", String(40)),
    Column("note", Text, nullable=False),
    Column("answered_on", Date),
    Column("outcome", String(16)),
    Column("answer_code", Text, nullable=False),
    Column("answer_note", Text, nullable=False),
    # since 0008: the day the answer was issued (answered_on is the day it was notified)
    Column("issued_on", Date),
    # Since 0005: its own identity (tracker.domain.model.new_uid), given when entered.
    Column("uid", String(32), nullable=False, server_default=""),
    # Since 0007: the reason the answer gives (answer --reason)
    Column("answer_reason", Text, nullable=False, server_default=""),
)

charges = Table(
    "charges",
    metadata,
    _id(),
    _case_id(),
    Column("position", Integer, nullable=False),
    Column("amount", String(40), nullable=False),
    Column("currency", String(8), nullable=False),
    Column("charged_on", Date, nullable=False),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("owed", Boolean),
    Column("note", Text, nullable=False),
    # Since 0005: its own identity (tracker.domain.model.new_uid), given when entered.
    Column("uid", String(32), nullable=False, server_default=""),
    # since 0006: the receipt's number ("" when not given) and the day the bill falls due
    Column("receipt", Text, nullable=False, server_default=""),
    Column("due_on", Date),
)

attachments = Table(
    "attachments",
    metadata,
    _id(),
    _case_id(),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", ID, nullable=False),  # bytes: a file can pass 2 GiB
    Column("added_at", DateTime, nullable=False),
    Column("note", Text, nullable=False),
    # Since 0005: its own identity (tracker.domain.model.new_uid), given when entered.
    Column("uid", String(32), nullable=False, server_default=""),
)

# -- since 0009: the undo log ------------------------------------------------------
# One row per change: the rows it wrote, before and after (tracker.store.undo_log).
# No foreign key: the log outlives what it records.

undo_log = Table(
    "undo_log",
    metadata,
    _id(),
    Column("at", DateTime, nullable=False),
    Column("case_id", ID, index=True),
    # This row is the undo of that change / this change was undone by that row.
    Column("undoes", ID),
    Column("undone_by", ID),
    # JSON: [[table, row id, {column: value} before or null, {column: value} after or null], ...]
    Column("images", Text, nullable=False),
)
