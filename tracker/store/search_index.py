"""The filter's index in the database: each case's folded text, searched by substring.

What a case is found by is :func:`tracker.domain.search.search_text`: provider,
service, ticket, notes and every ticket its timeline recorded, folded (no case, no
accents). The folding is Python's, so the database cannot work it out itself. Instead:

- ``case_search`` holds the folded text of every case (trashed ones too; the lists
  leave those out): on SQLite an FTS5 table with the trigram tokenizer (rowid = case
  id), on PostgreSQL a table with a ``pg_trgm`` GIN index when the extension could be
  created, else the same table scanned by the server.
- Triggers on ``cases`` and ``timeline`` put the id of every case whose text may have
  changed into ``case_search_stale``, whoever writes (tracker, an undo, an import, a
  copy, another program), and every write transaction of tracker folds those again
  before it commits (:func:`refresh`). A reader folds what is still stale itself, so
  an answer never lags behind the cases.

A trigram index serves queries of three characters or more; shorter ones are left to
the caller's scan (None from :func:`matching_ids`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import is_
from typing import Any, Protocol

from tracker.domain.model import Case
from tracker.domain.search import needle_of, search_text

INDEX = "case_search"
STALE = "case_search_stale"
# A trigram index needs three characters to look anything up.
SHORTEST = 3
_CHUNK = 500


class Reader(Protocol):
    """What a search needs of a transaction."""

    dialect: str

    def rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> list[Any]: ...

    def iter_rows(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Iterator[Any]: ...


class Statements(Reader, Protocol):
    """What keeping the index needs of a transaction."""

    def execute(self, text: str, params: Sequence[object] | dict[str, object] = ()) -> Any: ...

    def execute_many(self, text: str, rows: list[tuple[object, ...]]) -> None: ...


class Writer(Statements, Protocol):
    """What keeping the index in a write transaction of tracker's needs of it."""

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[object, ...]]) -> None: ...


def _key(dialect: str) -> str:
    return "rowid" if dialect == "sqlite" else "case_id"


def _earlier(dialect: str) -> str:
    # In the timeline's order (of ids), as :func:`case_text` joins them: SQLite reads them in
    # that order through the index on case_id (the rowid follows); PostgreSQL is told so, as
    # its rows need not lie in the table in that order.
    if dialect == "sqlite":
        return "group_concat(t.ticket, char(10))"
    return "string_agg(t.ticket, chr(10) ORDER BY t.id)"


def texts_query(dialect: str, where: str = "") -> str:
    """Each case's id and the fields its search text is made of (every earlier ticket too)."""
    return (
        "SELECT id, provider, service, ticket, notes, "
        f"(SELECT {_earlier(dialect)} FROM timeline t WHERE t.case_id = cases.id AND t.ticket <> '') "
        f"FROM cases{where}"
    )


def _folded(provider: str, service: str, ticket: str, notes: str, earlier: str) -> str:
    # NUL as a space, as the scan has it (and neither SQLite's strings nor PostgreSQL's text take it).
    return search_text(provider, service, ticket, notes, earlier).replace("\x00", " ")


def folded_rows(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[int, str]]:
    """Each case's id and folded text, from the rows of :func:`texts_query`."""
    return ((row[0], _folded(row[1], row[2], row[3], row[4], row[5] or "")) for row in rows)


def case_text(case: Case) -> str:
    """A case's folded text as :func:`folded_rows` makes it from the case's rows once stored
    (the earlier tickets in the timeline's order, which is the order of their ids)."""
    earlier = "\n".join(entry.ticket for entry in case.timeline if entry.ticket)
    return _folded(case.provider, case.service, case.ticket, case.notes, earlier)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _stale(tx: Reader) -> Iterator[list[int]]:
    """The marked case ids in id order, :data:`_CHUNK` at a time: after an import or a copy
    every case is marked, and a million ids in one list would be ~90 MB. Each chunk is read
    after the one before has been dealt with (refresh unmarks it), from where that one ended."""
    last: int | None = None
    while True:
        after = "" if last is None else " WHERE case_id > ?"
        chunk = [
            row[0]
            for row in tx.rows(
                f"SELECT case_id FROM {STALE}{after} ORDER BY case_id LIMIT {_CHUNK}",
                () if last is None else (last,),
            )
        ]
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


def _texts_of(tx: Reader, ids: Sequence[int]) -> dict[int, str]:
    marks = ", ".join("?" * len(ids))
    return dict(folded_rows(tx.rows(texts_query(tx.dialect, f" WHERE id IN ({marks})"), list(ids))))


