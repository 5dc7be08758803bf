"""The bulk path (plain rows) hands out the same cases as the ORM path."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from tests.helpers.store import CaseFactory, Repo
from tracker.domain.model import Action, Channel, Check, CheckState, EntryKind, Status, TimelineEntry
from tracker.store.base import Store

NOW = datetime(2026, 10, 20, 12, 0, 0, 123456, tzinfo=UTC)


def test_in_order_matches_get(database: Store, repo: Repo, make_case: CaseFactory) -> None:
    lima = timezone(timedelta(hours=-5))
    stored = []
    for i in range(5):
        stored.append(
            repo.add(
                make_case(
                    f"provider {i} 漢 \x1b[1m",
                    action=Action.SUSPEND,
                    channel=Channel.APP,
                    ticket=f"T-{i}",
                    notes="x" * i,
                    fee_amount=Decimal("29.90") if i % 2 else None,
                    fee_currency="PEN" if i % 2 else "",
                    status=Status.FAILED,
                    next_follow_up=None if i == 3 else date(2026, 10, 20 + i),
                    checks=[
                        Check(
                            f"c{j}",
                            j == 0,
                            CheckState.FAILED if j == i else CheckState.PASSED,
                            NOW if j else None,
                            "note",
                        )
                        for j in range(i)
                    ],
                    timeline=[
                        TimelineEntry(
                            datetime(2026, 10, 20, 8, tzinfo=lima),
                            EntryKind.CONTACT,
                            f"call {j}",
                            Channel.PHONE,
                            "T",
                            "Rosa",
                            date(2026, 10, 25),
                            Status.REQUESTED,
                            Status.FAILED,
                        )
                        for j in range(i)
                    ],
                )
            )
        )
    repo.delete(stored[4].id, NOW)  # type: ignore[arg-type]
    ids = [c.id for c in reversed(stored)] + [999]
    with_timeline = repo.in_order(ids, timeline=True)  # type: ignore[arg-type]
    without = repo.in_order(ids)  # type: ignore[arg-type]
    # In the order asked for, unknown ids left out, the trash included (callers filter).
    assert [c.id for c in with_timeline] == ids[:-1]
    for loaded in with_timeline:
        assert loaded == repo.get(loaded.id, include_deleted=True)  # type: ignore[arg-type]
    for loaded, full in zip(without, with_timeline, strict=True):
        assert loaded.timeline == []
        assert loaded.checks == full.checks
        full.timeline = []
        assert loaded == full
