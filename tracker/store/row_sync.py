"""Write the rows of one case in a child table as they are now, against how they were loaded:
only what changed, row by row, each kept in the change's journal (the undo log)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tracker.store.driver import Journaled, RowJournal
from tracker.store.rows import changed


def sync_rows(
    tx: Journaled,
    table: str,
    old: Mapping[int, dict[str, object]],
    new: Sequence[tuple[Any, dict[str, object]]],
    journal: RowJournal | None,
) -> None:
    """``old``: the stored rows by id; ``new``: each item now (with its ``id``, None when
    new) and its row. New items are inserted and get their id, changed ones updated in
    the columns that changed, missing ones deleted."""
    kept: set[int] = set()
    for item, values in new:
        if item.id is None or item.id not in old:
            item.id = tx.insert_row(table, values, journal)
            continue
        kept.add(item.id)
        tx.update_row(table, item.id, changed(values, old[item.id]), journal)
    for gone in sorted(set(old) - kept):
        tx.delete_row(table, gone, journal)
