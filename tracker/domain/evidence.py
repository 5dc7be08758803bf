"""Evidence on a case: files the user attaches, known by their SHA-256."""

from __future__ import annotations

import re
from datetime import datetime

from tracker.domain.errors import InvalidInput, NotAllowed
from tracker.domain.events import Event
from tracker.domain.model import Attachment, Case, EntryKind, TimelineEntry
from tracker.i18n import _

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def attach(case: Case, name: str, sha256: str, size: int, now: datetime, note: str = "") -> Attachment:
    """Record a stored file on the case; the same content twice is refused by name."""
    if not _SHA256.match(sha256):
        raise InvalidInput(_("{value!r} is not a SHA-256 in hexadecimal").format(value=sha256), "sha256")
    if not name.strip():
        raise InvalidInput(_("the file needs a name"), "name")
    for existing in case.attachments:
        if existing.sha256 == sha256:
            raise NotAllowed(
                _("case {id} already has this file, as {name}").format(id=case.id, name=existing.name)
            )
    attachment = Attachment(name=name, sha256=sha256, size=size, added_at=now, note=note)
    case.attachments.append(attachment)
    case.note_change(
        TimelineEntry(
            at=now,
            kind=EntryKind.ATTACHMENT,
            summary=note,
            event=Event.ATTACHMENT_ADDED,
            params={"name": name, "sha256": sha256, "size": str(size)},
        )
    )
    return attachment
