"""The filter through the database's index (FTS5 trigram, pg_trgm): the same answers as the
scan of folded text it replaces, kept in step by every write, on both backends."""

from __future__ import annotations

import copy
import sqlite3
import tracemalloc
from array import array
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers.store import NOW, CaseFactory, Listing, Repo
from tests.postgres_server import PASSWORD, PASSWORD_USER, Server
from tracker.domain.model import Case, Channel, EntryKind, Status, TimelineEntry
from tracker.domain.search import needle_of
from tracker.store import check_target, open_store, resolve, search_index
from tracker.store.base import Store

TODAY = date(2026, 10, 20)

# Accents both ways, case folding beyond ASCII, CJK, emoji, earlier tickets, what LIKE
# would take for a wildcard, and queries of every length around the trigram's three.
QUERIES = [
    "peru",
    "PERÚ",
    "perú",
    "movistar per",
    "strasse",
    "STRAẞE",
    "pena",
    "Peña",
    "中国移",
    "中国移动",
    "已经取消",
    "客服说",
    "🎬 4",
    "old-77",
    "OLD-77",
    "r-2026",
    "50%",
    "e_c",
    "k\\s",
    '"quo',
    "zzz-none",
    "peru\x00",  # a NUL is a space, as in the scan (no database takes it in a string)
    "sin respuesta",
    "  claro  ",
    "c",
    "cl",
    "移动",
    "é",
    "1",
]


def old_filter(listing: Listing, query: str, include_closed: bool = True) -> list[int]:
    """What the filter answered before the index: a scan of every live case's folded text."""
    with listing.store.read() as tx:
        ids = tx.ordered_ids(TODAY, include_closed)
        texts = dict(_folded(tx, "WHERE deleted_at IS NULL"))
    needle = needle_of(query)
    return [case_id for case_id in ids if needle in texts[case_id]]


def _folded(tx: object, where: str) -> list[tuple[int, str]]:
    return list(search_index.folded_rows(tx.rows(search_index.texts_query(tx.dialect, f" {where}"))))  # type: ignore[attr-defined]


@pytest.fixture
def cases(repo: Repo, make_case: CaseFactory) -> dict[str, Case]:
    made = {
        "peru": make_case("Movistar Perú", notes="Llamé dos veces, sin respuesta."),
        "strasse": make_case("Straße Mobilfunk", service="Vertrag", ticket="R-2026-000001"),
        "pena": make_case("Claro", notes="cuenta de Peña", status=Status.VERIFIED, next_follow_up=None),
        "cjk": make_case("中国移动", service="宽带 42", notes="客服说已经取消"),
        "emoji": make_case("Netflix", service="Suscripción anual 🎬 41"),
        "percent": make_case("Entel", notes="50% off"),
        "underscore": make_case("Bitel", service="line_closed"),
        "backslash": make_case("Smart Fit", notes="desk\\stand"),
        "quote": make_case("Disney+", notes='he said "quote"'),
        "trashed": make_case("Movistar Perú", notes="in the trash", ticket="OLD-99"),
    }
    earlier = made["percent"]
    earlier.ticket = "NEW-1"
    earlier.timeline.append(
        TimelineEntry(NOW, EntryKind.CONTACT, "first call", Channel.PHONE, ticket="OLD-77")
    )
    for name, case in made.items():
        made[name] = repo.add(case)
    repo.delete(made["trashed"].id, NOW)  # type: ignore[arg-type]
    return made


@pytest.mark.parametrize("include_closed", [True, False])
def test_the_index_answers_as_the_scan_did(
    listing: Listing, cases: dict[str, Case], include_closed: bool
) -> None:
    for query in QUERIES:
        expected = old_filter(listing, query, include_closed)
        got = list(listing.ordered_ids(TODAY, include_closed, text=query))
        assert got == expected, query


@pytest.mark.parametrize("include_closed", [True, False])
def test_the_texts_read_with_the_list_answer_as_the_scan_did(
    listing: Listing, cases: dict[str, Case], include_closed: bool
) -> None:
    """What the TUI's filter looks through once its box is open: each case's text beside its id."""
    with listing.store.read() as tx:
        ordered = tx.ordered_texts(TODAY, include_closed)
    assert list(ordered.ids) == list(listing.ordered_ids(TODAY, include_closed))
    for query in QUERIES:
        got = list(ordered.matching(query).ids)
        assert got == old_filter(listing, query, include_closed), query


