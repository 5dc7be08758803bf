"""Reminders: the facts `tracker notify` announces, without words.

A reminder says which case, what falls due (``event``) and when. Follow-ups come
from the case list; the user's own deadlines (a reclamo's or an appeal's window,
from the stages work) are reminders of kind :attr:`ReminderKind.DEADLINE` with an
event code of their own, worded where the message is built.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from tracker.domain.model import Status
from tracker.records import field, record

FOLLOW_UP = "follow_up"
RECHECK = "recheck"


class ReminderKind(StrEnum):
    DEADLINE = "deadline"  # the user's own deadline: the most urgent, listed first
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"


@record(frozen=True)
class Reminder:
    """One thing to remind the user of: a follow-up or a deadline, on a case, on a day."""

    kind: ReminderKind
    case_id: int
    case_uuid: str
    provider: str
    due: date
    event: str = FOLLOW_UP
    params: tuple[tuple[str, str], ...] = field(default=())

    @property
    def key(self) -> str:
        """What "announced once a day" counts: the same event on the same case for the same day."""
        return f"{self.event}:{self.case_uuid}:{self.due.isoformat()}"


def follow_up_reminder(
    case_id: int, case_uuid: str, provider: str, status: Status, due: date, today: date
) -> Reminder:
    """A follow-up (or a verified case's recheck) due on ``due``, seen on ``today``."""
    kind = ReminderKind.OVERDUE if due < today else ReminderKind.DUE_TODAY
    event = RECHECK if status is Status.VERIFIED else FOLLOW_UP
    return Reminder(kind, case_id, case_uuid, provider, due, event)
