"""Migration 0003 on a database the previous version filled: English entries become facts.

tests/data/rev0002.sql was written by tracker at revision 0002 itself (see
tests/data/make_rev0002.py): every kind of entry it wrote, with user text in
Spanish and Chinese inside.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from tests.helpers.store import Repo, open_sqlite_store
from tracker.domain.events import Event
from tracker.domain.model import EntryKind
from tracker.i18n import activate
from tracker.store import migrate
from tracker.wording.timeline import describe

DATA = Path(__file__).resolve().parents[1] / "data"
COLUMNS_0002 = (
    "id, case_id, at, kind, summary, channel, ticket, agent, next_follow_up, status_from, status_to"
)


@pytest.fixture
def old_db(db_path: Path) -> Path:
    connection = sqlite3.connect(db_path)
    connection.executescript((DATA / "rev0002.sql").read_text(encoding="utf-8"))
    connection.close()
    return db_path


def timeline_rows(path: Path, columns: str = COLUMNS_0002) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT {columns} FROM timeline ORDER BY id").fetchall()
    finally:
        connection.close()


def upgraded_repository(path: Path) -> Repo:
    return Repo(open_sqlite_store(path))


def test_every_entry_reads_in_english_exactly_as_before(old_db: Path) -> None:
    before = {row[0]: row[4] for row in timeline_rows(old_db)}
    repo = upgraded_repository(old_db)
    try:
        entries = [entry for case in repo.iter_all() for entry in case.timeline]
        assert len(entries) == len(before) == 30
        activate("en")
        assert {entry.id: describe(entry) for entry in entries} == before
    finally:
        repo.store.close()


def test_every_entry_the_program_wrote_is_now_a_fact_and_contacts_stay_as_typed(old_db: Path) -> None:
    before = {row[0]: row for row in timeline_rows(old_db)}
    repo = upgraded_repository(old_db)
    try:
        for case in repo.iter_all():
            for entry in case.timeline:
                if entry.kind is EntryKind.CONTACT:
                    assert (entry.event, entry.params, entry.summary) == ("", {}, before[entry.id][4])
                else:
                    assert entry.event in set(Event) and entry.summary == "", before[entry.id]
        first = repo.get(1)
    finally:
        repo.store.close()
    by_id = {entry.id: entry for entry in first.timeline}
    # User text inside the old sentences is kept exactly, parentheses, accents and quotes included.
    assert by_id[5].params == {
        "check": "calls blocked",
        "state": "failed",
        "note": "una llamada de prueba entró (sí)",
    }
    assert by_id[14].params == {"check": "balance zero", "state": "passed", "note": "S/ 0.00 (app)"}
    assert by_id[16].params == {"check": "WhatsApp movido: 'nuevo' número", "required": "false"}
    assert by_id[20].params == {"recheck_on": "2026-11-24"}


def test_the_same_facts_read_in_spanish_and_chinese(old_db: Path) -> None:
    repo = upgraded_repository(old_db)
    try:
        second = repo.get(2)
    finally:
        repo.store.close()
    activate("es")
    assert [describe(e) for e in second.timeline] == [
        "Suspensión solicitada",
        "Se modificó: operador, código de pedido, notas, fecha prometida, guía",
        "Desistido: me quedo con la línea: mejor plan (S/ 19.90)",
        "Reabierto",
        "Desistido",
        "Reabierto",
    ]
    activate("zh_CN")
    assert describe(second.timeline[1]) == "已修改：运营商、工单号、备注、承诺日期、流程模板"


def test_the_other_columns_are_untouched(old_db: Path) -> None:
    before = timeline_rows(old_db)
    upgraded_repository(old_db).store.close()
    after = timeline_rows(old_db)
    assert [row[:4] + row[5:] for row in after] == [row[:4] + row[5:] for row in before]


def test_downgrading_writes_the_english_back(old_db: Path) -> None:
    before = timeline_rows(old_db)
    upgraded_repository(old_db).store.close()
    assert timeline_rows(old_db) != before
    engine = create_engine(f"sqlite:///{old_db}")
    try:
        with engine.begin() as connection:
            command.downgrade(migrate.alembic_config(connection), "0002")
    finally:
        engine.dispose()
    assert timeline_rows(old_db) == before
    assert timeline_rows(old_db, "*") == before  # and the two columns are gone
