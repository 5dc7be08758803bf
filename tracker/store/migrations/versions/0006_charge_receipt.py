"""A charge's receipt and due date (issue 18 §1, §2): a billing reclamo names the receipt
(its number, issue and due dates), and the window to claim a bill counts from its due date.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Charges recorded before this revision have no receipt ("") and no due date (NULL):
    # the window to claim them is then counted from their issue date, the earliest it can start.
    with op.batch_alter_table("charges") as batch:
        batch.add_column(sa.Column("receipt", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("due_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("charges") as batch:
        batch.drop_column("due_on")
        batch.drop_column("receipt")
