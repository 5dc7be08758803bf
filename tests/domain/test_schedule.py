"""A baja or a suspension on a date the user chooses, inside the window the rules allow."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.errors import InvalidInput
from tracker.domain.playbooks import ESIM_PE, GENERIC, SUSPENSION_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.workflow import CaseDraft, open_case, verify

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")
REQUESTED = date(2026, 7, 20)
NOW = datetime(2026, 7, 20, 15, tzinfo=UTC)


def draft(playbook: str, effective: date | None = None, ends: date | None = None) -> CaseDraft:
    return CaseDraft(
        "Movistar Perú", requested_on=REQUESTED, playbook=playbook, effective_on=effective, ends_on=ends
    )


# From Monday 20 July 2026: at least 5 business days (Thursday 30 July, past the
# holidays of 23, 28 and 29 July) and at most one calendar month (20 August).
@pytest.mark.parametrize("effective", [date(2026, 7, 30), date(2026, 8, 10), date(2026, 8, 20)])
def test_a_scheduled_baja_inside_its_window_is_the_providers_deadline(effective: date) -> None:
    case = open_case(draft("esim-pe", effective), ESIM_PE, PE, NOW, REQUESTED, BOOK)
    assert case.effective_on == effective and case.promised_by == effective


@pytest.mark.parametrize("effective", [date(2026, 7, 27), date(2026, 7, 29), date(2026, 8, 21)])
def test_a_scheduled_baja_outside_its_window_is_refused_with_the_window(effective: date) -> None:
    with pytest.raises(InvalidInput) as refused:
        open_case(draft("esim-pe", effective), ESIM_PE, PE, NOW, REQUESTED, BOOK)
    message = str(refused.value)
    assert "between 2026-07-30 and 2026-08-20" in message and effective.isoformat() in message
    assert "Res. 138-2012-CD/OSIPTEL" in message and "\n" not in message


def test_a_suspension_lasts_15_days_to_2_months_from_its_start() -> None:
    # No start chosen: the operator's 5 business days, Thursday 30 July. It may end
    # from 14 August (15 days) to 30 September (2 months).
    for ends in (date(2026, 8, 14), date(2026, 9, 30)):
        case = open_case(draft("suspension-pe", ends=ends), SUSPENSION_PE, PE, NOW, REQUESTED, BOOK)
        assert (case.promised_by, case.ends_on) == (date(2026, 7, 30), ends)
    for ends in (date(2026, 8, 13), date(2026, 10, 1)):
        with pytest.raises(InvalidInput, match="must end between 2026-08-14 and 2026-09-30"):
            open_case(draft("suspension-pe", ends=ends), SUSPENSION_PE, PE, NOW, REQUESTED, BOOK)
    # A later start chosen by the user is the operator's deadline; an earlier one is not.
    # (A suspension always has its end: 1 September fits both starts.)
    back = date(2026, 9, 1)
    later = open_case(draft("suspension-pe", date(2026, 8, 3), back), SUSPENSION_PE, PE, NOW, REQUESTED, BOOK)
    assert later.promised_by == date(2026, 8, 3)
    sooner = open_case(
        draft("suspension-pe", date(2026, 7, 21), back), SUSPENSION_PE, PE, NOW, REQUESTED, BOOK
    )
    assert sooner.promised_by == date(2026, 7, 30)


def test_verifying_a_suspension_sets_a_reminder_before_it_ends() -> None:
    case = open_case(draft("suspension-pe", ends=date(2026, 9, 1)), SUSPENSION_PE, PE, NOW, REQUESTED, BOOK)
    for check in case.checks:
        check.state = check.state.PASSED
    verify(case, SUSPENSION_PE, NOW, date(2026, 7, 31))
    assert case.next_follow_up == date(2026, 8, 30)


def test_dates_the_rules_do_not_allow_at_all() -> None:
    with pytest.raises(InvalidInput, match="only a suspension has an end date"):
        open_case(draft("esim-pe", ends=date(2026, 8, 20)), ESIM_PE, PE, NOW, REQUESTED, BOOK)
    with pytest.raises(InvalidInput, match="before the request"):
        open_case(draft("generic", date(2026, 7, 1)), GENERIC, PE, NOW, REQUESTED)
    both = draft("esim-pe", date(2026, 8, 3))
    both.promised_by = date(2026, 8, 4)
    with pytest.raises(InvalidInput, match="one or the other"):
        open_case(both, ESIM_PE, PE, NOW, REQUESTED, BOOK)
    # Without a rule book a chosen date is simply the provider's deadline.
    assert open_case(draft("generic", date(2026, 9, 1)), GENERIC, PE, NOW, REQUESTED).promised_by == date(
        2026, 9, 1
    )
