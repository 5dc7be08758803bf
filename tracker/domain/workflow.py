"""What a user can do to a case, with the guards that keep it honest.

Every function mutates the case it is given and appends to its timeline, so the
timeline is the full paper trail. Entries record facts (an :class:`Event` and its
parameters), never sentences: the reader's language words them when shown.
Nothing here touches storage or the clock: ``now`` (UTC) and ``today`` (local)
are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.errors import InvalidInput, NotAllowed, NotFound
from tracker.domain.events import Event, yes_no
from tracker.domain.limits import FIRST_DAY, MAX_CURRENCY, MAX_FEE_DECIMALS, MAX_FEE_DIGITS
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
from tracker.domain.phrases import Advice, CheckName, Listed, Phrase, Quoted, checks_and_states
from tracker.domain.playbooks import Playbook, find_check
from tracker.domain.schedule import scheduled_promise
from tracker.domain.suspension import require_end
from tracker.i18n import _
from tracker.records import record

if TYPE_CHECKING:
    from tracker.domain.rules import RuleBook

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.REQUESTED: frozenset({Status.CONFIRMED, Status.VERIFIED, Status.FAILED, Status.WITHDRAWN}),
    Status.CONFIRMED: frozenset({Status.REQUESTED, Status.VERIFIED, Status.FAILED, Status.WITHDRAWN}),
    Status.FAILED: frozenset({Status.REQUESTED, Status.CONFIRMED, Status.VERIFIED, Status.WITHDRAWN}),
    Status.VERIFIED: frozenset({Status.FAILED, Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset({Status.REQUESTED, Status.CONFIRMED, Status.FAILED, Status.VERIFIED}),
}


@record
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
    # A baja (or suspension) on a date the user chose, and the end of a suspension.
    effective_on: date | None = None
    ends_on: date | None = None


def require_text(value: str, field: str, problem: str) -> str:
    """``value`` unless it is empty or blank; then ``problem`` (a sentence in the reader's language)."""
    if not value or not value.strip():
        raise InvalidInput(problem, field)
    return value


_AMOUNT = re.compile(rf"^\d{{1,{MAX_FEE_DIGITS}}}(?:[.,]\d{{1,{MAX_FEE_DECIMALS}}})?$", re.ASCII)
# Days before a suspension ends that the user is reminded of it.
SUSPENSION_REMINDER_DAYS = 2
# Older request dates are almost always a mistyped year.
EARLIEST_REQUEST = FIRST_DAY


def parse_fee(text: str, field: str = "fee") -> Decimal | None:
    """A fee amount such as "29.90" (or "29,90"); empty means none."""
    value = text.strip()
    if not value:
        return None
    if value.startswith("-"):
        raise InvalidInput(_("the fee must be zero or more"), field)
    if not _AMOUNT.match(value):
        raise InvalidInput(
            _("{value} is not an amount (write it like 29.90)").format(value=repr(text)), field
        )
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise InvalidInput(
            _("{value} is not an amount (write it like 29.90)").format(value=repr(text)), field
        ) from None


def draft_problems(draft: CaseDraft, today: date) -> list[tuple[frozenset[str], InvalidInput]]:
    """Everything wrong with a draft, each with the fields it is about (an edit is held
    only to the fields it changes: a case viewed from another time zone may carry a
    request date that is "tomorrow" here, and saving a new provider must not trip on it)."""
    found: list[tuple[frozenset[str], InvalidInput]] = []

    def problem(fields: set[str], message: str, field: str) -> None:
        found.append((frozenset(fields), InvalidInput(message, field)))

    if not draft.provider or not draft.provider.strip():
        problem({"provider"}, _("the provider cannot be empty"), "provider")
    requested_on = draft.requested_on or today
    if requested_on > today:
        problem(
            {"requested_on"},
            _("the request date {day} is in the future (today is {today})").format(
                day=requested_on.isoformat(), today=today.isoformat()
            ),
            "requested_on",
        )
    if requested_on < EARLIEST_REQUEST:
        problem(
            {"requested_on"},
            _("the request date {day} is before {year}: check the year").format(
                day=requested_on.isoformat(), year=EARLIEST_REQUEST.year
            ),
            "requested_on",
        )
    if draft.promised_by is not None and draft.promised_by < requested_on:
        problem(
            {"promised_by", "requested_on"}, _("the promised date is before the request date"), "promised_by"
        )
    if draft.promised_by is not None and draft.effective_on is not None:
        problem(
            {"promised_by", "effective_on"},
            _("a chosen date already sets the provider's deadline: give one or the other"),
            "effective_on",
        )
    if draft.fee_amount is not None and (draft.fee_amount < 0 or draft.fee_amount.is_signed()):
        problem({"fee_amount"}, _("the fee must be zero or more"), "fee")
    if len(draft.fee_currency) > MAX_CURRENCY:
        problem(
            {"fee_currency"},
            _("a currency is a code such as PEN, at most {limit} characters").format(limit=MAX_CURRENCY),
            "currency",
        )
    if draft.fee_currency.strip() and draft.fee_amount is None:
        problem(
            {"fee_amount", "fee_currency"},
            _("a currency ({currency}) needs a cancellation fee amount").format(currency=draft.fee_currency),
            "fee",
        )
    return found


def validate_draft(draft: CaseDraft, today: date) -> date:
    """Check a draft's fields; returns the request date (today when none was given)."""
    for _fields, problem in draft_problems(draft, today):
        raise problem
    return draft.requested_on or today


def settle_fee_currency(draft: CaseDraft, playbook: Playbook | None) -> None:
    """A cancellation fee always has a currency: the draft's, else the playbook's."""
    if draft.fee_amount is None or draft.fee_currency.strip():
        return
    if playbook is None or not playbook.currency:
        raise InvalidInput(
            _(
                "a cancellation fee needs its currency (e.g. PEN or USD): the playbook {playbook} "
                "does not say which"
            ).format(playbook=draft.playbook),
            "currency",
        )
    draft.fee_currency = playbook.currency


@record(frozen=True)
class PlannedDates:
    """The provider's deadline and the first follow-up a new case gets."""

    promised_by: date
    next_follow_up: date


def plan_dates(
    draft: CaseDraft,
    playbook: Playbook,
    calendar: BusinessCalendar,
    today: date,
    book: RuleBook | None = None,
) -> PlannedDates:
    """The dates a draft will get: shown live in forms, used by :func:`open_case`.

    With a rule book the provider's deadline is the rule in force on the request
    date; a date the user chose is checked against the rules' window.
    """
    requested_on = draft.requested_on or today
    promised_by = (
        draft.promised_by
        or scheduled_promise(
            requested_on, draft.effective_on, draft.ends_on, playbook, book, calendar, draft.action
        )
        or playbook.promised_by(requested_on, calendar, book)
    )
    follow_up = draft.next_follow_up or playbook.first_follow_up(promised_by, calendar)
    return PlannedDates(promised_by, follow_up)


def open_case(
    draft: CaseDraft,
    playbook: Playbook,
    calendar: BusinessCalendar,
    now: datetime,
    today: date,
    book: RuleBook | None = None,
) -> Case:
    """A new case from a validated draft, with the playbook's checks and dates."""
    # A first follow-up in the past is allowed: a case logged late may be overdue already.
    requested_on = validate_draft(draft, today)
    require_end(draft.ends_on, playbook)
    settle_fee_currency(draft, playbook)
    dates = plan_dates(draft, playbook, calendar, today, book)
    if playbook.suspends:
        # A suspension playbook is what was asked for, whatever the action's default says.
        draft.action = Action.SUSPEND
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
        effective_on=draft.effective_on,
        ends_on=draft.ends_on,
    )
    case.timeline.append(
        TimelineEntry(
            at=now,
            kind=EntryKind.CREATED,
            summary="",
            event=Event.CREATED,
            params={"action": draft.action.value},
            channel=draft.channel,
            ticket=draft.ticket,
            next_follow_up=case.next_follow_up,
            status_to=Status.REQUESTED,
        )
    )
    return case


