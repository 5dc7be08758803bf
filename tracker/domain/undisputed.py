"""What to pay while a billing reclamo is open: the part of each bill the user does not dispute.

While the reclamo is in process the holder pays only the amount not claimed, and the
operator may not cut the service for the amount under reclamo (pe.toml
``[charges.undisputed]``, with its sources). The part not disputed is the part the rules
say is owed (:func:`tracker.domain.charges.charge_share`), and it is due on the bill's due
date: a user who pays it then is not cut off for the part they rightly dispute.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.domain.caserules import CaseRules
from tracker.domain.charges import Share, charge_share, owed_line
from tracker.domain.deadlines import case_deadlines
from tracker.domain.model import Case, StageKind, Topic
from tracker.records import record


@record(frozen=True)
class ToPay:
    """Of charge ``number`` (from 1): ``amount`` to pay by ``due_on`` (None: the bill's due
    date is not known), ``disputed`` left unpaid; ``unknown`` when its period is needed first."""

    number: int
    amount: Decimal
    currency: str
    due_on: date | None
    disputed: Decimal
    unknown: bool = False


@record(frozen=True)
class Undisputed:
    """The billing reclamo that is open (its index in the stages) and what to pay meanwhile."""

    reclamo: int
    filed_on: date
    to_pay: tuple[ToPay, ...]


def open_billing_reclamo(case: Case, rules: CaseRules, today: date) -> int | None:
    """The latest billing reclamo still open on ``today`` (its index), or None.

    Open: not yet answered; or answered against the user while the window to appeal runs
    or an apelación filed against it is unanswered (the amount stays under reclamo until
    the procedure ends). Answered for the user, or its appeal window passed unused: closed.
    """
    if rules.book is None:
        return None
    deadlines = case_deadlines(case, rules)
    for index in range(len(case.stages) - 1, -1, -1):
        stage = case.stages[index]
        if stage.kind is not StageKind.RECLAMO or stage.topic is not Topic.BILLING or stage.filed_on > today:
            continue
        if not stage.answered:
            return index
        appeal = next(
            (d for d in deadlines if d.what == "apelacion.file" and d.stage == index),
            None,
        )
        if appeal is None:
            continue  # answered for the user: nothing left under reclamo
        if appeal.open and today <= appeal.due:
            return index
        if appeal.done_on is not None and any(
            s.kind is StageKind.APELACION and s.filed_on >= appeal.done_on and not s.answered
            for s in case.stages
        ):
            return index
    return None


def undisputed(case: Case, rules: CaseRules, today: date) -> Undisputed | None:
    """What to pay of each charge while a billing reclamo is open; None when none is open
    or the case has no charges."""
    index = open_billing_reclamo(case, rules, today)
    if index is None or not case.charges:
        return None
    line = owed_line(case, rules)
    to_pay = []
    for number, charge in enumerate(case.charges, start=1):
        share = charge_share(case, charge, rules, line)
        to_pay.append(
            ToPay(
                number,
                share.owed,
                charge.currency,
                charge.due_on,
                share.not_owed,
                unknown=share.share is Share.UNKNOWN,
            )
        )
    return Undisputed(index, case.stages[index].filed_on, tuple(to_pay))
