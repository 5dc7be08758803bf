"""Files attached to a case as evidence (``tracker.evidence``), kept in ``attachments/``
beside the database."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.core.context import Context
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Attachment, Case
from tracker.i18n import _

if TYPE_CHECKING:
    from tracker.store.blobs import BlobStore, Carried


class Evidence:
    """The attachments folder and the files recorded on cases."""

    def __init__(self, context: Context) -> None:
        self._context = context

    @property
    def blobs(self) -> BlobStore:
        """Attached files, in ``attachments/`` beside the database."""
        from tracker.store.blobs import BlobStore, attachments_folder

        return BlobStore(attachments_folder(self._context.path))

    def carry_to(self, into: BlobStore, progress: Callable[[int, int], None] | None = None) -> Carried:
        """Copy every file the cases hold into another attachments folder (of a copy or a
        backup), each checked against its SHA-256 on the way."""
        from tracker.store.evidence_check import attached_files

        return self.blobs.carry(attached_files(self._context.store), into, progress)

    def any_attached(self) -> bool:
        """Whether any case (the trash included) holds an attached file."""
        from tracker.store.evidence_check import attached_files

        return bool(attached_files(self._context.store))

    def check(self, progress: Callable[[int, int], None] | None = None) -> tuple[list[str], list[str]]:
        """Problems and notes about the stored files: missing, changed, stray; every file
        is read against its SHA-256 (``progress(done, total)`` counts them)."""
        from tracker.store.evidence_check import check_evidence

        return check_evidence(self._context.store, self.blobs, progress)

    def check_sizes(self, cases: Iterable[Case], sizes: dict[str, int] | None = None) -> None:
        """An imported attachment's size must be its file's: the one stored under its
        SHA-256 here, and the one any other entry of the import gives it. ``sizes`` holds
        what earlier batches of the same import gave (filled in as they come)."""
        blobs = self.blobs
        sizes = {} if sizes is None else sizes
        for case in cases:
            for attachment in case.attachments:
                known = sizes.setdefault(attachment.sha256, attachment.size)
                stored = blobs.size(attachment.sha256)
                if stored is not None:
                    known = stored
                if attachment.size != known:
                    raise InvalidInput(
                        _(
                            "case {id}: attachment {name} says {size} bytes, but its file (SHA-256 "
                            "{sha256}) has {known}"
                        ).format(
                            id=case.id,
                            name=attachment.name,
                            size=attachment.size,
                            sha256=attachment.sha256,
                            known=known,
                        )
                    )

    def attach(self, ref: str | int, source: Path, note: str = "") -> tuple[Case, Attachment]:
        """Copy a file into the attachments folder and record it on the case."""
        ctx = self._context
        ctx.read(lambda tx: tx.get(ref))  # an unknown case is refused before anything is copied
        stored = self.blobs.put(source)
        from tracker.domain import evidence

        return ctx.update(
            ref, lambda case: evidence.attach(case, source.name, stored.sha256, stored.size, ctx.now(), note)
        )
