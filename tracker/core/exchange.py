"""Cases from another copy merged in (``tracker.exchange``): the plan made and written
in one write transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tracker.core.context import Context
from tracker.domain.errors import InvalidInput
from tracker.domain.limits import check_case_dates
from tracker.domain.model import Case
from tracker.i18n import _

if TYPE_CHECKING:
    from tracker.domain.merge import ImportResult

# The largest case number: what both backends' integer keys hold.
MAX_CASE_ID = 2**63 - 1


class Exchange:
    """Imports: what another copy of the data brings, merged with what is here."""

    def __init__(self, context: Context) -> None:
        self._context = context

    def import_cases(
        self,
        cases: Sequence[Case],
        *,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Merge cases from another copy (validated already) in one write transaction.

        The plan is made inside the transaction that writes it, so two imports at
        once are merged one after the other, never against a stale picture.
        ``progress(done, total)`` counts cases written.
        """
        from tracker.domain import merge

        ctx = self._context
        from tracker.core.evidence import Evidence

        Evidence(ctx).check_sizes(cases)
        with ctx.store.read() if dry_run else ctx.store.write() as tx:
            if not dry_run:
                tx.lock_all_cases()
            try:
                result = merge.plan(tx, cases, MAX_CASE_ID)
            except merge.NoFreeNumber:
                raise InvalidInput(
                    _("no case number is free for the new cases: numbers up to {most} are taken").format(
                        most=f"{MAX_CASE_ID:,}"
                    )
                ) from None
            result.dry_run = dry_run
            if dry_run:
                return result
            for case in [*result.added, *(update.case for update in result.updated)]:
                ctx.refresh_deadline_dates(case)
                try:
                    check_case_dates(case)
                except InvalidInput as refused:
                    raise InvalidInput(
                        _("case {id}: {problem}").format(id=case.id, problem=refused), refused.field
                    ) from None
            total = len(result.added) + len(result.updated)
            for done, update in enumerate(result.updated, start=1):
                tx.replace(update.case)
                if progress is not None and done % 500 == 0:
                    progress(done, total)
            replaced = len(result.updated)
            tx.add_many(
                result.added,
                keep_ids=True,
                progress=None if progress is None else (lambda count: progress(replaced + count, total)),
            )
            return result
