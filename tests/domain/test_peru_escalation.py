"""The issue's worked example, pinned by hand across Peru's holidays.

A Movistar baja requested on Monday 2026-07-20 and never carried out. Peru's
holidays that fall in the way: Thu 23 July (Air Force), Tue 28 and Wed 29 July
(Independence), Thu 6 August (Junín), Thu 8 October (Angamos), Sun 1 November.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from tracker.domain import deadlines
from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.charges import Share, add_charge, charge_share, is_not_owed, not_owed_totals
from tracker.domain.deadlines import Step, Whose, case_deadlines, next_step, stage_views
from tracker.domain.errors import InvalidInput, NotAllowed, NotFound
from tracker.domain.flags import Flag, case_flags
from tracker.domain.model import Action, Case, CheckState, Outcome, StageKind, Status, Topic
from tracker.domain.playbooks import ESIM_PE, GENERIC
from tracker.domain.rules import builtin_rulebook
from tracker.domain.stages import answer, escalate
from tracker.domain.workflow import CaseDraft, log_contact, open_case

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
RULES = CaseRules(ESIM_PE, PE, BOOK)


def at(day: date) -> datetime:
    return datetime.combine(day, time(15), tzinfo=UTC)


def movistar(requested: date = date(2026, 7, 20)) -> Case:
    draft = CaseDraft(
        "Movistar Perú", "eSIM +51 987 654 321", requested, ticket="CP-778812", playbook="esim-pe"
    )
    case = open_case(draft, ESIM_PE, PE, at(requested), requested, BOOK)
    case.id = 1
    return case


def file(case: Case, kind: StageKind, day: date, **options: object) -> None:
    escalate(case, kind, day, RULES, at(day), day, **options)  # type: ignore[arg-type]
    deadlines.refresh(case, RULES)


def test_the_promised_date_skips_23_28_and_29_july() -> None:
    case = movistar()
    # 21 (1), 22 (2), 23 holiday, 24 (3), weekend, 27 (4), 28-29 holidays, 30 (5).
    assert case.promised_by == date(2026, 7, 30)
    # The first follow-up is the business day after: Friday 31 July.
    assert case.next_follow_up == date(2026, 7, 31)
    first = case_deadlines(case, RULES)[0]
    assert (first.what, first.due, first.whose, first.rule_id) == (
        "baja",
        date(2026, 7, 30),
        Whose.PROVIDER,
        "baja@osiptel-138-2012",
    )
    assert next_step(case, RULES, date(2026, 7, 30)) == deadlines.NextStep(
        Step.WAIT, date(2026, 7, 30), first
    )
    assert next_step(case, RULES, date(2026, 7, 31)).step is Step.RECLAMO  # type: ignore[union-attr]


def test_a_reclamo_filed_on_31_july_and_its_answer_deadline() -> None:
    case = movistar()
    file(case, StageKind.RECLAMO, date(2026, 7, 31), code="REC-55012")
    assert case.stages[0].topic is Topic.BAJA
    # Resolve in 20 business days from Friday 31 July: Aug 3, 4, 5 (3), 6 Junín,
    # 7 (4), 10-14 (9), 17-21 (14), 24-28 (19), 31 (20). Notify in 5 more:
    # Sep 1, 2, 3, 4, 7.
    view = stage_views(case, RULES)[0]
    whats = [(d.what, d.due, d.rule_id) for d in view.deadlines]
    assert whats == [
        ("reclamo.resolve", date(2026, 8, 31), "reclamo.resolve.baja@osiptel-099-2022"),
        ("reclamo.answer", date(2026, 9, 7), "reclamo.notify@osiptel-099-2022"),
    ]
    assert view.answer_due == date(2026, 9, 7) and view.appeal_due is None
    assert case.answer_due == date(2026, 9, 7)
    # No follow-up before the operator's deadline: the business day after it.
    assert case.next_follow_up == date(2026, 9, 8)
    assert Flag.ANSWER_LATE not in case_flags(case, date(2026, 9, 7))
    assert Flag.ANSWER_LATE in case_flags(case, date(2026, 9, 8))


def test_a_queja_is_refused_until_the_day_after_the_answer_deadline() -> None:
    case = movistar()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    with pytest.raises(NotAllowed) as refused:
        file(case, StageKind.QUEJA, date(2026, 9, 7))
    message = str(refused.value)
    assert "2026-09-07" in message and "allowed from 2026-09-08" in message
    assert "Res. 099-2022-CD/OSIPTEL" in message
    assert [s.kind for s in case.stages] == [StageKind.RECLAMO]
    assert next_step(case, RULES, date(2026, 9, 8)) == deadlines.NextStep(
        Step.QUEJA, date(2026, 9, 8), stage_views(case, RULES)[0].deadlines[1]
    )
    # Accepted from the 8th: forwarded in 3 business days (9, 10, 11 Sep), then TRASU
    # has 13 (14-18, 21-25, 28, 29, 30 Sep).
    file(case, StageKind.QUEJA, date(2026, 9, 8), code="Q-901")
    queja = stage_views(case, RULES)[1]
    assert [(d.what, d.due) for d in queja.deadlines] == [
        ("queja.forward", date(2026, 9, 11)),
        ("queja.answer", date(2026, 9, 30)),
    ]


def test_an_infundado_answer_opens_the_appeal_window_across_8_october() -> None:
    case = movistar()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    file(case, StageKind.QUEJA, date(2026, 9, 8))
    answer(
        case,
        date(2026, 9, 18),
        Outcome.INFUNDADO,
        RULES,
        at(date(2026, 9, 18)),
        date(2026, 9, 18),
        kind=StageKind.RECLAMO,
        code="RES-2026-4411",
    )
    deadlines.refresh(case, RULES)
    # 15 business days from the business day after Friday 18 Sep: 21-25 (5), 28-30,
    # Oct 1, 2 (10), 5, 6, 7 (13), 8 Angamos, 9 (14), 12 (15).
    view = stage_views(case, RULES)[0]
    assert view.appeal_due == date(2026, 10, 12)
    appeal = view.deadlines[-1]
    assert (appeal.what, appeal.whose, appeal.rule_id) == (
        "apelacion.file",
        Whose.USER,
        "apelacion.window@osiptel-099-2022",
    )
    assert case.user_due == date(2026, 10, 12)
    # Close from 5 business days before: 9 (1), 8 holiday, 7, 6, 5 (4), 2 (5).
    assert case.user_alert_on == date(2026, 10, 2)
    assert Flag.YOUR_DEADLINE not in case_flags(case, date(2026, 10, 1))
    assert case_flags(case, date(2026, 10, 2))[0] is Flag.YOUR_DEADLINE
    assert Flag.YOUR_DEADLINE in case_flags(case, date(2026, 10, 13))  # missed
    # The appeal comes before waiting for TRASU's answer to the queja.
    assert next_step(case, RULES, date(2026, 9, 20)) == deadlines.NextStep(
        Step.APELACION, date(2026, 10, 12), appeal
    )
    # The last day is still in time; the day after, the step says its window passed.
    in_time = next_step(case, RULES, date(2026, 10, 12))
    assert in_time is not None and not in_time.missed
    assert next_step(case, RULES, date(2026, 10, 13)) == deadlines.NextStep(
        Step.APELACION, date(2026, 10, 12), appeal, missed=True
    )


def test_the_apelacion_and_trasus_deadlines() -> None:
    case = movistar()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    answer(case, date(2026, 9, 18), Outcome.INFUNDADO, RULES, at(date(2026, 9, 18)), date(2026, 9, 18))
    file(case, StageKind.APELACION, date(2026, 10, 9))
    # Forwarded in 5 business days: 12-16 Oct. TRASU has 25 from then: 19-23 (5),
    # 26-30 (10), Nov 2-6 (15; the 1st is a Sunday holiday), 9-13 (20), 16-20 (25);
    # and 5 to notify: 23-27 Nov.
    view = stage_views(case, RULES)[1]
    assert [(d.what, d.due) for d in view.deadlines] == [
        ("apelacion.forward", date(2026, 10, 16)),
        ("apelacion.resolve", date(2026, 11, 20)),
        ("apelacion.answer", date(2026, 11, 27)),
    ]
    # The appeal was filed in time: the user's deadline is met, the flag is gone.
    assert stage_views(case, RULES)[0].deadlines[-1].done_on == date(2026, 10, 9)
    assert case.user_due is None and Flag.YOUR_DEADLINE not in case_flags(case, date(2026, 10, 12))
    assert case.answer_due == date(2026, 11, 27)


@pytest.mark.parametrize(
    "topic, amount, resolve",
    [
        # From Friday 31 July. 0.5% of the 2026 UIT (S/ 5,500) is S/ 27.50.
        (Topic.BILLING, Decimal("27.50"), date(2026, 8, 24)),  # 15: Aug 3-5, 7, 10-14, 17-21, 24
        (Topic.BILLING, Decimal("27.51"), date(2026, 8, 31)),  # 20
        (Topic.BILLING, None, date(2026, 8, 31)),  # no amount: the longer, never too early
        (Topic.QUALITY, None, date(2026, 8, 5)),  # 3: Aug 3, 4, 5
    ],
)
def test_the_reclamos_topic_and_amount_set_the_operators_days(
    topic: Topic, amount: Decimal | None, resolve: date
) -> None:
    case = movistar()
    file(case, StageKind.RECLAMO, date(2026, 7, 31), topic=topic, amount=amount)
    assert stage_views(case, RULES)[0].deadlines[0].due == resolve


def test_bills_after_the_request_are_not_owed_while_the_baja_is_not_carried_out() -> None:
    case = movistar()
    today = date(2026, 8, 20)
    add_charge(
        case,
        Decimal("79.80"),
        "pen",
        date(2026, 8, 5),
        at(today),
        today,
        period=(date(2026, 8, 1), date(2026, 8, 31)),
    )
    add_charge(case, Decimal("39.90"), "PEN", date(2026, 7, 5), at(today), today)
    assert [c.on for c in case.charges] == [date(2026, 7, 5), date(2026, 8, 5)]
    assert [is_not_owed(case, c, RULES) for c in case.charges] == [False, True]
    assert not_owed_totals(case, RULES) == {"PEN": Decimal("79.80")}
    # The user has a year from the bill to reclaim it: 2027-08-05.
    deadlines.refresh(case, RULES)
    assert case.user_due == date(2027, 8, 5)
    # The user's word beats the rules.
    case.charges[0].owed = False
    assert not_owed_totals(case, RULES) == {"PEN": Decimal("119.70")}


def test_once_carried_out_in_time_only_service_after_it_is_not_owed() -> None:
    case = movistar()
    done = date(2026, 7, 27)
    log_contact(case, "Cut", ESIM_PE, PE, at(done), done, confirmed=True)
    assert case.status is Status.CONFIRMED
    add_charge(
        case,
        Decimal("20"),
        "PEN",
        date(2026, 8, 5),
        at(done),
        date(2026, 8, 5),
        period=(date(2026, 7, 1), date(2026, 7, 31)),
    )
    add_charge(
        case,
        Decimal("30"),
        "PEN",
        date(2026, 9, 5),
        at(done),
        date(2026, 9, 5),
        period=(date(2026, 8, 1), date(2026, 8, 31)),
    )
    # Carried out on 27 July: of July's 31 days, 28-31 July (4) had no service.
    july, august = (charge_share(case, c, RULES) for c in case.charges)
    assert (july.share, july.owed, july.not_owed, july.owed_days, july.not_owed_days) == (
        Share.SPLIT,
        Decimal("17.42"),
        Decimal("2.58"),
        27,
        4,
    )
    assert (august.share, august.not_owed) == (Share.NOT_OWED, Decimal("30"))


def test_other_playbooks_dispute_charges_after_the_promised_date() -> None:
    draft = CaseDraft("Gym", requested_on=date(2026, 7, 1), playbook="generic")
    case = open_case(draft, GENERIC, PE, at(date(2026, 7, 1)), date(2026, 7, 1))
    rules = CaseRules(GENERIC, PE)
    for day in (date(2026, 7, 11), date(2026, 7, 12)):
        add_charge(
            case, Decimal("50"), "USD", day, at(date(2026, 7, 20)), date(2026, 7, 20), period=(day, day)
        )
    assert case.promised_by == date(2026, 7, 11)
    assert [is_not_owed(case, c, rules) for c in case.charges] == [False, True]
    with pytest.raises(NotAllowed, match="no regulator's rules"):
        escalate(case, StageKind.RECLAMO, date(2026, 7, 20), rules, at(date(2026, 7, 20)), date(2026, 7, 20))


def test_charge_refusals() -> None:
    case = movistar()
    today = date(2026, 8, 20)
    with pytest.raises(InvalidInput, match="'PNE' is not a currency code"):
        add_charge(case, Decimal("1"), "PNE", today, at(today), today)
    with pytest.raises(InvalidInput, match="future"):
        add_charge(case, Decimal("1"), "PEN", date(2026, 8, 21), at(today), today)
    with pytest.raises(InvalidInput, match="ends before it starts"):
        add_charge(case, Decimal("1"), "PEN", today, at(today), today, period=(today, date(2026, 8, 1)))
    assert case.charges == []


def test_stage_guards() -> None:
    case = movistar()
    day = date(2026, 8, 3)
    with pytest.raises(NotAllowed, match="needs a reclamo first"):
        escalate(case, StageKind.QUEJA, day, RULES, at(day), day)
    with pytest.raises(NotAllowed, match="needs a reclamo answered first"):
        escalate(case, StageKind.APELACION, day, RULES, at(day), day)
    with pytest.raises(InvalidInput, match="future"):
        escalate(case, StageKind.RECLAMO, date(2026, 8, 4), RULES, at(day), day)
    with pytest.raises(InvalidInput, match="before the request"):
        escalate(case, StageKind.RECLAMO, date(2026, 7, 19), RULES, at(day), day)
    with pytest.raises(NotFound, match="no stage to answer"):
        answer(case, day, Outcome.FUNDADO, RULES, at(day), day)
    escalate(case, StageKind.OSIPTEL_FORM, day, RULES, at(day), day)
    escalate(case, StageKind.RECLAMO, day, RULES, at(day), day)
    answer(case, day, Outcome.FUNDADO, RULES, at(day), day, kind=StageKind.RECLAMO)
    with pytest.raises(NotAllowed, match="already answered"):
        answer(case, day, Outcome.FUNDADO, RULES, at(day), day, kind=StageKind.RECLAMO)
    with pytest.raises(NotAllowed, match="fundado: there is nothing to appeal"):
        escalate(case, StageKind.APELACION, day, RULES, at(day), day)
    with pytest.raises(NotAllowed, match="within its deadline"):
        escalate(case, StageKind.QUEJA, day, RULES, at(day), day)
    # Every filing and answer is a fact in the timeline.
    events = [(e.event, e.params.get("kind")) for e in case.timeline if e.event.startswith("stage.")]
    assert events == [
        ("stage.filed", "osiptel-form"),
        ("stage.filed", "reclamo"),
        ("stage.answered", "reclamo"),
    ]


@pytest.mark.parametrize("kind", ["baja", "confirmed", "verified", "suspension"])
def test_without_stages_or_charges_a_case_keeps_no_deadline_dates(kind: str) -> None:
    """What lets the core skip the rules on most writes (Tracker.refresh_deadline_dates):
    only stages and charges carry the answer and user deadlines kept on the case, however
    late the provider is and whatever the case's status or playbook."""
    from tracker.domain.playbooks import SUSPENSION_PE
    from tracker.domain.workflow import verify

    if kind == "suspension":
        requested = date(2026, 7, 20)
        draft = CaseDraft(
            "Claro",
            "línea",
            requested,
            playbook="suspension-pe",
            action=Action.SUSPEND,
            effective_on=date(2026, 7, 27),
            ends_on=date(2026, 8, 31),
        )
        rules = CaseRules(SUSPENSION_PE, PE, BOOK)
        case = open_case(draft, SUSPENSION_PE, PE, at(requested), requested, BOOK)
        assert case.ends_on == date(2026, 8, 31)
    else:
        case, rules = movistar(), RULES
        day = date(2026, 9, 15)  # long past the promised 30 July
        if kind in ("confirmed", "verified"):
            log_contact(case, "dicen que ya está", ESIM_PE, PE, at(day), day, confirmed=True)
        if kind == "verified":
            for check in case.checks:
                check.state = CheckState.PASSED
            verify(case, ESIM_PE, at(day), day)
    case.answer_due = case.user_due = case.user_alert_on = date(2026, 1, 1)  # stale values
    deadlines.refresh(case, rules)
    # refresh() empties them; mypy still holds them to the dates assigned above.
    assert (case.answer_due, case.user_due, case.user_alert_on) == (None, None, None)  # type: ignore[comparison-overlap]
