"""A change as the undo log keeps it: when, on which case, what it added to the timeline."""

from __future__ import annotations

from datetime import datetime

from tracker.domain.model import TimelineEntry
from tracker.records import field, record


@record(frozen=True)
class LoggedChange:
    """One change the store wrote for a user's action, or the undo of one.

    ``entries`` are the timeline entries the change added (for an undo: the ones it took
    away), which say in the reader's language what the change was.
    """

    id: int
    at: datetime
    case_id: int | None
    entries: tuple[TimelineEntry, ...] = field(default_factory=tuple)
    #: The tables whose rows it wrote, in the order first written.
    tables: tuple[str, ...] = field(default_factory=tuple)
    #: This entry is the undo of that change.
    undoes: int | None = None
    #: This change was taken back by that undo.
    undone_by: int | None = None
