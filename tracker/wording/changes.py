"""A change of the undo log in the reader's language: what it did, through its timeline entries."""

from __future__ import annotations

from tracker.domain.changes import LoggedChange
from tracker.domain.model import EntryKind, TimelineEntry
from tracker.i18n import _
from tracker.wording.formats import listed
from tracker.wording.timeline import describe


def _entry_text(entry: TimelineEntry) -> str:
    if entry.kind is EntryKind.CONTACT and not entry.event:
        return _("Contact logged: {summary}").format(summary=entry.summary)
    return describe(entry)


def change_text(change: LoggedChange) -> str:
    """What the change did ("Filed reclamo on 2026-08-20"), or for an undo what it took back."""
    done = listed([_entry_text(entry) for entry in change.entries]) or _("A change to case {id}").format(
        id=change.case_id
    )
    if change.undoes is not None:
        return _("Undo of change {change}: {what}").format(change=change.undoes, what=done)
    return done
