"""The plain-SQL list queries agree with the domain's rules, and use the due index."""

from __future__ import annotations

import itertools
import sqlite3
from array import array
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.store import CaseFactory, Listing, Repo
from tracker.domain.flags import Flag, FlagFacts, flags_for, follow_up_pending, is_closed, sort_by_urgency
from tracker.domain.model import Case, Check, CheckState, EntryKind, Status, TimelineEntry
from tracker.store.base import Store
from tracker.store.sqlite import SqliteTransaction

TODAY = date(2026, 10, 20)
NOW = datetime(2026, 10, 20, 12, tzinfo=UTC)
DAYS = [TODAY - timedelta(days=2), TODAY, TODAY + timedelta(days=2)]


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@pytest.fixture
def grid(repo: Repo, make_case: CaseFactory) -> list[Case]:
    """Every status × follow-up × promise around today's boundaries, one of each."""
    cases = []
    follow_ups = [None, -3, -2, -1, 0, 1, 2, 3]
    promises = [-3, -1, 0, 1, 3]
    for status, follow_up, promise in itertools.product(Status, follow_ups, promises):
        cases.append(
            make_case(
                f"{status.value} {follow_up} {promise}",
                status=status,
                next_follow_up=None if follow_up is None else day(follow_up),
                promised_by=day(promise),
                requested_on=day(-10),
            )
        )
    repo.add_many(cases)
    trashed = repo.add(make_case("trashed", next_follow_up=day(-5)))
    repo.delete(trashed.id, NOW)  # type: ignore[arg-type]
    return [c for c in repo.iter_all(include_deleted=False)]


@pytest.mark.parametrize("today", DAYS)
def test_ordered_ids_follow_the_domains_urgency(listing: Listing, grid: list[Case], today: date) -> None:
    expected_all = [c.id for c in sort_by_urgency(grid, today)]
    assert list(listing.ordered_ids(today, include_closed=True)) == expected_all
    shown = [c for c in grid if not is_closed(FlagFacts.of(c), today)]
    assert list(listing.ordered_ids(today)) == [c.id for c in sort_by_urgency(shown, today)]
    assert list(listing.ordered_ids(today, limit=7)) == [c.id for c in sort_by_urgency(shown, today)][:7]


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize("within", [0, 1, 5])
def test_due_ids_are_the_pending_follow_ups_most_urgent_first(
    listing: Listing, grid: list[Case], today: date, within: int
) -> None:
    horizon = today + timedelta(days=within)
    due = [
        c
        for c in grid
        if follow_up_pending(c.status, c.next_follow_up)
        and c.next_follow_up is not None
        and c.next_follow_up <= horizon
    ]
    assert list(listing.due_ids(today, within)) == [c.id for c in sort_by_urgency(due, today)]


@pytest.mark.parametrize("today", DAYS)
def test_first_ids_come_from_the_top_of_the_list(listing: Listing, grid: list[Case], today: date) -> None:
    top = list(listing.ordered_ids(today))
    due_now = sum(
        1
        for c in grid
        if follow_up_pending(c.status, c.next_follow_up)
        and c.next_follow_up is not None
        and c.next_follow_up <= today
    )
    for count in (1, 5, due_now):
        if count == 0:
            continue
        assert list(listing.first_ids(today, count) or []) == top[:count]
    assert listing.first_ids(today, due_now + 1) is None


@pytest.mark.parametrize("today", DAYS)
def test_stats_agree_with_the_flags(listing: Listing, grid: list[Case], today: date) -> None:
    stats = listing.stats(today)
    flags = [flags_for(FlagFacts.of(c), today) for c in grid]
    assert stats.open == sum(1 for c in grid if c.is_open)
    assert stats.overdue == sum(
        1
        for c in grid
        if follow_up_pending(c.status, c.next_follow_up)
        and c.next_follow_up is not None
        and c.next_follow_up < today
    )
    assert stats.overdue >= sum(1 for f in flags if Flag.OVERDUE in f)
    assert stats.due_today == sum(
        1 for c in grid if follow_up_pending(c.status, c.next_follow_up) and c.next_follow_up == today
    )
    assert stats.verified == sum(1 for c in grid if c.status is Status.VERIFIED)
    assert stats.hidden_closed == sum(1 for c in grid if is_closed(FlagFacts.of(c), today))


