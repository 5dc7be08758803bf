"""The case repository on a real SQLite file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.store import CaseFactory, Repo, open_sqlite_store
from tracker.domain import workflow
from tracker.domain.errors import NotAllowed, NotFound
from tracker.domain.flags import FlagFacts, is_closed
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
from tracker.domain.playbooks import ESIM_PE

NOW = datetime(2026, 10, 20, 12, 0, 0, 123456, tzinfo=UTC)
TODAY = date(2026, 10, 20)

TEXTS = {
    "chinese": "中国移动通信：取消服务，号码 +86 138 0013 8000",
    "spanish": "Señora Núñez: ¿baja del número? ¡Sí! Año, pingüino, acción",
    "emoji": "📱❌ 👨‍👩‍👧 🇵🇪 ✅",
    "markup": "[bold]x[/bold] [red]not red[/] [link=http://x]y[/link] \\[escaped]",
    "escapes": "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b[2J",
    "controls": "a\x00b\x01c\x7f\r\nline2\ttab\u202eevil\u200b\ufeff",
    "long": "é漢🙂x" * 1250,
}


def rich_case(make_case: Callable[..., Case]) -> Case:
    """A case with every field set, text of every kind, checks and a timeline."""
    checked = datetime(2026, 10, 19, 23, 59, 59, 999999, tzinfo=UTC)
    lima = timezone(timedelta(hours=-5))
    return make_case(
        TEXTS["chinese"] + " " + TEXTS["emoji"],
        service=TEXTS["spanish"],
        action=Action.SUSPEND,
        playbook="esim-pe",
        channel=Channel.WEB,
        ticket=TEXTS["escapes"],
        status=Status.FAILED,
        next_follow_up=date(2026, 10, 21),
        notes=TEXTS["long"] + TEXTS["controls"] + TEXTS["markup"],
        fee_amount=Decimal("29.90"),
        fee_currency="PEN",
        checks=[
            Check("calls blocked", True, CheckState.PASSED, checked, "called from " + TEXTS["emoji"]),
            Check(TEXTS["markup"], False, CheckState.FAILED, checked, TEXTS["controls"]),
            Check("balance zero", True),
        ],
        timeline=[
            TimelineEntry(
                NOW,
                EntryKind.CREATED,
                "Cancel requested",
                Channel.WEB,
                ticket="R-1",
                next_follow_up=date(2026, 10, 15),
                status_to=Status.REQUESTED,
            ),
            TimelineEntry(
                datetime(2026, 10, 20, 8, 30, tzinfo=lima),
                EntryKind.CONTACT,
                TEXTS["long"],
                Channel.CHAT,
                ticket=TEXTS["escapes"],
                agent=TEXTS["spanish"],
                next_follow_up=date(2026, 10, 21),
            ),
            TimelineEntry(
                NOW,
                EntryKind.STATUS,
                TEXTS["controls"],
                status_from=Status.REQUESTED,
                status_to=Status.FAILED,
            ),
        ],
    )


def test_round_trip_keeps_every_field_exactly(
    repo: Repo, make_case: CaseFactory, without_ids: Callable[[Case], Case]
) -> None:
    original = rich_case(make_case)
    stored = repo.add(original)
    assert isinstance(stored.id, int)
    assert all(isinstance(c.id, int) for c in stored.checks)
    assert all(isinstance(e.id, int) for e in stored.timeline)
    loaded = repo.get(stored.id)
    assert loaded == stored
    assert without_ids(loaded) == original
    # Spot checks, so a failure says which text did not survive.
    assert loaded.provider == original.provider
    assert loaded.notes == original.notes and len(loaded.notes) > 5000
    assert "\x00" in loaded.notes  # NUL survives SQLite TEXT
    assert loaded.ticket == TEXTS["escapes"]
    assert loaded.checks[1].name == TEXTS["markup"]
    assert loaded.fee_amount == Decimal("29.90") and str(loaded.fee_amount) == "29.90"
    # Timestamps come back aware, in UTC, to the microsecond.
    assert loaded.created_at.tzinfo is not None
    assert loaded.created_at == NOW and loaded.created_at.microsecond == 123456
    assert loaded.timeline[1].at == datetime(2026, 10, 20, 13, 30, tzinfo=UTC)
    assert loaded.checks[0].checked_at == original.checks[0].checked_at


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_each_kind_of_text_round_trips_in_every_text_field(
    repo: Repo, make_case: CaseFactory, name: str
) -> None:
    value = TEXTS[name]
    case = make_case(
        value,
        service=value,
        ticket=value,
        notes=value,
        checks=[Check(value, True, note=value)],
        timeline=[TimelineEntry(NOW, EntryKind.CONTACT, value, ticket=value, agent=value)],
    )
    loaded = repo.get(repo.add(case).id)  # type: ignore[arg-type]
    assert [loaded.provider, loaded.service, loaded.ticket, loaded.notes] == [value] * 4
    assert (loaded.checks[0].name, loaded.checks[0].note) == (value, value)
    entry = loaded.timeline[0]
    assert (entry.summary, entry.ticket, entry.agent) == (value, value, value)


def test_naive_timestamps_are_refused(repo: Repo, make_case: CaseFactory) -> None:
    case = make_case()
    case.created_at = datetime(2026, 10, 20, 12)
    with pytest.raises(ValueError, match="naive datetime"):
        repo.add(case)
    assert repo.live(TODAY, include_closed=True) == []


def test_save_updates_fields_checks_and_appends_to_the_timeline(
    repo: Repo, make_case: CaseFactory, without_ids: Callable[[Case], Case]
) -> None:
    case = repo.add(make_case())
    later = NOW + timedelta(hours=2)
    workflow.set_check(case, "calls blocked", CheckState.FAILED, later, TODAY, note="rang")
    workflow.add_check(case, "SMS blocked", later)
    workflow.log_contact(
        case, "Asked again", ESIM_PE, ESIM_PE.calendar(), later, TODAY, ticket="R-2", agent="Rosa"
    )
    saved = repo.save(case)
    loaded = repo.get(case.id)  # type: ignore[arg-type]
    assert loaded == saved
    assert without_ids(loaded) == without_ids(case)
    assert loaded.status is Status.REQUESTED and loaded.ticket == "R-2"
    assert [e.kind for e in loaded.timeline] == [
        EntryKind.CHECK,
        EntryKind.STATUS,
        EntryKind.CHECK,
        EntryKind.CONTACT,
        EntryKind.STATUS,
    ]
    # Saving again adds nothing twice.
    again = repo.save(loaded)
    assert len(again.timeline) == 5 and len(again.checks) == 3
    # A check removed from the case is removed from the store.
    loaded.checks = [c for c in loaded.checks if c.name != "SMS blocked"]
    assert [c.name for c in repo.save(loaded).checks] == ["calls blocked", "balance zero"]
    assert repo.count("checks") == 2


def test_save_keeps_the_check_counters_in_step(repo: Repo, make_case: CaseFactory) -> None:
    case = repo.add(make_case(checks=[Check("a"), Check("b"), Check("c")]))
    workflow.set_check(case, "a", CheckState.PASSED, NOW, TODAY)
    workflow.set_check(case, "b", CheckState.FAILED, NOW, TODAY)
    repo.save(case)
    [summary] = repo.summaries(TODAY)
    assert (summary.checks_total, summary.checks_passed, summary.checks_failed) == (3, 1, 1)
    assert summary.progress == "1/3"
    assert summary.facts == FlagFacts.of(repo.get(case.id))  # type: ignore[arg-type]


def test_save_needs_a_stored_case(repo: Repo, make_case: CaseFactory) -> None:
    with pytest.raises(ValueError):
        repo.save(make_case())


def test_lookup_by_id_uuid_and_prefix(repo: Repo, make_case: CaseFactory) -> None:
    first = repo.add(make_case("one"))
    second = repo.add(make_case("two"))
    assert repo.get(first.id).provider == "one"  # type: ignore[arg-type]
    assert repo.get(str(second.id)).provider == "two"
    assert repo.get(f" {second.id} ").provider == "two"
    assert repo.get(first.uuid).id == first.id
    assert repo.get(first.uuid.upper()).id == first.id
    assert repo.get(first.uuid[:8]).id == first.id
    assert repo.get(second.uuid[:4]).id == second.id


def test_lookup_refusals(repo: Repo, make_case: CaseFactory) -> None:
    repo.add(make_case(uuid="abcd1111-0000-4000-8000-000000000001"))
    repo.add(make_case(uuid="abcd2222-0000-4000-8000-000000000002"))
    with pytest.raises(NotFound, match="more than one"):
        repo.get("abcd")
    assert repo.get("abcd2").uuid.startswith("abcd2")
    for ref in ("99", 99, "ffff", "abcd3", "abc", "x1", "%", "ab_d", ""):
        with pytest.raises(NotFound):
            repo.get(ref)


def test_an_all_digit_uuid_prefix_finds_its_case(repo: Repo, make_case: CaseFactory) -> None:
    first = repo.add(make_case("first"))
    digits = repo.add(make_case("digits", uuid="12345678-9abc-4def-8000-000000000000"))
    assert repo.get("12345678").id == digits.id
    assert repo.get("1234").id == digits.id
    # A case number still wins over a UUID prefix.
    assert repo.get(str(first.id)).id == first.id
    with pytest.raises(NotFound):
        repo.get("87654321")


def test_delete_moves_to_the_trash_and_restore_brings_back(repo: Repo, make_case: CaseFactory) -> None:
    kept = repo.add(make_case("kept", next_follow_up=date(2026, 10, 1)))
    gone = repo.add(make_case("gone", next_follow_up=date(2026, 10, 1)))
    deleted = repo.delete(gone.uuid, NOW)
    assert deleted.deleted_at == NOW
    with pytest.raises(NotFound, match="trash"):
        repo.get(gone.id)  # type: ignore[arg-type]
    assert repo.get(gone.id, include_deleted=True).deleted_at == NOW  # type: ignore[arg-type]
    assert [c.id for c in repo.live(TODAY, include_closed=True)] == [kept.id]
    assert [c.id for c in repo.due(TODAY)] == [kept.id]
    assert [s.id for s in repo.summaries(TODAY, include_closed=True)] == [kept.id]
    assert [c.id for c in repo.trash()] == [gone.id]
    with pytest.raises(NotFound):
        repo.delete(gone.id, NOW)  # type: ignore[arg-type]

    restored = repo.restore(gone.id)  # type: ignore[arg-type]
    assert restored.deleted_at is None
    assert repo.get(gone.id).provider == "gone"  # type: ignore[arg-type]
    assert repo.trash() == []
    # Stored cases have ids.
    assert sorted(c.id for c in repo.live(TODAY)) == sorted([kept.id, gone.id])  # type: ignore[type-var]
    with pytest.raises(NotAllowed, match="not in the trash"):
        repo.restore(gone.id)  # type: ignore[arg-type]


def test_purge_only_from_the_trash_and_takes_checks_and_timeline(repo: Repo, make_case: CaseFactory) -> None:
    case = repo.add(make_case(timeline=[TimelineEntry(NOW, EntryKind.CREATED, "new")]))
    with pytest.raises(NotAllowed):
        repo.purge(case.id)  # type: ignore[arg-type]
    repo.delete(case.id, NOW)  # type: ignore[arg-type]
    repo.purge(case.id)  # type: ignore[arg-type]
    for table in ("cases", "checks", "timeline"):
        assert repo.count(table) == 0


def test_due_returns_live_cases_due_on_or_before_the_date(repo: Repo, make_case: CaseFactory) -> None:
    def add(name: str, status: Status, offset: int | None) -> int:
        due = None if offset is None else TODAY + timedelta(days=offset)
        return repo.add(make_case(name, status=status, next_follow_up=due)).id  # type: ignore[return-value]

    overdue = add("overdue", Status.REQUESTED, -3)
    today = add("today", Status.CONFIRMED, 0)
    failed = add("failed", Status.FAILED, -1)
    recheck = add("recheck", Status.VERIFIED, -2)
    add("tomorrow", Status.REQUESTED, 1)
    add("none", Status.REQUESTED, None)
    add("withdrawn", Status.WITHDRAWN, -5)
    add("verified later", Status.VERIFIED, 10)
    trashed = add("trashed", Status.REQUESTED, -4)
    repo.delete(trashed, NOW)

    due = repo.due(TODAY)
    assert [c.id for c in due] == [overdue, recheck, failed, today]  # by follow-up date
    assert all([ch.name for ch in c.checks] == ["calls blocked", "balance zero"] for c in due)
    assert {c.provider for c in repo.due(TODAY + timedelta(days=1))} == {
        "overdue",
        "today",
        "failed",
        "recheck",
        "tomorrow",
    }
    assert repo.due(TODAY - timedelta(days=10)) == []


def test_due_lists_what_is_due_most_overdue_first(repo: Repo, make_case: CaseFactory) -> None:
    # The query plan (the partial index ix_cases_due) is checked in test_listing.py.
    cases = [make_case(f"p{i}", next_follow_up=TODAY + timedelta(days=i % 90 - 30)) for i in range(300)]
    repo.add_many(cases)
    due = repo.due(TODAY)
    assert len(due) == sum(1 for i in range(300) if i % 90 - 30 <= 0)
    dates = [c.next_follow_up for c in due]
    assert dates == sorted(dates)  # type: ignore[type-var]


STATUS_GRID = list(Status)
OFFSETS = [None, -1, 0, 1]


def test_sql_closed_condition_agrees_with_the_domain(repo: Repo, make_case: CaseFactory) -> None:
    ids: dict[int, FlagFacts] = {}
    for status in STATUS_GRID:
        for offset in OFFSETS:
            due = None if offset is None else TODAY + timedelta(days=offset)
            case = repo.add(make_case(status=status, next_follow_up=due))
            ids[case.id] = FlagFacts.of(case)  # type: ignore[index]
    for day in (TODAY - timedelta(days=2), TODAY, TODAY + timedelta(days=2)):
        expected = sorted(i for i, facts in ids.items() if not is_closed(facts, day))
        assert sorted(c.id for c in repo.live(day)) == expected, day  # type: ignore[type-var]
        assert sorted(s.id for s in repo.summaries(day)) == expected, day
        assert len(repo.live(day, include_closed=True)) == len(ids)
        assert len(repo.summaries(day, include_closed=True)) == len(ids)


def test_add_many_keeps_each_cases_checks_and_timeline(
    repo: Repo, make_case: CaseFactory, without_ids: Callable[[Case], Case]
) -> None:
    cases = []
    for i in range(23):
        checks = [
            Check(f"check {i}.{j}", j == 0, CheckState.PASSED if j % 2 else CheckState.PENDING)
            for j in range(i % 4)
        ]
        timeline = [
            TimelineEntry(NOW + timedelta(minutes=j), EntryKind.CONTACT, f"contact {i}.{j}")
            for j in range(i % 3)
        ]
        cases.append(
            make_case(
                f"provider {i} {TEXTS['emoji']}",
                checks=checks,
                timeline=timeline,
                fee_amount=Decimal(i) / 4 if i % 2 else None,
            )
        )
    assert repo.add_many(iter(cases), batch=5) == 23
    stored = list(repo.iter_all(batch=4))
    assert len(stored) == 23
    assert [without_ids(c) for c in stored] == cases
    for case in stored:
        summary = next(s for s in repo.summaries(TODAY, include_closed=True) if s.id == case.id)
        assert summary.checks_total == len(case.checks)
        assert summary.checks_passed == case.checks_passed


def test_add_many_of_nothing(repo: Repo) -> None:
    assert repo.add_many([]) == 0


def test_iter_all_can_leave_out_the_trash(repo: Repo, make_case: CaseFactory) -> None:
    ids = [repo.add(make_case(f"p{i}")).id for i in range(5)]
    repo.delete(ids[2], NOW)  # type: ignore[arg-type]
    assert [c.id for c in repo.iter_all(batch=2)] == ids
    assert [c.id for c in repo.iter_all(include_deleted=False, batch=2)] == [i for i in ids if i != ids[2]]


def test_two_databases_on_one_file_see_each_others_writes(db_path: Path, make_case: CaseFactory) -> None:
    first, second = open_sqlite_store(db_path), open_sqlite_store(db_path)
    try:
        Repo(first).add(make_case("from the TUI"))
        Repo(second).add(make_case("from cron"))
        assert {c.provider for c in Repo(first).live(TODAY)} == {"from the TUI", "from cron"}
    finally:
        first.close()
        second.close()
