"""Files attached to a case as evidence (``tracker.evidence``), kept in ``attachments/``
beside the database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker import paths
from tracker.core.context import Context
from tracker.domain.model import Attachment, Case

if TYPE_CHECKING:
    from tracker.store.blobs import BlobStore


class Evidence:
    """The attachments folder and the files recorded on cases."""

    def __init__(self, context: Context) -> None:
        self._context = context

    @property
    def blobs(self) -> BlobStore:
        """Attached files, in ``attachments/`` beside the database."""
        from tracker.store.blobs import BlobStore

        path = self._context.path
        folder = path.parent if path is not None else paths.data_dir()
        return BlobStore(folder / "attachments")

    def attach(self, ref: str | int, source: Path, note: str = "") -> tuple[Case, Attachment]:
        """Copy a file into the attachments folder and record it on the case."""
        ctx = self._context
        ctx.read(lambda tx: tx.get(ref))  # an unknown case is refused before anything is copied
        stored = self.blobs.put(source)
        from tracker.domain import evidence

        return ctx.update(
            ref, lambda case: evidence.attach(case, source.name, stored.sha256, stored.size, ctx.now(), note)
        )
