"""A temporary suspension's limits beyond one case: its end date, the yearly allowance that
the same line's suspensions share, and the reactivation fee disclosed when it was asked for.

"The same line" is read from what a case holds: the same provider (compared without case,
accents, punctuation or the word "Perú") and the same service, which is the phone number
when the service names one (its last nine digits: a Peruvian mobile number, with or without
+51 and spaces) and else the service's text compared the same loose way. A case holds no
identity of the holder: the tracker is one holder's, so every case is the holder's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Action, Case, Charge, Status
from tracker.i18n import _
from tracker.records import record

if TYPE_CHECKING:
    from tracker.domain.businessdays import BusinessCalendar
    from tracker.domain.playbooks import Playbook
    from tracker.domain.rules import Rule, RuleBook

YEARLY_RULE = "suspension.year.max"
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_COUNTRY_WORDS = frozenset({"peru", "pe"})
# A Peruvian mobile number has nine digits; a fixed one fewer. Shorter runs are not numbers.
_NUMBER_DIGITS = 9
_SHORTEST_NUMBER = 7


def require_end(ends_on: date | None, playbook: Playbook) -> None:
    """A suspension under a playbook that follows the suspension rules needs the day the
    line comes back: without it neither its length nor the year's total can be checked."""
    if playbook.suspends and ends_on is None:
        raise InvalidInput(_("a suspension needs its end date: the day the line comes back"), "ends_on")


def _words(text: str) -> list[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return [w for w in _NOT_WORD.split(plain) if w]


def line_key(provider: str, service: str) -> tuple[str, str]:
    """What makes two cases the same line: the provider and the number (or the service)."""
    digits = "".join(c for c in service if c.isdigit())
    number = digits[-_NUMBER_DIGITS:] if len(digits) >= _SHORTEST_NUMBER else ""
    who = " ".join(w for w in _words(provider) if w not in _COUNTRY_WORDS)
    return who, number or " ".join(_words(service))


def suspended_days(case: Case) -> tuple[date, date] | None:
    """The days a suspension case keeps the line off, as [start, end): from the day it starts
    at the latest (the date chosen, or the operator's deadline) to the day the line comes back."""
    if case.action is not Action.SUSPEND or case.ends_on is None or case.status is Status.WITHDRAWN:
        return None
    if case.ends_on <= case.promised_by:
        return None
    return case.promised_by, case.ends_on


def _days_in_year(span: tuple[date, date], year: int) -> int:
    first, after = max(span[0], date(year, 1, 1)), min(span[1], date(year + 1, 1, 1))
    return max(0, (after - first).days)


@record(frozen=True)
class YearOverrun:
    """The same line's suspensions in one calendar year add up to more than the allowance."""

    year: int
    used_before: int  # days of the line's other suspensions in that year
    asked: int  # days of this suspension in that year
    allowed: int  # the allowance in days, counted from the year's first suspension
    rule: Rule

    @property
    def remaining(self) -> int:
        """Days the other suspensions had left in that year for this one."""
        return max(0, self.allowed - self.used_before)


def yearly_overruns(
    case: Case, others: Iterable[Case], book: RuleBook | None, calendar: BusinessCalendar
) -> list[YearOverrun]:
    """Each calendar year in which ``case`` and the same line's other suspensions exceed the
    yearly maximum of the rule book (none without one, or when the case is no suspension).

    The law says "two months a year" without saying whether the year is the calendar year
    or any twelve months, nor how a month counts in days: the tracker counts calendar years
    and the two months from the first day suspended that year, and warns rather than refuses.
    """
    span = suspended_days(case)
    if span is None or book is None or not book.versions(YEARLY_RULE):
        return []
    key = line_key(case.provider, case.service)
    spans = [
        other_span
        for other in others
        if (other.id is None or other.id != case.id)
        and line_key(other.provider, other.service) == key
        and (other_span := suspended_days(other)) is not None
    ]
    found = []
    for year in range(span[0].year, (span[1] - timedelta(days=1)).year + 1):
        asked = _days_in_year(span, year)
        if not asked:
            continue
        used = sum(_days_in_year(s, year) for s in spans)
        first = min([max(s[0], date(year, 1, 1)) for s in [*spans, span] if _days_in_year(s, year)])
        rule = book.rule(YEARLY_RULE, first)
        allowed = (rule.due(first, calendar) - first).days
        if used + asked > allowed:
            found.append(YearOverrun(year, used, asked, allowed, rule))
    return found


def disclosed_reactivation_fee(case: Case, charge: Charge) -> bool:
    """Whether ``charge`` is the reactivation fee the operator disclosed when the suspension
    was asked for, and so a legitimate charge the money rules count as owed.

    The disclosure is the fee recorded on the suspension case when it was requested (its
    ``fee_amount``, which for a suspension is what bringing the line back costs); the charge
    is that fee when it is of that amount and currency. Any other charge is left to the
    money rules (:mod:`tracker.domain.charges`: its period against the suspension)."""
    return (
        case.action is Action.SUSPEND
        and case.fee_amount is not None
        and case.fee_amount > 0
        and charge.currency == case.fee_currency
        and charge.amount == case.fee_amount
    )
