"""What a user can do to a case, with the guards that keep it honest.

Every function mutates the case it is given and appends to its timeline, so the
timeline is the full paper trail. Nothing here touches storage or the clock:
``now`` (UTC) and ``today`` (local) are passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.errors import InvalidInput, NotAllowed, NotFound
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
from tracker.domain.playbooks import Playbook

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.REQUESTED: frozenset({Status.CONFIRMED, Status.VERIFIED, Status.FAILED, Status.WITHDRAWN}),
    Status.CONFIRMED: frozenset({Status.REQUESTED, Status.VERIFIED, Status.FAILED, Status.WITHDRAWN}),
    Status.FAILED: frozenset({Status.REQUESTED, Status.CONFIRMED, Status.VERIFIED, Status.WITHDRAWN}),
    Status.VERIFIED: frozenset({Status.FAILED, Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset({Status.REQUESTED, Status.CONFIRMED, Status.FAILED, Status.VERIFIED}),
}


@dataclass
class CaseDraft:
    """What the user fills in for a new case (or an edit); validated by :func:`open_case`."""

    provider: str
    service: str = ""
    requested_on: date | None = None
    channel: Channel = Channel.PHONE
    ticket: str = ""
    notes: str = ""
    action: Action = Action.CANCEL
    playbook: str = "generic"
    promised_by: date | None = None
    next_follow_up: date | None = None
    fee_amount: Decimal | None = None
    fee_currency: str = ""


def require_text(value: str, field: str, label: str) -> str:
    if not value or not value.strip():
        raise InvalidInput(f"{label} cannot be empty", field)
    return value


_AMOUNT = re.compile(r"^\d{1,12}(?:[.,]\d{1,4})?$")
# Older request dates are almost always a mistyped year.
EARLIEST_REQUEST = date(1990, 1, 1)


def parse_fee(text: str, field: str = "fee") -> Decimal | None:
    """A fee amount such as "29.90" (or "29,90"); empty means none."""
    value = text.strip()
    if not value:
        return None
    if value.startswith("-"):
        raise InvalidInput("the fee must be zero or more", field)
    if not _AMOUNT.match(value):
        raise InvalidInput(f"{text!r} is not an amount (write it like 29.90)", field)
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise InvalidInput(f"{text!r} is not an amount (write it like 29.90)", field) from None


def validate_draft(draft: CaseDraft, today: date) -> date:
    """Check a draft's fields; returns the request date (today when none was given)."""
    require_text(draft.provider, "provider", "the provider")
    requested_on = draft.requested_on or today
    if requested_on > today:
        raise InvalidInput(
            f"the request date {requested_on.isoformat()} is in the future (today is {today.isoformat()})",
            "requested_on",
        )
    if requested_on < EARLIEST_REQUEST:
        raise InvalidInput(
            f"the request date {requested_on.isoformat()} is before {EARLIEST_REQUEST.year}: check the year",
            "requested_on",
        )
    if draft.promised_by is not None and draft.promised_by < requested_on:
        raise InvalidInput("the promised date is before the request date", "promised_by")
    if draft.fee_amount is not None and draft.fee_amount < 0:
        raise InvalidInput("the fee must be zero or more", "fee")
    if draft.fee_currency.strip() and draft.fee_amount is None:
        raise InvalidInput(f"a currency ({draft.fee_currency}) needs a cancellation fee amount", "fee")
    return requested_on


def settle_fee_currency(draft: CaseDraft, playbook: Playbook) -> None:
    """A cancellation fee always has a currency: the draft's, else the playbook's."""
    if draft.fee_amount is None or draft.fee_currency.strip():
        return
    if not playbook.currency:
        raise InvalidInput(
            f"a cancellation fee needs its currency (e.g. PEN or USD): "
            f"the playbook {playbook.name} does not say which",
            "currency",
        )
    draft.fee_currency = playbook.currency


@dataclass(frozen=True)
class PlannedDates:
    promised_by: date
    next_follow_up: date


