"""One transaction on the database: cases read and written as domain objects.

The SQL is shared by the backends; a backend's subclass says how to adapt it
(placeholders, row locks, how new ids are made). Every method works inside the
transaction it was handed, so a read-modify-write in one ``store.write()`` sees
and keeps everything other writers committed before it.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import tracker.store.case_children as case_children
import tracker.store.search_index as search_index
import tracker.store.undo_log as undo_log
from tracker.domain.changes import LoggedChange
from tracker.domain.errors import NotAllowed, NotFound
from tracker.domain.model import Case, Check, TimelineEntry
from tracker.i18n import _
from tracker.records import replace
from tracker.store.driver import Codec, Connection, RowJournal
from tracker.store.listing import ListingQueries
from tracker.store.row_sync import sync_rows
from tracker.store.rows import (
    CASE_COLUMNS,
    CHECK_COLUMNS,
    ENTRY_COLUMNS,
    case_from_row,
    case_values,
    changed,
    check_from_row,
    check_values,
    entry_from_row,
    entry_values,
)

# Ids per "IN (...)": well under every backend's limit on bound parameters.
IN_CHUNK = 500
# A case number as typed: digits only (not "²"), and no more than a database integer holds.
_CASE_NUMBER = re.compile(r"[0-9]{1,18}")
_UUID_PREFIX = re.compile(r"[0-9a-f-]{4,36}")

_CASES = ", ".join(CASE_COLUMNS)
_CHECKS = ", ".join(CHECK_COLUMNS)
_ENTRIES = ", ".join(ENTRY_COLUMNS)
# The child columns a bulk insert writes: all but the row's own id.
_NEW_CHECK = CHECK_COLUMNS[1:]
_NEW_ENTRY = ENTRY_COLUMNS[1:]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class Transaction(ListingQueries, ABC):
    """Reads and writes on one open transaction. Made by ``Store.read()`` / ``Store.write()``."""

    #: The SQL dialect the backend's server speaks ("sqlite", "postgresql").
    dialect: str

    def __init__(self, connection: Connection, codec: Codec, write: bool) -> None:
        self.connection = connection
        self.codec = codec
        self.writable = write
        #: The undo log's id of the change the last ``add`` or ``save`` wrote (None: it wrote nothing).
        self.last_change: int | None = None

    # -- what each backend adapts -------------------------------------------

    def sql(self, text: str) -> str:
        """The SQL as this backend's driver wants it (placeholders)."""
        return text

    @abstractmethod
    def lock_clause(self) -> str:
        """What to append to a SELECT of a case that is about to be changed."""

    @abstractmethod
    def insert_returning_id(self, table: str, values: dict[str, object]) -> int:
        """Insert one row and return its new id."""

    @abstractmethod
    def new_case_ids(self, count: int) -> list[int]:
        """``count`` unused case ids, reserved for this transaction."""

    def explicit_ids_inserted(self) -> None:  # optional hook
        """Cases were inserted with ids of their own (imports): keep id generation ahead of them."""

    def lock_all_cases(self) -> None:  # optional hook
        """This transaction plans against every case (an import, a copy): other writers wait
        until it ends. SQLite's write lock does that already; a backend with row locks locks more."""

    def before_commit(self) -> None:
        """What every write does last: fold again the search text of the cases it changed."""
        search_index.refresh(self)

    # -- plumbing ------------------------------------------------------------

    def rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> list[Any]:
        return list(self.connection.execute(self.sql(text), params).fetchall())

    def iter_rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Iterator[Any]:
        """The rows one at a time, for reads too large to hold in a list."""
        yield from self.connection.execute(self.sql(text), params)

    def execute(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Any:
        return self.connection.execute(self.sql(text), params)

    def execute_many(self, text: str, rows: list[tuple[object, ...]]) -> None:
        if rows:
            self.connection.executemany(self.sql(text), rows)  # type: ignore[attr-defined]

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[object, ...]]) -> None:
        """New rows, many at once, in their order (ids the table makes are made in that order)."""
        self.execute_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(len(columns))})", rows)

    # -- finding cases -------------------------------------------------------

    def find_id(self, ref: str | int, include_deleted: bool = False) -> int:
        """The id of the case a user named by number or UUID (a prefix of 4+ characters)."""
        shown = str(ref).strip()
        text = shown.lower()
        number = _CASE_NUMBER.fullmatch(text) is not None
        rows: list[Any] = []
        if number:
            rows = self.rows("SELECT id, deleted_at FROM cases WHERE id = ?", (int(text),))
        if not rows and _UUID_PREFIX.fullmatch(text):
            # Also an all-digit UUID prefix (1 UUID in 40 starts so) when no case has that number.
            rows = self.rows("SELECT id, deleted_at FROM cases WHERE uuid LIKE ? LIMIT 2", (text + "%",))
            if len(rows) > 1:
                raise NotFound(
                    _("{ref} matches more than one case; give more of the UUID").format(ref=repr(shown))
                )
        elif not rows and not number:
            raise NotFound(_("no case {ref}: give its number or its UUID").format(ref=repr(shown)))
        if not rows:
            raise NotFound(_("no case {ref}").format(ref=shown))
        case_id, deleted_at = rows[0]
        if deleted_at is not None and not include_deleted:
            raise NotFound(_("case {id} is in the trash (tracker restore {id})").format(id=case_id))
        return int(case_id)

    def get(self, ref: str | int, *, include_deleted: bool = False, lock: bool = False) -> Case:
        """One whole case (checks and timeline). ``lock``: it is about to be changed."""
        case_id = self.find_id(ref, include_deleted)
        if lock:
            self.rows("SELECT id FROM cases WHERE id = ?" + self.lock_clause(), (case_id,))
        found = self.load([case_id])
        if not found:
            raise NotFound(_("no case {ref}").format(ref=case_id))
        return found[0]

    def load(self, ids: Sequence[int], timeline: bool = True) -> list[Case]:
        """Whole cases in the order of ``ids`` (unknown ids left out, the trash included)."""
        found: dict[int, Case] = {}
        for start in range(0, len(ids), IN_CHUNK):
            chunk = list(ids[start : start + IN_CHUNK])
            found.update(self._load_where(f"id IN ({_marks(len(chunk))})", chunk, timeline))
        return [found[i] for i in ids if i in found]

    def _load_where(self, where: str, params: Sequence[object], timeline: bool) -> dict[int, Case]:
        rows = self.rows(f"SELECT {_CASES} FROM cases WHERE {where}", params)
        if not rows:
            return {}
        ids = [row[0] for row in rows]
        codec = self.codec
        checks: dict[int, list[Check]] = {case_id: [] for case_id in ids}
        entries: dict[int, list[TimelineEntry]] = {case_id: [] for case_id in ids}
        marks = _marks(len(ids))
        for row in self.rows(
            f"SELECT {_CHECKS} FROM checks WHERE case_id IN ({marks}) ORDER BY case_id, position", ids
        ):
            checks[row[1]].append(check_from_row(row, codec))
        if timeline:
            for row in self.rows(
                f"SELECT {_ENTRIES} FROM timeline WHERE case_id IN ({marks}) ORDER BY case_id, id", ids
            ):
                entries[row[1]].append(entry_from_row(row, codec))
        cases = {row[0]: case_from_row(row, codec, checks[row[0]], entries[row[0]]) for row in rows}
        case_children.load_children(self, list(cases.values()))
        return cases

    def iter_all(self, include_deleted: bool = True, batch: int = IN_CHUNK) -> Iterator[Case]:
        """Every case in id order, batch by batch (exports), all from this transaction's snapshot."""
        last = 0
        where = "id > ?" + ("" if include_deleted else " AND deleted_at IS NULL")
        while True:
            rows = self.rows(f"SELECT id FROM cases WHERE {where} ORDER BY id LIMIT {int(batch)}", (last,))
            if not rows:
                return
            ids = [row[0] for row in rows]
            yield from self.load(ids)
            last = ids[-1]

    def trash(self) -> list[Case]:
        ids = [row[0] for row in self.rows("SELECT id FROM cases WHERE deleted_at IS NOT NULL ORDER BY id")]
        return self.load(ids)

    def ids_for_uuids(self, uuids: Collection[str]) -> dict[str, int]:
        """The id of each stored case (trash included) among these UUIDs."""
        found: dict[str, int] = {}
        wanted = list(uuids)
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = wanted[start : start + IN_CHUNK]
            found.update(self.rows(f"SELECT uuid, id FROM cases WHERE uuid IN ({_marks(len(chunk))})", chunk))
        return found

    def taken_ids(self, ids: Collection[int]) -> set[int]:
        """Which of these case ids are already used (trash included)."""
        taken: set[int] = set()
        wanted = list(ids)
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = wanted[start : start + IN_CHUNK]
            taken.update(
                row[0] for row in self.rows(f"SELECT id FROM cases WHERE id IN ({_marks(len(chunk))})", chunk)
            )
        return taken

    def max_id(self) -> int:
        return int(self.rows("SELECT coalesce(max(id), 0) FROM cases")[0][0])

    # -- writing ------------------------------------------------------------

    def add(self, new: Case) -> Case:
        """Store a new case with its checks and timeline; the stored copy comes back with its ids.
        The rows are logged as one change (:attr:`last_change`), which an undo takes back whole."""
        case = replace(
            new, checks=[replace(c) for c in new.checks], timeline=[replace(e) for e in new.timeline]
        )
        (case.id,) = self.new_case_ids(1)
        journal = undo_log.Journal()
        self.insert_row("cases", {"id": case.id, **case_values(case, self.codec)}, journal)
        self._write_rows(case.id, case, None, journal)
        self.last_change = undo_log.append(self, journal, case.id, case.created_at)
        return case

    def _insert_check(self, case_id: int, check: Check, position: int) -> int:
        return self.insert_returning_id(
            "checks", {"case_id": case_id, **check_values(check, position, self.codec)}
        )

    def _insert_entry(self, case_id: int, entry: TimelineEntry) -> int:
        return self.insert_returning_id("timeline", {"case_id": case_id, **entry_values(entry, self.codec)})

    def add_many(
        self,
        cases: Iterable[Case],
        *,
        keep_ids: bool = False,
        batch: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """The bulk path: multi-row inserts, batch by batch. With ``keep_ids`` each case is
        stored under its own ``id`` (the caller makes sure it is free)."""
        count = 0
        chunk: list[Case] = []
        for case in cases:
            chunk.append(case)
            count += 1
            if len(chunk) >= batch:
                self._insert_batch(chunk, keep_ids)
                chunk = []
                if progress is not None:
                    progress(count)
        if chunk:
            self._insert_batch(chunk, keep_ids)
            if progress is not None:
                progress(count)
        if keep_ids and count:
            self.explicit_ids_inserted()
        return count

    def _insert_batch(self, cases: list[Case], keep_ids: bool) -> None:
        codec = self.codec
        if keep_ids:
            ids = [c.id for c in cases]
            if any(case_id is None for case_id in ids):
                raise ValueError("keep_ids needs every case to have an id")
        else:
            ids = list(self.new_case_ids(len(cases)))
        case_rows = [
            (case_id, *case_values(case, codec).values()) for case_id, case in zip(ids, cases, strict=True)
        ]
        self.insert_rows("cases", CASE_COLUMNS, case_rows)
        check_rows = [
            (case_id, *check_values(check, position, codec).values())
            for case_id, case in zip(ids, cases, strict=True)
            for position, check in enumerate(case.checks)
        ]
        entry_rows = [
            (case_id, *entry_values(entry, codec).values())
            for case_id, case in zip(ids, cases, strict=True)
            for entry in case.timeline
        ]
        self.insert_rows("checks", _NEW_CHECK, check_rows)
        self.insert_rows("timeline", _NEW_ENTRY, entry_rows)
        inserted = list(zip(ids, cases, strict=True))
        case_children.insert_children(self, inserted)  # type: ignore[arg-type]
        search_index.index_new(self, inserted)  # type: ignore[arg-type]

    def save(self, case: Case, before: Case) -> Case:
        """Write what changed between ``before`` (as loaded in this transaction) and ``case``:
        the changed columns, checks and children added, changed or removed, and new timeline
        entries; logged as one change (:attr:`last_change`) that can be undone."""
        if case.id is None or case.id != before.id:
            raise ValueError("save() needs the stored case it changes")
        journal = undo_log.Journal()
        columns = changed(case_values(case, self.codec), case_values(before, self.codec))
        self.update_row("cases", case.id, columns, journal)
        self._write_rows(case.id, case, before, journal)
        self.last_change = undo_log.append(self, journal, case.id, case.updated_at)
        return case

    def _write_rows(self, case_id: int, case: Case, before: Case | None, journal: undo_log.Journal) -> None:
        """The case's checks, new timeline entries and children, against ``before`` (None: new)."""
        codec = self.codec
        old_checks = (
            {
                c.id: {"case_id": case_id, **check_values(c, position, codec)}
                for position, c in enumerate(before.checks)
                if c.id is not None
            }
            if before is not None
            else {}
        )
        new_checks = [
            (check, {"case_id": case_id, **check_values(check, position, codec)})
            for position, check in enumerate(case.checks)
        ]
        sync_rows(self, "checks", old_checks, new_checks, journal)
        known = {e.id for e in before.timeline} if before is not None else set()
        for entry in case.timeline:
            if entry.id is None or entry.id not in known:
                entry.id = self.insert_row(
                    "timeline", {"case_id": case_id, **entry_values(entry, codec)}, journal
                )
        case_children.save_children(self, case_id, case, before, journal)

    # -- rows one at a time, kept in a change's journal ----------------------

    def insert_row(self, table: str, values: dict[str, object], journal: RowJournal | None) -> int:
        row_id = self.insert_returning_id(table, values)
        if journal is not None:
            journal.inserted(self, table, row_id)
        return row_id

    def update_row(
        self, table: str, row_id: int, values: dict[str, object], journal: RowJournal | None
    ) -> None:
        if not values:
            return
        before = undo_log.read_row(self, table, row_id, list(values)) if journal is not None else None
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])
        if journal is not None:
            journal.updated(self, table, row_id, before)

    def delete_row(self, table: str, row_id: int, journal: RowJournal | None) -> None:
        before = undo_log.read_row(self, table, row_id) if journal is not None else None
        self.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        if journal is not None:
            journal.deleted(table, row_id, before)

    # -- the undo log -----------------------------------------------------------

    def undo(
        self, at: datetime, *, change_id: int | None = None, case_id: int | None = None
    ) -> tuple[LoggedChange, LoggedChange]:
        """Take back one logged change (see :func:`tracker.store.undo_log.undo`)."""
        return undo_log.undo(self, at, change_id=change_id, case_id=case_id)

    def open_changes(self, ids: Sequence[int]) -> set[int]:
        """Which of these logged changes can still be undone."""
        return undo_log.still_open(self, ids)

    def changes(self, case_id: int | None, limit: int, everything: bool = False) -> list[LoggedChange]:
        """The newest logged changes first (those that can be undone, unless ``everything``)."""
        return undo_log.recent(self, case_id, limit, everything)

    def replace(self, case: Case) -> None:
        """Overwrite a stored case (by id) whole: fields, checks and timeline (imports)."""
        if case.id is None:
            raise ValueError("replace() needs a stored case")
        values = case_values(case, self.codec)
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.execute(f"UPDATE cases SET {assignments} WHERE id = ?", [*values.values(), case.id])
        self.execute("DELETE FROM checks WHERE case_id = ?", (case.id,))
        self.execute("DELETE FROM timeline WHERE case_id = ?", (case.id,))
        for position, check in enumerate(case.checks):
            check.id = self._insert_check(case.id, check, position)
        for entry in case.timeline:
            entry.id = self._insert_entry(case.id, entry)
        case_children.replace_children(self, case.id, case)

    def ids_with_charges(self) -> list[int]:
        """Live cases that have charges."""
        return case_children.ids_with_charges(self)

    def set_deleted(self, case_id: int, when: datetime | None) -> None:
        """Move a case to the trash (``when``) or back out of it (None)."""
        self.execute(
            "UPDATE cases SET deleted_at = ? WHERE id = ?",
            (self.codec.time_in(when) if when is not None else None, case_id),
        )

    def purge(self, case_id: int) -> None:
        """Delete a case for good (only ever on the user's explicit word, from the trash)."""
        rows = self.rows("SELECT deleted_at FROM cases WHERE id = ?", (case_id,))
        if not rows or rows[0][0] is None:
            raise NotAllowed(_("case {id} is not in the trash; delete it first").format(id=case_id))
        self.execute("DELETE FROM checks WHERE case_id = ?", (case_id,))
        self.execute("DELETE FROM timeline WHERE case_id = ?", (case_id,))
        case_children.delete_children(self, case_id)
        self.execute("DELETE FROM cases WHERE id = ?", (case_id,))
