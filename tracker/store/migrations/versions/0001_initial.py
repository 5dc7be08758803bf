"""Cases, their checks and their timeline.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Ids are 64-bit on both backends: SQLite's INTEGER PRIMARY KEY is; on PostgreSQL
# they are BIGINT (BIGSERIAL), so a case number that fits one fits the other.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", ID, nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("provider", sa.Text(), nullable=False),
        sa.Column("service", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("playbook", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("ticket", sa.Text(), nullable=False),
        sa.Column("promised_by", sa.Date(), nullable=False),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("fee_amount", sa.String(40), nullable=True),
        sa.Column("fee_currency", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint("uuid", name="uq_cases_uuid"),
    )
    op.create_table(
        "checks",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_checks_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_checks"),
    )
    op.create_index("ix_checks_case_id", "checks", ["case_id"])
    op.create_table(
        "timeline",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=True),
        sa.Column("ticket", sa.Text(), nullable=False),
        sa.Column("agent", sa.Text(), nullable=False),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("status_from", sa.String(16), nullable=True),
        sa.Column("status_to", sa.String(16), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_timeline_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_timeline"),
    )
    op.create_index("ix_timeline_case_id", "timeline", ["case_id"])


def downgrade() -> None:
    op.drop_table("timeline")
    op.drop_table("checks")
    op.drop_table("cases")