def plan_dates(draft: CaseDraft, playbook: Playbook, calendar: BusinessCalendar, today: date) -> PlannedDates:
    """The dates a draft will get: shown live in forms, used by :func:`open_case`."""
    requested_on = draft.requested_on or today
    promised_by = draft.promised_by or playbook.promised_by(requested_on, calendar)
    follow_up = draft.next_follow_up or playbook.first_follow_up(promised_by, calendar)
    return PlannedDates(promised_by, follow_up)


def open_case(
    draft: CaseDraft, playbook: Playbook, calendar: BusinessCalendar, now: datetime, today: date
) -> Case:
    """A new case from a validated draft, with the playbook's checks and dates."""
    # A first follow-up in the past is allowed: a case logged late may be overdue already.
    requested_on = validate_draft(draft, today)
    settle_fee_currency(draft, playbook)
    dates = plan_dates(draft, playbook, calendar, today)
    case = Case(
        provider=draft.provider,
        service=draft.service,
        requested_on=requested_on,
        promised_by=dates.promised_by,
        next_follow_up=dates.next_follow_up,
        created_at=now,
        updated_at=now,
        action=draft.action,
        playbook=playbook.name,
        channel=draft.channel,
        ticket=draft.ticket,
        notes=draft.notes,
        fee_amount=draft.fee_amount,
        fee_currency=draft.fee_currency,
        checks=[Check(t.name, t.required) for t in playbook.checks],
    )
    case.timeline.append(
        TimelineEntry(
            at=now,
            kind=EntryKind.CREATED,
            summary=f"{draft.action.value.capitalize()} requested",
            channel=draft.channel,
            ticket=draft.ticket,
            next_follow_up=case.next_follow_up,
            status_to=Status.REQUESTED,
        )
    )
    return case


# What an edit entry in the timeline calls each field.
FIELD_LABELS = {
    "provider": "provider",
    "service": "service",
    "requested_on": "request date",
    "channel": "channel",
    "ticket": "ticket",
    "notes": "notes",
    "action": "action",
    "promised_by": "promised date",
    "next_follow_up": "next follow-up",
    "fee_amount": "cancellation fee",
    "fee_currency": "fee currency",
    "playbook": "playbook",
}

_EDITABLE = (
    "provider",
    "service",
    "requested_on",
    "channel",
    "ticket",
    "notes",
    "action",
    "promised_by",
    "next_follow_up",
    "fee_amount",
    "fee_currency",
)


def edit_case(
    case: Case, draft: CaseDraft, playbook: Playbook, calendar: BusinessCalendar, now: datetime, today: date
) -> list[str]:
    """Apply an edited draft; returns the names of the fields that changed.

    A changed request date or playbook recomputes the promised date unless the
    draft sets one. A new playbook adds its checks the case does not have yet.
    """
    requested_on = validate_draft(draft, today)
    if (draft.fee_amount, draft.fee_currency) != (case.fee_amount, case.fee_currency):
        settle_fee_currency(draft, playbook)
    if draft.promised_by is None and (requested_on != case.requested_on or playbook.name != case.playbook):
        draft.promised_by = playbook.promised_by(requested_on, calendar)
    draft.requested_on = requested_on
    changed = [
        name
        for name in _EDITABLE
        if getattr(draft, name) is not None and getattr(draft, name) != getattr(case, name)
    ]
    # A follow-up date cleared in the form means "no follow-up".
    if draft.next_follow_up is None and case.next_follow_up is not None and case.is_open:
        changed.append("next_follow_up")
    for name in changed:
        setattr(case, name, getattr(draft, name))
    if playbook.name != case.playbook:
        changed.append("playbook")
        case.playbook = playbook.name
        for template in playbook.checks:
            if case.find_check(template.name) is None:
                case.checks.append(Check(template.name, template.required))
    if changed:
        case.updated_at = now
        case.timeline.append(
            TimelineEntry(
                at=now,
                kind=EntryKind.EDIT,
                summary="Edited: " + ", ".join(FIELD_LABELS[name] for name in changed),
            )
        )
    return changed


