"""The case repository: domain objects in, domain objects out, one session per call."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Row,
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session, selectinload

from tracker.domain.errors import NotAllowed, NotFound
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
from tracker.store.database import Database
from tracker.store.listing import CaseListing
from tracker.store.schema import CaseRow, CheckRow, EntryRow, UTCDateTime


def _check_to_domain(row: CheckRow) -> Check:
    return Check(
        id=row.id,
        name=row.name,
        required=row.required,
        state=CheckState(row.state),
        checked_at=row.checked_at,
        note=row.note,
    )


def _entry_to_domain(row: EntryRow) -> TimelineEntry:
    return TimelineEntry(
        id=row.id,
        at=row.at,
        kind=EntryKind(row.kind),
        summary=row.summary,
        channel=Channel(row.channel) if row.channel else None,
        ticket=row.ticket,
        agent=row.agent,
        next_follow_up=row.next_follow_up,
        status_from=Status(row.status_from) if row.status_from else None,
        status_to=Status(row.status_to) if row.status_to else None,
        event=row.event,
        params=params_from_text(row.params),
    )


_NO_PARAMS = "{}"


def params_to_text(params: dict[str, str]) -> str:
    """An entry's parameters as the ``params`` column stores them: a compact JSON object."""
    if not params:
        return _NO_PARAMS
    return json.dumps(params, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def params_from_text(text: str) -> dict[str, str]:
    if not text or text == _NO_PARAMS:
        return {}
    params = json.loads(text)
    return {str(key): str(value) for key, value in params.items()}


def _to_domain(row: CaseRow) -> Case:
    return _case_to_domain(
        row, [_check_to_domain(c) for c in row.checks], [_entry_to_domain(e) for e in row.timeline]
    )


def _case_to_domain(row: CaseRow | Row[Any], checks: list[Check], timeline: list[TimelineEntry]) -> Case:
    """A case from its ``cases`` row (ORM object or Core row) and its loaded children."""
    return Case(
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
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
        checks=checks,
        timeline=timeline,
    )


def _load_cases(connection: Connection, query: Select[Any], timeline: bool = True) -> list[Case]:
    """Whole cases for a Core query on the ``cases`` table, children in two more queries.

    For bulk reads (lists, exports, imports): building ORM objects costs several times
    this. The query should select few enough cases for one "IN (...)" (see _IN_CHUNK).
    """
    rows = connection.execute(query).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    checks: dict[int, list[Check]] = {case_id: [] for case_id in ids}
    entries: dict[int, list[TimelineEntry]] = {case_id: [] for case_id in ids}
    check_table, entry_table = CheckRow.__table__, EntryRow.__table__
    for row in connection.execute(
        select(check_table)
        .where(check_table.c.case_id.in_(ids))
        .order_by(check_table.c.case_id, check_table.c.position)
    ):
        checks[row.case_id].append(_check_to_domain(row))  # type: ignore[arg-type]
    if timeline:
        for row in connection.execute(
            select(entry_table)
            .where(entry_table.c.case_id.in_(ids))
            .order_by(entry_table.c.case_id, entry_table.c.id)
        ):
            entries[row.case_id].append(_entry_to_domain(row))  # type: ignore[arg-type]
    return [_case_to_domain(row, checks[row.id], entries[row.id]) for row in rows]


def case_columns(case: Case) -> dict[str, object]:
    """The ``cases`` row of a domain case (without its id)."""
    return {
        "uuid": case.uuid,
        "provider": case.provider,
        "service": case.service,
        "action": case.action.value,
        "playbook": case.playbook,
        "channel": case.channel.value,
        "requested_on": case.requested_on,
        "ticket": case.ticket,
        "promised_by": case.promised_by,
        "next_follow_up": case.next_follow_up,
        "status": case.status.value,
        "notes": case.notes,
        "fee_amount": str(case.fee_amount) if case.fee_amount is not None else None,
        "fee_currency": case.fee_currency,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "deleted_at": case.deleted_at,
        "checks_total": len(case.checks),
        "checks_passed": sum(1 for c in case.checks if c.state is CheckState.PASSED),
        "checks_failed": sum(1 for c in case.checks if c.state is CheckState.FAILED),
    }


def check_columns(check: Check, position: int) -> dict[str, object]:
    return {
        "position": position,
        "name": check.name,
        "required": check.required,
        "state": check.state.value,
        "checked_at": check.checked_at,
        "note": check.note,
    }


def entry_columns(entry: TimelineEntry) -> dict[str, object]:
    return {
        "at": entry.at,
        "kind": entry.kind.value,
        "summary": entry.summary,
        "channel": entry.channel.value if entry.channel else None,
        "ticket": entry.ticket,
        "agent": entry.agent,
        "next_follow_up": entry.next_follow_up,
        "status_from": entry.status_from.value if entry.status_from else None,
        "status_to": entry.status_to.value if entry.status_to else None,
        "event": entry.event,
        "params": params_to_text(entry.params),
    }


# Ids per "IN (...)" query: well under SQLite's limit on bound parameters.
_IN_CHUNK = 500


def _insert_cases(
    connection: Connection,
    cases: Iterable[Case],
    batch: int,
    keep_ids: bool,
    progress: Callable[[int], None] | None,
) -> int:
    """Insert cases with their checks and timelines, batch by batch, on ``connection``."""
    count = 0
    chunk: list[Case] = []

    def flush() -> None:
        if not chunk:
            return
        rows = [case_columns(c) for c in chunk]
        ids: Sequence[int]
        if keep_ids:
            ids = [c.id for c in chunk if c.id is not None]
            if len(ids) != len(chunk):
                raise ValueError("keep_ids needs every case to have an id")
            _insert_rows(
                connection,
                CaseRow.__table__,  # type: ignore[arg-type]
                [{"id": case_id, **row} for case_id, row in zip(ids, rows, strict=True)],
            )
        else:
            ids = (
                connection.execute(
                    insert(CaseRow).returning(CaseRow.id, sort_by_parameter_order=True),
                    rows,
                )
                .scalars()
                .all()
            )
        _insert_children(connection, ids, chunk)
        chunk.clear()
        if progress is not None:
            progress(count)

    for case in cases:
        chunk.append(case)
        count += 1
        if len(chunk) >= batch:
            flush()
    flush()
    return count


def _utc_text(moment: datetime) -> str:
    """An aware datetime as UTCDateTime stores it: naive UTC, SQLAlchemy's SQLite format."""
    if moment.tzinfo is not UTC:
        if moment.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC")
        moment = moment.astimezone(UTC)
    return moment.isoformat(" ", "microseconds")[:26]


def _day_text(day: date) -> str:
    return day.isoformat()


def _insert_rows(connection: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """Plain executemany of rows that all have the same keys, in that order.

    The bulk path formats dates and times itself, as SQLAlchemy's SQLite types
    store them: going through SQLAlchemy's per-value processing costs several
    times the insert. A test compares rows written both ways.
    """
    if not rows:
        return
    keys = list(rows[0])
    converters = [
        (index, _utc_text if isinstance(table.c[key].type, UTCDateTime) else _day_text)
        for index, key in enumerate(keys)
        if isinstance(table.c[key].type, UTCDateTime | Date)
    ]
    sql = f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({', '.join('?' for _ in keys)})"
    values: list[tuple[object, ...]] = []
    for row in rows:
        fields = list(row.values())
        for index, convert in converters:
            value = fields[index]
            if value is not None:
                fields[index] = convert(value)  # type: ignore[arg-type]
        values.append(tuple(fields))
    connection.exec_driver_sql(sql, values)


def _insert_children(connection: Connection, ids: Sequence[int], cases: Sequence[Case]) -> None:
    checks = [
        {"case_id": case_id, **check_columns(check, i)}
        for case_id, case in zip(ids, cases, strict=True)
        for i, check in enumerate(case.checks)
    ]
    entries = [
        {"case_id": case_id, **entry_columns(entry)}
        for case_id, case in zip(ids, cases, strict=True)
        for entry in case.timeline
    ]
    _insert_rows(connection, CheckRow.__table__, checks)  # type: ignore[arg-type]
    _insert_rows(connection, EntryRow.__table__, entries)  # type: ignore[arg-type]


def _replace_cases(connection: Connection, cases: Sequence[Case]) -> None:
    """Overwrite stored cases (matched by id) with these, checks and timeline included."""
    ids = [c.id for c in cases]
    if any(case_id is None for case_id in ids):
        raise ValueError("replacing needs stored cases (with ids)")
    connection.execute(
        update(CaseRow).where(CaseRow.id == bindparam("case_id_")),
        [{"case_id_": c.id, **case_columns(c)} for c in cases],
    )
    connection.execute(delete(CheckRow).where(CheckRow.case_id.in_(ids)))
    connection.execute(delete(EntryRow).where(EntryRow.case_id.in_(ids)))
    _insert_children(connection, ids, cases)  # type: ignore[arg-type]


class CaseRepository:
    """Cases in the database. Every method is one unit of work."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def _session(self) -> Session:
        return self.database.sessions()

    @staticmethod
    def _full() -> Select[CaseRow]:  # SQLAlchemy 2.1 typing
        return select(CaseRow).options(selectinload(CaseRow.checks), selectinload(CaseRow.timeline))

    def _row(self, session: Session, ref: str | int, include_deleted: bool = False) -> CaseRow:
        query = self._full()
        text = str(ref).strip()
        if text.isdigit():
            query = query.where(CaseRow.id == int(text))
        elif len(text) >= 4 and all(ch in "0123456789abcdef-" for ch in text.lower()):
            query = query.where(CaseRow.uuid.startswith(text.lower(), autoescape=True))
        else:
            raise NotFound(f"no case {text!r}: give its number or its UUID")
        rows = session.scalars(query.limit(2)).all()
        if not rows and text.isdigit() and len(text) >= 4:
            # No case with that number: an all-digit UUID prefix (1 UUID in 40 starts so).
            rows = session.scalars(
                self._full().where(CaseRow.uuid.startswith(text, autoescape=True)).limit(2)
            ).all()
        if len(rows) > 1:
            raise NotFound(f"{text!r} matches more than one case; give more of the UUID")
        if not rows:
            raise NotFound(f"no case {text}")
        row = rows[0]
        if row.deleted_at is not None and not include_deleted:
            raise NotFound(f"case {row.id} is in the trash (tracker restore {row.id})")
        return row

    def get(self, ref: str | int, include_deleted: bool = False) -> Case:
        with self._session() as session:
            return _to_domain(self._row(session, ref, include_deleted))

    def add(self, case: Case) -> Case:
        with self._session() as session, session.begin():
            row = CaseRow(**case_columns(case))
            row.checks = [CheckRow(**check_columns(c, i)) for i, c in enumerate(case.checks)]
            row.timeline = [EntryRow(**entry_columns(e)) for e in case.timeline]
            session.add(row)
            session.flush()
            stored = _to_domain(row)
        return stored

    def add_many(
        self,
        cases: Iterable[Case],
        batch: int = 2000,
        *,
        keep_ids: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """The bulk path: plain multi-row inserts, batch by batch in one transaction.

        With ``keep_ids`` each case is stored under its own ``id`` (the caller
        makes sure it is free). ``progress(count)`` is called after each batch.
        """
        with self.database.engine.begin() as connection:
            return _insert_cases(connection, cases, batch, keep_ids, progress)

    # -- imports: several cases at once, in one transaction -----------------

    def ids_for_uuids(self, uuids: Collection[str]) -> dict[str, int]:
        """The id of each stored case (trash included) among these UUIDs."""
        found: dict[str, int] = {}
        wanted = list(uuids)
        with self._session() as session:
            for start in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[start : start + _IN_CHUNK]
                query = select(CaseRow.uuid, CaseRow.id).where(CaseRow.uuid.in_(chunk))
                found.update({uuid: case_id for uuid, case_id in session.execute(query)})
        return found

    def taken_ids(self, ids: Collection[int]) -> set[int]:
        """Which of these case ids are already used (trash included)."""
        taken: set[int] = set()
        wanted = list(ids)
        with self._session() as session:
            for start in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[start : start + _IN_CHUNK]
                taken.update(session.scalars(select(CaseRow.id).where(CaseRow.id.in_(chunk))))
        return taken

    def max_id(self) -> int:
        with self._session() as session:
            return session.scalar(select(func.max(CaseRow.id))) or 0

    def get_many(self, ids: Collection[int]) -> list[Case]:
        """Whole cases (trash included) by id, in id order."""
        return self.in_order(sorted(ids), timeline=True)

    def import_cases(
        self,
        new: Iterable[Case],
        replaced: Sequence[Case],
        *,
        keep_ids: bool = True,
        batch: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Write an import in one transaction: stored cases replaced whole (fields,
        checks, timeline, under their ids), then new cases by the bulk path.

        ``progress(count)`` counts replaced and added cases together.
        """
        with self.database.engine.begin() as connection:
            for start in range(0, len(replaced), _IN_CHUNK):
                chunk = replaced[start : start + _IN_CHUNK]
                _replace_cases(connection, chunk)
                if progress is not None:
                    progress(start + len(chunk))
            done = len(replaced)
            added = _insert_cases(
                connection,
                new,
                batch,
                keep_ids,
                None if progress is None else (lambda count: progress(done + count)),
            )
        return done + added

    def save(self, case: Case) -> Case:
        """Write a changed case: its fields, its checks, and new timeline entries."""
        if case.id is None:
            raise ValueError("save() needs a stored case; use add()")
        with self._session() as session, session.begin():
            row = self._row(session, case.id, include_deleted=True)
            for key, value in case_columns(case).items():
                setattr(row, key, value)
            by_id = {c.id: c for c in row.checks}
            kept: list[CheckRow] = []
            for position, check in enumerate(case.checks):
                check_row = by_id.get(check.id) if check.id is not None else None
                if check_row is None:
                    check_row = CheckRow()
                for key, value in check_columns(check, position).items():
                    setattr(check_row, key, value)
                kept.append(check_row)
            row.checks = kept
            known = {e.id for e in row.timeline}
            for entry in case.timeline:
                if entry.id is None or entry.id not in known:
                    row.timeline.append(EntryRow(**entry_columns(entry)))
            session.flush()
            stored = _to_domain(row)
        return stored

    def in_order(self, ids: Sequence[int], timeline: bool = False) -> list[Case]:
        """Whole cases in the order of ``ids`` (unknown ids left out, the trash included)."""
        found: dict[int, Case] = {}
        table = CaseRow.__table__
        with self.database.engine.connect() as connection:
            for start in range(0, len(ids), _IN_CHUNK):
                query = select(table).where(table.c.id.in_(ids[start : start + _IN_CHUNK]))
                found.update((c.id, c) for c in _load_cases(connection, query, timeline) if c.id is not None)
        return [found[i] for i in ids if i in found]

    def _listing(self) -> CaseListing:
        if self.database.path is None:
            raise ValueError("lists need a database file")
        return CaseListing(self.database.path)

    def live(self, today: date, include_closed: bool = False) -> list[Case]:
        """Live cases, most urgent first (closed ones only when asked), with timelines."""
        listing = self._listing()
        try:
            return self.in_order(listing.ordered_ids(today, include_closed), timeline=True)
        finally:
            listing.close()

    def due(self, on_or_before: date) -> list[Case]:
        """Cases whose follow-up (or recheck) falls on or before the date, most urgent first.

        Served by the partial index on ``next_follow_up``: the cost follows the
        number of cases due, not the size of the table.
        """
        listing = self._listing()
        try:
            return self.in_order(listing.due_ids(on_or_before, 0), timeline=True)
        finally:
            listing.close()

    def counts(self) -> dict[str, int]:
        """How many live cases have each status."""
        with self._session() as session:
            query = (
                select(CaseRow.status, func.count())
                .where(CaseRow.deleted_at.is_(None))
                .group_by(CaseRow.status)
            )
            return {status: count for status, count in session.execute(query)}

    def delete(self, ref: str | int, now: datetime) -> Case:
        """Move a case to the trash; it can be restored."""
        with self._session() as session, session.begin():
            row = self._row(session, ref)
            row.deleted_at = now
            return _to_domain(row)

    def restore(self, ref: str | int) -> Case:
        with self._session() as session, session.begin():
            row = self._row(session, ref, include_deleted=True)
            if row.deleted_at is None:
                raise NotAllowed(f"case {row.id} is not in the trash")
            row.deleted_at = None
            return _to_domain(row)

    def trash(self) -> list[Case]:
        with self._session() as session:
            query = self._full().where(CaseRow.deleted_at.is_not(None)).order_by(CaseRow.id)
            return [_to_domain(r) for r in session.scalars(query)]

    def purge(self, ref: str | int) -> None:
        """Delete a case from the trash for good (only ever on the user's explicit word)."""
        with self._session() as session, session.begin():
            row = self._row(session, ref, include_deleted=True)
            if row.deleted_at is None:
                raise NotAllowed(f"case {row.id} is not in the trash; delete it first")
            session.execute(delete(CaseRow).where(CaseRow.id == row.id))

    def iter_all(self, include_deleted: bool = True, batch: int = 1000) -> Iterator[Case]:
        """Every case, in id order, batch by batch (for exports)."""
        last = 0
        table = CaseRow.__table__
        batch = min(batch, _IN_CHUNK)  # the children are read with IN (ids)
        while True:
            with self.database.engine.connect() as connection:
                query = select(table).where(table.c.id > last).order_by(table.c.id).limit(batch)
                if not include_deleted:
                    query = query.where(table.c.deleted_at.is_(None))
                cases = _load_cases(connection, query)
            if not cases:
                return
            yield from cases
            last = cases[-1].id or last
