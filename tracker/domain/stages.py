"""Going on past the provider's deadline: filing a reclamo, queja, apelación or OSIPTEL's
form, and recording the answer, with the guards the rules set.

The queja's guard is the point: a queja for silence filed before the operator's
deadline to answer (resolve plus notify) has passed is rejected, and most are
rejected for exactly that. It is refused here, naming the first day it is allowed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from tracker.domain.caserules import CaseRules
from tracker.domain.deadlines import AGAINST_USER, stage_deadlines, stage_views
from tracker.domain.errors import InvalidInput, NotAllowed, NotFound
from tracker.domain.events import Event
from tracker.domain.model import (
    Case,
    Channel,
    EntryKind,
    Outcome,
    Stage,
    StageKind,
    Status,
    TimelineEntry,
    Topic,
)
from tracker.domain.phrases import Advice, BookTitle, Phrase
from tracker.i18n import _
from tracker.records import replace


def _check_day(day: date, case: Case, today: date, what: str) -> None:
    if day > today:
        raise InvalidInput(
            _("{what} {day} is in the future (today is {today})").format(
                what=what, day=day.isoformat(), today=today.isoformat()
            ),
            "filed_on",
        )
    if day < case.requested_on:
        raise InvalidInput(
            _("{what} {day} is before the request ({requested})").format(
                what=what, day=day.isoformat(), requested=case.requested_on.isoformat()
            ),
            "filed_on",
        )


def _require_rules(case: Case, rules: CaseRules) -> None:
    if rules.book is None:
        raise NotAllowed(
            _(
                "case {id} follows the playbook {playbook}, which has no regulator's rules: "
                "reclamos, quejas and apelaciones follow OSIPTEL's (playbooks esim-pe, suspension-pe)"
            ).format(id=case.id, playbook=case.playbook)
        )


def guard_queja(case: Case, filed_on: date, rules: CaseRules) -> None:
    """A queja for silence: only about a reclamo left unanswered past its deadline."""
    reclamo = next(
        (s for s in reversed(case.stages) if s.kind is StageKind.RECLAMO and s.filed_on <= filed_on),
        None,
    )
    if reclamo is None:
        raise NotAllowed(
            Phrase(
                _("a queja for silence needs a reclamo first: file one with {how}"),
                how=Advice(f"escalate {case.id} reclamo", "case.next_step"),
            )
        )
    assert rules.book is not None
    index = case.stages.index(reclamo)
    made = stage_deadlines(case, index, rules)
    resolve = next(d for d in made if d.what == "reclamo.resolve")
    answer = next(d for d in made if d.what == "reclamo.answer")
    allowed = rules.calendar.add(answer.due, 1)
    if reclamo.issued_on is not None and reclamo.issued_on > resolve.due:
        # Issued late: silence applies even though it was notified in time.
        return
    if reclamo.answered_on is not None and reclamo.answered_on < allowed:
        raise NotAllowed(
            _(
                "the reclamo of {filed} was answered on {answered}, within its deadline: "
                "there was no silence to complain of (an apelación is the way)"
            ).format(filed=reclamo.filed_on.isoformat(), answered=reclamo.answered_on.isoformat())
        )
    if filed_on < allowed:
        norm = rules.book.norm(answer.rule.norm).citation if answer.rule else BookTitle(rules.book.title)
        raise NotAllowed(
            Phrase(
                _(
                    "too early for a queja: the operator has until {due} to answer the reclamo of {filed} "
                    "({norm}); a queja is allowed from {allowed}"
                ),
                due=answer.due.isoformat(),
                filed=reclamo.filed_on.isoformat(),
                norm=norm,
                allowed=allowed.isoformat(),
            )
        )


def _guard_apelacion(case: Case, filed_on: date) -> None:
    """An apelación lies against an answer to a reclamo that went against the user."""
    answered = [
        s
        for s in case.stages
        if s.kind is StageKind.RECLAMO and s.answered_on is not None and s.answered_on <= filed_on
    ]
    if not answered:
        raise NotAllowed(
            Phrase(
                _("an apelación needs a reclamo answered first: record the answer with {how}"),
                how=Advice(f"answer {case.id}", "case.answer"),
            )
        )
    if answered[-1].outcome not in AGAINST_USER:
        raise NotAllowed(
            _(
                "the reclamo was declared fundado: there is nothing to appeal "
                "(a queja applies if it is not complied with)"
            )
        )


def check_stage(stage: Stage) -> None:
    """What every stage is, however it comes in: filed by ``escalate``, answered by
    ``answer``, or read from an import. InvalidInput naming the field at fault.

    Only the stage's own facts are checked here: the day it was filed against today
    and the guards of the path (a queja only after the deadline ...) belong to the
    moment a user files it, and an export read on another day, in another time zone
    or under a newer rule book must still import.
    """
    if stage.topic is not None and stage.kind is not StageKind.RECLAMO:
        raise InvalidInput(_("only a reclamo has a topic"), "topic")
    if stage.amount is not None and (stage.amount <= 0 or stage.amount.is_signed()):
        raise InvalidInput(_("the amount must be more than zero"), "amount")
    filed = stage.filed_on.isoformat()
    if stage.answered_on is None:
        if stage.outcome is not None or stage.answer_code or stage.answer_note or stage.issued_on is not None:
            raise InvalidInput(
                Phrase(
                    _(
                        "the {kind} filed on {filed} has an answer's outcome, number or note "
                        "but no answer date"
                    ),
                    kind=stage.kind,
                    filed=filed,
                ),
                "answered_on",
            )
        return
    if stage.outcome is None:
        raise InvalidInput(
            Phrase(
                _("the answer to the {kind} filed on {filed} has no outcome"), kind=stage.kind, filed=filed
            ),
            "outcome",
        )
    if stage.answered_on < stage.filed_on:
        raise InvalidInput(
            Phrase(
                _("the answer's date {on} is before the {kind} was filed ({filed})"),
                on=stage.answered_on.isoformat(),
                kind=stage.kind,
                filed=filed,
            ),
            "answered_on",
        )
    if stage.issued_on is not None and not stage.filed_on <= stage.issued_on <= stage.answered_on:
        raise InvalidInput(
            Phrase(
                _(
                    "the day the answer was issued ({issued}) must lie between the filing of the "
                    "{kind} ({filed}) and the day it was notified ({on})"
                ),
                issued=stage.issued_on.isoformat(),
                kind=stage.kind,
                filed=filed,
                on=stage.answered_on.isoformat(),
            ),
            "issued_on",
        )


def escalate(
    case: Case,
    kind: StageKind,
    filed_on: date,
    rules: CaseRules,
    now: datetime,
    today: date,
    *,
    code: str = "",
    topic: Topic | None = None,
    amount: Decimal | None = None,
    channel: Channel | None = None,
    note: str = "",
) -> Stage:
    """File a stage on the case. Refused when the rules forbid it on that day."""
    if case.status is Status.WITHDRAWN:
        raise NotAllowed(_("case {id} is withdrawn: reopen it first").format(id=case.id))
    _require_rules(case, rules)
    _check_day(filed_on, case, today, _("the filing date"))
    check_stage(Stage(kind=kind, filed_on=filed_on, topic=topic, amount=amount))
    if kind is StageKind.QUEJA:
        guard_queja(case, filed_on, rules)
    elif kind is StageKind.APELACION:
        _guard_apelacion(case, filed_on)
    if kind is StageKind.RECLAMO and topic is None:
        topic = Topic.BAJA
    stage = Stage(
        kind=kind, filed_on=filed_on, channel=channel, code=code, topic=topic, amount=amount, note=note
    )
    # Stages are kept in filing order; one filed the same day goes after the others.
    position = sum(1 for s in case.stages if s.filed_on <= filed_on)
    case.stages.insert(position, stage)
    params = {"kind": kind.value, "filed_on": filed_on.isoformat()}
    for key, value in (
        ("code", code),
        ("topic", topic.value if topic else ""),
        ("amount", str(amount) if amount is not None else ""),
        ("channel", channel.value if channel else ""),
    ):
        if value:
            params[key] = value
    case.note_change(
        TimelineEntry(
            at=now,
            kind=EntryKind.STAGE,
            summary=note,
            channel=channel,
            event=Event.STAGE_FILED,
            params=params,
        )
    )
    view = stage_views(case, rules)[position]
    if case.is_open and view.answer_due is not None:
        # Following up before the other side's deadline only wears the user out.
        case.next_follow_up = rules.calendar.add(view.answer_due, 1)
    return stage


def answer(
    case: Case,
    on: date,
    outcome: Outcome,
    rules: CaseRules,
    now: datetime,
    today: date,
    *,
    kind: StageKind | None = None,
    code: str = "",
    note: str = "",
    issued: date | None = None,
    reason: str = "",
) -> Stage:
    """Record the answer to the case's latest stage (of ``kind`` when given), notified on ``on``
    and, when known, issued on ``issued``; ``reason``: the reason it gives, as the user sums it up."""
    stage = case.latest_stage(kind)
    if stage is None:
        raise NotFound(
            Phrase(
                _("case {id} has no {what} to answer: file it first with {how}"),
                id=case.id,
                what=kind or _("stage"),
                how=Advice(f"escalate {case.id}", "case.next_step"),
            )
        )
    if stage.answered_on is not None:
        raise NotAllowed(
            Phrase(
                _("the {kind} filed on {filed} was already answered on {answered}"),
                kind=stage.kind,
                filed=stage.filed_on.isoformat(),
                answered=stage.answered_on.isoformat(),
            )
        )
    if on > today:
        raise InvalidInput(
            _("the answer's date {on} is in the future (today is {today})").format(
                on=on.isoformat(), today=today.isoformat()
            ),
            "on",
        )
    try:
        check_stage(
            replace(
                stage, answered_on=on, issued_on=issued, outcome=outcome, answer_code=code, answer_note=note
            )
        )
    except InvalidInput as refused:
        field = {"answered_on": "on", "issued_on": "issued"}.get(refused.field or "", refused.field)
        raise InvalidInput(refused.args[0], field) from None
    stage.answered_on = on
    stage.issued_on = issued
    stage.outcome = outcome
    stage.answer_code = code
    stage.answer_note = note
    stage.answer_reason = reason
    params = {"kind": stage.kind.value, "filed_on": stage.filed_on.isoformat(), "on": on.isoformat()}
    params["outcome"] = outcome.value
    if issued is not None:
        params["issued"] = issued.isoformat()
    if code:
        params["code"] = code
    case.note_change(
        TimelineEntry(at=now, kind=EntryKind.STAGE, summary=note, event=Event.STAGE_ANSWERED, params=params)
    )
    if case.is_open:
        case.next_follow_up = rules.playbook.next_follow_up(today, rules.calendar)
    return stage
