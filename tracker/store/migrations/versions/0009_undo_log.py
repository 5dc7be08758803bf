"""The undo log: per change, the before and after images of the rows it wrote.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# 64-bit on PostgreSQL, as the case ids (SQLite's integers are 64-bit anyway).
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # No foreign key to cases: the log outlives what it records (an undone new case is gone,
    # and the log still says it was made and undone).
    op.create_table(
        "undo_log",
        sa.Column("id", ID, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("case_id", ID, nullable=True),
        sa.Column("undoes", ID, nullable=True),
        sa.Column("undone_by", ID, nullable=True),
        sa.Column("images", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_undo_log"),
    )
    op.create_index("ix_undo_log_case_id", "undo_log", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_undo_log_case_id", "undo_log")
    op.drop_table("undo_log")
