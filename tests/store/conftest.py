"""Store fixtures: a real database under tmp_path, a case factory, and a small driver.

``repo`` and ``listing`` (tests/helpers/store.py) wrap each call in its own store
transaction, the way the core uses the store; the store's own API (``with store.write()
as tx``) is what the tests that are about transactions use directly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from tests.helpers.store import NOW, CaseFactory, Listing, Repo, open_target
from tracker.domain.model import Attachment, Case, Charge, Check, Stage, Status
from tracker.store.base import Store


@pytest.fixture
def database(db_target: str) -> Iterator[Store]:
    """The test's store: a SQLite file or a database on the test PostgreSQL server."""
    store = open_target(db_target)
    yield store
    store.close()


@pytest.fixture
def repo(database: Store) -> Repo:
    return Repo(database)


@pytest.fixture
def listing(database: Store) -> Listing:
    return Listing(database)


@pytest.fixture
def make_case() -> CaseFactory:
    def make(
        provider: str = "Movistar Perú",
        *,
        status: Status = Status.REQUESTED,
        next_follow_up: date | None = date(2026, 10, 15),
        **fields: object,
    ) -> Case:
        fields.setdefault("checks", [Check("calls blocked", True), Check("balance zero", True)])
        return Case(
            provider=provider,
            service=str(fields.pop("service", "eSIM +51 987 654 321")),
            requested_on=fields.pop("requested_on", date(2026, 10, 6)),  # type: ignore[arg-type]
            promised_by=fields.pop("promised_by", date(2026, 10, 14)),  # type: ignore[arg-type]
            created_at=NOW,
            updated_at=NOW,
            status=status,
            next_follow_up=next_follow_up,
            **fields,  # type: ignore[arg-type]
        )

    return make


def _without_ids(case: Case) -> Case:
    copied = copy.deepcopy(case)
    copied.id = None
    for check in copied.checks:
        check.id = None
    for entry in copied.timeline:
        entry.id = None
    children: list[Stage | Charge | Attachment] = [*copied.stages, *copied.charges, *copied.attachments]
    for child in children:
        child.id = None
    return copied


@pytest.fixture
def without_ids() -> Callable[[Case], Case]:
    """A copy of a case with the ids the store assigns taken out, to compare with what went in."""
    return _without_ids
