"""Identities: every check, timeline entry, stage, charge and attachment gets a ``uid`` of its own.

Two charges of the same amount on the same day are two charges; before this
revision nothing but their content told them apart, so merging a copy back
folded them into one. Each row is given a random identity here (32 hexadecimal
digits, as tracker.domain.model.new_uid makes them), and every new row gets one
when it is entered.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("checks", "timeline", "stages", "charges", "attachments")

# 16 random bytes as lowercase hexadecimal, made by the database itself (one statement a
# table, however many rows): SQLite's randomblob, PostgreSQL's gen_random_uuid (13 and later).
_RANDOM = {
    "sqlite": "lower(hex(randomblob(16)))",
    "postgresql": "replace(gen_random_uuid()::text, '-', '')",
}


def upgrade() -> None:
    random = _RANDOM[op.get_bind().dialect.name]
    for table in TABLES:
        # NOT NULL with a default is what SQLite's ALTER TABLE allows without copying the table;
        # the default is never kept: every row is given its identity just below.
        op.add_column(table, sa.Column("uid", sa.String(32), nullable=False, server_default=""))
        op.execute(f"UPDATE {table} SET uid = {random} WHERE uid = ''")


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uid")