EDITABLE = (
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
    "playbook",
    "ends_on",
)


def draft_of(case: Case) -> CaseDraft:
    """The draft an edit form starts from: the case's fields as they are."""
    return CaseDraft(
        provider=case.provider,
        service=case.service,
        requested_on=case.requested_on,
        channel=case.channel,
        ticket=case.ticket,
        notes=case.notes,
        action=case.action,
        playbook=case.playbook,
        promised_by=case.promised_by,
        next_follow_up=case.next_follow_up,
        fee_amount=case.fee_amount,
        fee_currency=case.fee_currency,
        effective_on=case.effective_on,
        ends_on=case.ends_on,
    )


def changed_fields(draft: CaseDraft, initial: CaseDraft) -> list[str]:
    """The fields a user changed in a form that started from ``initial``."""
    return [name for name in EDITABLE if getattr(draft, name) != getattr(initial, name)]


def edit_case(
    case: Case,
    draft: CaseDraft,
    fields: Iterable[str],
    playbook: Playbook | None,
    calendar: BusinessCalendar | None,
    now: datetime,
    today: date,
    book: RuleBook | None = None,
) -> list[str]:
    """Apply the fields the user changed (``fields``, valued from ``draft``) to the case as
    it is now; returns the names of the fields that changed.

    Only those fields are written: whatever else the case holds (a ticket logged
    meanwhile from another window) stays as it is. A changed request date or
    playbook recomputes the promised date unless the user set one too, which
    needs the playbook: ``playbook`` is the case's (or the newly chosen one), None
    when it is not loaded. A new playbook adds its checks the case does not have yet.
    """
    chosen = set(fields)
    unknown = chosen - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    effective = draft_of(case)
    for name in chosen:
        setattr(effective, name, getattr(draft, name))
    for fields_at_fault, problem in draft_problems(effective, today):
        if fields_at_fault & chosen:
            raise problem
    requested_on = effective.requested_on or today
    if chosen & {"fee_amount", "fee_currency"}:
        settle_fee_currency(effective, playbook)
    new_playbook = "playbook" in chosen and effective.playbook != case.playbook
    if (
        new_playbook or ("requested_on" in chosen and requested_on != case.requested_on)
    ) and "promised_by" not in chosen:
        if playbook is None or calendar is None:
            raise NotAllowed(
                _(
                    "the playbook {playbook} is not loaded, so the promised date cannot be worked "
                    "out again: give the promised date as well"
                ).format(playbook=repr(case.playbook))
            )
        effective.promised_by = playbook.promised_by(requested_on, calendar, book)
    if new_playbook and (playbook is None or playbook.name != effective.playbook):
        raise ValueError("a new playbook must come with its definition")
    if chosen & {"ends_on", "playbook"} and playbook is not None and calendar is not None:
        # A suspension keeps an end date inside the length the rules allow.
        require_end(effective.ends_on, playbook)
        scheduled_promise(
            requested_on,
            effective.effective_on,
            effective.ends_on,
            playbook,
            book,
            calendar,
            effective.action,
        )
    if effective.promised_by is None:
        raise InvalidInput(_("the promised date cannot be empty"), "promised_by")
    changed = [
        name for name in EDITABLE if name != "playbook" and getattr(effective, name) != getattr(case, name)
    ]
    for name in changed:
        setattr(case, name, getattr(effective, name))
    if new_playbook and playbook is not None:
        changed.append("playbook")
        case.playbook = playbook.name
        for template in playbook.checks:
            if find_check(case.checks, template.name) is None:
                case.checks.append(Check(template.name, template.required))
    if changed:
        case.note_change(
            TimelineEntry(
                at=now,
                kind=EntryKind.EDIT,
                summary="",
                event=Event.EDITED,
                params={"fields": ",".join(changed)},
            )
        )
    return changed


