"""The códigos a provider gave on a case: the one the request got, and any given later.

A case's ``ticket`` field holds the latest código (a logged contact with a new ticket
replaces it), but a letter and the dossier must name the código the request itself got:
that is the one the law obliges the operator to give for it. Later códigos (a call
about the same request, a follow-up) are listed as later ones, never in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from tracker.domain.model import Case
from tracker.records import record


@record(frozen=True)
class Codes:
    """The request's código (empty when none was recorded) and the códigos given after it."""

    request: str
    later: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (self.request, *self.later) if self.request else self.later


def request_codes(
    case: Case, local_day: Callable[[datetime], date] | None = None, until: date | None = None
) -> Codes:
    """The códigos in the order they were given; with ``until`` (and ``local_day``), only
    those given by that day.

    The request's código is the one recorded when the case was added. When none was, the
    case's ticket as it was set by hand (an edit) is taken as the request's: edits do not
    keep the value in the timeline, and a user who adds the código afterwards adds the
    request's.
    """
    given: dict[str, date | None] = {}  # each código, and the day it was first given
    for entry in case.timeline:
        code = entry.ticket.strip()
        if code and code not in given:
            given[code] = local_day(entry.at) if local_day is not None else None
    current = case.ticket.strip()
    if current and current not in given:
        given = {current: None, **given}
    codes = [code for code, day in given.items() if until is None or day is None or day <= until]
    if not codes:
        return Codes("", ())
    return Codes(codes[0], tuple(codes[1:]))
