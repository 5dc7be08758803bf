"""What a case is measured against: its playbook, its business calendar, its rule book."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.model import Action, Case, Status
from tracker.domain.playbooks import Playbook
from tracker.records import field, record

if TYPE_CHECKING:
    from tracker.domain.rules import Rule, RuleBook


def _utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


@record(frozen=True)
class CaseRules:
    """The rules a case is held to. ``local_day`` turns a stored UTC timestamp into the
    user's day (the clock gives it; UTC by default, for tests)."""

    playbook: Playbook
    calendar: BusinessCalendar
    book: RuleBook | None = None
    local_day: Callable[[datetime], date] = field(default=_utc_day)

    @property
    def follows_rules(self) -> bool:
        """Whether the case follows a regulator's rule book (stages, letters, charges by law)."""
        return self.book is not None


@record(frozen=True)
class ProviderDeadline:
    """The provider's first deadline: carry out the baja (or suspension), and the rule for it."""

    due: date
    rule: Rule | None  # None: the playbook's own days, not a rule of law
    scheduled: bool = False  # on a date the user chose


def provider_deadline(case: Case, rules: CaseRules) -> ProviderDeadline:
    """When the provider must have done what was asked, by law where a rule book applies.

    A baja on a date the user chose is due that day; otherwise the rule in force on
    the request date gives the day, whatever the provider promised.
    """
    rule = rules.playbook.provider_rule(case.requested_on, rules.book)
    if rule is None:
        return ProviderDeadline(case.promised_by, None)
    legal = rule.due(case.requested_on, rules.calendar)
    if case.effective_on is not None and case.effective_on > legal:
        return ProviderDeadline(case.effective_on, rule, scheduled=True)
    return ProviderDeadline(legal, rule)


def carried_out_on(case: Case, local_day: Callable[[datetime], date]) -> date | None:
    """The day the provider said it was done (or the case was verified), if it is done now.

    After a failed check and another contact, the day it was said done again counts.
    """
    done = (Status.CONFIRMED, Status.VERIFIED)
    if case.status not in done:
        return None
    for entry in reversed(case.timeline):
        if entry.status_to in done and entry.status_from not in done:
            return local_day(entry.at)
    return None


def is_cancellation(case: Case) -> bool:
    return case.action is Action.CANCEL