def _move(case: Case, to: Status, now: datetime, summary: str) -> None:
    """Change the status, with a timeline entry that keeps the status and the follow-up
    date the case had, so that the change can be undone."""
    if to is case.status:
        return
    if to not in ALLOWED[case.status]:
        raise NotAllowed(f"a {case.status.value} case cannot become {to.value}")
    case.timeline.append(
        TimelineEntry(
            at=now,
            kind=EntryKind.STATUS,
            summary=summary,
            status_from=case.status,
            status_to=to,
            next_follow_up=case.next_follow_up,
        )
    )
    case.status = to
    case.updated_at = now


def _refuse_if_withdrawn(case: Case, doing: str) -> None:
    if case.status is Status.WITHDRAWN:
        raise NotAllowed(f"case {case.id} is withdrawn: reopen it before you {doing}")


def log_contact(
    case: Case,
    summary: str,
    playbook: Playbook,
    calendar: BusinessCalendar,
    now: datetime,
    today: date,
    *,
    channel: Channel = Channel.PHONE,
    ticket: str = "",
    agent: str = "",
    next_follow_up: date | None = None,
    confirmed: bool = False,
) -> TimelineEntry:
    """Record a contact with the provider and set the next follow-up.

    Without an explicit date the next follow-up follows the playbook's cadence.
    ``confirmed`` records that the provider says the cancellation is done. A
    failed case that is contacted again goes back to waiting for the provider.
    """
    _refuse_if_withdrawn(case, "log a contact")
    require_text(summary, "summary", "what happened")
    if next_follow_up is not None and next_follow_up < today:
        raise InvalidInput(
            f"the next follow-up {next_follow_up.isoformat()} is in the past", "next_follow_up"
        )
    if next_follow_up is None and case.status is not Status.VERIFIED:
        next_follow_up = playbook.next_follow_up(today, calendar)
    entry = TimelineEntry(
        at=now,
        kind=EntryKind.CONTACT,
        summary=summary,
        channel=channel,
        ticket=ticket,
        agent=agent,
        next_follow_up=next_follow_up,
    )
    case.timeline.append(entry)
    if ticket.strip():
        case.ticket = ticket
    if next_follow_up is not None:
        case.next_follow_up = next_follow_up
    case.updated_at = now
    if confirmed and case.status in (Status.REQUESTED, Status.FAILED):
        _move(case, Status.CONFIRMED, now, "Provider says it is done")
    elif case.status is Status.FAILED:
        _move(case, Status.REQUESTED, now, "Asked the provider again")
    return entry


def set_check(case: Case, name: str, state: CheckState, now: datetime, today: date, note: str = "") -> Check:
    """Record a check's result. A failed check turns the case ``failed``, due today."""
    _refuse_if_withdrawn(case, "record a check")
    check = case.find_check(name)
    if check is None:
        names = ", ".join(repr(c.name) for c in case.checks) or "none"
        raise NotFound(f"case {case.id} has no check {name!r} (its checks: {names})")
    check.state = state
    check.checked_at = now
    check.note = note
    case.updated_at = now
    summary = f"Check {check.name!r}: {state.value}"
    case.timeline.append(
        TimelineEntry(at=now, kind=EntryKind.CHECK, summary=summary + (f" ({note})" if note else ""))
    )
    if state is CheckState.FAILED:
        _move(case, Status.FAILED, now, f"Check {check.name!r} failed: follow up today")
        case.next_follow_up = today
    elif case.status is Status.FAILED and not any(c.state is CheckState.FAILED for c in case.checks):
        # The failure is taken back (a slip of the space bar, or it was re-tested).
        before = _entry_into(case, Status.FAILED)
        if before is not None and before.status_from is not None:
            _move(
                case,
                before.status_from,
                now,
                f"No check has failed any more: back to {before.status_from.value}",
            )
            case.next_follow_up = before.next_follow_up
    return check


def _entry_into(case: Case, status: Status) -> TimelineEntry | None:
    """The latest timeline entry that moved the case into ``status``."""
    for entry in reversed(case.timeline):
        if entry.status_to is status and entry.status_from is not None:
            return entry
    return None


