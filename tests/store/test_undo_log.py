"""The undo log on both backends: each change keeps exactly the rows it wrote, before and
after; an undo puts them back, is logged itself, and refuses what a later change wrote over."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.helpers.store import NOW, CaseFactory
from tracker.domain.errors import NotAllowed, NotFound
from tracker.domain.model import (
    Attachment,
    Case,
    Channel,
    Charge,
    CheckState,
    EntryKind,
    Stage,
    StageKind,
    TimelineEntry,
)
from tracker.store.base import Store

LATER = NOW + timedelta(minutes=5)

Change = Callable[[Case], None]


def change(store: Store, case_id: int, edit: Change) -> int:
    """Apply ``edit`` to the stored case as the core does; the logged change's id."""
    with store.write() as tx:
        case = tx.get(case_id, include_deleted=True, lock=True)
        before = copy.deepcopy(case)
        edit(case)
        case.updated_at = case.updated_at + timedelta(seconds=1)
        tx.save(case, before)
        assert tx.last_change is not None
        return tx.last_change


def added(store: Store, case: Case) -> Case:
    with store.write() as tx:
        return tx.add(case)


def stored(store: Store, case_id: int) -> Case:
    with store.read() as tx:
        return tx.get(case_id, include_deleted=True)


def contact(case: Case) -> None:
    case.ticket = "T-2"
    case.timeline.append(
        TimelineEntry(NOW, EntryKind.CONTACT, "they said tomorrow", Channel.PHONE, ticket="T-2")
    )


def new_ticket(case: Case) -> None:
    case.ticket = "T-3"


def stage(case: Case) -> None:
    case.stages.append(Stage(StageKind.RECLAMO, date(2026, 10, 10), code="R-1"))


def charge(case: Case) -> None:
    case.charges.append(Charge(Decimal("50.00"), "PEN", date(2026, 10, 1)))


def attachment(case: Case) -> None:
    case.attachments.append(Attachment("bill.pdf", "ab" * 32, 6, NOW, "the bill"))


def check(case: Case) -> None:
    case.checks[0].state = CheckState.PASSED
    case.checks[0].checked_at = NOW


def trash(case: Case) -> None:
    case.deleted_at = NOW


@pytest.mark.parametrize("edit", [contact, stage, charge, attachment, check, trash])
def test_an_undone_change_leaves_the_case_as_before(
    database: Store, make_case: CaseFactory, edit: Change
) -> None:
    case = added(database, make_case())
    assert case.id is not None
    change(database, case.id, stage)  # something before, which stays
    before = stored(database, case.id)
    change(database, case.id, edit)
    with database.write() as tx:
        undone, undo = tx.undo(LATER, case_id=case.id)
    assert stored(database, case.id) == before
    assert undo.undoes == undone.id
    with database.read() as tx:
        log = tx.changes(case.id, 10, everything=True)
    assert [(c.id, c.undone_by) for c in log][:2] == [(undo.id, None), (undone.id, undo.id)]


def test_a_change_keeps_only_the_columns_it_wrote(database: Store, make_case: CaseFactory) -> None:
    case = added(database, make_case())
    assert case.id is not None
    change(database, case.id, contact)
    with database.read() as tx:
        (logged,) = tx.changes(case.id, 1)
    assert logged.tables == ("cases", "timeline")
    assert [e.summary for e in logged.entries] == ["they said tomorrow"]
    from tracker.store import undo_log

    with database.read() as tx:
        (row,) = tx.rows("SELECT images FROM undo_log WHERE id = ?", (logged.id,))
    images = undo_log.images_from_text(row[0])
    case_image = images[0]
    assert case_image.before is not None and case_image.after is not None
    assert set(case_image.before) == {"ticket", "updated_at"}


def test_several_levels_back_to_no_case(database: Store, make_case: CaseFactory) -> None:
    case = added(database, make_case())
    assert case.id is not None
    for edit in (contact, stage, charge):
        change(database, case.id, edit)
    for _ in range(3):
        with database.write() as tx:
            tx.undo(LATER, case_id=case.id)
    back = stored(database, case.id)
    assert (back.stages, back.charges, back.ticket) == ([], [], case.ticket)
    with database.write() as tx:
        tx.undo(LATER)  # the case's creation
    with database.read() as tx, pytest.raises(NotFound):
        tx.get(case.id, include_deleted=True)
    with database.write() as tx, pytest.raises(NotFound):
        tx.undo(LATER)


def test_an_undo_that_a_later_change_wrote_over_is_refused_naming_it(
    database: Store, make_case: CaseFactory
) -> None:
    case = added(database, make_case())
    assert case.id is not None
    mine = change(database, case.id, contact)
    theirs = change(database, case.id, new_ticket)  # another writer, after, the same field
    kept = stored(database, case.id)
    with database.write() as tx, pytest.raises(NotAllowed, match=f"change {theirs} "):
        tx.undo(LATER, change_id=mine)
    assert stored(database, case.id) == kept
    with database.write() as tx:
        tx.undo(LATER, change_id=theirs)
        tx.undo(LATER, change_id=mine)
    assert stored(database, case.id).ticket == case.ticket


def test_a_later_change_to_other_fields_does_not_stand_in_the_way(
    database: Store, make_case: CaseFactory
) -> None:
    case = added(database, make_case())
    assert case.id is not None
    mine = change(database, case.id, contact)
    change(database, case.id, check)
    later = stored(database, case.id)
    with database.write() as tx:
        tx.undo(LATER, change_id=mine)
    now = stored(database, case.id)
    assert now.ticket == case.ticket and now.checks == later.checks
    assert now.updated_at == later.updated_at  # the later change's stamp stays
    assert [e.summary for e in now.timeline] == [
        e.summary for e in later.timeline if e.kind is not EntryKind.CONTACT
    ]


def test_changes_on_other_cases_do_not_stand_in_the_way(database: Store, make_case: CaseFactory) -> None:
    one, two = added(database, make_case("Claro")), added(database, make_case("Entel"))
    assert one.id is not None and two.id is not None
    mine = change(database, one.id, charge)
    change(database, two.id, charge)
    with database.write() as tx:
        undone, _undo = tx.undo(LATER, case_id=one.id)
    assert undone.id == mine
    assert stored(database, one.id).charges == []
    assert len(stored(database, two.id).charges) == 1


def test_an_undo_is_not_undone_nor_a_change_twice(database: Store, make_case: CaseFactory) -> None:
    case = added(database, make_case())
    assert case.id is not None
    mine = change(database, case.id, contact)
    with database.write() as tx:
        _undone, undo = tx.undo(LATER, change_id=mine)
    with database.write() as tx, pytest.raises(NotAllowed):
        tx.undo(LATER, change_id=mine)
    with database.write() as tx, pytest.raises(NotAllowed):
        tx.undo(LATER, change_id=undo.id)