def test_summaries_match_the_cases(listing: Listing, repo: Repo, make_case: CaseFactory) -> None:
    case = repo.add(
        make_case(
            "Señal 📱",
            ticket="R-1",
            notes="n",
            checks=[Check("a", True, CheckState.PASSED), Check("b"), Check("c", state=CheckState.FAILED)],
        )
    )
    [summary] = listing.summaries([case.id, 999]).values()
    assert (summary.id, summary.uuid, summary.provider, summary.status, summary.ticket) == (
        case.id,
        case.uuid,
        "Señal 📱",
        case.status,
        "R-1",
    )
    assert (summary.requested_on, summary.promised_by, summary.next_follow_up) == (
        case.requested_on,
        case.promised_by,
        case.next_follow_up,
    )
    assert summary.progress == "1/3"
    assert summary.facts == FlagFacts.of(case)


def test_a_summarys_progress_leaves_out_checks_that_do_not_apply(
    listing: Listing, repo: Repo, make_case: CaseFactory
) -> None:
    checks = [Check("a", True, CheckState.PASSED), Check("b", state=CheckState.NOT_APPLICABLE), Check("c")]
    case = repo.add(make_case(checks=checks))
    assert case.id is not None
    [summary] = listing.summaries([case.id]).values()
    assert summary.progress == "1/2" == case.progress
    assert repo.get(case.id).checks[1].state is CheckState.NOT_APPLICABLE


def test_text_filter_is_literal(listing: Listing, repo: Repo, make_case: CaseFactory) -> None:
    percent = repo.add(make_case("Discount 50% off")).id
    underscore = repo.add(make_case("snake_case Ltd")).id
    backslash = repo.add(make_case("back\\slash")).id
    plain = repo.add(make_case("Movistar", notes="ticket in the notes: ZX-9")).id
    assert list(listing.ordered_ids(TODAY, text="50%")) == [percent]
    assert list(listing.ordered_ids(TODAY, text="e_c")) == [underscore]
    assert list(listing.ordered_ids(TODAY, text="k\\s")) == [backslash]
    assert list(listing.ordered_ids(TODAY, text="zx-9")) == [plain]  # notes, any case
    assert list(listing.ordered_ids(TODAY, text="%")) == [percent]


def test_last_contacts(listing: Listing, repo: Repo, make_case: CaseFactory) -> None:
    entries = [
        TimelineEntry(NOW, EntryKind.CONTACT, "first call"),
        TimelineEntry(NOW, EntryKind.CONTACT, "second call"),
        TimelineEntry(NOW, EntryKind.STATUS, "not a contact"),
    ]
    called = repo.add(make_case(timeline=entries)).id
    silent = repo.add(make_case()).id
    assert listing.last_contacts([called, silent]) == {called: "second call"}


def test_data_version_changes_when_another_connection_commits(
    listing: Listing, database: Store, make_case: CaseFactory
) -> None:
    before = listing.data_version()
    assert listing.data_version() == before
    Repo(database).add(make_case())
    assert listing.data_version() != before