def add_check(case: Case, name: str, now: datetime, required: bool = False) -> Check:
    """Add a check of the user's own to a case."""
    require_text(name, "name", "the check's name")
    if case.find_check(name) is not None:
        raise InvalidInput(f"case {case.id} already has a check {name!r}", "name")
    check = Check(name=name, required=required)
    case.checks.append(check)
    case.updated_at = now
    kind = "required" if required else "optional"
    case.timeline.append(TimelineEntry(at=now, kind=EntryKind.CHECK, summary=f"Added {kind} check {name!r}"))
    return check


def recheck_checks(case: Case, playbook: Playbook) -> list[Check]:
    """The case's checks that the recheck after the next bill is about (the playbook says)."""
    names = {name.casefold() for name in playbook.recheck_checks}
    return [c for c in case.checks if c.name.strip().casefold() in names]


def recheck_due(case: Case, today: date) -> bool:
    """A verified case whose recheck after the next bill has come."""
    return case.status is Status.VERIFIED and case.next_follow_up is not None and case.next_follow_up <= today


def blocking_checks(case: Case) -> list[Check]:
    """Required checks that have not passed: what stands between a case and verified."""
    return [c for c in case.checks if c.required and c.state is not CheckState.PASSED]


def verify(case: Case, playbook: Playbook, now: datetime, today: date) -> None:
    """Mark the case verified once every required check has passed.

    On a verified case whose recheck is pending, records the recheck as done.
    """
    _refuse_if_withdrawn(case, "verify it")
    if case.status is Status.VERIFIED:
        if case.next_follow_up is None:
            raise NotAllowed(f"case {case.id} is already verified")
        if case.next_follow_up > today:
            raise NotAllowed(
                f"case {case.id} is already verified; its recheck after the next bill is due on "
                f"{case.next_follow_up.isoformat()}: verify it again on or after that day"
            )
        unchecked = [c for c in recheck_checks(case, playbook) if c.state is not CheckState.PASSED]
        if unchecked:
            listed = ", ".join(f"{c.name} ({c.state.value})" for c in unchecked)
            raise NotAllowed(f"the recheck of case {case.id} needs these checks passed: {listed}")
        case.next_follow_up = None
        case.updated_at = now
        case.timeline.append(
            TimelineEntry(at=now, kind=EntryKind.STATUS, summary="Recheck done: case closed")
        )
        return
    blocking = blocking_checks(case)
    if blocking:
        listed = ", ".join(f"{c.name} ({c.state.value})" for c in blocking)
        raise NotAllowed(f"cannot verify case {case.id}: required checks not passed: {listed}")
    case.next_follow_up = playbook.recheck_on(today)
    summary = "Verified: every required check passed"
    if case.next_follow_up:
        summary += f"; recheck after the next bill on {case.next_follow_up.isoformat()}"
    _move(case, Status.VERIFIED, now, summary)


def withdraw(case: Case, now: datetime, reason: str = "") -> None:
    """The user drops the case; it keeps its history and can be reopened."""
    if case.status is Status.WITHDRAWN:
        raise NotAllowed(f"case {case.id} is already withdrawn")
    _move(case, Status.WITHDRAWN, now, "Withdrawn" + (f": {reason}" if reason else ""))
    case.next_follow_up = None


def reopen(case: Case, now: datetime, today: date) -> None:
    """Undo a withdrawal: back to the status and the follow-up date the case had before."""
    if case.status is not Status.WITHDRAWN:
        raise NotAllowed(f"case {case.id} is not withdrawn")
    before = _entry_into(case, Status.WITHDRAWN)
    previous = before.status_from if before and before.status_from else Status.REQUESTED
    follow_up = before.next_follow_up if before else None
    if follow_up is None and previous is not Status.VERIFIED:
        follow_up = today  # an open case always has a next follow-up
    _move(case, previous, now, "Reopened")
    case.next_follow_up = follow_up