def test_what_each_query_finds(listing: Listing, cases: dict[str, Case]) -> None:
    def found(query: str) -> set[int]:
        return set(listing.ordered_ids(TODAY, True, text=query))

    def ids(*names: str) -> set[int]:
        return {cases[name].id for name in names}  # type: ignore[misc]

    assert found("peru") == ids("peru")  # the trashed Perú case is not listed
    assert found("STRASSE") == ids("strasse")
    assert found("pena") == ids("pena")
    assert found("中国移") == ids("cjk")
    assert found("已经取消") == ids("cjk")
    assert found("old-77") == ids("percent")  # a ticket the case had before
    assert found("50%") == ids("percent")
    assert found("e_c") == ids("underscore")
    assert found("k\\s") == ids("backslash")
    assert found('"quote"') == ids("quote")
    assert found("old-99") == set()


def test_three_characters_and_more_come_from_the_index(listing: Listing, cases: dict[str, Case]) -> None:
    assert listing.search_ids("pe") is None  # too short for trigrams: the caller scans
    assert listing.search_ids("per") == {cases["peru"].id, cases["trashed"].id}


def test_every_write_keeps_the_index_in_step(
    database: Store, repo: Repo, listing: Listing, cases: dict[str, Case]
) -> None:
    peru = repo.get(cases["peru"].id)  # type: ignore[arg-type]
    peru.provider = "Vodafone España"
    repo.save(peru)
    assert listing.search_ids("movistar") == {cases["trashed"].id}
    assert listing.search_ids("espana") == {peru.id}

    # A new ticket: the old one stays findable through the timeline.
    pena = repo.get(cases["pena"].id)  # type: ignore[arg-type]
    pena.timeline.append(TimelineEntry(NOW, EntryKind.CONTACT, "again", Channel.WEB, ticket="ZX-1"))
    pena.ticket = "ZX-2"
    repo.save(pena)
    assert listing.search_ids("zx-1") == listing.search_ids("zx-2") == {pena.id}

    # Undo of the last change puts the text back.
    with database.write() as tx:
        tx.undo(NOW + timedelta(minutes=1), case_id=pena.id)
    assert listing.search_ids("zx-") == set()
    assert listing.search_ids("peña") == {pena.id}

    # Restore from the trash lists it again; purge forgets it.
    trashed = cases["trashed"].id
    assert trashed not in listing.ordered_ids(TODAY, True, text="in the trash")
    repo.restore(trashed)  # type: ignore[arg-type]
    assert list(listing.ordered_ids(TODAY, True, text="in the trash")) == [trashed]
    repo.delete(trashed, NOW)  # type: ignore[arg-type]
    repo.purge(trashed)  # type: ignore[arg-type]
    assert listing.search_ids("in the trash") == set()

    # An import's whole-case replace.
    replaced = copy.deepcopy(repo.get(cases["emoji"].id))  # type: ignore[arg-type]
    replaced.notes = "importado: Ñandú"
    replaced.timeline = [TimelineEntry(NOW, EntryKind.CONTACT, "x", Channel.PHONE, ticket="IMP-5")]
    repo.replace(replaced)
    assert listing.search_ids("nandu") == listing.search_ids("imp-5") == {replaced.id}
    for query in QUERIES:
        assert list(listing.ordered_ids(TODAY, True, text=query)) == old_filter(listing, query), query


def test_a_bulk_add_is_searchable(repo: Repo, listing: Listing, make_case: CaseFactory) -> None:
    repo.add_many(make_case(f"Proveedor {n:03d}", notes="Añadido en bloque") for n in range(700))
    assert len(listing.search_ids("anadido")) == 700
    assert len(listing.search_ids("proveedor 06")) == 10


def test_the_bulk_path_folds_what_a_refresh_would(database: Store, make_case: CaseFactory) -> None:
    """Imports and copies fold the cases they insert straight into the index, from the cases:
    the same text, earlier tickets in the timeline's order, as folding the stored rows gives,
    and nothing left marked for the commit to fold again."""
    made = []
    for n in range(1200):
        case = make_case(f"Proveedor {n:04d}", notes="Añadido\x00en bloque" if n % 2 else "", ticket=f"T-{n}")
        case.timeline = [
            TimelineEntry(NOW, EntryKind.CONTACT, "call", Channel.PHONE, ticket=ticket)
            for ticket in (f"Z-{n}", "", f"A-{n}", f"M-{n}")[: n % 5]
        ]
        made.append(case)
    key = "rowid" if database.backend == "sqlite" else "case_id"
    with database.write() as tx:
        assert tx.add_many(made, batch=700) == 1200
        assert tx.rows(f"SELECT count(*) FROM {search_index.STALE}")[0][0] == 0
        written = [
            tuple(row) for row in tx.rows(f"SELECT {key}, folded FROM {search_index.INDEX} ORDER BY 1")
        ]
        assert written == _folded(tx, "ORDER BY id")
        assert written[3][1] == "proveedor 0003\nesim +51 987 654 321\nt-3\nanadido en bloque\nz-3\na-3"


