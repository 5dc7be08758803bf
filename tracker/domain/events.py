"""What the program records on a case's timeline, as facts without words.

A :class:`~tracker.domain.model.TimelineEntry` written by the program carries one
of these codes in ``event`` and its particulars in ``params`` (text values, the
keys listed below); ``tracker.wording.timeline`` words it in the reader's language.
Entries the user writes (a contact) have no event: their ``summary`` is the text.
"""

from __future__ import annotations

from enum import StrEnum


class Event(StrEnum):
    # params: action ("cancel" or "suspend")
    CREATED = "case.created"
    # params: fields (the names of the changed fields, comma-separated, e.g. "provider,ticket")
    EDITED = "case.edited"
    # params: check, state ("passed", "failed" or "pending"), note (as typed; may be empty)
    CHECK_RESULT = "check.result"
    # params: check, required ("true" or "false")
    CHECK_ADDED = "check.added"
    # The status changes below keep the statuses in the entry's status_from / status_to.
    # The provider says the cancellation is done (a contact logged as confirmed).
    PROVIDER_CONFIRMED = "status.provider_confirmed"
    # A failed case was contacted again: back to waiting for the provider.
    ASKED_AGAIN = "status.asked_again"
    # params: check (the one that failed); the case is due today.
    CHECK_FAILED = "status.check_failed"
    # No check is failed any more: back to the status the case had (status_to).
    FAILURE_CLEARED = "status.failure_cleared"
    # params: recheck_on (an ISO date, or empty when the playbook asks for no recheck)
    VERIFIED = "status.verified"
    # The recheck of a verified case after the next bill was done; nothing is pending.
    RECHECK_DONE = "case.recheck_done"
    # params: reason (as typed; may be empty)
    WITHDRAWN = "status.withdrawn"
    # Back to the status the case had before it was withdrawn (status_to).
    REOPENED = "status.reopened"
    # Moved to the trash, and back from it.
    TRASHED = "case.trashed"
    RESTORED = "case.restored"
    # The Peruvian path (summary: the user's note, as typed).
    # params: kind (a StageKind), filed_on, and when given code, topic, amount, channel
    STAGE_FILED = "stage.filed"
    # params: kind, filed_on (the stage answered), on (the day the answer was notified),
    # outcome (an Outcome), and when given code
    STAGE_ANSWERED = "stage.answered"
    # params: amount, currency, on, and when the user said so owed ("yes" or "no")
    CHARGE_ADDED = "charge.added"
    # params: amount, currency, owed ("yes", "no", or "rules": left to the rules)
    CHARGE_OWED = "charge.owed"
    # params: amount, currency, and what was given: period_start and period_end
    CHARGE_COMPLETED = "charge.completed"
    # params: name, sha256, size
    ATTACHMENT_ADDED = "attachment.added"


def yes_no(value: bool) -> str:
    """A boolean as an event parameter."""
    return "true" if value else "false"
