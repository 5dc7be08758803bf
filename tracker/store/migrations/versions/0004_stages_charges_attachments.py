"""The Peruvian path: stages, charges and attachments of a case; a chosen date, a
suspension's end and the stored deadline dates on cases.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# 64-bit on PostgreSQL, as the case ids they point at (SQLite's integers are 64-bit anyway).
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_CASE_DATES = ("effective_on", "ends_on", "answer_due", "user_due", "user_alert_on")


def _child(name: str, *columns: sa.Column) -> None:  # type: ignore[type-arg]
    op.create_table(
        name,
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=f"fk_{name}_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_case_id", name, ["case_id"])


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for name in _CASE_DATES:
            batch.add_column(sa.Column(name, sa.Date(), nullable=True))
    op.create_index("ix_cases_user_due", "cases", ["user_due"], sqlite_where=sa.text("user_due IS NOT NULL"))
    _child(
        "stages",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=True),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(16), nullable=True),
        sa.Column("amount", sa.String(40), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("answer_code", sa.Text(), nullable=False),
        sa.Column("answer_note", sa.Text(), nullable=False),
    )
    _child(
        "charges",
        sa.Column("amount", sa.String(40), nullable=False),
        sa.Column("currency", sa.String(8), nullable=False),
        sa.Column("charged_on", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("owed", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
    )
    _child(
        "attachments",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", ID, nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("attachments")
    op.drop_table("charges")
    op.drop_table("stages")
    op.drop_index("ix_cases_user_due", "cases")
    with op.batch_alter_table("cases") as batch:
        for name in reversed(_CASE_DATES):
            batch.drop_column(name)