def test_a_refresh_reads_the_marks_a_chunk_at_a_time(database: Store) -> None:
    """After an import every case is marked: reading every mark at once held ~90 MB at a
    million cases. What a refresh holds must not grow with how many are marked."""

    def peak_of_refresh(marked: int) -> int:
        with database.write() as tx:
            tx.insert_rows(search_index.STALE, ("case_id",), [(n,) for n in range(1, marked + 1)])
            tracemalloc.start()
            try:
                search_index.refresh(tx)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
            assert tx.rows(f"SELECT count(*) FROM {search_index.STALE}")[0][0] == 0
        return peak

    # The statements' caches made once, before either is measured: psycopg prepares a
    # statement once it has run five times, and a refresh of 2,000 marks runs it four
    # (measured so, 40,000 marks came to 1.50x the peak of 2,000 on PostgreSQL).
    peak_of_refresh(5_000)
    small, large = peak_of_refresh(10_000), peak_of_refresh(40_000)
    # Every mark in one list made this grow with the marks (3.6 MB at 40,000 on SQLite).
    assert large <= 1.5 * small, f"{large / small:.2f}x the peak for 4x the marks"


@pytest.mark.sqlite_only
def test_another_programs_write_is_seen_at_once(
    db_path: Path, listing: Listing, cases: dict[str, Case]
) -> None:
    """A change made with the sqlite3 shell, say: the triggers mark the case, readers fold it,
    through the index and in the texts the TUI's filter holds (a row the index lost too)."""
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE cases SET notes = 'cambiado por fuera' WHERE id = ?", (cases["peru"].id,))
        raw.execute("DELETE FROM case_search WHERE rowid = ?", (cases["cjk"].id,))  # lost
    assert listing.search_ids("por fuera") == {cases["peru"].id}
    assert listing.search_ids("sin respuesta") == set()
    with listing.store.read() as tx:
        ordered = tx.ordered_texts(TODAY, True)
    assert list(ordered.matching("por fuera").ids) == [cases["peru"].id]
    assert list(ordered.matching("sin respuesta").ids) == []
    assert list(ordered.matching("客服").ids) == [cases["cjk"].id]


@pytest.mark.sqlite_only
def test_the_sqlite_filter_uses_the_fts_index(db_path: Path, cases: dict[str, Case]) -> None:
    with sqlite3.connect(db_path) as raw:
        plan = raw.execute(
            "EXPLAIN QUERY PLAN SELECT rowid FROM case_search WHERE case_search MATCH ?", ('"peru"',)
        ).fetchall()
    assert any("VIRTUAL TABLE INDEX" in str(row[-1]) for row in plan), plan


def test_the_fold_is_the_filters(listing: Listing, cases: dict[str, Case]) -> None:
    """An ordered list filtered by what the index found keeps the list's order."""
    everything = listing.ordered_ids(TODAY, True)
    found = listing.search_ids("per")
    assert found is not None
    assert list(filter(found.__contains__, everything)) == [i for i in everything if i in found]
    assert isinstance(listing.ordered_ids(TODAY, True, text="per"), array)


def test_the_database_has_the_substring_index(database: Store) -> None:
    """FTS5 on SQLite; on PostgreSQL the pg_trgm GIN index (the test server has the extension)."""
    with database.read() as tx:
        assert search_index.indexed(tx)


def test_without_pg_trgm_the_server_scans_and_db_check_says_so(
    pg_server: Server, make_case: CaseFactory
) -> None:
    """A user who may make tables but not extensions: the upgrade goes through without the
    trigram index, the filter still answers (the server scans), and `db check` says why."""
    name = pg_server.new_database(empty=True)
    try:
        pg_server.sql(f"GRANT CREATE, USAGE ON SCHEMA public TO {PASSWORD_USER}", name)
        url = pg_server.url(name, PASSWORD_USER, PASSWORD)
        store = open_store(resolve(url), now=NOW).store
        try:
            repo, listing = Repo(store), Listing(store)
            peru = repo.add(make_case("Movistar Perú"))
            repo.add(make_case("Claro"))
            with store.read() as tx:
                assert not search_index.indexed(tx)
            assert listing.search_ids("peru") == {peru.id}
            assert list(listing.ordered_ids(TODAY, True, text="PERÚ")) == [peru.id]
        finally:
            store.close()
        problems, notes = check_target(resolve(url))
        assert problems == []
        assert [note for note in notes if "pg_trgm" in note] == [
            "the filter has no index on this server (the pg_trgm extension could not be created), "
            "so each search reads every case: a superuser can run CREATE EXTENSION pg_trgm "
            "in this database, and CREATE INDEX ix_case_search_folded_trgm ON case_search "
            "USING gin (folded gin_trgm_ops)"
        ]
    finally:
        pg_server.drop_database(name)
