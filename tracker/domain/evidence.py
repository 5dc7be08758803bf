"""Evidence on a case: files the user attaches, known by their SHA-256."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from tracker.domain.errors import InvalidInput, NotAllowed
from tracker.domain.events import Event
from tracker.domain.model import Attachment, Case, EntryKind, TimelineEntry
from tracker.i18n import _

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def check_attachment(attachment: Attachment, others: Sequence[Attachment], case_id: int | None) -> None:
    """What every attachment is, attached by ``attach`` or read from an import: a SHA-256 in
    lowercase hexadecimal, a name, a size, and content no other attachment of its case has."""
    if not _SHA256.match(attachment.sha256):
        raise InvalidInput(
            _("{value!r} is not a SHA-256 in hexadecimal").format(value=attachment.sha256), "sha256"
        )
    if not attachment.name.strip():
        raise InvalidInput(_("the file needs a name"), "name")
    if attachment.size < 0:
        raise InvalidInput(_("not a size in bytes: {value}").format(value=attachment.size), "size")
    for existing in others:
        if existing is not attachment and existing.sha256 == attachment.sha256:
            raise NotAllowed(
                _("case {id} already has this file, as {name}").format(id=case_id, name=existing.name)
            )


def attach(case: Case, name: str, sha256: str, size: int, now: datetime, note: str = "") -> Attachment:
    """Record a stored file on the case; the same content twice is refused by name."""
    attachment = Attachment(name=name, sha256=sha256, size=size, added_at=now, note=note)
    check_attachment(attachment, case.attachments, case.id)
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