def plan_of(path: Path, sql: str, params: dict[str, object]) -> str:
    connection = sqlite3.connect(path)
    try:
        return " | ".join(row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        connection.close()


@pytest.mark.sqlite_only  # SQLite's planner needs the hint; PostgreSQL's has statistics
def test_due_queries_use_the_partial_index(
    listing: Listing, database: Store, repo: Repo, make_case: CaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.add_many(make_case(f"p{i}", next_follow_up=day(i % 120 - 30)) for i in range(400))
    seen: list[tuple[str, dict[str, object]]] = []
    original = SqliteTransaction._ids

    def recording(self: SqliteTransaction, sql: str, params: dict[str, object]) -> array[int]:
        seen.append((sql, params))
        return original(self, sql, params)

    monkeypatch.setattr(SqliteTransaction, "_ids", recording)
    assert listing.first_ids(TODAY, 10) is not None
    assert len(listing.due_ids(TODAY, 0)) == sum(1 for i in range(400) if i % 120 - 30 <= 0)
    assert len(seen) == 2
    assert database.path is not None
    for sql, params in seen:
        plan = plan_of(database.path, sql, params)
        assert "ix_cases_due" in plan, plan


def test_due_summaries_today_come_in_urgency_order(
    database: Store, repo: Repo, make_case: CaseFactory
) -> None:
    from datetime import timedelta

    from tracker.domain.flags import urgency_key
    from tracker.domain.model import Status

    today = date(2026, 10, 20)
    for i, status in enumerate([Status.REQUESTED, Status.CONFIRMED, Status.FAILED, Status.VERIFIED] * 5):
        repo.add(make_case(f"p{i}", status=status, next_follow_up=today - timedelta(days=i % 4)))
    rows = Listing(database).due_summaries(today, 0)
    assert len(rows) == 20
    expected = sorted(rows, key=lambda r: (*urgency_key(r.facts, today), r.id))
    assert [r.id for r in rows] == [r.id for r in expected]


@pytest.fixture
def deadline_grid(repo: Repo, make_case: CaseFactory) -> list[Case]:
    """Every status × follow-up × the stored deadline dates (the user's, the provider's answer)."""
    cases = []
    follow_ups = [None, -1, 0, 2]
    # (user_alert_on, user_due): none, close, not yet close, missed.
    users = [(None, None), (-1, 3), (1, 6), (-10, -3)]
    answers = [None, -1, 0]
    for status, follow_up, (alert, due), answer in itertools.product(Status, follow_ups, users, answers):
        cases.append(
            make_case(
                f"{status.value} {follow_up} {alert} {answer}",
                status=status,
                next_follow_up=None if follow_up is None else day(follow_up),
                promised_by=day(1),
                requested_on=day(-10),
                user_alert_on=None if alert is None else day(alert),
                user_due=None if due is None else day(due),
                answer_due=None if answer is None else day(answer),
            )
        )
    repo.add_many(cases)
    return [c for c in repo.iter_all(include_deleted=False)]


def test_the_users_deadlines_come_first_in_sql_as_in_the_domain(
    listing: Listing, deadline_grid: list[Case]
) -> None:
    expected_all = [c.id for c in sort_by_urgency(deadline_grid, TODAY)]
    assert list(listing.ordered_ids(TODAY, include_closed=True)) == expected_all
    shown = [c for c in deadline_grid if not is_closed(FlagFacts.of(c), TODAY)]
    assert list(listing.ordered_ids(TODAY)) == [c.id for c in sort_by_urgency(shown, TODAY)]
    first = next(c for c in deadline_grid if c.id == expected_all[0])
    assert Flag.YOUR_DEADLINE in flags_for(FlagFacts.of(first), TODAY)
    # A verified case with a close deadline of the user's is not hidden as closed.
    verified = [c for c in deadline_grid if c.status is Status.VERIFIED and c.user_alert_on == day(-1)]
    assert verified and all(c.id in listing.ordered_ids(TODAY) for c in verified)
    stats = listing.stats(TODAY)
    assert stats.hidden_closed == sum(1 for c in deadline_grid if is_closed(FlagFacts.of(c), TODAY))


def test_summaries_carry_the_deadline_dates(listing: Listing, deadline_grid: list[Case]) -> None:
    rows = listing.summaries(c.id for c in deadline_grid if c.id is not None)
    for case in deadline_grid:
        assert case.id is not None
        assert rows[case.id].facts == FlagFacts.of(case)


def test_your_deadline_summaries(listing: Listing, deadline_grid: list[Case]) -> None:
    mine = listing.your_deadline_summaries(TODAY)
    expected = [c for c in deadline_grid if Flag.YOUR_DEADLINE in flags_for(FlagFacts.of(c), TODAY)]
    # Stored cases have ids.
    assert sorted(s.id for s in mine) == sorted(c.id for c in expected)  # type: ignore[type-var]
    assert [s.user_due for s in mine] == sorted(s.user_due for s in mine)
    open_ids = list(listing.user_deadline_ids())
    assert set(open_ids) == {c.id for c in deadline_grid if c.user_due and c.status is not Status.WITHDRAWN}


@pytest.mark.sqlite_only  # SQLite's planner needs the hint; PostgreSQL's has statistics
def test_the_users_deadline_queries_use_their_partial_index(
    listing: Listing, database: Store, repo: Repo, make_case: CaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many live cases, few with a deadline of the user's: a plan through ix_cases_deleted_at
    # would read them all (tracker due runs this query every time).
    repo.add_many(make_case(f"p{i}") for i in range(400))
    repo.add_many(make_case(f"d{i}", user_due=day(i), user_alert_on=day(i - 7)) for i in range(3))
    seen: list[str] = []

    def recorded(read: Callable[..., Any]) -> Callable[..., Any]:
        def recording(
            self: SqliteTransaction, sql: str, params: Sequence[object] | dict[str, object] = ()
        ) -> Any:
            if "user_due" in sql:
                seen.append(plan_of(database.path, sql, params))  # type: ignore[arg-type]
            return read(self, sql, params)

        return recording

    # Both ways a query is read: whole (rows) and row by row (iter_rows: lists of ids).
    monkeypatch.setattr(SqliteTransaction, "rows", recorded(SqliteTransaction.rows))
    monkeypatch.setattr(SqliteTransaction, "iter_rows", recorded(SqliteTransaction.iter_rows))
    assert [s.user_due for s in listing.your_deadline_summaries(TODAY)] == [day(0), day(1), day(2)]
    assert len(listing.user_deadline_ids()) == 3
    assert len(seen) == 2
    for plan in seen:
        assert "ix_cases_user_due" in plan, plan
