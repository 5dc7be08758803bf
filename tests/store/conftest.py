"""Store fixtures: a real database file under tmp_path and a case factory."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tracker.domain.model import Case, Check, Status
from tracker.store.database import Database, open_database
from tracker.store.repository import CaseRepository

NOW = datetime(2026, 10, 20, 12, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(str(db_path), now=NOW)
    yield db
    db.close()


@pytest.fixture
def repo(database: Database) -> CaseRepository:
    return CaseRepository(database)


CaseFactory = Callable[..., Case]


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
    return copied


@pytest.fixture
def without_ids() -> Callable[[Case], Case]:
    """A copy of a case with the ids the store assigns taken out, to compare with what went in."""
    return _without_ids
