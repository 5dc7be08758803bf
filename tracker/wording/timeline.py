"""Timeline entries in the reader's language: facts worded when shown.

:func:`describe` is the one place that turns an entry into a sentence; the
CLI's ``show``, the TUI's Case screen and the dossier all call it. Entries the
user wrote (contacts), old entries no rule recognised and facts of an event
this version does not know are shown as their stored summary.

Another module that records a new kind of fact registers its wording here::

    @wording("stage.filed")
    def _filed(entry: TimelineEntry, day: DayFormat) -> str:
        return _("Filed {stage}").format(stage=...)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tracker.domain.events import Event
from tracker.domain.model import Action, CheckState, Outcome, StageKind, Status, TimelineEntry
from tracker.i18n import _
from tracker.wording.formats import listed, money
from tracker.wording.terms import (
    check_label,
    check_state_label,
    field_label,
    outcome_name,
    quoted,
    stage_name,
    stage_with_article,
    status_label,
)

_STAGE_CODES = frozenset(kind.value for kind in StageKind)
_OUTCOME_CODES = frozenset(outcome.value for outcome in Outcome)

DayFormat = Callable[[date], str]
Wording = Callable[[TimelineEntry, DayFormat], str]

_WORDINGS: dict[str, Wording] = {}


def wording(event: str) -> Callable[[Wording], Wording]:
    """Register the function that words entries of ``event``."""

    def register(function: Wording) -> Wording:
        _WORDINGS[event] = function
        return function

    return register


def iso_day(day: date) -> str:
    return day.isoformat()


def describe(entry: TimelineEntry, day: DayFormat = iso_day) -> str:
    """The entry as one sentence in the current language; ``day`` formats the dates in it.

    User text inside (a check's name, a note, a reason) is given as stored: the
    caller makes it safe for where it is shown, as with any user text.
    """
    if not entry.event:
        return entry.summary
    word = _WORDINGS.get(entry.event)
    if word is None:
        return entry.summary or entry.event
    return word(entry, day)


def _param(entry: TimelineEntry, name: str) -> str:
    return entry.params.get(name, "")


@wording(Event.CREATED)
def _created(entry: TimelineEntry, day: DayFormat) -> str:
    if _param(entry, "action") == Action.SUSPEND:
        return _("Suspend requested")
    return _("Cancel requested")


@wording(Event.EDITED)
def _edited(entry: TimelineEntry, day: DayFormat) -> str:
    fields = [field_label(name) for name in _param(entry, "fields").split(",") if name]
    return _("Edited: {fields}").format(fields=listed(fields))


@wording(Event.CHECK_RESULT)
def _check_result(entry: TimelineEntry, day: DayFormat) -> str:
    check = quoted(check_label(_param(entry, "check")))
    raw_state = _param(entry, "state")
    state = check_state_label(CheckState(raw_state)) if raw_state in set(CheckState) else raw_state
    note = _param(entry, "note")
    if note:
        # TRANSLATORS: a check's result and the note the user typed with it.
        return _("Check {check}: {state} ({note})").format(check=check, state=state, note=note)
    return _("Check {check}: {state}").format(check=check, state=state)


@wording(Event.CHECK_ADDED)
def _check_added(entry: TimelineEntry, day: DayFormat) -> str:
    check = quoted(check_label(_param(entry, "check")))
    if _param(entry, "required") == "true":
        return _("Added required check {check}").format(check=check)
    return _("Added optional check {check}").format(check=check)


@wording(Event.PROVIDER_CONFIRMED)
def _provider_confirmed(entry: TimelineEntry, day: DayFormat) -> str:
    return _("Provider says it is done")


@wording(Event.ASKED_AGAIN)
def _asked_again(entry: TimelineEntry, day: DayFormat) -> str:
    return _("Asked the provider again")


@wording(Event.CHECK_FAILED)
def _check_failed(entry: TimelineEntry, day: DayFormat) -> str:
    return _("Check {check} failed: follow up today").format(
        check=quoted(check_label(_param(entry, "check")))
    )


@wording(Event.FAILURE_CLEARED)
def _failure_cleared(entry: TimelineEntry, day: DayFormat) -> str:
    status = status_label(entry.status_to or Status.REQUESTED)
    return _("No check has failed any more: back to {status}").format(status=status)


@wording(Event.VERIFIED)
def _verified(entry: TimelineEntry, day: DayFormat) -> str:
    recheck_on = _param(entry, "recheck_on")
    if not recheck_on:
        return _("Verified: every required check passed")
    try:
        when = day(date.fromisoformat(recheck_on))
    except ValueError:
        when = recheck_on
    return _("Verified: every required check passed; recheck after the next bill on {date}").format(date=when)


@wording(Event.RECHECK_DONE)
def _recheck_done(entry: TimelineEntry, day: DayFormat) -> str:
    return _("Recheck done: case closed")


@wording(Event.WITHDRAWN)
def _withdrawn(entry: TimelineEntry, day: DayFormat) -> str:
    reason = _param(entry, "reason")
    if reason:
        # TRANSLATORS: the user withdrew the case, giving this reason.
        return _("Withdrawn: {reason}").format(reason=reason)
    return _("Withdrawn")


@wording(Event.REOPENED)
def _reopened(entry: TimelineEntry, day: DayFormat) -> str:
    return _("Reopened")


@wording(Event.TRASHED)
def _trashed(entry: TimelineEntry, day: DayFormat) -> str:
    return _("Moved to the trash")


@wording(Event.RESTORED)
def _restored(entry: TimelineEntry, day: DayFormat) -> str:
    return _("Restored from the trash")


# -- the Peruvian path ------------------------------------------------------------


def _with_note(sentence: str, entry: TimelineEntry) -> str:
    """The program's sentence, then the note the user typed (as typed)."""
    if entry.summary:
        # TRANSLATORS: a sentence the program wrote, then a note the user typed.
        return _("{sentence}: {note}").format(sentence=sentence, note=entry.summary)
    return sentence


def _on(entry: TimelineEntry, name: str, day: DayFormat) -> str:
    text = _param(entry, name)
    try:
        return day(date.fromisoformat(text))
    except ValueError:
        return text


def _stage(entry: TimelineEntry) -> str:
    kind = _param(entry, "kind")
    return stage_name(StageKind(kind)) if kind in _STAGE_CODES else kind


def _amount(entry: TimelineEntry) -> str:
    from decimal import Decimal, InvalidOperation

    try:
        return money(Decimal(_param(entry, "amount")), _param(entry, "currency"))
    except (InvalidOperation, ValueError):
        return f"{_param(entry, 'amount')} {_param(entry, 'currency')}".strip()


@wording(Event.STAGE_FILED)
def _stage_filed(entry: TimelineEntry, day: DayFormat) -> str:
    kind = _param(entry, "kind")
    the_stage = stage_with_article(StageKind(kind)) if kind in _STAGE_CODES else kind
    said = _("Filed {the_stage} on {day}").format(the_stage=the_stage, day=_on(entry, "filed_on", day))
    return _with_note(said, entry)


@wording(Event.STAGE_ANSWERED)
def _stage_answered(entry: TimelineEntry, day: DayFormat) -> str:
    outcome = _param(entry, "outcome")
    said_outcome = outcome_name(Outcome(outcome)) if outcome in _OUTCOME_CODES else outcome
    if entry.params.get("issued"):
        said = _("Answer to the {stage}: {outcome}, issued on {issued}, notified on {day}").format(
            stage=_stage(entry),
            outcome=said_outcome,
            issued=_on(entry, "issued", day),
            day=_on(entry, "on", day),
        )
    else:
        said = _("Answer to the {stage}: {outcome}, notified on {day}").format(
            stage=_stage(entry), outcome=said_outcome, day=_on(entry, "on", day)
        )
    return _with_note(said, entry)


@wording(Event.CHARGE_ADDED)
def _charge_added(entry: TimelineEntry, day: DayFormat) -> str:
    said = _("Charge of {money} on {day} recorded").format(money=_amount(entry), day=_on(entry, "on", day))
    return _with_note(said, entry)


@wording(Event.CHARGE_OWED)
def _charge_owed(entry: TimelineEntry, day: DayFormat) -> str:
    word = _param(entry, "owed")
    if word == "yes":
        return _("Charge of {money} marked owed").format(money=_amount(entry))
    if word == "no":
        return _("Charge of {money} marked not owed").format(money=_amount(entry))
    return _("Charge of {money} left to the rules").format(money=_amount(entry))


@wording(Event.CHARGE_COMPLETED)
def _charge_completed(entry: TimelineEntry, day: DayFormat) -> str:
    given = []
    if "period_start" in entry.params:
        given.append(
            _("period {start} to {end}").format(
                start=_on(entry, "period_start", day), end=_on(entry, "period_end", day)
            )
        )
    if "receipt" in entry.params:
        given.append(_("receipt {number}").format(number=_param(entry, "receipt")))
    if "due_on" in entry.params:
        given.append(_("due {day}").format(day=_on(entry, "due_on", day)))
    return _("Charge of {money}: {given}").format(money=_amount(entry), given=", ".join(given))


@wording(Event.ATTACHMENT_ADDED)
def _attachment_added(entry: TimelineEntry, day: DayFormat) -> str:
    return _with_note(_("File attached: {name}").format(name=_param(entry, "name")), entry)