def _put(tx: Writer, ids: Sequence[int], texts: Iterable[tuple[int, str]]) -> None:
    """The index rows of these cases become ``texts`` (none for a case left out), and the
    cases are no longer marked."""
    key = _key(tx.dialect)
    marks = ", ".join("?" * len(ids))
    tx.execute(f"DELETE FROM {INDEX} WHERE {key} IN ({marks})", list(ids))
    tx.insert_rows(INDEX, (key, "folded"), list(texts))
    tx.execute(f"DELETE FROM {STALE} WHERE case_id IN ({marks})", list(ids))


def refresh(tx: Writer) -> None:
    """Fold again the cases the triggers marked, inside the writer's transaction."""
    for chunk in _stale(tx):
        _put(tx, chunk, _texts_of(tx, chunk).items())


def index_new(tx: Writer, cases: Sequence[tuple[int, Case]]) -> None:
    """Fold cases just inserted (the bulk path: imports, copies) into the index from the cases
    themselves, rather than reading back at commit what the triggers marked."""
    for start in range(0, len(cases), _CHUNK):
        chunk = cases[start : start + _CHUNK]
        _put(tx, [case_id for case_id, _ in chunk], [(case_id, case_text(case)) for case_id, case in chunk])


def fill(tx: Statements) -> None:
    """Fold every case into an empty index (the migration that makes it)."""
    key = _key(tx.dialect)
    batch: list[tuple[object, ...]] = []
    # Row by row: the inserts go through a cursor of their own.
    for case_id, text in folded_rows(tx.iter_rows(texts_query(tx.dialect))):
        batch.append((case_id, text))
        if len(batch) >= 5000:
            tx.execute_many(f"INSERT INTO {INDEX} ({key}, folded) VALUES (?, ?)", batch)
            batch = []
    tx.execute_many(f"INSERT INTO {INDEX} ({key}, folded) VALUES (?, ?)", batch)
    tx.execute(f"DELETE FROM {STALE}")


def indexed(tx: Reader) -> bool:
    """Whether the database has a substring index for the filter (else the server scans)."""
    if tx.dialect == "sqlite":
        rows = tx.rows("SELECT sql FROM sqlite_master WHERE name = ?", (INDEX,))
        return bool(rows) and "fts5" in str(rows[0][0]).lower()
    return bool(tx.rows("SELECT 1 FROM pg_indexes WHERE indexname = ?", (TRIGRAM_INDEX,)))


