"""Stages, charges and attachments of cases (since revision 0004): rows in, domain out.

Each function works inside the caller's transaction. The children of a case are
read with it and, when any of them changed, written whole with it (the case's
old rows deleted, the current ones inserted) within the same write transaction,
so they are always exactly what the case held.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from tracker.domain.model import Attachment, Case, Channel, Charge, Outcome, Stage, StageKind, Topic
from tracker.store.driver import Codec, Journaled, RowJournal, Statements
from tracker.store.row_sync import sync_rows
from tracker.store.rows import identity

STAGE_COLUMNS = (
    "case_id",
    "position",
    "kind",
    "filed_on",
    "channel",
    "code",
    "topic",
    "amount",
    "note",
    "answered_on",
    "outcome",
    "answer_code",
    "answer_note",
    "issued_on",  # since 0008
    "uid",  # since 0005
    "answer_reason",  # since 0007
)
CHARGE_COLUMNS = (
    "case_id",
    "position",
    "amount",
    "currency",
    "charged_on",
    "period_start",
    "period_end",
    "owed",
    "note",
    "uid",
    "receipt",  # since 0006
    "due_on",  # since 0006
)
ATTACHMENT_COLUMNS = ("case_id", "position", "name", "sha256", "size", "added_at", "note", "uid")
TABLES = ("stages", "charges", "attachments")

# Ids per "IN (...)": well under every backend's limit on bound parameters.
_CHUNK = 500


def _day(codec: Codec, value: Any) -> Any:
    return codec.date_in(value) if value is not None else None


def stage_row(case_id: int, stage: Stage, position: int, codec: Codec) -> tuple[object, ...]:
    return (
        case_id,
        position,
        stage.kind.value,
        codec.date_in(stage.filed_on),
        stage.channel.value if stage.channel else None,
        stage.code,
        stage.topic.value if stage.topic else None,
        str(stage.amount) if stage.amount is not None else None,
        stage.note,
        _day(codec, stage.answered_on),
        stage.outcome.value if stage.outcome else None,
        stage.answer_code,
        stage.answer_note,
        _day(codec, stage.issued_on),
        identity(stage),
        stage.answer_reason,
    )


def charge_row(case_id: int, charge: Charge, position: int, codec: Codec) -> tuple[object, ...]:
    return (
        case_id,
        position,
        str(charge.amount),
        charge.currency,
        codec.date_in(charge.on),
        _day(codec, charge.period_start),
        _day(codec, charge.period_end),
        codec.bool_in(charge.owed) if charge.owed is not None else None,
        charge.note,
        identity(charge),
        charge.receipt,
        _day(codec, charge.due_on),
    )


def attachment_row(case_id: int, attachment: Attachment, position: int, codec: Codec) -> tuple[object, ...]:
    return (
        case_id,
        position,
        attachment.name,
        attachment.sha256,
        attachment.size,
        codec.time_in(attachment.added_at),
        attachment.note,
        identity(attachment),
    )


def _optional_day(codec: Codec, value: Any) -> Any:
    return codec.date_out(value) if value is not None else None


def stage_from_row(row: Sequence[Any], codec: Codec) -> Stage:
    """A stage from ``id`` followed by :data:`STAGE_COLUMNS`."""
    return Stage(
        id=row[0],
        kind=StageKind(row[3]),
        filed_on=codec.date_out(row[4]),
        channel=Channel(row[5]) if row[5] else None,
        code=row[6],
        topic=Topic(row[7]) if row[7] else None,
        amount=Decimal(row[8]) if row[8] is not None else None,
        note=row[9],
        answered_on=_optional_day(codec, row[10]),
        outcome=Outcome(row[11]) if row[11] else None,
        answer_code=row[12],
        answer_note=row[13],
        issued_on=_optional_day(codec, row[14]),
        uid=row[15],
        answer_reason=row[16],
    )


def charge_from_row(row: Sequence[Any], codec: Codec) -> Charge:
    """A charge from ``id`` followed by :data:`CHARGE_COLUMNS`."""
    return Charge(
        id=row[0],
        amount=Decimal(row[3]),
        currency=row[4],
        on=codec.date_out(row[5]),
        period_start=_optional_day(codec, row[6]),
        period_end=_optional_day(codec, row[7]),
        owed=bool(row[8]) if row[8] is not None else None,
        note=row[9],
        uid=row[10],
        receipt=row[11],
        due_on=_optional_day(codec, row[12]),
    )


def attachment_from_row(row: Sequence[Any], codec: Codec) -> Attachment:
    """An attachment from ``id`` followed by :data:`ATTACHMENT_COLUMNS`."""
    return Attachment(
        id=row[0],
        name=row[3],
        sha256=row[4],
        size=row[5],
        added_at=codec.time_out(row[6]),
        note=row[7],
        uid=row[8],
    )


_READERS = (
    ("stages", STAGE_COLUMNS, stage_from_row, "stages"),
    ("charges", CHARGE_COLUMNS, charge_from_row, "charges"),
    ("attachments", ATTACHMENT_COLUMNS, attachment_from_row, "attachments"),
)


def load_children(tx: Statements, cases: Sequence[Case]) -> None:
    """Fill the stages, charges and attachments of these stored cases."""
    by_id = {case.id: case for case in cases if case.id is not None}
    ids = list(by_id)
    for case in by_id.values():
        case.stages, case.charges, case.attachments = [], [], []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for table, columns, from_row, attribute in _READERS:
            query = (
                f"SELECT id, {', '.join(columns)} FROM {table} "
                f"WHERE case_id IN ({marks}) ORDER BY case_id, position"
            )
            for row in tx.rows(query, chunk):
                getattr(by_id[row[1]], attribute).append(from_row(row, tx.codec))


def insert_children(tx: Statements, cases: Sequence[tuple[int, Case]]) -> None:
    """Store the children of each ``(case id, case)`` (new rows)."""
    codec = tx.codec
    writers = (
        (
            "stages",
            STAGE_COLUMNS,
            [stage_row(i, s, n, codec) for i, c in cases for n, s in enumerate(c.stages)],
        ),
        (
            "charges",
            CHARGE_COLUMNS,
            [charge_row(i, x, n, codec) for i, c in cases for n, x in enumerate(c.charges)],
        ),
        (
            "attachments",
            ATTACHMENT_COLUMNS,
            [attachment_row(i, a, n, codec) for i, c in cases for n, a in enumerate(c.attachments)],
        ),
    )
    for table, columns, rows in writers:
        tx.insert_rows(table, columns, rows)


_WRITERS: tuple[tuple[str, tuple[str, ...], Callable[[int, Any, int, Codec], tuple[object, ...]]], ...] = (
    ("stages", STAGE_COLUMNS, stage_row),
    ("charges", CHARGE_COLUMNS, charge_row),
    ("attachments", ATTACHMENT_COLUMNS, attachment_row),
)


def save_children(
    tx: Journaled, case_id: int, case: Case, before: Case | None, journal: RowJournal | None
) -> None:
    """Write what changed in the case's children since ``before`` (None: all of them are new),
    row by row, so that the undo log holds exactly the rows a change wrote."""
    codec = tx.codec
    for table, columns, to_row in _WRITERS:
        old = (
            {
                item.id: dict(zip(columns, to_row(case_id, item, n, codec), strict=True))
                for n, item in enumerate(getattr(before, table))
                if item.id is not None
            }
            if before is not None
            else {}
        )
        new = [
            (item, dict(zip(columns, to_row(case_id, item, n, codec), strict=True)))
            for n, item in enumerate(getattr(case, table))
        ]
        sync_rows(tx, table, old, new, journal)


def replace_children(tx: Statements, case_id: int, case: Case) -> None:
    """The case's stored children become exactly the case's."""
    delete_children(tx, case_id)
    insert_children(tx, [(case_id, case)])


def delete_children(tx: Statements, case_id: int) -> None:
    for table in TABLES:
        tx.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))


def ids_with_charges(tx: Statements) -> list[int]:
    """Live cases that have at least one charge, by id."""
    rows = tx.rows(
        "SELECT DISTINCT charges.case_id FROM charges JOIN cases ON cases.id = charges.case_id "
        "WHERE cases.deleted_at IS NULL ORDER BY charges.case_id"
    )
    return [int(row[0]) for row in rows]
