"""The day an answer was issued, beside the day it was notified: a queja for silence lies
when either deadline was missed (issue 18 §3).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: answers recorded before this revision say only when they were notified.
    with op.batch_alter_table("stages") as batch:
        batch.add_column(sa.Column("issued_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stages") as batch:
        batch.drop_column("issued_on")
