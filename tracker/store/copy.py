"""Copying every case from one tracker database into an empty one, of either backend.

The cases keep their numbers, UUIDs, checks, timelines, times and the trash; the
rows' own ids (checks, timeline entries) are the destination's, in the same order.
It reads one snapshot of the source and writes in one transaction that holds the
destination against other writers, so the copy is whole or not there at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case
from tracker.i18n import _
from tracker.records import record
from tracker.store.base import Store
from tracker.store.blobs import Carried


@record
class Copied:
    """What a copy between databases moved, by kind."""

    #: Both databases as shown to people (a file, or a URL without its password).
    source: str
    destination: str
    cases: int = 0
    trashed: int = 0
    checks: int = 0
    entries: int = 0
    #: The attached files, carried into the copy's attachments folder.
    files: Carried | None = None


def copy_cases(
    source: Store, destination: Store, progress: Callable[[int, int], None] | None = None
) -> Copied:
    """Copy every case of ``source`` (the trash included) into ``destination``, which must hold none."""
    copied = Copied(source.location, destination.location)

    def counted(cases: Iterator[Case]) -> Iterator[Case]:
        for case in cases:
            copied.cases += 1
            copied.trashed += case.deleted_at is not None
            copied.checks += len(case.checks)
            copied.entries += len(case.timeline)
            yield case

    with source.read() as reading, destination.write() as writing:
        writing.lock_all_cases()
        if writing.max_id() != 0:
            raise InvalidInput(
                _("{target} already holds cases; tracker copies only into an empty database").format(
                    target=destination.location
                )
            )
        total = int(reading.rows("SELECT count(*) FROM cases")[0][0])
        writing.add_many(
            counted(reading.iter_all(include_deleted=True)),
            keep_ids=True,
            progress=None if progress is None else (lambda done: progress(done, total)),
        )
    return copied
