"""The recheck after the next bill is about its own checks; a cancellation fee has a currency."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain import workflow
from tracker.domain.errors import InvalidInput, NotAllowed
from tracker.domain.model import Case, CheckState, Status
from tracker.domain.playbooks import ESIM_PE, GENERIC, SUBSCRIPTION, Playbook, parse_playbook
from tracker.domain.workflow import CaseDraft

TODAY = date(2026, 10, 20)
NOW = datetime(2026, 10, 20, 15, 30, tzinfo=UTC)


def new_case(playbook: Playbook, **fields: object) -> Case:
    draft = CaseDraft(provider="Movistar", requested_on=date(2026, 10, 6), playbook=playbook.name, **fields)  # type: ignore[arg-type]
    case = workflow.open_case(draft, playbook, playbook.calendar(), NOW, TODAY)
    case.id = 1
    return case


def verified(playbook: Playbook) -> Case:
    case = new_case(playbook)
    for check in case.checks:
        if check.required:
            workflow.set_check(case, check.name, CheckState.PASSED, NOW, TODAY)
    workflow.verify(case, playbook, NOW, TODAY)
    return case


def test_the_built_in_playbooks_name_their_recheck_checks() -> None:
    assert ESIM_PE.recheck_checks == ("no charge on the next bill",)
    assert SUBSCRIPTION.recheck_checks == ("no charge on the next bill",)
    assert GENERIC.recheck_checks == ()


def test_the_recheck_waits_for_the_bill_check() -> None:
    case = verified(ESIM_PE)
    # Verified on 20 October; the recheck is 35 days later, 24 November.
    assert case.next_follow_up == date(2026, 11, 24)
    due = date(2026, 11, 24)
    assert workflow.recheck_due(case, due) and not workflow.recheck_due(case, due - timedelta(days=1))
    assert [c.name for c in workflow.recheck_checks(case, ESIM_PE)] == ["no charge on the next bill"]
    with pytest.raises(NotAllowed, match="no charge on the next bill \\(pending\\)"):
        workflow.verify(case, ESIM_PE, NOW, due)
    workflow.set_check(case, "no charge on the next bill", CheckState.PASSED, NOW, due)
    workflow.verify(case, ESIM_PE, NOW, due)
    assert case.status is Status.VERIFIED and case.next_follow_up is None


def test_a_failed_bill_check_at_the_recheck_reopens_the_case() -> None:
    case = verified(ESIM_PE)
    due = date(2026, 11, 24)
    workflow.set_check(case, "No charge on the next bill", CheckState.FAILED, NOW, due)
    assert case.status is Status.FAILED and case.next_follow_up == due


def test_a_playbook_without_recheck_checks_records_the_recheck_as_before() -> None:
    playbook = Playbook(name="gym", title="Gym", recheck_after=30, business_days=False)
    case = verified(playbook)
    workflow.verify(case, playbook, NOW, date(2026, 11, 19))
    assert case.next_follow_up is None


def test_a_fee_takes_the_playbooks_currency() -> None:
    case = new_case(ESIM_PE, fee_amount=Decimal("120"))
    assert (case.fee_amount, case.fee_currency) == (Decimal("120"), "PEN")
    own = new_case(ESIM_PE, fee_amount=Decimal("30"), fee_currency="USD")
    assert own.fee_currency == "USD"


def test_a_fee_without_a_currency_anywhere_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        new_case(GENERIC, fee_amount=Decimal("120"))
    assert refused.value.field == "currency"
    assert "the playbook generic does not say which" in str(refused.value)


def test_an_edit_that_leaves_an_old_fee_alone_does_not_touch_it() -> None:
    case = new_case(ESIM_PE)
    case.fee_amount, case.fee_currency = Decimal("5"), ""  # stored before currencies were required
    draft = CaseDraft(
        provider="Movistar Perú",
        requested_on=case.requested_on,
        playbook="esim-pe",
        fee_amount=Decimal("5"),
        next_follow_up=case.next_follow_up,
        ticket=case.ticket,
        service=case.service,
    )
    changed = workflow.edit_case(case, draft, ["provider"], ESIM_PE, ESIM_PE.calendar(), NOW, TODAY)
    assert changed == ["provider"] and case.fee_currency == ""


def test_a_playbook_file_sets_its_currency_and_recheck_checks() -> None:
    parsed = parse_playbook(
        {"currency": "pen", "checks": [{"name": "no charge", "recheck": True}]}, Path("gym.toml")
    )
    assert parsed.currency == "PEN" and parsed.recheck_checks == ("no charge",)
    for bad in ({"currency": "soles"}, {"checks": [{"name": "x", "recheck": "yes"}]}):
        with pytest.raises(InvalidInput):
            parse_playbook(bad, Path("gym.toml"))
