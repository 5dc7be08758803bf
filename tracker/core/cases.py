"""A case's own life: opened, edited, contacts logged, checks set, verified, withdrawn,
reopened, moved to the trash and back (``tracker.cases``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker.core.context import Context
from tracker.domain.limits import check_case_dates
from tracker.domain.model import Action, Case, Channel, CheckState
from tracker.domain.playbooks import Playbook

if TYPE_CHECKING:
    from tracker.domain.workflow import CaseDraft, PlannedDates


class Cases:
    """Each action one write transaction on one case (see :meth:`Context.update`)."""

    def __init__(self, context: Context) -> None:
        self._context = context

    def plan(self, draft: CaseDraft) -> PlannedDates:
        """The promised date and first follow-up a draft would get (for live previews)."""
        from tracker.domain import workflow

        ctx = self._context
        playbook = self.draft_playbook(draft)
        return workflow.plan_dates(
            draft, playbook, ctx.calendar(playbook), ctx.today(), ctx.rulebook(playbook)
        )

    def draft_playbook(self, draft: CaseDraft) -> Playbook:
        """The playbook a new case from ``draft`` follows: asked to suspend, the suspension's
        (its checks and rules), not the cancellation's."""
        playbook = self._context.playbooks.get(draft.playbook)
        if draft.action is Action.SUSPEND and playbook.suspends_with:
            return self._context.playbooks.get(playbook.suspends_with)
        return playbook

    def add(self, draft: CaseDraft) -> Case:
        """Open a new case from what the user typed."""
        from tracker.domain import workflow

        ctx = self._context
        playbook = self.draft_playbook(draft)
        draft.playbook = playbook.name
        case = workflow.open_case(
            draft, playbook, ctx.calendar(playbook), ctx.now(), ctx.today(), ctx.rulebook(playbook)
        )
        # Refused where it enters when a date worked out for it (the promised date, a
        # follow-up, a deadline) passes the dates tracker keeps: its export would not import.
        ctx.refresh_deadline_dates(case)
        check_case_dates(case)
        with ctx.store.write() as tx:
            added = tx.add(case)
            ctx.made(tx.last_change)
            return added

    def add_many(self, cases: Iterable[Case], progress: Callable[[int], None] | None = None) -> int:
        """Store many new cases at once (generated data, benchmarks)."""
        with self._context.store.write() as tx:
            return tx.add_many(cases, progress=progress)

    def edit(self, ref: str | int, draft: CaseDraft, fields: Sequence[str]) -> Case:
        """Write the ``fields`` the user changed (valued from ``draft``) onto the case as it is now."""
        from tracker.domain import workflow

        ctx = self._context

        def change(case: Case) -> list[str]:
            if "playbook" in fields and draft.playbook != case.playbook:
                playbook: Playbook | None = ctx.playbooks.get(draft.playbook)
            else:
                playbook = ctx.playbooks.find(case.playbook)
            calendar = ctx.calendar(playbook) if playbook is not None else None
            book = ctx.rulebook(playbook) if playbook is not None else None
            return workflow.edit_case(case, draft, fields, playbook, calendar, ctx.now(), ctx.today(), book)

        return ctx.update(ref, change)[0]

    def log_contact(
        self,
        ref: str | int,
        summary: str,
        *,
        channel: Channel = Channel.PHONE,
        ticket: str = "",
        agent: str = "",
        next_follow_up: date | None = None,
        confirmed: bool = False,
    ) -> Case:
        """Record a contact with the provider (and when to follow up next)."""
        from tracker.domain import workflow

        ctx = self._context

        def change(case: Case) -> None:
            playbook = ctx.playbooks.for_case(case.playbook)
            workflow.log_contact(
                case,
                summary,
                playbook,
                ctx.calendar(playbook),
                ctx.now(),
                ctx.today(),
                channel=channel,
                ticket=ticket,
                agent=agent,
                next_follow_up=next_follow_up,
                confirmed=confirmed,
            )

        return ctx.update(ref, change)[0]

    def set_check(self, ref: str | int, name: str, state: CheckState, note: str = "") -> Case:
        from tracker.domain import workflow

        ctx = self._context
        return ctx.update(
            ref, lambda case: workflow.set_check(case, name, state, ctx.now(), ctx.today(), note)
        )[0]

    def add_check(self, ref: str | int, name: str, required: bool = False) -> Case:
        from tracker.domain import workflow

        ctx = self._context
        return ctx.update(ref, lambda case: workflow.add_check(case, name, ctx.now(), required))[0]

    def verify(self, ref: str | int) -> Case:
        from tracker.domain import workflow

        ctx = self._context
        return ctx.update(
            ref,
            lambda case: workflow.verify(case, ctx.playbooks.for_case(case.playbook), ctx.now(), ctx.today()),
        )[0]

    def withdraw(self, ref: str | int, reason: str = "") -> Case:
        from tracker.domain import workflow

        ctx = self._context
        return ctx.update(ref, lambda case: workflow.withdraw(case, ctx.now(), reason))[0]

    def reopen(self, ref: str | int) -> Case:
        from tracker.domain import workflow

        ctx = self._context
        return ctx.update(ref, lambda case: workflow.reopen(case, ctx.now(), ctx.today()))[0]

    def delete(self, ref: str | int) -> Case:
        """Move a case to the trash; it can be restored."""
        from tracker.domain import workflow

        ctx = self._context
        return ctx.update(ref, lambda case: workflow.trash(case, ctx.now()))[0]

    def restore(self, ref: str | int) -> Case:
        from tracker.domain import workflow

        ctx = self._context
        return ctx.update(ref, lambda case: workflow.restore(case, ctx.now()), include_deleted=True)[0]
