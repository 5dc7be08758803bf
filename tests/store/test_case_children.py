"""Stages, charges and attachments are stored with their case and read back whole."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from tests.helpers.store import Repo
from tracker.domain.model import Attachment, Case, Channel, Charge, Outcome, Stage, StageKind, Topic

TABLES = ("stages", "charges", "attachments")

NOW = datetime(2026, 8, 20, 12, tzinfo=UTC)
SHA = "a" * 64


def with_children(case: Case) -> Case:
    case.effective_on = date(2026, 8, 10)
    case.answer_due, case.user_due, case.user_alert_on = (
        date(2026, 9, 7),
        date(2026, 10, 12),
        date(2026, 10, 2),
    )
    case.stages = [
        Stage(
            StageKind.RECLAMO,
            date(2026, 7, 31),
            Channel.WEB,
            "REC-1",
            Topic.BILLING,
            Decimal("79.80"),
            "ñ 漢",
        ),
        Stage(
            StageKind.QUEJA,
            date(2026, 9, 8),
            answered_on=date(2026, 9, 18),
            outcome=Outcome.PARCIAL,
            answer_code="RES-9",
            answer_note="parte",
        ),
    ]
    case.charges = [
        Charge(
            Decimal("79.80"),
            "PEN",
            date(2026, 8, 5),
            date(2026, 8, 1),
            date(2026, 8, 31),
            owed=False,
            note="x",
            receipt="B001-00012345",
            due_on=date(2026, 8, 25),
        ),
        Charge(Decimal("10"), "USD", date(2026, 8, 6)),
    ]
    case.attachments = [Attachment("constancia.png", SHA, 1234, NOW, "the receipt")]
    return case


def test_children_round_trip_through_add_save_and_bulk_reads(
    repo: Repo, make_case: Callable[..., Case], without_ids: Callable[[Case], Case]
) -> None:
    original = with_children(make_case())
    stored = repo.add(copy.deepcopy(original))
    assert stored.id is not None
    assert without_ids(stored) == without_ids(original)
    assert all(s.id is not None for s in stored.stages)
    assert without_ids(repo.get(stored.id)) == without_ids(original)
    assert without_ids(repo.in_order([stored.id], timeline=True)[0]) == without_ids(original)
    assert without_ids(repo.iter_all()[0]) == without_ids(original)
    # A save writes the lists whole: a removed charge is gone, a new stage is there.
    stored.charges.pop()
    stored.stages.append(Stage(StageKind.APELACION, date(2026, 10, 9)))
    saved = repo.save(stored)
    again = repo.get(stored.id)
    assert without_ids(again) == without_ids(saved)
    assert [c.currency for c in again.charges] == ["PEN"]
    assert [s.kind for s in again.stages] == [StageKind.RECLAMO, StageKind.QUEJA, StageKind.APELACION]
    assert repo.ids_with_charges() == [stored.id]


def test_bulk_inserts_and_imports_carry_children(
    repo: Repo, make_case: Callable[..., Case], without_ids: Callable[[Case], Case]
) -> None:
    original = with_children(make_case())
    repo.add_many([copy.deepcopy(original)])
    stored = repo.get(1)
    assert without_ids(stored) == without_ids(original)
    replaced = copy.deepcopy(stored)
    replaced.attachments = []
    replaced.charges[0].owed = None
    repo.replace(replaced)
    assert without_ids(repo.get(1)) == without_ids(replaced)


def test_a_case_in_the_trash_keeps_its_children(
    repo: Repo, make_case: Callable[..., Case], db_path: Path
) -> None:
    stored = repo.add(with_children(make_case()))
    assert stored.id is not None
    trashed = repo.delete(stored.id, NOW)
    assert len(trashed.stages) == 2 and len(repo.trash()[0].charges) == 2
    assert repo.ids_with_charges() == []
    assert len(repo.restore(stored.id).attachments) == 1
    repo.delete(stored.id, NOW)
    repo.purge(stored.id)
    assert [repo.count(table) for table in TABLES] == [0, 0, 0]  # purged for good, children with it
