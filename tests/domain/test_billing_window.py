"""The window to claim a bill counts from its DUE date ([charges.window] in pe.toml); without
a due date, from the bill's date, the earliest it can start, and said so.

Dates worked by hand across Peru's holidays:

- A baja requested on Thursday 2026-10-01 had to be carried out by Friday 9 October:
  2 (1), 5 (2), 6 (3), 7 (4), 8 holiday (Angamos), 9 (5). The bill of Monday 2 November
  (1 November, All Saints, fell on the Sunday before) bills October: 1-9 owed (9 days),
  10-31 not owed (22 days): of S/ 62.00, S/ 18.00 owed and S/ 44.00 not. Due on 17
  November, its window (12 months) ends on 2027-11-17; counted from its date, 2027-11-02.
- A baja requested on Wednesday 2026-12-02 had to be carried out by Friday 11 December:
  3 (1), 4 (2), 7 (3), 8 and 9 holidays (Immaculate Conception, Ayacucho), 10 (4), 11 (5).
  The bill of Saturday 26 December (the 25th a holiday) bills December: 1-11 owed (11
  days), 12-31 not owed (20 days): of S/ 31.00, S/ 11.00 owed, S/ 20.00 not. Due on
  2027-01-10, its window ends on 2028-01-10.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.charges import add_charge, charge_share, complete_charge
from tracker.domain.deadlines import Deadline, billing_window_start, case_deadlines, no_due_date
from tracker.domain.model import Case
from tracker.domain.playbooks import ESIM_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.workflow import CaseDraft, open_case
from tracker.records import replace

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
RULES = CaseRules(ESIM_PE, PE, BOOK)
TODAY = date(2027, 1, 15)
NOW = datetime.combine(TODAY, time(15), tzinfo=UTC)


def case_requested(day: date) -> Case:
    draft = CaseDraft("Movistar Perú", "eSIM", day, ticket="CP-1", playbook="esim-pe")
    case = open_case(draft, ESIM_PE, PE, datetime.combine(day, time(15), tzinfo=UTC), day, BOOK)
    case.id = 1
    return case


def billing_windows(case: Case) -> list[Deadline]:
    return [d for d in case_deadlines(case, RULES) if d.what == "reclamo.billing.file"]


def test_the_window_counts_from_the_due_date_across_the_october_holiday() -> None:
    case = case_requested(date(2026, 10, 1))
    assert case_deadlines(case, RULES)[0].due == date(2026, 10, 9)
    add_charge(
        case, Decimal("62.00"), "PEN", date(2026, 11, 2), NOW, TODAY,
        period=(date(2026, 10, 1), date(2026, 10, 31)), due=date(2026, 11, 17),
    )  # fmt: skip
    share = charge_share(case, case.charges[0], RULES)
    assert (share.owed, share.not_owed, share.owed_days, share.not_owed_days) == (
        Decimal("18.00"),
        Decimal("44.00"),
        9,
        22,
    )
    [window] = billing_windows(case)
    assert (window.start, window.due, window.earliest) == (date(2026, 11, 17), date(2027, 11, 17), False)
    assert no_due_date(case, RULES) == []


def test_without_a_due_date_the_window_counts_from_the_bill_and_says_it_is_the_earliest() -> None:
    case = case_requested(date(2026, 10, 1))
    add_charge(
        case, Decimal("62.00"), "PEN", date(2026, 11, 2), NOW, TODAY,
        period=(date(2026, 10, 1), date(2026, 10, 31)),
    )  # fmt: skip
    [window] = billing_windows(case)
    # Earlier than it can really be: a user who files by it is never late.
    assert (window.start, window.due, window.earliest) == (date(2026, 11, 2), date(2027, 11, 2), True)
    assert no_due_date(case, RULES) == [1]
    complete_charge(case, 1, NOW, due=date(2026, 11, 17))
    [window] = billing_windows(case)
    assert (window.due, window.earliest) == (date(2027, 11, 17), False)
    assert no_due_date(case, RULES) == []


def test_the_december_holidays_and_a_due_date_in_the_next_year() -> None:
    case = case_requested(date(2026, 12, 2))
    assert case_deadlines(case, RULES)[0].due == date(2026, 12, 11)
    add_charge(
        case, Decimal("31.00"), "PEN", date(2026, 12, 26), NOW, TODAY,
        period=(date(2026, 12, 1), date(2026, 12, 31)), due=date(2027, 1, 10),
    )  # fmt: skip
    share = charge_share(case, case.charges[0], RULES)
    assert (share.owed, share.not_owed) == (Decimal("11.00"), Decimal("20.00"))
    [window] = billing_windows(case)
    assert (window.due, window.earliest) == (date(2028, 1, 10), False)


def test_a_book_that_counts_from_the_bill_says_nothing_of_the_earliest() -> None:
    case = case_requested(date(2026, 10, 1))
    charge = add_charge(case, Decimal("62.00"), "PEN", date(2026, 11, 2), NOW, TODAY, due=date(2026, 11, 17))
    no_window_rule = replace(BOOK, window_from_due=False)
    assert billing_window_start(charge, no_window_rule) == (date(2026, 11, 2), False)
    assert billing_window_start(charge, BOOK) == (date(2026, 11, 17), False)
