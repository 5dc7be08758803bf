"""Flags and the urgency order: computed from a case and today, never stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.flags import (
    Flag,
    FlagFacts,
    case_flags,
    flags_for,
    follow_up_pending,
    is_closed,
    sort_by_urgency,
)
from tracker.domain.model import Case, Check, CheckState, Status

TODAY = date(2026, 10, 20)
NOW = datetime(2026, 10, 20, 12, tzinfo=UTC)
OPEN = [Status.REQUESTED, Status.CONFIRMED, Status.FAILED]
CLOSED = [Status.VERIFIED, Status.WITHDRAWN]


def facts(
    status: Status = Status.REQUESTED,
    next_follow_up: date | None = None,
    promised_by: date = date(2026, 10, 30),
    ticket: str = "R-1",
    failed: bool = False,
) -> FlagFacts:
    return FlagFacts(status, next_follow_up, promised_by, ticket, failed)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@pytest.mark.parametrize("status", OPEN)
def test_overdue_and_due_today_boundaries(status: Status) -> None:
    assert flags_for(facts(status, day(-1)), TODAY) == [Flag.OVERDUE]
    assert flags_for(facts(status, day(-30)), TODAY) == [Flag.OVERDUE]
    assert flags_for(facts(status, day(0)), TODAY) == [Flag.DUE_TODAY]
    assert flags_for(facts(status, day(1)), TODAY) == []
    assert flags_for(facts(status, None), TODAY) == []


@pytest.mark.parametrize("status", CLOSED)
def test_closed_cases_are_never_overdue(status: Status) -> None:
    for offset in (-5, 0):
        flags = flags_for(facts(status, day(offset)), TODAY)
        assert Flag.OVERDUE not in flags and Flag.DUE_TODAY not in flags


def test_provider_late_only_after_the_promised_day_and_only_while_requested() -> None:
    assert Flag.PROVIDER_LATE not in flags_for(facts(promised_by=TODAY), TODAY)
    assert Flag.PROVIDER_LATE in flags_for(facts(promised_by=day(-1)), TODAY)
    for status in (Status.CONFIRMED, Status.FAILED, Status.VERIFIED, Status.WITHDRAWN):
        assert Flag.PROVIDER_LATE not in flags_for(facts(status, promised_by=day(-10)), TODAY)


@pytest.mark.parametrize("ticket", ["", "   ", "\t"])
def test_no_ticket_only_for_open_cases(ticket: str) -> None:
    for status in OPEN:
        assert Flag.NO_TICKET in flags_for(facts(status, ticket=ticket), TODAY)
    for status in CLOSED:
        assert Flag.NO_TICKET not in flags_for(facts(status, ticket=ticket), TODAY)
    assert Flag.NO_TICKET not in flags_for(facts(ticket="R-1"), TODAY)


def test_check_failed() -> None:
    for status in (*OPEN, Status.VERIFIED):
        assert Flag.CHECK_FAILED in flags_for(facts(status, failed=True), TODAY)
        assert Flag.CHECK_FAILED not in flags_for(facts(status, failed=False), TODAY)
    assert Flag.CHECK_FAILED not in flags_for(facts(Status.WITHDRAWN, failed=True), TODAY)


def test_recheck_only_for_a_verified_case_with_the_recheck_due() -> None:
    assert flags_for(facts(Status.VERIFIED, day(0)), TODAY) == [Flag.RECHECK]
    assert flags_for(facts(Status.VERIFIED, day(-3)), TODAY) == [Flag.RECHECK]
    assert flags_for(facts(Status.VERIFIED, day(1)), TODAY) == []
    assert flags_for(facts(Status.VERIFIED, None), TODAY) == []
    for status in (*OPEN, Status.WITHDRAWN):
        assert Flag.RECHECK not in flags_for(facts(status, day(-1)), TODAY)


def test_flags_come_most_urgent_first() -> None:
    everything = facts(Status.REQUESTED, day(-2), promised_by=day(-3), ticket="", failed=True)
    assert flags_for(everything, TODAY) == [
        Flag.OVERDUE,
        Flag.PROVIDER_LATE,
        Flag.NO_TICKET,
        Flag.CHECK_FAILED,
    ]


def test_flag_names_and_labels() -> None:
    assert Flag.DUE_TODAY.name == "DUE_TODAY" and Flag.DUE_TODAY.label == "DUE TODAY"
    assert Flag.PROVIDER_LATE.label == "PROVIDER LATE"
    assert [f.label for f in Flag] == [
        "YOUR DEADLINE",
        "OVERDUE",
        "DUE TODAY",
        "PROVIDER LATE",
        "ANSWER LATE",
        "NO TICKET",
        "CHECK FAILED",
        "RECHECK",
    ]


def make_case(
    case_id: int,
    status: Status = Status.REQUESTED,
    next_follow_up: date | None = None,
    promised_by: date = date(2026, 10, 30),
    ticket: str = "R-1",
    checks: list[Check] | None = None,
) -> Case:
    return Case(
        provider=f"p{case_id}",
        service="s",
        requested_on=date(2026, 10, 1),
        promised_by=promised_by,
        created_at=NOW,
        updated_at=NOW,
        status=status,
        next_follow_up=next_follow_up,
        ticket=ticket,
        checks=checks or [],
        id=case_id,
    )


def test_case_flags_reads_the_checks() -> None:
    case = make_case(1, checks=[Check("a", state=CheckState.PASSED), Check("b")])
    assert Flag.CHECK_FAILED not in case_flags(case, TODAY)
    case.checks[1].state = CheckState.FAILED
    assert Flag.CHECK_FAILED in case_flags(case, TODAY)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("offset", [None, -1, 0, 1])
def test_is_closed(status: Status, offset: int | None) -> None:
    due = None if offset is None else day(offset)
    expected = status is Status.WITHDRAWN or (status is Status.VERIFIED and (due is None or due > TODAY))
    assert is_closed(facts(status, due), TODAY) is expected


def test_follow_up_pending() -> None:
    assert follow_up_pending(Status.REQUESTED, TODAY)
    assert follow_up_pending(Status.VERIFIED, TODAY)
    assert not follow_up_pending(Status.WITHDRAWN, TODAY)
    assert not follow_up_pending(Status.REQUESTED, None)


def test_urgency_order() -> None:
    cases = [
        make_case(1, Status.VERIFIED, None),  # closed
        make_case(2, Status.CONFIRMED, day(5)),  # later
        make_case(3, Status.REQUESTED, day(3), promised_by=day(-1)),  # provider late
        make_case(4, Status.CONFIRMED, day(0)),  # due today
        make_case(5, Status.REQUESTED, day(-2)),  # 2 days overdue
        make_case(6, Status.WITHDRAWN, None),  # closed
        make_case(7, Status.FAILED, day(-7)),  # 7 days overdue
        make_case(8, Status.CONFIRMED, day(1)),  # soonest follow-up
        make_case(9, Status.CONFIRMED, None),  # open, nothing scheduled
        make_case(10, Status.VERIFIED, day(-1)),  # recheck overdue
    ]
    ordered = [c.id for c in sort_by_urgency(cases, TODAY)]
    assert ordered == [7, 5, 10, 4, 3, 8, 2, 9, 1, 6]


statuses = st.sampled_from(list(Status))
follow_ups = st.none() | st.integers(-20, 20).map(day)
promises = st.integers(-20, 20).map(day)


@given(st.lists(st.tuples(statuses, follow_ups, promises), max_size=25))
def test_urgency_properties(rows: list[tuple[Status, date | None, date]]) -> None:
    cases = [make_case(i, s, n, p) for i, (s, n, p) in enumerate(rows, start=1)]
    ordered = sort_by_urgency(cases, TODAY)
    # make_case gave every case an id, 1 to n.
    assert sorted(c.id for c in ordered) == list(range(1, len(cases) + 1))  # type: ignore[type-var]

    def rank(case: Case) -> int:
        # Written from the product's words, not from the code.
        due = case.next_follow_up
        pending = due is not None and case.status is not Status.WITHDRAWN
        if case.status is Status.WITHDRAWN or (
            case.status is Status.VERIFIED and (due is None or due > TODAY)
        ):
            return 4
        if pending and due is not None and due < TODAY:
            return 0
        if pending and due == TODAY:
            return 1
        if case.status is Status.REQUESTED and case.promised_by < TODAY:
            return 2
        return 3

    ranks = [rank(c) for c in ordered]
    assert ranks == sorted(ranks)
    overdue = [c.next_follow_up for c in ordered if rank(c) == 0]
    # Rank 0 is a follow-up date before today: no None among them.
    assert overdue == sorted(overdue)  # type: ignore[type-var]  # most overdue first
    for group in (2, 3):
        members = [c for c in ordered if rank(c) == group]
        scheduled = [c.next_follow_up for c in members if c.next_follow_up is not None]
        assert scheduled == sorted(scheduled)  # soonest follow-up first
        # Cases with nothing scheduled come after the scheduled ones of their group.
        flags = [c.next_follow_up is None for c in members]
        assert flags == sorted(flags)
