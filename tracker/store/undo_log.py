"""The undo log: what each change wrote, so that it can be taken back, and only it.

A change the store writes for a user's action (``Transaction.add`` and ``save``) writes
its rows through the transaction's row writers, which hand each row to a :class:`Journal`:
a new row whole after, a deleted row whole before, an updated row the columns the
UPDATE set, before and after. The images are read back from the database, not taken
from what was sent, so they compare equal to what a later read finds on either backend,
and nothing here names a column: a revision that adds one is logged with the rest.
The log row is written in the change's own write transaction.

An undo checks, in its own write transaction, that every row the change wrote still
holds its "after" image. If a later change wrote any of them, the undo is refused and
names that change (undo it first): it never writes over what came after. Otherwise the
images are applied backwards, and the undo is logged as a change of its own
(``undoes``), its original marked ``undone_by``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.domain.changes import LoggedChange
from tracker.domain.errors import NotAllowed, NotFound
from tracker.domain.model import TimelineEntry
from tracker.i18n import _
from tracker.records import record
from tracker.store.driver import Codec, Journaled
from tracker.store.rows import ENTRY_COLUMNS, entry_from_row

# How many later changes a refused undo looks through to name the one in its way.
_LATER_LOOKED_AT = 2000
# When a row was last written: every change writes it, so it is not a field two changes
# can disagree on. An undo puts it back only when no later change wrote it since.
_STAMPS = frozenset({"updated_at"})
LOG_COLUMNS = ("id", "at", "case_id", "undoes", "undone_by", "images")
_LOG_COLUMNS = ", ".join(LOG_COLUMNS)


@record(frozen=True)
class RowImage:
    """One row a change wrote: before (None: it inserted it) and after (None: it deleted it)."""

    table: str
    row_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class Journal:
    """The rows one change writes, in the order written."""

    def __init__(self) -> None:
        self.images: list[RowImage] = []

    def inserted(self, tx: Journaled, table: str, row_id: int) -> None:
        self.images.append(RowImage(table, row_id, None, read_row(tx, table, row_id)))

    def updated(self, tx: Journaled, table: str, row_id: int, before: dict[str, Any] | None) -> None:
        after = read_row(tx, table, row_id, list(before or ()))
        if before is not None and after is not None and before != after:
            self.images.append(RowImage(table, row_id, before, after))

    def deleted(self, table: str, row_id: int, before: dict[str, Any] | None) -> None:
        if before is not None:
            self.images.append(RowImage(table, row_id, before, None))


def read_row(tx: Journaled, table: str, row_id: int, columns: Sequence[str] = ()) -> dict[str, Any] | None:
    """The row's ``columns`` (every column when none are named) as stored, or None."""
    cursor = tx.execute(f"SELECT {', '.join(columns) or '*'} FROM {table} WHERE id = ?", (row_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    names = [column[0] for column in cursor.description]
    return dict(zip(names, row, strict=True))


# -- images as text: JSON, with the values JSON lacks tagged ---------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"x": bytes(value).hex()}
    return value


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    ((tag, text),) = value.items()
    if tag == "t":
        return datetime.fromisoformat(text)
    if tag == "d":
        return date.fromisoformat(text)
    if tag == "n":
        return Decimal(text)
    return bytes.fromhex(text)


def _columns_out(columns: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if columns is None else {name: _encode(value) for name, value in columns.items()}


def _columns_in(columns: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if columns is None else {name: _decode(value) for name, value in columns.items()}


def images_to_text(images: Iterable[RowImage]) -> str:
    import json  # here: everyday commands that only read do not load it

    return json.dumps(
        [[i.table, i.row_id, _columns_out(i.before), _columns_out(i.after)] for i in images],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def images_from_text(text: str) -> list[RowImage]:
    import json

    return [
        RowImage(table, row_id, _columns_in(before), _columns_in(after))
        for table, row_id, before, after in json.loads(text)
    ]


# -- the log -----------------------------------------------------------------------


def append(
    tx: Journaled, journal: Journal, case_id: int | None, at: datetime, undoes: int | None = None
) -> int | None:
    """Log what ``journal`` holds as one change (nothing when it wrote no row); its id."""
    if not journal.images:
        return None
    return tx.insert_returning_id(
        "undo_log",
        {
            "at": tx.codec.time_in(at),
            "case_id": case_id,
            "undoes": undoes,
            "undone_by": None,
            "images": images_to_text(journal.images),
        },
    )


def _entries(images: Iterable[RowImage], codec: Codec, added: bool) -> tuple[TimelineEntry, ...]:
    found = []
    for image in images:
        row = image.after if added else image.before
        gone = image.before if added else image.after
        if image.table == "timeline" and row is not None and gone is None:
            found.append(entry_from_row([row[name] for name in ENTRY_COLUMNS], codec))
    return tuple(found)


def _change(row: Sequence[Any], codec: Codec) -> LoggedChange:
    change_id, at, case_id, undoes, undone_by, text = row
    images = images_from_text(text)
    return LoggedChange(
        id=int(change_id),
        at=codec.time_out(at),
        case_id=case_id,
        entries=_entries(images, codec, added=undoes is None),
        tables=tuple(dict.fromkeys(image.table for image in images)),
        undoes=undoes,
        undone_by=undone_by,
    )


def recent(tx: Journaled, case_id: int | None, limit: int, everything: bool = False) -> list[LoggedChange]:
    """The newest changes first: those that can still be undone, or with ``everything`` the
    whole log (undone changes and the undos too)."""
    where = "1 = 1" if everything else "undoes IS NULL AND undone_by IS NULL"
    params: list[object] = []
    if case_id is not None:
        where += " AND case_id = ?"
        params.append(case_id)
    rows = tx.rows(
        f"SELECT {_LOG_COLUMNS} FROM undo_log WHERE {where} ORDER BY id DESC LIMIT {int(limit)}", params
    )
    return [_change(row, tx.codec) for row in rows]


def _pick(tx: Journaled, change_id: int | None, case_id: int | None) -> Sequence[Any]:
    lock = tx.lock_clause()
    if change_id is not None:
        rows = tx.rows(f"SELECT {_LOG_COLUMNS} FROM undo_log WHERE id = ?{lock}", (change_id,))
        if not rows:
            raise NotFound(_("no change {change} in the undo log").format(change=change_id))
        row = rows[0]
        if row[3] is not None:
            raise NotAllowed(
                _("change {change} is the undo of change {undone}; an undo is not undone").format(
                    change=change_id, undone=row[3]
                )
            )
        if row[4] is not None:
            raise NotAllowed(
                _("change {change} was undone already (by change {undo})").format(
                    change=change_id, undo=row[4]
                )
            )
        return list(row)
    where = "undoes IS NULL AND undone_by IS NULL"
    params: tuple[object, ...] = ()
    if case_id is not None:
        where, params = where + " AND case_id = ?", (case_id,)
    rows = tx.rows(
        f"SELECT {_LOG_COLUMNS} FROM undo_log WHERE {where} ORDER BY id DESC LIMIT 1{lock}", params
    )
    if not rows:
        if case_id is not None:
            raise NotFound(_("nothing to undo on case {id}").format(id=case_id))
        raise NotFound(_("nothing to undo"))
    return list(rows[0])


def still_open(tx: Journaled, ids: Sequence[int]) -> set[int]:
    """Which of these changes can still be undone (not undone, not undos)."""
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        found.update(
            int(row[0])
            for row in tx.rows(
                f"SELECT id FROM undo_log WHERE id IN ({marks}) AND undoes IS NULL AND undone_by IS NULL",
                chunk,
            )
        )
    return found


def _holds(tx: Journaled, image: RowImage) -> bool:
    """Whether the row is still as the change left it (its time stamp aside)."""
    if image.after is None:
        return read_row(tx, image.table, image.row_id, ("id",)) is None
    now = read_row(tx, image.table, image.row_id, list(image.after))
    if image.before is None:
        return now == image.after
    fields = [name for name in image.after if name not in _STAMPS]
    return now is not None and all(now[name] == image.after[name] for name in fields)


def _restored(tx: Journaled, image: RowImage) -> dict[str, Any]:
    """The columns an undo puts back: all it wrote, a time stamp only when no later change wrote it."""
    assert image.before is not None and image.after is not None
    now = read_row(tx, image.table, image.row_id, list(image.after)) or {}
    return {
        name: value
        for name, value in image.before.items()
        if name not in _STAMPS or now.get(name) == image.after.get(name)
    }


def _later_change(tx: Journaled, change_id: int, image: RowImage) -> LoggedChange | None:
    """The first change after ``change_id`` that wrote the row of ``image``."""
    rows = tx.rows(
        f"SELECT {_LOG_COLUMNS} FROM undo_log WHERE id > ? ORDER BY id LIMIT {_LATER_LOOKED_AT}", (change_id,)
    )
    for row in rows:
        if any(i.table == image.table and i.row_id == image.row_id for i in images_from_text(row[5])):
            return _change(row, tx.codec)
    return None


def undo(
    tx: Journaled, at: datetime, *, change_id: int | None = None, case_id: int | None = None
) -> tuple[LoggedChange, LoggedChange]:
    """Take back one change: ``change_id``, or the newest on ``case_id``, or the newest of all.

    Returns the change undone and the undo as logged. Refused, changing nothing, when a
    later change wrote any row the change wrote.
    """
    row = _pick(tx, change_id, case_id)
    original = _change(row, tx.codec)
    if original.case_id is not None:
        tx.rows("SELECT id FROM cases WHERE id = ?" + tx.lock_clause(), (original.case_id,))
    images = images_from_text(row[5])
    for image in images:
        if not _holds(tx, image):
            later = _later_change(tx, original.id, image)
            if later is None:
                raise NotAllowed(
                    _(
                        "change {change} cannot be undone: its rows were changed since, outside the "
                        "undo log (an import?)"
                    ).format(change=original.id)
                )
            from tracker.wording.changes import change_text

            raise NotAllowed(
                _(
                    "change {change} cannot be undone: change {later} ({what}) changed the same "
                    "rows after it; undo that one first"
                ).format(change=original.id, later=later.id, what=change_text(later))
            )
    journal = Journal()
    for image in reversed(images):
        if image.after is None and image.before is not None:
            tx.insert_row(image.table, image.before, journal)
        elif image.before is None:
            tx.delete_row(image.table, image.row_id, journal)
        else:
            tx.update_row(image.table, image.row_id, _restored(tx, image), journal)
    undo_id = append(tx, journal, original.case_id, at, undoes=original.id)
    tx.execute("UPDATE undo_log SET undone_by = ? WHERE id = ?", (undo_id, original.id))
    logged = tx.rows(f"SELECT {_LOG_COLUMNS} FROM undo_log WHERE id = ?", (undo_id,))
    return original, _change(logged[0], tx.codec)
