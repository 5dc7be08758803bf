"""Deadlines on both sides of a case, computed from the rules, and the next step.

Every deadline carries the rule it came from, so that whatever shows it can
name the norm. A case's stages each set the provider's deadlines (resolve,
notify, forward); an answer against the user opens the user's own deadline to
appeal; a charge not owed leaves the user a year to reclaim it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from tracker.domain.caserules import CaseRules, ProviderDeadline, carried_out_on, provider_deadline
from tracker.domain.charges import is_not_owed
from tracker.domain.model import Case, Charge, Outcome, Stage, StageKind, Status, Topic
from tracker.domain.rules import Rule, RuleBook
from tracker.records import record

# A user's deadline counts as close this many business days before it.
ALERT_BUSINESS_DAYS = 5

# Answers that can be appealed: an improcedente one lies open to appeal as an infundado does.
AGAINST_USER = (Outcome.INFUNDADO, Outcome.PARCIAL, Outcome.IMPROCEDENTE)

# Steps inside the other side whose day the user never learns (only the final answer is
# notified): shown for reference, never called met or missed.
INTERMEDIATE = frozenset({"reclamo.resolve", "queja.forward", "apelacion.forward", "apelacion.resolve"})


class Whose(StrEnum):
    PROVIDER = "provider"  # the operator, or OSIPTEL's tribunal (TRASU)
    USER = "user"


@record(frozen=True)
class Deadline:
    """``what`` must happen by ``due`` (the last day), by ``whose`` side, under ``rule``.

    ``what`` is a code such as ``"reclamo.answer"``; ``rule`` is None only for a
    provider deadline that comes from the playbook rather than a rule of law.
    """

    what: str
    due: date
    whose: Whose
    rule: Rule | None
    start: date
    stage: int | None = None  # index in case.stages
    charge: int | None = None  # index in case.charges
    done_on: date | None = None
    # Counted from the earliest day it can start because the real start is not known (a
    # bill's window from its issue date when its due date is not given): it may end later.
    earliest: bool = False

    @property
    def rule_id(self) -> str:
        return self.rule.id if self.rule is not None else "playbook"

    @property
    def open(self) -> bool:
        return self.done_on is None

    @property
    def tracked(self) -> bool:
        """Whether the user can know if it was met (see INTERMEDIATE): an intermediate step
        is, once the user knows the day it was done (the day an answer was issued)."""
        return self.what not in INTERMEDIATE or self.done_on is not None

    def missed(self, today: date) -> bool:
        """Not met: still open after its day, or met late (never for an untracked step)."""
        if not self.tracked:
            return False
        if self.done_on is not None:
            return self.done_on > self.due
        return today > self.due


# -- stages --------------------------------------------------------------------------


def reclamo_resolve_rule(stage: Stage, book: RuleBook) -> Rule:
    """How long the operator has to resolve a reclamo: by its topic and, for billing, its amount.

    A billing reclamo without an amount gets the longer deadline: taking the shorter
    one could lead the user to file a queja too early, which is refused.
    """
    topic = stage.topic or Topic.BAJA
    if topic is Topic.BILLING:
        limit = book.billing_low_max(stage.filed_on.year)
        low = stage.amount is not None and limit is not None and stage.amount <= limit
        key = "reclamo.resolve.billing." + ("low" if low else "high")
    else:
        key = f"reclamo.resolve.{topic.value}"
    return book.rule(key, stage.filed_on)


def _appeal_filed(case: Case, answered_on: date) -> date | None:
    for stage in case.stages:
        if stage.kind is StageKind.APELACION and stage.filed_on >= answered_on:
            return stage.filed_on
    return None


def appealed_answer(case: Case, index: int) -> int | None:
    """The reclamo an apelación lies against (its index): the last one answered by the day
    the apelación was filed; None when there is none."""
    filed_on = case.stages[index].filed_on
    found = None
    for i, stage in enumerate(case.stages):
        if (
            stage.kind is StageKind.RECLAMO
            and stage.answered_on is not None
            and stage.answered_on <= filed_on
        ):
            found = i
    return found


def earlier_appeal(case: Case, index: int) -> int | None:
    """An apelación filed before this one against the same answer (its index), or None."""
    target = appealed_answer(case, index)
    if target is None:
        return None
    for i, stage in enumerate(case.stages[:index]):
        if stage.kind is StageKind.APELACION and appealed_answer(case, i) == target:
            return i
    return None


def _filed_again(case: Case, index: int) -> date | None:
    """The day a stage declared inadmisible was filed again, fixed (the next of its kind)."""
    stage = case.stages[index]
    assert stage.answered_on is not None
    for later in case.stages[index + 1 :]:
        if later.kind is stage.kind and later.filed_on >= stage.answered_on:
            return later.filed_on
    return None


def stage_deadlines(case: Case, index: int, rules: CaseRules) -> list[Deadline]:
    """The deadlines a stage sets: the provider's first, then the user's appeal if any."""
    book = rules.book
    if book is None:
        return []
    stage = case.stages[index]
    calendar = rules.calendar
    done = stage.answered_on
    out: list[Deadline] = []

    def chain(what: str, key: str, start: date, rule: Rule | None = None) -> date:
        rule = rule or book.rule(key, stage.filed_on)
        due = rule.due(start, calendar)
        met = done
        if what in INTERMEDIATE:
            # Only the answer's issue date tells when it was resolved; forwarding stays unknown.
            met = stage.issued_on if what.endswith(".resolve") else None
        out.append(Deadline(what, due, Whose.PROVIDER, rule, start, stage=index, done_on=met))
        return due

    if stage.kind is StageKind.RECLAMO:
        resolved = chain("reclamo.resolve", "", stage.filed_on, reclamo_resolve_rule(stage, book))
        chain("reclamo.answer", "reclamo.notify", resolved)
        if stage.answered_on is not None and stage.outcome in AGAINST_USER:
            window = book.rule("apelacion.window", stage.answered_on)
            out.append(
                Deadline(
                    "apelacion.file",
                    window.due(stage.answered_on, calendar),
                    Whose.USER,
                    window,
                    stage.answered_on,
                    stage=index,
                    done_on=_appeal_filed(case, stage.answered_on),
                )
            )
    elif stage.kind is StageKind.QUEJA:
        forwarded = chain("queja.forward", "queja.forward", stage.filed_on)
        chain("queja.answer", "queja.resolve", forwarded)
    elif stage.kind is StageKind.APELACION and earlier_appeal(case, index) is None:
        # A second apelación against the same answer sets TRASU no deadlines of its own.
        forwarded = chain("apelacion.forward", "apelacion.forward", stage.filed_on)
        resolved = chain("apelacion.resolve", "apelacion.resolve", forwarded)
        chain("apelacion.answer", "apelacion.notify", resolved)
    if stage.answered_on is not None and stage.outcome is Outcome.INADMISIBLE:
        # Not admitted as filed: the user fixes what the answer asks and files it again.
        fix = book.rule("inadmisible.fix", stage.answered_on)
        out.append(
            Deadline(
                "inadmisible.fix",
                fix.due(stage.answered_on, calendar),
                Whose.USER,
                fix,
                stage.answered_on,
                stage=index,
                done_on=_filed_again(case, index),
            )
        )
    return out


@record(frozen=True)
class Late:
    """A stage filed when the user's own deadline for it (``window``) had passed, or again
    against an answer that was already appealed (``repeat_of``, the first one's index).
    It is recorded all the same, because it happened, and marked."""

    window: Deadline  # the user's deadline to file it
    past_due: bool  # filed after that deadline
    repeat_of: int | None = None


def stage_late(case: Case, index: int, rules: CaseRules) -> Late | None:
    """Whether the stage at ``index`` came late or repeats an earlier one (apelaciones)."""
    stage = case.stages[index]
    if stage.kind is not StageKind.APELACION or rules.book is None:
        return None
    target = appealed_answer(case, index)
    if target is None:
        return None
    window = next((d for d in stage_deadlines(case, target, rules) if d.what == "apelacion.file"), None)
    if window is None:
        return None
    first = earlier_appeal(case, index)
    past_due = stage.filed_on > window.due
    if first is None and not past_due:
        return None
    return Late(window, past_due, repeat_of=first)


@record(frozen=True)
class StageView:
    """A stage with the two dates people ask about: the answer's deadline and the appeal's,
    and whether it came late."""

    stage: Stage
    index: int
    answer_due: date | None
    appeal_due: date | None
    deadlines: tuple[Deadline, ...]
    late: Late | None = None


def stage_views(case: Case, rules: CaseRules) -> list[StageView]:
    views = []
    for index, stage in enumerate(case.stages):
        deadlines = stage_deadlines(case, index, rules)
        answer = next((d.due for d in deadlines if d.what.endswith(".answer")), None)
        appeal = next((d.due for d in deadlines if d.what == "apelacion.file"), None)
        late = stage_late(case, index, rules)
        views.append(StageView(stage, index, answer, appeal, tuple(deadlines), late))
    return views


# -- the whole case ------------------------------------------------------------------


def _provider_first(case: Case, rules: CaseRules, first: ProviderDeadline) -> Deadline:
    rule_key = rules.playbook.deadline_rule
    what = rule_key if rule_key in ("suspension", "portabilidad") else "baja"
    if first.rule is None:
        what = "promised"
    elif first.scheduled:
        what += ".scheduled"
    return Deadline(
        what,
        first.due,
        Whose.PROVIDER,
        first.rule,
        case.requested_on,
        done_on=carried_out_on(case, rules.local_day),
    )


def billing_window_start(charge: Charge, book: RuleBook) -> tuple[date, bool]:
    """The day the window to claim ``charge`` counts from, and whether that is only the
    earliest it can be.

    Under a book whose ``[charges.window]`` counts from the due date (OSIPTEL: a year from
    the bill's due date), the due date. Without one, the bill's date: a due date falls on
    or after it, so the window can only end later than said, and a user told the earlier
    end never files too late (the side that costs the user least).
    """
    if not book.window_from_due:
        return charge.on, False
    if charge.due_on is not None:
        return charge.due_on, False
    return charge.on, True


def _charge_deadlines(case: Case, rules: CaseRules) -> list[Deadline]:
    book = rules.book
    if book is None:
        return []
    out = []
    for index, charge in enumerate(case.charges):
        if not is_not_owed(case, charge, rules):
            continue
        start, earliest = billing_window_start(charge, book)
        window = book.rule("reclamo.billing.window", start)
        claimed = next(
            (s.filed_on for s in case.stages if s.kind is StageKind.RECLAMO and s.filed_on >= charge.on),
            None,
        )
        out.append(
            Deadline(
                "reclamo.billing.file",
                window.due(start, rules.calendar),
                Whose.USER,
                window,
                start,
                charge=index,
                done_on=claimed,
                earliest=earliest,
            )
        )
    return out


def no_due_date(case: Case, rules: CaseRules) -> list[int]:
    """The numbers (from 1) of the charges whose window to claim is still open and counted
    only from the bill's date, for want of its due date."""
    return [
        d.charge + 1 for d in _charge_deadlines(case, rules) if d.earliest and d.open and d.charge is not None
    ]


def case_deadlines(case: Case, rules: CaseRules) -> list[Deadline]:
    """Every deadline of the case, the provider's first deadline first, then by stage, then
    the charges'; each with whether (and when) it was met."""
    first = provider_deadline(case, rules)
    out = [_provider_first(case, rules, first)]
    if case.ends_on is not None and rules.book is not None:
        out.append(
            Deadline(
                "suspension.ends",
                case.ends_on,
                Whose.PROVIDER,
                rules.book.rule("suspension.max", case.requested_on),
                first.due,
            )
        )
    for index in range(len(case.stages)):
        out.extend(stage_deadlines(case, index, rules))
    out.extend(_charge_deadlines(case, rules))
    return out


def user_deadlines(case: Case, rules: CaseRules) -> list[Deadline]:
    """The user's own deadlines still open, soonest first."""
    mine = [d for d in case_deadlines(case, rules) if d.whose is Whose.USER and d.open]
    return sorted(mine, key=lambda d: d.due)


def refresh(case: Case, rules: CaseRules) -> None:
    """Recompute the dates stored on the case for lists: the provider's earliest open answer
    deadline, the user's earliest open deadline and the day it becomes close."""
    answers = [
        d.due
        for index in range(len(case.stages))
        for d in stage_deadlines(case, index, rules)
        if d.whose is Whose.PROVIDER and d.what.endswith(".answer") and d.open
    ]
    case.answer_due = min(answers, default=None)
    mine = user_deadlines(case, rules)
    case.user_due = mine[0].due if mine else None
    case.user_alert_on = rules.calendar.add(case.user_due, -ALERT_BUSINESS_DAYS) if case.user_due else None


# -- the next step -------------------------------------------------------------------


class Step(StrEnum):
    WAIT = "wait"  # the other side's deadline runs until ``on``
    RECLAMO = "reclamo"
    QUEJA = "queja"  # allowed from ``on``
    APELACION = "apelacion"  # by ``on``
    OSIPTEL_FORM = "osiptel-form"
    FIX = "fix"  # fix what an inadmisible answer asks and file again, by ``on``


@record(frozen=True)
class NextStep:
    """What to do next on a case, from when, and the deadline it answers to."""

    step: Step
    on: date
    deadline: Deadline | None = None  # the deadline the step waits for or must meet
    missed: bool = False  # the user's own deadline for the step passed before today


def queja_allowed_from(case: Case, stage: Stage, rules: CaseRules) -> date | None:
    """The first day a queja for silence about ``stage`` may be filed: the business day
    after the answer's deadline (resolve + notify)."""
    index = case.stages.index(stage)
    answer = next((d for d in stage_deadlines(case, index, rules) if d.what == "reclamo.answer"), None)
    if answer is None:
        return None
    return rules.calendar.add(answer.due, 1)


def next_step(case: Case, rules: CaseRules, today: date) -> NextStep | None:
    """What the user can do next on the Peruvian path, and from or by when; None when
    nothing is pending (or the case follows no rule book)."""
    if rules.book is None or case.status is Status.WITHDRAWN:
        return None
    views = stage_views(case, rules)
    # The user's own window to appeal comes before anything the other side still owes.
    mine = [d for v in views for d in v.deadlines if d.whose is Whose.USER and d.open]
    if mine:
        latest = mine[-1]
        step = Step.FIX if latest.what == "inadmisible.fix" else Step.APELACION
        return NextStep(step, latest.due, latest, missed=latest.due < today)
    for view in reversed(views):
        stage = view.stage
        if stage.kind is StageKind.OSIPTEL_FORM or (
            view.late is not None and view.late.repeat_of is not None
        ):
            continue  # a repeated apelación waits on nothing of its own
        if stage.answered_on is None:
            answer = next(d for d in view.deadlines if d.what.endswith(".answer"))
            if stage.kind is StageKind.RECLAMO and not _queja_after(case, stage):
                allowed = rules.calendar.add(answer.due, 1)
                if today >= allowed:
                    return NextStep(Step.QUEJA, allowed, answer)
            return NextStep(Step.WAIT, answer.due, answer)
        return None
    if case.status in (Status.REQUESTED, Status.FAILED):
        first = case_deadlines(case, rules)[0]
        if today > first.due:
            return NextStep(Step.RECLAMO, today, first)
        return NextStep(Step.WAIT, first.due, first)
    return None


def _queja_after(case: Case, stage: Stage) -> bool:
    return any(s.kind is StageKind.QUEJA and s.filed_on > stage.filed_on for s in case.stages)