def _move(case: Case, to: Status, now: datetime, event: Event, params: dict[str, str] | None = None) -> None:
    """Change the status, with a timeline entry that keeps the status and the follow-up
    date the case had, so that the change can be undone; ``event`` says why."""
    if to is case.status:
        return
    if to not in ALLOWED[case.status]:
        raise NotAllowed(
            Phrase(_("a case that is {before} cannot become {after}"), before=case.status, after=to)
        )
    case.note_change(
        TimelineEntry(
            at=now,
            kind=EntryKind.STATUS,
            summary="",
            status_from=case.status,
            status_to=to,
            next_follow_up=case.next_follow_up,
            event=event,
            params=params or {},
        )
    )
    case.status = to


def _refuse_if_withdrawn(case: Case, problem: str) -> None:
    """``problem`` (naming the case as {id}) when the case is withdrawn."""
    if case.status is Status.WITHDRAWN:
        raise NotAllowed(problem.format(id=case.id))


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
    _refuse_if_withdrawn(case, _("case {id} is withdrawn: reopen it before you log a contact"))
    require_text(summary, "summary", _("what happened cannot be empty"))
    if next_follow_up is not None and next_follow_up < today:
        raise InvalidInput(
            _("the next follow-up {day} is in the past").format(day=next_follow_up.isoformat()),
            "next_follow_up",
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
    case.note_change(entry)
    if ticket.strip():
        case.ticket = ticket
    if next_follow_up is not None:
        case.next_follow_up = next_follow_up
    if confirmed and case.status in (Status.REQUESTED, Status.FAILED):
        _move(case, Status.CONFIRMED, now, Event.PROVIDER_CONFIRMED)
    elif case.status is Status.FAILED:
        _move(case, Status.REQUESTED, now, Event.ASKED_AGAIN)
    return entry


def set_check(case: Case, name: str, state: CheckState, now: datetime, today: date, note: str = "") -> Check:
    """Record a check's result. A failed check turns the case ``failed``, due today."""
    _refuse_if_withdrawn(case, _("case {id} is withdrawn: reopen it before you record a check"))
    check = find_check(case.checks, name)
    if check is None:
        names = Listed(tuple(Quoted(CheckName(c.name)) for c in case.checks), empty=_("none"))
        raise NotFound(
            Phrase(
                _("case {id} has no check {name} (its checks: {names})"),
                id=case.id,
                name=Quoted(name),
                names=names,
            )
        )
    if state is CheckState.NOT_APPLICABLE and check.required and not note.strip():
        # A required check waved through must say why, or "verified" would prove nothing.
        raise InvalidInput(
            Phrase(
                _("{check} is required: say why it does not apply to case {id} in a note"),
                check=Quoted(CheckName(check.name)),
                id=case.id,
            ),
            "note",
        )
    check.state = state
    check.checked_at = now
    check.note = note
    case.note_change(
        TimelineEntry(
            at=now,
            kind=EntryKind.CHECK,
            summary="",
            event=Event.CHECK_RESULT,
            params={"check": check.name, "state": state.value, "note": note},
        )
    )
    if state is CheckState.FAILED:
        _move(case, Status.FAILED, now, Event.CHECK_FAILED, {"check": check.name})
        case.next_follow_up = today
    elif case.status is Status.FAILED and not any(c.state is CheckState.FAILED for c in case.checks):
        # The failure is taken back (a slip of the space bar, or it was re-tested).
        before = _entry_into(case, Status.FAILED)
        if before is not None and before.status_from is not None:
            _move(case, before.status_from, now, Event.FAILURE_CLEARED)
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
    require_text(name, "name", _("the check's name cannot be empty"))
    if find_check(case.checks, name) is not None:
        raise InvalidInput(
            Phrase(_("case {id} already has a check {name}"), id=case.id, name=Quoted(name)), "name"
        )
    check = Check(name=name, required=required)
    case.checks.append(check)
    case.note_change(
        TimelineEntry(
            at=now,
            kind=EntryKind.CHECK,
            summary="",
            event=Event.CHECK_ADDED,
            params={"check": name, "required": yes_no(required)},
        )
    )
    return check


def recheck_checks(case: Case, playbook: Playbook) -> list[Check]:
    """The case's checks that the recheck after the next bill is about (the playbook says)."""
    names = {name.casefold() for name in playbook.recheck_checks}
    return [c for c in case.checks if c.name.strip().casefold() in names]


def recheck_due(case: Case, today: date) -> bool:
    """A verified case whose recheck after the next bill has come."""
    return case.status is Status.VERIFIED and case.next_follow_up is not None and case.next_follow_up <= today


def failed_checks(case: Case) -> list[Check]:
    """Checks that failed, required or not: each one says the cancellation is not over."""
    return [c for c in case.checks if c.state is CheckState.FAILED]


def blocking_checks(case: Case) -> list[Check]:
    """Required checks that have neither passed nor been found not to apply: what stands
    between a case and verified."""
    return [c for c in case.checks if c.required and c.state in (CheckState.PENDING, CheckState.FAILED)]


def verify(case: Case, playbook: Playbook, now: datetime, today: date) -> None:
    """Mark the case verified once every required check has passed.

    On a verified case whose recheck is pending, records the recheck as done.
    """
    _refuse_if_withdrawn(case, _("case {id} is withdrawn: reopen it before you verify it"))
    if case.status is Status.VERIFIED:
        if case.next_follow_up is None:
            raise NotAllowed(_("case {id} is already verified").format(id=case.id))
        if case.next_follow_up > today:
            raise NotAllowed(
                _(
                    "case {id} is already verified; its recheck after the next bill is due on "
                    "{day}: verify it again on or after that day"
                ).format(id=case.id, day=case.next_follow_up.isoformat())
            )
        unchecked = [c for c in recheck_checks(case, playbook) if c.state is not CheckState.PASSED]
        if unchecked:
            raise NotAllowed(
                Phrase(
                    _("the recheck of case {id} needs these checks passed: {checks}"),
                    id=case.id,
                    checks=checks_and_states(unchecked),
                )
            )
        case.next_follow_up = None
        case.note_change(TimelineEntry(at=now, kind=EntryKind.STATUS, summary="", event=Event.RECHECK_DONE))
        return
    failed = failed_checks(case)
    if failed:
        # A failed check is evidence that the service still works or is still charged,
        # whether or not the playbook requires it: "verified" would be untrue.
        raise NotAllowed(
            Phrase(
                _(
                    "cannot verify case {id}: a check failed: {checks}. Test it again and record what you "
                    "find: {how}"
                ),
                id=case.id,
                checks=checks_and_states(failed),
                how=Advice(
                    Phrase(
                        # TRANSLATORS: a command line, after "tracker": keep check, pass, n/a and --note.
                        _('check {id} "{name}" pass (or n/a --note WHY if it does not apply to this case)'),
                        id=case.id,
                        name=CheckName(failed[0].name),
                    ),
                    "case.cycle_check",
                ),
            )
        )
    blocking = blocking_checks(case)
    if blocking:
        raise NotAllowed(
            Phrase(
                _("cannot verify case {id}: required checks not passed: {checks}"),
                id=case.id,
                checks=checks_and_states(blocking),
            )
        )
    case.next_follow_up = playbook.recheck_on(today)
    if case.ends_on is not None and case.ends_on > today:
        # A suspension comes back by itself: remind the user shortly before it does.
        case.next_follow_up = max(today, case.ends_on - timedelta(days=SUSPENSION_REMINDER_DAYS))
    recheck_on = case.next_follow_up.isoformat() if case.next_follow_up else ""
    _move(case, Status.VERIFIED, now, Event.VERIFIED, {"recheck_on": recheck_on})


def withdraw(case: Case, now: datetime, reason: str = "") -> None:
    """The user drops the case; it keeps its history and can be reopened."""
    if case.status is Status.WITHDRAWN:
        raise NotAllowed(_("case {id} is already withdrawn").format(id=case.id))
    _move(case, Status.WITHDRAWN, now, Event.WITHDRAWN, {"reason": reason})
    case.next_follow_up = None


def reopen(case: Case, now: datetime, today: date) -> None:
    """Undo a withdrawal: back to the status and the follow-up date the case had before."""
    if case.status is not Status.WITHDRAWN:
        raise NotAllowed(_("case {id} is not withdrawn").format(id=case.id))
    before = _entry_into(case, Status.WITHDRAWN)
    previous = before.status_from if before and before.status_from else Status.REQUESTED
    follow_up = before.next_follow_up if before else None
    if follow_up is None and previous is not Status.VERIFIED:
        follow_up = today  # an open case always has a next follow-up
    _move(case, previous, now, Event.REOPENED)
    case.next_follow_up = follow_up


def trash(case: Case, now: datetime) -> None:
    """Move the case to the trash; it keeps everything and can be restored."""
    if case.deleted_at is not None:
        raise NotAllowed(_("case {id} is already in the trash").format(id=case.id))
    case.deleted_at = now
    case.timeline.append(TimelineEntry(at=now, kind=EntryKind.TRASH, summary="", event=Event.TRASHED))


def restore(case: Case, now: datetime) -> None:
    """Bring the case back from the trash."""
    if case.deleted_at is None:
        raise NotAllowed(_("case {id} is not in the trash").format(id=case.id))
    case.deleted_at = None
    case.timeline.append(TimelineEntry(at=now, kind=EntryKind.TRASH, summary="", event=Event.RESTORED))
