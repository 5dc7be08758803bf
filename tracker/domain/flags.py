"""Flags and urgency: computed from a case and today's date, never stored."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import NamedTuple

from tracker.domain.model import Case, CheckState, Status


class Flag(Enum):
    """A warning on a case. ``name`` is for scripts (JSON), ``label`` for people."""

    YOUR_DEADLINE = "YOUR DEADLINE"
    OVERDUE = "OVERDUE"
    DUE_TODAY = "DUE TODAY"
    PROVIDER_LATE = "PROVIDER LATE"
    ANSWER_LATE = "ANSWER LATE"
    NO_TICKET = "NO TICKET"
    CHECK_FAILED = "CHECK FAILED"
    RECHECK = "RECHECK"

    @property
    def label(self) -> str:
        return self.value


class FlagFacts(NamedTuple):
    """The few fields flags depend on; lets the store compute flags without whole cases.

    A named tuple: lists of thousands of cases make one each.
    """

    status: Status
    next_follow_up: date | None
    promised_by: date
    ticket: str
    any_check_failed: bool
    # The stored deadline dates (see tracker.domain.deadlines.refresh).
    answer_due: date | None = None
    user_due: date | None = None
    user_alert_on: date | None = None

    @classmethod
    def of(cls, case: Case) -> FlagFacts:
        return cls(
            status=case.status,
            next_follow_up=case.next_follow_up,
            promised_by=case.promised_by,
            ticket=case.ticket,
            any_check_failed=any(c.state is CheckState.FAILED for c in case.checks),
            answer_due=case.answer_due,
            user_due=case.user_due,
            user_alert_on=case.user_alert_on,
        )


_OPEN = (Status.REQUESTED, Status.CONFIRMED, Status.FAILED)


def your_deadline(facts: FlagFacts, today: date) -> bool:
    """A deadline of the user's own is close (within 5 business days) or missed."""
    return (
        facts.status is not Status.WITHDRAWN
        and facts.user_alert_on is not None
        and facts.user_alert_on <= today
    )


def answer_late(facts: FlagFacts, today: date) -> bool:
    """The provider's deadline to answer a stage (resolve plus notify) passed with no answer."""
    return facts.status is not Status.WITHDRAWN and facts.answer_due is not None and facts.answer_due < today


def flags_for(facts: FlagFacts, today: date) -> list[Flag]:
    """Every flag that applies today, most urgent first."""
    flags: list[Flag] = []
    if your_deadline(facts, today):
        flags.append(Flag.YOUR_DEADLINE)
    is_open = facts.status in _OPEN
    due = facts.next_follow_up
    if is_open and due is not None:
        if due < today:
            flags.append(Flag.OVERDUE)
        elif due == today:
            flags.append(Flag.DUE_TODAY)
    if facts.status is Status.VERIFIED and due is not None and due <= today:
        flags.append(Flag.RECHECK)
    if facts.status is Status.REQUESTED and today > facts.promised_by:
        flags.append(Flag.PROVIDER_LATE)
    if answer_late(facts, today):
        flags.append(Flag.ANSWER_LATE)
    if is_open and not facts.ticket.strip():
        flags.append(Flag.NO_TICKET)
    if facts.any_check_failed and facts.status is not Status.WITHDRAWN:
        flags.append(Flag.CHECK_FAILED)
    return flags


def is_overdue(facts: FlagFacts, today: date) -> bool:
    """A follow-up (or a verified case's recheck) whose day has passed: what ``due`` exits 1 on."""
    return follow_up_pending(facts.status, facts.next_follow_up) and (
        facts.next_follow_up is not None and facts.next_follow_up < today
    )


def case_flags(case: Case, today: date) -> list[Flag]:
    return flags_for(FlagFacts.of(case), today)


def follow_up_pending(status: Status, next_follow_up: date | None) -> bool:
    """Whether the case still waits for a follow-up (open, or a verified recheck)."""
    if next_follow_up is None:
        return False
    return status in _OPEN or status is Status.VERIFIED


def is_closed(facts: FlagFacts, today: date) -> bool:
    """Closed: withdrawn, or verified with nothing due yet (no recheck, or one still ahead,
    no deadline of the user's close and no answer late).

    Closed cases are hidden from the default lists; a verified case comes back
    when its recheck falls due, or a deadline on it calls for attention.
    """
    if facts.status is Status.WITHDRAWN:
        return True
    if facts.status is not Status.VERIFIED:
        return False
    if your_deadline(facts, today) or answer_late(facts, today):
        return False
    return facts.next_follow_up is None or facts.next_follow_up > today


def urgency_key(facts: FlagFacts, today: date) -> tuple[int, int, int]:
    """Sort key, most urgent first: the user's own deadlines (soonest first), overdue
    (most days first), due today, provider or answer late, then the soonest follow-up;
    closed cases last. :mod:`tracker.store.listing` has its SQL twin."""
    if is_closed(facts, today):
        return (5, 0, 0)
    if your_deadline(facts, today) and facts.user_due is not None:
        return (0, (facts.user_due - today).days, 0)
    due = facts.next_follow_up
    pending = follow_up_pending(facts.status, due)
    days = (due - today).days if due is not None else 0
    if pending and days < 0:
        return (1, days, 0)
    if pending and days == 0:
        return (2, 0, 0)
    if (facts.status is Status.REQUESTED and today > facts.promised_by) or answer_late(facts, today):
        return (3, days if pending else 1 << 30, 0)
    return (4, days if pending else 1 << 30, 0)


def sort_by_urgency(cases: list[Case], today: date) -> list[Case]:
    return sorted(cases, key=lambda c: (*urgency_key(FlagFacts.of(c), today), c.id or 0))
