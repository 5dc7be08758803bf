"""Timeline entries hold facts: an event and its parameters instead of an English sentence.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Every entry the program wrote in English ("Check 'calls blocked': passed (a
note)") becomes its event and parameters, the user's text inside kept exactly,
and its summary is emptied; contacts (the user's own words) and anything not
recognised keep their summary as it is. Downgrading writes the English back.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from tracker.domain.legacy_entries import to_english, to_fact

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _params_text(params: dict[str, str]) -> str:
    if not params:
        return "{}"
    return json.dumps(params, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def upgrade() -> None:
    with op.batch_alter_table("timeline") as batch:
        batch.add_column(sa.Column("event", sa.String(40), nullable=False, server_default=""))
        batch.add_column(sa.Column("params", sa.Text(), nullable=False, server_default="{}"))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, kind, summary FROM timeline WHERE kind != 'contact'"))
    changes = []
    for entry_id, kind, summary in rows:
        fact = to_fact(kind, summary)
        if fact is not None:
            event, params = fact
            changes.append({"id": entry_id, "event": str(event), "params": _params_text(params)})
    if changes:
        connection.execute(
            sa.text("UPDATE timeline SET event = :event, params = :params, summary = '' WHERE id = :id"),
            changes,
        )


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, event, params, status_to FROM timeline WHERE event != ''"))
    changes = []
    for entry_id, event, params, status_to in rows:
        english = to_english(event, json.loads(params), status_to)
        if english is not None:
            changes.append({"id": entry_id, "summary": english})
    if changes:
        connection.execute(sa.text("UPDATE timeline SET summary = :summary WHERE id = :id"), changes)
    with op.batch_alter_table("timeline") as batch:
        batch.drop_column("params")
        batch.drop_column("event")
