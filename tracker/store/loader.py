"""Loading many whole cases at once with plain SQL rows: no ORM identity map.

Used where a command needs hundreds or thousands of cases (``due``, ``list``,
exports); the ORM path stays for single cases that are loaded to be changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Connection, select

from tracker.domain.model import (
    Action,
    Case,
    Channel,
    Check,
    CheckState,
    EntryKind,
    Status,
    TimelineEntry,
)
from tracker.store.schema import CaseRow, CheckRow, EntryRow

# SQLite allows 32,766 bound parameters; stay well below.
CHUNK = 900


def _aware(value: datetime | None) -> datetime | None:
    # Core rows bypass the ORM's type decorator only for raw SQL; select() keeps it,
    # but be safe for naive values all the same.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def load_cases(connection: Connection, ids: Sequence[int], timeline: bool = False) -> list[Case]:
    """The cases with these ids, in the order given, with checks (and timeline if asked)."""
    found: dict[int, Case] = {}
    for chunk in _chunks(list(ids)):
        for row in connection.execute(select(CaseRow.__table__).where(CaseRow.id.in_(chunk))):
            found[row.id] = Case(
                id=row.id,
                uuid=row.uuid,
                provider=row.provider,
                service=row.service,
                action=Action(row.action),
                playbook=row.playbook,
                channel=Channel(row.channel),
                requested_on=row.requested_on,
                ticket=row.ticket,
                promised_by=row.promised_by,
                next_follow_up=row.next_follow_up,
                status=Status(row.status),
                notes=row.notes,
                fee_amount=Decimal(row.fee_amount) if row.fee_amount is not None else None,
                fee_currency=row.fee_currency,
                created_at=_aware(row.created_at),  # type: ignore[arg-type]
                updated_at=_aware(row.updated_at),  # type: ignore[arg-type]
                deleted_at=_aware(row.deleted_at),
            )
        checks = select(CheckRow.__table__).where(CheckRow.case_id.in_(chunk)).order_by(
            CheckRow.case_id, CheckRow.position)
        for row in connection.execute(checks):
            found[row.case_id].checks.append(Check(
                id=row.id, name=row.name, required=row.required, state=CheckState(row.state),
                checked_at=_aware(row.checked_at), note=row.note))
        if timeline:
            entries = select(EntryRow.__table__).where(EntryRow.case_id.in_(chunk)).order_by(
                EntryRow.case_id, EntryRow.id)
            for row in connection.execute(entries):
                found[row.case_id].timeline.append(TimelineEntry(
                    id=row.id, at=_aware(row.at),  # type: ignore[arg-type]
                    kind=EntryKind(row.kind), summary=row.summary,
                    channel=Channel(row.channel) if row.channel else None, ticket=row.ticket,
                    agent=row.agent, next_follow_up=row.next_follow_up,
                    status_from=Status(row.status_from) if row.status_from else None,
                    status_to=Status(row.status_to) if row.status_to else None))
    return [found[i] for i in ids if i in found]
