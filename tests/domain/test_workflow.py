"""Transitions and their guards; every change lands on the timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tracker.domain import workflow
from tracker.domain.errors import InvalidInput, NotAllowed, NotFound
from tracker.domain.events import Event
from tracker.domain.model import Action, Case, Channel, CheckState, EntryKind, Status
from tracker.domain.playbooks import ESIM_PE, GENERIC, SUBSCRIPTION, Playbook
from tracker.domain.workflow import CaseDraft
from tracker.records import replace

TODAY = date(2026, 10, 20)
# esim-pe's required checks besides calls blocked and balance zero: the seed article's key steps.
SEED_STEPS = ("eSIM profile deleted from the device", "paired devices unbound")
NOW = datetime(2026, 10, 20, 15, 30, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)


def new_case(playbook: Playbook = ESIM_PE, **fields: object) -> Case:
    draft = CaseDraft(
        provider=str(fields.pop("provider", "Movistar Perú")),
        service="eSIM +51 987 654 321",
        requested_on=fields.pop("requested_on", date(2026, 10, 6)),  # type: ignore[arg-type]
        ticket=str(fields.pop("ticket", "R-2026-00042")),
        playbook=playbook.name,
        **fields,  # type: ignore[arg-type]
    )
    case = workflow.open_case(draft, playbook, playbook.calendar(), NOW, TODAY)
    case.id = 1
    return case


# -- opening a case ----------------------------------------------------------


def test_open_case_takes_the_playbooks_dates_and_checks() -> None:
    case = new_case()
    assert case.status is Status.REQUESTED
    assert case.requested_on == date(2026, 10, 6)
    assert case.promised_by == date(2026, 10, 14)
    assert case.next_follow_up == date(2026, 10, 15)  # the working day after the deadline
    assert [c.name for c in case.checks] == [t.name for t in ESIM_PE.checks]
    assert all(c.state is CheckState.PENDING for c in case.checks)
    assert case.created_at == case.updated_at == NOW
    [entry] = case.timeline
    assert entry.kind is EntryKind.CREATED
    assert entry.status_to is Status.REQUESTED
    assert entry.ticket == "R-2026-00042"
    assert entry.next_follow_up == date(2026, 10, 15)
    assert entry.at == NOW


def test_open_case_defaults_the_request_date_to_today() -> None:
    case = new_case(GENERIC, requested_on=None)
    assert case.requested_on == TODAY
    assert case.promised_by == TODAY + timedelta(days=10)  # generic: 10 calendar days


def test_explicit_dates_win_over_the_playbook() -> None:
    case = new_case(promised_by=date(2026, 10, 9), next_follow_up=date(2026, 10, 21))
    assert case.promised_by == date(2026, 10, 9)
    assert case.next_follow_up == date(2026, 10, 21)


@pytest.mark.parametrize("provider", ["", "   ", "\n"])
def test_empty_provider_is_refused(provider: str) -> None:
    with pytest.raises(InvalidInput, match="provider") as caught:
        new_case(provider=provider)
    assert caught.value.field == "provider"


def test_request_date_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput, match="in the future") as caught:
        new_case(requested_on=TODAY + timedelta(days=1))
    assert caught.value.field == "requested_on"
    assert "2026-10-21" in str(caught.value) and "2026-10-20" in str(caught.value)
    new_case(requested_on=TODAY)  # today itself is fine


def test_promised_date_before_the_request_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        new_case(promised_by=date(2026, 10, 5))
    assert caught.value.field == "promised_by"


@pytest.mark.parametrize(
    ("text", "expected"), [("29.90", Decimal("29.90")), ("0", Decimal("0")), ("  ", None)]
)
def test_parse_fee(text: str, expected: Decimal | None) -> None:
    assert workflow.parse_fee(text) == expected


@pytest.mark.parametrize("text", ["abc", "-1", "NaN", "Infinity", "1e400", "1.2.3"])
def test_bad_fee_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        workflow.parse_fee(text, "--fee")
    assert caught.value.field == "--fee"


# -- checks and verification ----------------------------------------------


def test_verify_is_refused_naming_the_required_checks_not_passed() -> None:
    case = new_case()
    before = list(case.timeline)
    with pytest.raises(NotAllowed) as caught:
        workflow.verify(case, ESIM_PE, LATER, TODAY)
    message = str(caught.value)
    assert "calls blocked (pending)" in message
    assert "balance zero (pending)" in message
    assert "SMS blocked" not in message  # optional checks do not block
    assert case.status is Status.REQUESTED
    assert case.timeline == before


def test_verify_names_a_failed_required_check() -> None:
    case = new_case()
    workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    workflow.set_check(case, "balance zero", CheckState.PASSED, LATER, TODAY)
    with pytest.raises(NotAllowed) as caught:
        workflow.verify(case, ESIM_PE, LATER, TODAY)
    assert "calls blocked (failed)" in str(caught.value)
    assert "balance zero" not in str(caught.value)


def test_a_failed_check_that_is_not_required_still_refuses_verify() -> None:
    case = new_case()
    for check in case.checks:
        if check.required:
            workflow.set_check(case, check.name, CheckState.PASSED, LATER, TODAY)
    workflow.set_check(case, "mobile data stopped", CheckState.FAILED, LATER, TODAY)
    before = list(case.timeline)
    with pytest.raises(NotAllowed) as caught:
        workflow.verify(case, ESIM_PE, LATER, TODAY)
    message = str(caught.value)
    assert "a check failed: mobile data stopped (failed)" in message
    assert 'tracker check 1 "mobile data stopped" pass' in message  # how to change it
    assert "n/a" in message
    assert case.status is Status.FAILED
    assert case.timeline == before


def test_a_required_check_is_not_applicable_only_with_a_note() -> None:
    case = new_case()
    before = list(case.timeline)
    with pytest.raises(InvalidInput, match="say why it does not apply") as caught:
        workflow.set_check(case, "calls blocked", CheckState.NOT_APPLICABLE, LATER, TODAY, note="  ")
    assert caught.value.field == "note"
    assert case.timeline == before
    workflow.set_check(case, "calls blocked", CheckState.NOT_APPLICABLE, LATER, TODAY, note="data-only eSIM")
    workflow.set_check(
        case, "SMS blocked", CheckState.NOT_APPLICABLE, LATER, TODAY
    )  # optional: no note needed
    assert case.timeline[-1].params == {"check": "SMS blocked", "state": "n/a", "note": ""}


def test_checks_that_do_not_apply_neither_pass_nor_fail_nor_block() -> None:
    case = new_case()
    workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    statuses = [case.status]
    # Found not to apply after all: the failure is taken back, as a pass would.
    workflow.set_check(case, "calls blocked", CheckState.NOT_APPLICABLE, LATER, TODAY, note="data-only eSIM")
    statuses.append(case.status)
    assert statuses == [Status.FAILED, Status.REQUESTED]
    assert case.checks_passed == 0
    assert case.progress == f"0/{len(case.checks) - 1}"
    assert [c.name for c in workflow.blocking_checks(case)] == ["balance zero", *SEED_STEPS]
    workflow.set_check(case, "balance zero", CheckState.PASSED, LATER, TODAY)
    workflow.set_check(case, SEED_STEPS[0], CheckState.PASSED, LATER, TODAY)
    workflow.set_check(case, SEED_STEPS[1], CheckState.NOT_APPLICABLE, LATER, TODAY, note="no watch")
    workflow.verify(case, ESIM_PE, LATER, TODAY)
    assert case.status is Status.VERIFIED


def test_verify_once_the_required_checks_pass_sets_the_recheck() -> None:
    case = new_case()
    workflow.set_check(case, "Calls Blocked", CheckState.PASSED, LATER, TODAY)
    workflow.set_check(case, "BALANCE ZERO", CheckState.PASSED, LATER, TODAY)
    for name in SEED_STEPS:
        workflow.set_check(case, name.upper(), CheckState.PASSED, LATER, TODAY)
    entries = len(case.timeline)
    workflow.verify(case, ESIM_PE, LATER, TODAY)
    assert case.status is Status.VERIFIED
    assert case.next_follow_up == TODAY + timedelta(days=ESIM_PE.recheck_after or 0)
    assert case.next_follow_up == date(2026, 11, 24)
    assert case.updated_at == LATER
    [entry] = case.timeline[entries:]
    assert entry.kind is EntryKind.STATUS
    assert (entry.status_from, entry.status_to) == (Status.REQUESTED, Status.VERIFIED)
    assert (entry.event, entry.params, entry.summary) == (Event.VERIFIED, {"recheck_on": "2026-11-24"}, "")


def test_verify_without_a_recheck_leaves_no_follow_up() -> None:
    case = new_case(GENERIC)
    workflow.set_check(case, "cancellation confirmed", CheckState.PASSED, LATER, TODAY)
    workflow.verify(case, GENERIC, LATER, TODAY)
    assert case.status is Status.VERIFIED
    assert case.next_follow_up is None
    with pytest.raises(NotAllowed, match="already verified"):
        workflow.verify(case, GENERIC, LATER, TODAY)


def test_verify_again_records_the_recheck_as_done() -> None:
    case = new_case(SUBSCRIPTION)
    for check in ("confirmation received", "no new charge"):
        workflow.set_check(case, check, CheckState.PASSED, LATER, TODAY)
    workflow.verify(case, SUBSCRIPTION, LATER, TODAY)
    assert case.next_follow_up == TODAY + timedelta(days=35)
    # The recheck is about the next bill: that check first.
    workflow.set_check(
        case, "no charge on the next bill", CheckState.PASSED, LATER, TODAY + timedelta(days=35)
    )
    workflow.verify(case, SUBSCRIPTION, LATER, TODAY + timedelta(days=35))
    assert case.status is Status.VERIFIED
    assert case.next_follow_up is None
    assert case.timeline[-1].kind is EntryKind.STATUS
    assert (case.timeline[-1].event, case.timeline[-1].params) == (Event.RECHECK_DONE, {})


def test_a_failed_check_fails_the_case_with_a_follow_up_today() -> None:
    case = new_case()
    entries = len(case.timeline)
    check = workflow.set_check(
        case, "calls blocked", CheckState.FAILED, LATER, TODAY, note="a test call went through"
    )
    assert check.state is CheckState.FAILED
    assert check.checked_at == LATER
    assert check.note == "a test call went through"
    assert case.status is Status.FAILED
    assert case.next_follow_up == TODAY
    check_entry, status_entry = case.timeline[entries:]
    assert check_entry.kind is EntryKind.CHECK
    assert (check_entry.event, check_entry.params) == (
        Event.CHECK_RESULT,
        {"check": "calls blocked", "state": "failed", "note": "a test call went through"},
    )
    assert (status_entry.event, status_entry.params) == (Event.CHECK_FAILED, {"check": "calls blocked"})
    assert status_entry.kind is EntryKind.STATUS
    assert (status_entry.status_from, status_entry.status_to) == (Status.REQUESTED, Status.FAILED)


def test_a_failed_check_on_a_verified_case_reopens_it_as_failed() -> None:
    case = new_case(GENERIC)
    workflow.set_check(case, "cancellation confirmed", CheckState.PASSED, LATER, TODAY)
    workflow.verify(case, GENERIC, LATER, TODAY)
    workflow.set_check(case, "cancellation confirmed", CheckState.FAILED, LATER, TODAY)
    assert case.status is Status.FAILED
    assert case.next_follow_up == TODAY


def test_every_check_result_is_on_the_timeline() -> None:
    case = new_case()
    for state in (CheckState.PASSED, CheckState.PENDING, CheckState.PASSED):
        workflow.set_check(case, "SMS blocked", state, LATER, TODAY)
    facts = [(e.event, e.params["state"]) for e in case.timeline if e.kind is EntryKind.CHECK]
    assert facts == [(Event.CHECK_RESULT, state) for state in ("passed", "pending", "passed")]
    assert all(e.params["check"] == "SMS blocked" for e in case.timeline if e.kind is EntryKind.CHECK)
    assert case.status is Status.REQUESTED  # only a failure changes the status


def test_unknown_check_is_refused_and_nothing_changes() -> None:
    case = new_case()
    entries = list(case.timeline)
    with pytest.raises(NotFound) as caught:
        workflow.set_check(case, "smoke signals", CheckState.PASSED, LATER, TODAY)
    assert "smoke signals" in str(caught.value)
    assert "calls blocked" in str(caught.value)  # says which checks exist
    assert case.timeline == entries
    assert case.updated_at == NOW


def test_add_check() -> None:
    case = new_case()
    workflow.add_check(case, "port-out code voided", LATER, required=True)
    assert case.checks[-1].name == "port-out code voided" and case.checks[-1].required
    assert case.timeline[-1].kind is EntryKind.CHECK
    with pytest.raises(InvalidInput):
        workflow.add_check(case, "PORT-OUT CODE VOIDED", LATER)
    with pytest.raises(InvalidInput):
        workflow.add_check(case, "  ", LATER)
    # The new required check now blocks verification.
    for name in ("calls blocked", "balance zero", *SEED_STEPS):
        workflow.set_check(case, name, CheckState.PASSED, LATER, TODAY)
    assert [c.name for c in workflow.blocking_checks(case)] == ["port-out code voided"]
    with pytest.raises(NotAllowed, match="port-out code voided"):
        workflow.verify(case, ESIM_PE, LATER, TODAY)


# -- contacts ----------------------------------------------------------------


def test_log_contact_defaults_the_next_follow_up_to_the_cadence() -> None:
    case = new_case()
    # Wednesday 7 October + 2 Peruvian working days skips the 8th: Monday the 12th.
    wednesday = date(2026, 10, 7)
    entry = workflow.log_contact(case, "Called", ESIM_PE, ESIM_PE.calendar(), LATER, wednesday)
    assert case.next_follow_up == date(2026, 10, 12)
    assert entry.next_follow_up == date(2026, 10, 12)
    assert entry.kind is EntryKind.CONTACT and entry.channel is Channel.PHONE
    assert case.timeline[-1] is entry


def test_log_contact_calendar_cadence() -> None:
    case = new_case(GENERIC)
    workflow.log_contact(case, "Emailed", GENERIC, GENERIC.calendar(), LATER, TODAY)
    assert case.next_follow_up == TODAY + timedelta(days=7)


def test_log_contact_refuses_a_past_follow_up() -> None:
    case = new_case()
    entries = list(case.timeline)
    with pytest.raises(InvalidInput, match="in the past") as caught:
        workflow.log_contact(
            case, "x", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY, next_follow_up=TODAY - timedelta(days=1)
        )
    assert caught.value.field == "next_follow_up"
    assert case.timeline == entries
    workflow.log_contact(case, "x", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY, next_follow_up=TODAY)
    assert case.next_follow_up == TODAY


def test_log_contact_refuses_an_empty_summary() -> None:
    with pytest.raises(InvalidInput):
        workflow.log_contact(new_case(), "  ", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY)


def test_log_contact_records_everything_and_updates_the_ticket() -> None:
    case = new_case()
    entry = workflow.log_contact(
        case,
        "Agent says it is cut",
        ESIM_PE,
        ESIM_PE.calendar(),
        LATER,
        TODAY,
        channel=Channel.CHAT,
        ticket="R-2026-00077",
        agent="Rosa",
        next_follow_up=date(2026, 10, 23),
    )
    assert case.ticket == "R-2026-00077"
    assert (entry.channel, entry.ticket, entry.agent) == (Channel.CHAT, "R-2026-00077", "Rosa")
    assert entry.at == LATER and case.updated_at == LATER
    assert case.next_follow_up == date(2026, 10, 23)
    workflow.log_contact(case, "No news", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY)
    assert case.ticket == "R-2026-00077"  # a contact without a ticket keeps the old one
    assert case.last_contact() is case.timeline[-1]


def test_log_contact_confirmed() -> None:
    case = new_case()
    workflow.log_contact(case, "Done, they say", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY, confirmed=True)
    assert case.status is Status.CONFIRMED
    contact, status = case.timeline[-2:]
    assert contact.kind is EntryKind.CONTACT
    assert (status.status_from, status.status_to) == (Status.REQUESTED, Status.CONFIRMED)


def test_contact_on_a_failed_case_goes_back_to_requested() -> None:
    case = new_case()
    workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    workflow.log_contact(case, "Asked again", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY)
    assert case.status is Status.REQUESTED
    assert case.timeline[-1].status_from is Status.FAILED
    assert case.next_follow_up == ESIM_PE.calendar().add(TODAY, ESIM_PE.follow_up_every)


def test_contact_on_a_failed_case_can_confirm_it() -> None:
    case = new_case()
    workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    workflow.log_contact(case, "Cut now", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY, confirmed=True)
    assert case.status is Status.CONFIRMED


def test_contact_on_a_verified_case_keeps_the_recheck() -> None:
    case = new_case(SUBSCRIPTION)
    for check in ("confirmation received", "no new charge"):
        workflow.set_check(case, check, CheckState.PASSED, LATER, TODAY)
    workflow.verify(case, SUBSCRIPTION, LATER, TODAY)
    recheck = case.next_follow_up
    workflow.log_contact(
        case, "Asked for the final bill", SUBSCRIPTION, SUBSCRIPTION.calendar(), LATER, TODAY
    )
    assert case.status is Status.VERIFIED
    assert case.next_follow_up == recheck


# -- withdraw and reopen ------------------------------------------------------


@pytest.mark.parametrize("prior", [Status.REQUESTED, Status.CONFIRMED, Status.FAILED])
def test_withdraw_and_reopen_restores_the_prior_status(prior: Status) -> None:
    case = new_case()
    if prior is Status.CONFIRMED:
        workflow.log_contact(case, "ok", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY, confirmed=True)
    if prior is Status.FAILED:
        workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    assert case.status is prior
    follow_up_before = case.next_follow_up
    workflow.withdraw(case, LATER, reason="changed my mind")
    assert case.status is Status.WITHDRAWN
    assert case.next_follow_up is None
    assert case.timeline[-1].status_from is prior
    assert (case.timeline[-1].event, case.timeline[-1].params) == (
        Event.WITHDRAWN,
        {"reason": "changed my mind"},
    )
    later_day = TODAY + timedelta(days=3)
    workflow.reopen(case, LATER, later_day)
    assert case.status is prior
    # A real undo: the follow-up the case had, not a new one.
    assert case.next_follow_up == follow_up_before is not None
    assert (case.timeline[-1].status_from, case.timeline[-1].status_to) == (Status.WITHDRAWN, prior)


def test_reopen_a_withdrawn_verified_case() -> None:
    case = new_case(GENERIC)
    workflow.set_check(case, "cancellation confirmed", CheckState.PASSED, LATER, TODAY)
    workflow.verify(case, GENERIC, LATER, TODAY)
    workflow.withdraw(case, LATER)
    workflow.reopen(case, LATER, TODAY)
    assert case.status is Status.VERIFIED
    assert case.next_follow_up is None


def test_withdraw_and_reopen_guards() -> None:
    case = new_case()
    with pytest.raises(NotAllowed, match="not withdrawn"):
        workflow.reopen(case, LATER, TODAY)
    workflow.withdraw(case, LATER)
    with pytest.raises(NotAllowed, match="already withdrawn"):
        workflow.withdraw(case, LATER)


def test_a_withdrawn_case_refuses_log_check_and_verify() -> None:
    case = new_case()
    workflow.withdraw(case, LATER)
    entries = list(case.timeline)
    with pytest.raises(NotAllowed, match="withdrawn"):
        workflow.log_contact(case, "x", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY)
    with pytest.raises(NotAllowed, match="withdrawn"):
        workflow.set_check(case, "calls blocked", CheckState.PASSED, LATER, TODAY)
    with pytest.raises(NotAllowed, match="withdrawn"):
        workflow.verify(case, ESIM_PE, LATER, TODAY)
    assert case.timeline == entries
    assert all(c.state is CheckState.PENDING for c in case.checks)


def test_every_transition_is_on_the_timeline() -> None:
    case = new_case()
    workflow.log_contact(case, "ok", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY, confirmed=True)
    workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    workflow.log_contact(case, "again", ESIM_PE, ESIM_PE.calendar(), LATER, TODAY)
    workflow.withdraw(case, LATER)
    workflow.reopen(case, LATER, TODAY)
    for name in ("calls blocked", "balance zero", *SEED_STEPS):
        workflow.set_check(case, name, CheckState.PASSED, LATER, TODAY)
    workflow.verify(case, ESIM_PE, LATER, TODAY)
    moves = [(e.status_from, e.status_to) for e in case.timeline if e.kind is EntryKind.STATUS]
    assert moves == [
        (Status.REQUESTED, Status.CONFIRMED),
        (Status.CONFIRMED, Status.FAILED),
        (Status.FAILED, Status.REQUESTED),
        (Status.REQUESTED, Status.WITHDRAWN),
        (Status.WITHDRAWN, Status.REQUESTED),
        (Status.REQUESTED, Status.VERIFIED),
    ]
    kinds = [e.kind for e in case.timeline]
    assert kinds.count(EntryKind.CHECK) == 1 + 2 + len(SEED_STEPS)  # one failure, then every required check
    assert kinds.count(EntryKind.CONTACT) == 2
    assert kinds[0] is EntryKind.CREATED


# -- editing -----------------------------------------------------------------


def test_edit_recomputes_the_promised_date_and_logs_the_change() -> None:
    case = new_case()
    draft = CaseDraft(
        provider=case.provider,
        service=case.service,
        requested_on=date(2026, 10, 9),
        ticket=case.ticket,
        playbook="esim-pe",
        next_follow_up=case.next_follow_up,
        action=Action.CANCEL,
    )
    fields = workflow.changed_fields(draft, workflow.draft_of(case))
    assert fields == ["requested_on", "promised_by"]  # the draft left the promised date empty
    fields.remove("promised_by")  # ...which the user did not mean to change
    changed = workflow.edit_case(case, draft, fields, ESIM_PE, ESIM_PE.calendar(), LATER, TODAY)
    assert set(changed) == {"requested_on", "promised_by"}
    assert case.promised_by == date(2026, 10, 16)
    assert case.timeline[-1].kind is EntryKind.EDIT
    assert (case.timeline[-1].event, case.timeline[-1].params) == (
        Event.EDITED,
        {"fields": "requested_on,promised_by"},
    )


def test_a_failed_check_taken_back_restores_the_case() -> None:
    case = new_case()
    follow_up = case.next_follow_up
    workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    assert (case.status, case.next_follow_up) == (Status.FAILED, TODAY)
    workflow.set_check(case, "calls blocked", CheckState.PENDING, LATER, TODAY)
    assert (case.status, case.next_follow_up) == (Status.REQUESTED, follow_up)
    assert case.timeline[-1].event == Event.FAILURE_CLEARED
    assert case.timeline[-1].status_to is Status.REQUESTED


def test_a_case_stays_failed_while_another_check_is_failed() -> None:
    case = new_case()
    workflow.set_check(case, "calls blocked", CheckState.FAILED, LATER, TODAY)
    workflow.set_check(case, "balance zero", CheckState.FAILED, LATER, TODAY)
    workflow.set_check(case, "calls blocked", CheckState.PASSED, LATER, TODAY)
    assert case.status is Status.FAILED


def test_verify_again_before_the_recheck_is_due_is_refused() -> None:
    case = new_case(GENERIC)
    workflow.set_check(case, "cancellation confirmed", CheckState.PASSED, LATER, TODAY)
    playbook = replace(GENERIC, recheck_after=30)
    workflow.verify(case, playbook, LATER, TODAY)
    recheck = case.next_follow_up
    assert recheck == TODAY + timedelta(days=30)
    with pytest.raises(NotAllowed, match=f"recheck after the next bill is due on {recheck}"):
        workflow.verify(case, playbook, LATER, TODAY + timedelta(days=29))
    assert case.next_follow_up == recheck
    workflow.verify(case, playbook, LATER, recheck)
    assert case.next_follow_up is None
