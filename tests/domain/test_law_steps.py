"""Issue 18 §3, the law's steps: outcomes, the queja guard on both dates, the reclamo for a
baja nobody asked for, late and repeated stages. Dates worked by hand across Peru's
holidays: Thu 23 July (Air Force), Tue 28 and Wed 29 July (Independence), Thu 6 August
(Junín), Sun 30 August (Santa Rosa), Thu 8 October (Angamos)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from tracker.domain import deadlines
from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.deadlines import Step, Whose, next_step, stage_views
from tracker.domain.errors import InvalidInput, NotAllowed
from tracker.domain.model import Case, Outcome, StageKind, Topic
from tracker.domain.playbooks import ESIM_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.stages import answer, escalate
from tracker.domain.workflow import CaseDraft, open_case

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
RULES = CaseRules(ESIM_PE, PE, BOOK)


def at(day: date) -> datetime:
    return datetime.combine(day, time(15), tzinfo=UTC)


def claro(requested: date = date(2026, 7, 20)) -> Case:
    draft = CaseDraft("Claro Perú", "eSIM +51 987 654 321", requested, ticket="CP-1", playbook="esim-pe")
    case = open_case(draft, ESIM_PE, PE, at(requested), requested, BOOK)
    case.id = 1
    return case


def file(case: Case, kind: StageKind, day: date, **options: object) -> None:
    escalate(case, kind, day, RULES, at(day), day, **options)  # type: ignore[arg-type]
    deadlines.refresh(case, RULES)


def answered(case: Case, day: date, outcome: Outcome, **options: object) -> None:
    answer(case, day, outcome, RULES, at(day), day, **options)  # type: ignore[arg-type]
    deadlines.refresh(case, RULES)


# -- outcomes ------------------------------------------------------------------------


def test_an_improcedente_answer_can_be_appealed_like_an_infundado_one() -> None:
    case = claro()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    answered(case, date(2026, 9, 18), Outcome.IMPROCEDENTE)
    # 15 business days after Fri 18 Sep: 21-25 (5), 28-30, 1, 2 Oct (10), 5-7 (13),
    # 8 Angamos, 9 (14), 12 (15).
    view = stage_views(case, RULES)[0]
    assert view.appeal_due == date(2026, 10, 12)
    assert next_step(case, RULES, date(2026, 9, 21)).step is Step.APELACION  # type: ignore[union-attr]
    file(case, StageKind.APELACION, date(2026, 10, 9))
    assert [s.kind for s in case.stages] == [StageKind.RECLAMO, StageKind.APELACION]


def test_an_inadmisible_answer_gives_the_user_a_short_time_to_fix_and_file_again() -> None:
    case = claro()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    # Notified Wed 5 Aug; 2 business days: 6 Aug Junín, Fri 7 (1), Mon 10 (2).
    answered(case, date(2026, 8, 5), Outcome.INADMISIBLE)
    fix = stage_views(case, RULES)[0].deadlines[-1]
    assert (fix.what, fix.whose, fix.due, fix.rule_id) == (
        "inadmisible.fix",
        Whose.USER,
        date(2026, 8, 10),
        "inadmisible.fix@osiptel-099-2022",
    )
    assert fix.rule is not None and fix.rule.unsourced
    assert case.user_due == date(2026, 8, 10)
    assert next_step(case, RULES, date(2026, 8, 6)) == deadlines.NextStep(Step.FIX, date(2026, 8, 10), fix)
    # Not against the user on the merits: nothing to appeal yet.
    with pytest.raises(NotAllowed):
        file(case, StageKind.APELACION, date(2026, 8, 7))
    # Filing the reclamo again, fixed, meets the user's deadline.
    file(case, StageKind.RECLAMO, date(2026, 8, 10))
    assert stage_views(case, RULES)[0].deadlines[-1].done_on == date(2026, 8, 10)
    assert case.user_due is None


# -- the queja guard: issued and notified ------------------------------------------


def test_a_queja_lies_when_the_answer_was_issued_late_though_notified_in_time() -> None:
    case = claro()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    # Resolve by Mon 31 Aug (20 business days, 6 Aug Junín skipped), notify by Mon 7 Sep.
    # Issued Tue 1 Sep (one day late), notified Fri 4 Sep (in time).
    answered(case, date(2026, 9, 4), Outcome.INFUNDADO, issued=date(2026, 9, 1))
    resolve = stage_views(case, RULES)[0].deadlines[0]
    assert (resolve.what, resolve.due, resolve.done_on) == (
        "reclamo.resolve",
        date(2026, 8, 31),
        date(2026, 9, 1),
    )
    assert resolve.missed(date(2026, 9, 4))
    file(case, StageKind.QUEJA, date(2026, 9, 4))
    assert [s.kind for s in case.stages] == [StageKind.RECLAMO, StageKind.QUEJA]
    assert case.stages[0].issued_on == date(2026, 9, 1)


def test_a_queja_is_refused_when_issued_and_notified_in_time() -> None:
    case = claro()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    answered(case, date(2026, 9, 4), Outcome.INFUNDADO, issued=date(2026, 8, 31))
    with pytest.raises(NotAllowed, match="within its deadline"):
        file(case, StageKind.QUEJA, date(2026, 9, 8))


def test_a_queja_lies_when_notified_late_whatever_the_issue_date() -> None:
    case = claro()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    answered(case, date(2026, 9, 8), Outcome.INFUNDADO, issued=date(2026, 8, 28))
    file(case, StageKind.QUEJA, date(2026, 9, 8))
    assert case.stages[-1].kind is StageKind.QUEJA


def test_the_issue_date_lies_between_the_filing_and_the_notification() -> None:
    case = claro()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    with pytest.raises(InvalidInput, match="issued"):
        answered(case, date(2026, 9, 4), Outcome.INFUNDADO, issued=date(2026, 9, 7))
    with pytest.raises(InvalidInput, match="issued"):
        answered(case, date(2026, 9, 4), Outcome.INFUNDADO, issued=date(2026, 7, 30))
    assert case.stages[0].answered_on is None


# -- a baja or cut-off the user did not ask for -----------------------------------------


def test_a_reclamo_about_an_unrequested_cut_off_is_resolved_in_3_business_days() -> None:
    case = claro()
    # Filed Wed 22 July: Thu 23 Air Force, Fri 24 (1), Mon 27 (2), 28-29 Independence, Thu 30 (3);
    # then 5 to notify: 31 (1), Aug 3, 4, 5 (4), 6 Junín, Fri 7 (5).
    file(case, StageKind.RECLAMO, date(2026, 7, 22), topic=Topic.UNREQUESTED)
    view = stage_views(case, RULES)[0]
    assert [(d.what, d.due, d.rule_id) for d in view.deadlines] == [
        ("reclamo.resolve", date(2026, 7, 30), "reclamo.resolve.unrequested@osiptel-099-2022"),
        ("reclamo.answer", date(2026, 8, 7), "reclamo.notify@osiptel-099-2022"),
    ]


# -- late and repeated stages ------------------------------------------------------


def _infundado_on_18_september() -> Case:
    case = claro()
    file(case, StageKind.RECLAMO, date(2026, 7, 31))
    # Appeal window: 15 business days after Fri 18 Sep, 8 Oct Angamos skipped: Mon 12 Oct.
    answered(case, date(2026, 9, 18), Outcome.INFUNDADO)
    return case


def test_an_apelacion_after_its_window_is_recorded_and_marked_late() -> None:
    case = _infundado_on_18_september()
    file(case, StageKind.APELACION, date(2026, 10, 13))
    view = stage_views(case, RULES)[1]
    assert view.late is not None and view.late.repeat_of is None and view.late.past_due
    assert (view.late.window.what, view.late.window.due) == ("apelacion.file", date(2026, 10, 12))
    # It happened, so TRASU's deadlines run: forwarded in 5 (14-16, 19, 20 Oct).
    assert view.deadlines[0].due == date(2026, 10, 20)
    # The window itself reads as met late.
    window = stage_views(case, RULES)[0].deadlines[-1]
    assert window.done_on == date(2026, 10, 13) and window.missed(date(2026, 10, 13))


def test_an_apelacion_on_the_last_day_is_not_late() -> None:
    case = _infundado_on_18_september()
    file(case, StageKind.APELACION, date(2026, 10, 12))
    assert stage_views(case, RULES)[1].late is None


def test_a_second_apelacion_against_the_same_answer_is_marked_and_sets_no_deadlines() -> None:
    case = _infundado_on_18_september()
    file(case, StageKind.APELACION, date(2026, 10, 9))
    first_answer_due = case.answer_due
    file(case, StageKind.APELACION, date(2026, 10, 12))
    views = stage_views(case, RULES)
    assert views[1].late is None and views[1].deadlines
    second = views[2]
    assert second.late is not None and second.late.repeat_of == 1 and not second.late.past_due
    assert second.deadlines == () and second.answer_due is None
    assert case.answer_due == first_answer_due
    assert next_step(case, RULES, date(2026, 10, 13)) is not None


# -- suspension ----------------------------------------------------------------------


def test_a_case_on_the_suspension_playbook_is_a_suspension() -> None:
    from tracker.domain.model import Action
    from tracker.domain.playbooks import SUSPENSION_PE

    draft = CaseDraft("Claro Perú", requested_on=date(2026, 7, 20), playbook="suspension-pe")
    draft.ends_on = date(2026, 8, 31)
    case = open_case(draft, SUSPENSION_PE, PE, at(date(2026, 7, 20)), date(2026, 7, 20), BOOK)
    assert case.action is Action.SUSPEND
    assert case.timeline[0].params["action"] == "suspend"
