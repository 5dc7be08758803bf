"""The escalation past the provider's deadline (``tracker.escalation``): the stages filed and
answered, the charges and whether they are owed, and the user's own deadlines."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.core.context import Context
from tracker.domain.model import Case, Channel, Outcome, StageKind, Topic

if TYPE_CHECKING:
    from decimal import Decimal

    from tracker.domain import charges, deadlines


class Escalation:
    """Each action one write transaction on one case (see :meth:`Context.update`)."""

    def __init__(self, context: Context) -> None:
        self._context = context

    def file(
        self,
        ref: str | int,
        kind: StageKind,
        filed_on: date,
        *,
        code: str = "",
        topic: Topic | None = None,
        amount: Decimal | None = None,
        channel: Channel | None = None,
        note: str = "",
    ) -> Case:
        """File a reclamo, queja, apelación or OSIPTEL form on a case."""
        from tracker.domain import stages

        ctx = self._context
        return ctx.update(
            ref,
            lambda case: stages.escalate(
                case,
                kind,
                filed_on,
                ctx.rules_for(case),
                ctx.now(),
                ctx.today(),
                code=code,
                topic=topic,
                amount=amount,
                channel=channel,
                note=note,
            ),
        )[0]

    def answer(
        self,
        ref: str | int,
        on: date,
        outcome: Outcome,
        *,
        kind: StageKind | None = None,
        code: str = "",
        note: str = "",
        issued: date | None = None,
        reason: str = "",
    ) -> Case:
        """Record the answer to the case's latest stage (of ``kind`` when given), notified on
        ``on`` and issued on ``issued`` when known; ``reason``: the reason it gives."""
        from tracker.domain import stages

        ctx = self._context
        return ctx.update(
            ref,
            lambda case: stages.answer(
                case,
                on,
                outcome,
                ctx.rules_for(case),
                ctx.now(),
                ctx.today(),
                kind=kind,
                code=code,
                note=note,
                issued=issued,
                reason=reason,
            ),
        )[0]

    def add_charge(
        self,
        ref: str | int,
        amount: Decimal,
        currency: str,
        on: date,
        *,
        period: tuple[date, date] | None = None,
        owed: bool | None = None,
        note: str = "",
        receipt: str = "",
        due: date | None = None,
    ) -> Case:
        from tracker.domain import charges

        ctx = self._context
        return ctx.update(
            ref,
            lambda case: charges.add_charge(
                case,
                amount,
                currency,
                on,
                ctx.now(),
                ctx.today(),
                period=period,
                owed=owed,
                note=note,
                receipt=receipt,
                due=due,
            ),
        )[0]

    def complete_charge(
        self,
        ref: str | int,
        number: int,
        *,
        period: tuple[date, date] | None = None,
        receipt: str | None = None,
        due: date | None = None,
    ) -> Case:
        """Give a recorded charge (numbered from 1) what it lacked: period, receipt, due date."""
        from tracker.domain import charges

        ctx = self._context
        return ctx.update(
            ref,
            lambda case: charges.complete_charge(
                case, number, ctx.now(), period=period, receipt=receipt, due=due
            ),
        )[0]

    def set_charge_owed(self, ref: str | int, number: int, owed: bool | None) -> Case:
        """The user's word on a charge (numbered from 1): owed, not owed, or None for the rules'."""
        from tracker.domain import charges

        ctx = self._context
        return ctx.update(ref, lambda case: charges.set_charge_owed(case, number, owed, ctx.now()))[0]

    def not_owed_overview(self) -> charges.NotOwedOverview:
        """Money not owed across the live cases: totals by currency and how many cases."""
        ctx = self._context
        cases = ctx.read(lambda tx: tx.load(tx.ids_with_charges()))
        from tracker.domain import charges

        return charges.overview(charges.not_owed_totals(c, ctx.rules_for(c)) for c in cases)

    def user_deadlines(self) -> list[tuple[Case, deadlines.Deadline]]:
        """The user's own open deadlines on live cases, soonest first."""
        ctx = self._context
        cases = ctx.read(lambda tx: tx.load(tx.user_deadline_ids()))
        from tracker.domain import deadlines

        found = [(c, d) for c in cases for d in deadlines.user_deadlines(c, ctx.rules_for(c))]
        return sorted(found, key=lambda pair: (pair[1].due, pair[0].id or 0))
