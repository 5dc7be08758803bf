"""Pay the undisputed part: while a billing reclamo is open, the part of each bill the rules
say is owed, by the bill's due date; the part under reclamo stays unpaid.

Dates worked by hand across Peru's holidays:

- The baja of Monday 2026-07-20 had to be carried out by Thursday 30 July: 21 (1),
  22 (2), 23 holiday, 24 (3), 27 (4), 28 and 29 holidays, 30 (5).
- The bill of 3 August bills 16 July to 15 August (31 days): 16-30 July owed (15 days),
  31 July to 15 August not (16 days): of S/ 62.00, S/ 30.00 to pay by its due date,
  18 August, and S/ 32.00 under the billing reclamo filed on 10 August.
- That reclamo answered infundado, notified on Friday 2 October: 15 business days to
  appeal, 5 (1), 6 (2), 7 (3), 8 holiday (Angamos), 9 (4), 12 (5) ... 23 (14), 26 (15):
  the amount stays under reclamo through Monday 26 October, and no longer on the 27th
  unless an apelación was filed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.charges import add_charge
from tracker.domain.model import Case, Outcome, StageKind, Topic
from tracker.domain.playbooks import ESIM_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.stages import answer, escalate
from tracker.domain.undisputed import ToPay, open_billing_reclamo, undisputed
from tracker.domain.workflow import CaseDraft, open_case

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
RULES = CaseRules(ESIM_PE, PE, BOOK)


def at(day: date) -> datetime:
    return datetime.combine(day, time(15), tzinfo=UTC)


def billed_and_claimed(topic: Topic = Topic.BILLING) -> Case:
    requested = date(2026, 7, 20)
    draft = CaseDraft("Claro Perú", "eSIM", requested, ticket="CP-1", playbook="esim-pe")
    case = open_case(draft, ESIM_PE, PE, at(requested), requested, BOOK)
    case.id = 1
    day = date(2026, 8, 10)
    add_charge(
        case, Decimal("62.00"), "PEN", date(2026, 8, 3), at(day), day,
        period=(date(2026, 7, 16), date(2026, 8, 15)), due=date(2026, 8, 18),
    )  # fmt: skip
    escalate(case, StageKind.RECLAMO, day, RULES, at(day), day, code="REC-1", topic=topic)
    return case


def test_while_the_reclamo_is_open_the_owed_part_is_paid_by_the_due_date() -> None:
    case = billed_and_claimed()
    assert undisputed(case, RULES, date(2026, 8, 9)) is None  # not filed yet on that day
    pay = undisputed(case, RULES, date(2026, 8, 12))
    assert pay is not None and pay.filed_on == date(2026, 8, 10)
    assert pay.to_pay == (ToPay(1, Decimal("30.00"), "PEN", date(2026, 8, 18), Decimal("32.00")),)


def test_a_charge_without_period_or_due_date() -> None:
    case = billed_and_claimed()
    day = date(2026, 8, 12)
    add_charge(case, Decimal("20.00"), "PEN", date(2026, 8, 4), at(day), day)
    add_charge(
        case, Decimal("15.50"), "PEN", date(2026, 8, 5), at(day), day,
        period=(date(2026, 7, 1), date(2026, 7, 15)),
    )  # fmt: skip
    pay = undisputed(case, RULES, day)
    assert pay is not None
    unknown, _first, before_the_line = pay.to_pay[1], pay.to_pay[0], pay.to_pay[2]
    assert (unknown.number, unknown.unknown) == (2, True)  # 3 Aug, 4 Aug, 5 Aug by date
    assert before_the_line == ToPay(3, Decimal("15.50"), "PEN", None, Decimal("0"))


def test_the_amount_stays_under_reclamo_while_the_appeal_window_runs() -> None:
    case = billed_and_claimed()
    answered = date(2026, 10, 2)
    answer(case, answered, Outcome.INFUNDADO, RULES, at(answered), answered, code="RES-1")
    assert open_billing_reclamo(case, RULES, date(2026, 10, 26)) == 0
    assert undisputed(case, RULES, date(2026, 10, 27)) is None


def test_an_apelacion_keeps_it_open_until_answered() -> None:
    case = billed_and_claimed()
    answered = date(2026, 10, 2)
    answer(case, answered, Outcome.INFUNDADO, RULES, at(answered), answered, code="RES-1")
    appealed = date(2026, 10, 20)
    escalate(case, StageKind.APELACION, appealed, RULES, at(appealed), appealed)
    assert open_billing_reclamo(case, RULES, date(2026, 11, 30)) == 0
    later = date(2026, 12, 10)
    answer(case, later, Outcome.INFUNDADO, RULES, at(later), later, kind=StageKind.APELACION)
    assert open_billing_reclamo(case, RULES, date(2026, 12, 11)) is None


def test_answered_for_the_user_or_not_about_a_bill_nothing_is_said() -> None:
    case = billed_and_claimed()
    answered = date(2026, 9, 4)
    answer(case, answered, Outcome.FUNDADO, RULES, at(answered), answered)
    assert undisputed(case, RULES, date(2026, 9, 5)) is None
    assert undisputed(billed_and_claimed(Topic.BAJA), RULES, date(2026, 8, 12)) is None
