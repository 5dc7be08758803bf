"""A baja or suspension on a date the user chooses, inside the window the rules allow."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Action
from tracker.domain.playbooks import Playbook
from tracker.i18n import _

if TYPE_CHECKING:
    from tracker.domain.rules import RuleBook


def scheduled_promise(
    requested_on: date,
    effective_on: date | None,
    ends_on: date | None,
    playbook: Playbook,
    book: RuleBook | None,
    calendar: BusinessCalendar,
    action: Action = Action.CANCEL,
) -> date | None:
    """The provider's deadline for a request with a chosen start (and, for a suspension, end);
    None when no date was chosen. Dates outside the rules' window are refused."""
    suspension = playbook.deadline_rule == "suspension"
    # A suspension asked under a playbook without suspension rules (a gym's pause) still
    # has the day it ends; only the rules' window is left unchecked there.
    if ends_on is not None and not suspension and action is not Action.SUSPEND:
        raise InvalidInput(_("only a suspension has an end date"), "ends_on")
    if effective_on is None and (ends_on is None or not suspension):
        return None
    if effective_on is not None and effective_on < requested_on:
        raise InvalidInput(
            _("the chosen date {day} is before the request ({requested})").format(
                day=effective_on.isoformat(), requested=requested_on.isoformat()
            ),
            "effective_on",
        )
    if book is None:
        return effective_on
    if suspension:
        return _suspension(requested_on, effective_on, ends_on, playbook, book, calendar)
    assert effective_on is not None
    _inside(
        effective_on,
        requested_on,
        book,
        calendar,
        ("baja.scheduled.min", "baja.scheduled.max"),
        _(
            "a baja on a chosen date must fall between {first} and {last}, the notice {norm} "
            "allows; {day} does not"
        ),
        "effective_on",
    )
    return effective_on


def _inside(
    day: date,
    start: date,
    book: RuleBook,
    calendar: BusinessCalendar,
    keys: tuple[str, str],
    refusal: str,
    field: str,
) -> None:
    """Refuse ``day`` unless it lies between the two rules' periods counted from ``start``."""
    earliest, latest = book.rule(keys[0], start), book.rule(keys[1], start)
    first, last = earliest.due(start, calendar), latest.due(start, calendar)
    if not first <= day <= last:
        raise InvalidInput(
            refusal.format(
                start=start.isoformat(),
                first=first.isoformat(),
                last=last.isoformat(),
                norm=book.norm(earliest.norm).citation,
                day=day.isoformat(),
            ),
            field,
        )


def _suspension(
    requested_on: date,
    effective_on: date | None,
    ends_on: date | None,
    playbook: Playbook,
    book: RuleBook,
    calendar: BusinessCalendar,
) -> date:
    # The operator has its days unless the user chose a later start.
    default = playbook.promised_by(requested_on, calendar, book)
    start = max(effective_on, default) if effective_on is not None else default
    if ends_on is not None:
        _inside(
            ends_on,
            start,
            book,
            calendar,
            ("suspension.min", "suspension.max"),
            _(
                "a suspension starting {start} must end between {first} and {last}, "
                "the length {norm} allows; {day} does not"
            ),
            "ends_on",
        )
    return start
