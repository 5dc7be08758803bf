"""What a case list shows: one summary row per case, and the counts above the list."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from tracker.domain.flags import FlagFacts
from tracker.domain.model import Status
from tracker.records import record


class CaseSummary(NamedTuple):
    """One line of a case list: what a table row needs, without checks or timeline.

    A named tuple rather than a dataclass: lists build thousands of them.
    """

    id: int
    uuid: str
    provider: str
    service: str
    status: Status
    requested_on: date
    ticket: str
    promised_by: date
    next_follow_up: date | None
    notes: str
    checks_total: int
    checks_passed: int
    checks_failed: int
    # The Peruvian path's dates, kept on the case so that flags need no rules: the
    # provider's answer deadline, the user's own next deadline, and when to warn of it.
    answer_due: date | None = None
    user_due: date | None = None
    user_alert_on: date | None = None

    @property
    def facts(self) -> FlagFacts:
        return FlagFacts(
            self.status,
            self.next_follow_up,
            self.promised_by,
            self.ticket,
            self.checks_failed > 0,
            self.answer_due,
            self.user_due,
            self.user_alert_on,
        )

    @property
    def progress(self) -> str:
        return f"{self.checks_passed}/{self.checks_total}"


@record(frozen=True)
class ListStats:
    """The summary line: open, overdue, due today, verified, closed ones hidden."""

    open: int
    overdue: int
    due_today: int
    verified: int
    hidden_closed: int
