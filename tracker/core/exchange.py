"""Cases from another copy merged in (``tracker.exchange``): planned and written a batch
at a time inside one write transaction."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import IO, TYPE_CHECKING

from tracker.core.context import Context
from tracker.domain.errors import InvalidInput
from tracker.domain.limits import check_case_dates
from tracker.domain.model import Case
from tracker.i18n import _
from tracker.records import replace

if TYPE_CHECKING:
    from tracker.domain.merge import ImportResult
    from tracker.store.scratch import ScratchIndex
    from tracker.store.transaction import Transaction

# The largest case number: what both backends' integer keys hold.
MAX_CASE_ID = 2**63 - 1
# Cases planned and written at a time: what an import holds, whatever the size of its file.
BATCH = 500


class Exchange:
    """Imports: what another copy of the data brings, merged with what is here."""

    def __init__(self, context: Context) -> None:
        self._context = context

    def import_cases(
        self,
        cases: Iterable[Case],
        *,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Merge cases from another copy (each validated already) in one write transaction.

        The cases are taken as they come (a file read as a stream), planned and written
        :data:`BATCH` at a time: the transaction keeps the import all or nothing, so
        nothing needs to hold every case. Whatever the iterable raises, the transaction
        is rolled back. The plan is made inside the transaction that writes it, so two
        imports at once are merged one after the other, never against a stale picture.
        New cases whose number is taken wait in a temporary file until every number the
        import keeps is known. ``progress(done, total)`` counts the cases of a list as they
        are taken in; of a stream, only those written at the end.
        """
        from tracker.core.evidence import Evidence
        from tracker.domain import merge

        ctx = self._context
        evidence = Evidence(ctx)
        sizes: dict[str, int] = {}
        with (
            ctx.store.read() if dry_run else ctx.store.write() as tx,
            contextlib.closing(self.scratch_index()) as claimed,
        ):
            if not dry_run:
                tx.lock_all_cases()
            planner = merge.Planner(tx, MAX_CASE_ID, claimed)
            planner.result.dry_run = dry_run
            # A list's length is known: progress counts the cases taken in, then those
            # written after the others; a stream's reader says its own progress.
            total = len(cases) if isinstance(cases, Sized) else None
            done = 0
            with _Waiting() as waiting:
                incoming = iter(cases)
                while batch := list(itertools.islice(incoming, BATCH)):
                    evidence.check_sizes(batch, sizes)
                    kept, updates, later = planner.batch(batch)
                    if not dry_run:
                        waiting.put(later)
                        for update in updates:
                            tx.replace(self._checked(update.case))
                        _add(tx, [self._checked(case) for case in kept])
                    done += len(batch) - len(later)
                    if progress is not None and total is not None:
                        progress(done, total)
                try:
                    numbers = planner.numbers()
                except merge.NoFreeNumber:
                    raise InvalidInput(
                        _("no case number is free for the new cases: numbers up to {most} are taken").format(
                            most=f"{MAX_CASE_ID:,}"
                        )
                    ) from None
                if not dry_run:
                    self._write_waiting(tx, waiting, numbers, done, total, progress)
            return planner.result

    def scratch_index(self) -> ScratchIndex:
        """Keys to note while a stream is read (UUIDs, case numbers) with where each was
        first seen, on disk: what reading the stream holds does not grow with it. Close it."""
        from tracker.store.scratch import ScratchIndex

        return ScratchIndex()

    def _write_waiting(
        self,
        tx: Transaction,
        waiting: _Waiting,
        numbers: Iterator[int],
        done: int,
        total: int | None,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        if total is None:  # a stream: these are counted on their own
            done, total = 0, waiting.count
        numbered = (
            self._checked(replace(case, id=number))
            for case, number in zip(waiting.take(), numbers, strict=True)
        )
        while batch := list(itertools.islice(numbered, BATCH)):
            _add(tx, batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)

    def _checked(self, case: Case) -> Case:
        """The case with its deadline dates worked out, refused if a date is out of range."""
        self._context.refresh_deadline_dates(case)
        try:
            check_case_dates(case)
        except InvalidInput as refused:
            raise InvalidInput(
                _("case {id}: {problem}").format(id=case.id, problem=refused), refused.field
            ) from None
        return case


def _add(tx: Transaction, cases: list[Case]) -> None:
    if cases:
        tx.add_many(cases, keep_ids=True)


class _Waiting:
    """New cases that wait for a number, in a temporary file (pickled: written and read
    back by this process only), so that an import's memory does not grow with them."""

    def __init__(self) -> None:
        self.count = 0
        self._file: IO[bytes] | None = None

    def __enter__(self) -> _Waiting:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()

    def put(self, cases: list[Case]) -> None:
        if not cases:
            return
        import pickle

        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by __exit__)
        pickle.dump(cases, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(cases)

    def take(self) -> Iterator[Case]:
        """The cases put, in the order they were put (once)."""
        if self._file is None:
            return
        import pickle

        self._file.seek(0)
        while True:
            try:
                batch: list[Case] = pickle.load(self._file)
            except EOFError:
                return
            yield from batch