def _like(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matching_ids(tx: Reader, query: str) -> set[int] | None:
    """Ids of the cases (trashed ones too) whose search text holds ``query``, ignoring case
    and accents; None when the index cannot serve it (shorter than three characters)."""
    needle = needle_of(query)
    if len(needle) < SHORTEST:
        return None
    # The ids come back as one comma-separated text: a row per id would cost the driver
    # more than the search itself (~35 ms against ~7 ms for 77,000 of a million cases).
    if tx.dialect == "sqlite":
        if indexed(tx):
            phrase = '"' + needle.replace('"', '""') + '"'
            rows = tx.rows(f"SELECT group_concat(rowid) FROM {INDEX} WHERE {INDEX} MATCH ?", (phrase,))
        else:
            rows = tx.rows(f"SELECT group_concat(rowid) FROM {INDEX} WHERE instr(folded, ?) > 0", (needle,))
    else:
        # LIKE is what pg_trgm's GIN index serves; without the index the server scans.
        rows = tx.rows(
            f"SELECT string_agg(case_id::text, ',') FROM {INDEX} WHERE folded LIKE ? ESCAPE '\\'",
            (_like(needle),),
        )
    joined = rows[0][0] if rows else None
    found = set(map(int, joined.split(","))) if joined else set()
    for chunk in _stale(tx):
        texts = _texts_of(tx, chunk)
        for case_id in chunk:
            if needle in texts.get(case_id, "\x00"):
                found.add(case_id)
            else:
                found.discard(case_id)
    return found


def joined(dialect: str) -> str:
    """A join of ``cases`` to each case's folded text in the index, as ``folded``: NULL
    where the index does not hold the case yet."""
    return f" LEFT JOIN {INDEX} s ON s.{_key(dialect)} = cases.id"


def fill_in(tx: Reader, ids: Sequence[int], texts: list[str | None]) -> list[str]:
    """``texts`` (each case's at the same place as its id, read through :func:`joined`) with
    the ones the index lacks or holds stale folded again from the cases, in place."""
    stale = {row[0] for row in tx.rows(f"SELECT case_id FROM {STALE}")}
    if texts.count(None):
        stale.update(compress(ids, map(is_, texts, repeat(None))))
    if stale:
        places = list(compress(range(len(ids)), map(stale.__contains__, ids)))
        for chunk in _chunks(places):
            fresh = _texts_of(tx, [ids[place] for place in chunk])
            for place in chunk:
                texts[place] = fresh.get(ids[place], "")
    return texts  # type: ignore[return-value]


# -- the schema (revision 0010 makes it) --------------------------------------

TRIGRAM_INDEX = "ix_case_search_folded_trgm"

SQLITE_FTS = f"CREATE VIRTUAL TABLE {INDEX} USING fts5(folded, tokenize = 'trigram case_sensitive 1')"
# Where this SQLite has no FTS5: the same rows, scanned.
SQLITE_PLAIN = f"CREATE TABLE {INDEX} (folded TEXT NOT NULL)"


def _sqlite_mark(trigger: str, event: str, table: str, rows: Sequence[str], when: str = "") -> str:
    inserts = " ".join(f"INSERT OR IGNORE INTO {STALE} (case_id) VALUES ({row});" for row in rows)
    return f"CREATE TRIGGER {trigger} AFTER {event} ON {table}{when} BEGIN {inserts} END"


SQLITE_DDL = (
    f"CREATE TABLE {STALE} (case_id INTEGER NOT NULL PRIMARY KEY)",
    _sqlite_mark("case_search_case_added", "INSERT", "cases", ["new.id"]),
    _sqlite_mark(
        "case_search_case_changed",
        "UPDATE OF id, provider, service, ticket, notes",
        "cases",
        ["old.id", "new.id"],
    ),
    _sqlite_mark("case_search_case_removed", "DELETE", "cases", ["old.id"]),
    _sqlite_mark("case_search_entry_added", "INSERT", "timeline", ["new.case_id"], " WHEN new.ticket <> ''"),
    _sqlite_mark(
        "case_search_entry_changed", "UPDATE OF case_id, ticket", "timeline", ["old.case_id", "new.case_id"]
    ),
    _sqlite_mark(
        "case_search_entry_removed", "DELETE", "timeline", ["old.case_id"], " WHEN old.ticket <> ''"
    ),
)
SQLITE_DROP = (
    *(
        f"DROP TRIGGER IF EXISTS case_search_{name}"
        for name in (
            "case_added",
            "case_changed",
            "case_removed",
            "entry_added",
            "entry_changed",
            "entry_removed",
        )
    ),
    f"DROP TABLE IF EXISTS {STALE}",
    f"DROP TABLE IF EXISTS {INDEX}",
)

POSTGRES_DDL = (
    f"CREATE TABLE {INDEX} (case_id BIGINT NOT NULL PRIMARY KEY, folded TEXT NOT NULL)",
    f"CREATE TABLE {STALE} (case_id BIGINT NOT NULL PRIMARY KEY)",
    f"""CREATE FUNCTION case_search_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    IF TG_OP <> 'DELETE' THEN INSERT INTO {STALE} VALUES (NEW.id) ON CONFLICT DO NOTHING; END IF;
    IF TG_OP <> 'INSERT' THEN INSERT INTO {STALE} VALUES (OLD.id) ON CONFLICT DO NOTHING; END IF;
  ELSE
    IF TG_OP <> 'DELETE' THEN INSERT INTO {STALE} VALUES (NEW.case_id) ON CONFLICT DO NOTHING; END IF;
    IF TG_OP <> 'INSERT' THEN INSERT INTO {STALE} VALUES (OLD.case_id) ON CONFLICT DO NOTHING; END IF;
  END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER case_search_cases AFTER INSERT OR DELETE "
    "OR UPDATE OF id, provider, service, ticket, notes ON cases "
    "FOR EACH ROW EXECUTE FUNCTION case_search_mark()",
    "CREATE TRIGGER case_search_timeline AFTER INSERT OR DELETE OR UPDATE OF case_id, ticket "
    "ON timeline FOR EACH ROW EXECUTE FUNCTION case_search_mark()",
)
POSTGRES_TRIGRAM = f"CREATE INDEX {TRIGRAM_INDEX} ON {INDEX} USING gin (folded gin_trgm_ops)"
POSTGRES_DROP = (
    "DROP TRIGGER IF EXISTS case_search_timeline ON timeline",
    "DROP TRIGGER IF EXISTS case_search_cases ON cases",
    "DROP FUNCTION IF EXISTS case_search_mark()",
    f"DROP TABLE IF EXISTS {STALE}",
    f"DROP TABLE IF EXISTS {INDEX}",
)
