"""The trash, check counters on cases, and the index that serves the due query.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        for name in ("checks_total", "checks_passed", "checks_failed"):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0")))
    # Fill the counters from the checks that already exist.
    op.execute(
        """
        UPDATE cases SET
          checks_total = (SELECT count(*) FROM checks WHERE checks.case_id = cases.id),
          checks_passed = (SELECT count(*) FROM checks
                           WHERE checks.case_id = cases.id AND checks.state = 'passed'),
          checks_failed = (SELECT count(*) FROM checks
                           WHERE checks.case_id = cases.id AND checks.state = 'failed')
        """
    )
    op.create_index(
        "ix_cases_due",
        "cases",
        ["next_follow_up"],
        sqlite_where=sa.text("deleted_at IS NULL AND next_follow_up IS NOT NULL"),
    )
    op.create_index("ix_cases_deleted_at", "cases", ["deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_deleted_at", "cases")
    op.drop_index("ix_cases_due", "cases")
    with op.batch_alter_table("cases") as batch:
        for name in ("checks_failed", "checks_passed", "checks_total", "deleted_at"):
            batch.drop_column(name)
