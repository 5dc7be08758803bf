"""Old English timeline sentences read back as facts, and written again for a downgrade."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.events import Event
from tracker.domain.legacy_entries import FIELD_WORDS, to_english, to_fact

# (kind, what the old version wrote, the fact it records)
KNOWN = [
    ("created", "Cancel requested", (Event.CREATED, {"action": "cancel"})),
    ("created", "Suspend requested", (Event.CREATED, {"action": "suspend"})),
    (
        "check",
        "Check 'calls blocked': passed",
        (Event.CHECK_RESULT, {"check": "calls blocked", "state": "passed", "note": ""}),
    ),
    (
        "check",
        "Check 'balance zero': failed (S/ 3.50 left (prepaid))",
        (Event.CHECK_RESULT, {"check": "balance zero", "state": "failed", "note": "S/ 3.50 left (prepaid)"}),
    ),
    (
        "check",
        'Check "it\'s gone": pending',
        (Event.CHECK_RESULT, {"check": "it's gone", "state": "pending", "note": ""}),
    ),
    (
        "check",
        "Added required check 'no charge on the bill'",
        (Event.CHECK_ADDED, {"check": "no charge on the bill", "required": "true"}),
    ),
    ("check", "Added optional check '漢字'", (Event.CHECK_ADDED, {"check": "漢字", "required": "false"})),
    (
        "edit",
        "Edited: provider, request date, next follow-up, fee, currency",
        (Event.EDITED, {"fields": "provider,requested_on,next_follow_up,fee_amount,fee_currency"}),
    ),
    ("status", "Provider says it is done", (Event.PROVIDER_CONFIRMED, {})),
    ("status", "Asked the provider again", (Event.ASKED_AGAIN, {})),
    ("status", "Check 'SMS blocked' failed: follow up today", (Event.CHECK_FAILED, {"check": "SMS blocked"})),
    ("status", "No check has failed any more: back to confirmed", (Event.FAILURE_CLEARED, {})),
    ("status", "Verified: every required check passed", (Event.VERIFIED, {"recheck_on": ""})),
    (
        "status",
        "Verified: every required check passed; recheck after the next bill on 2026-11-24",
        (Event.VERIFIED, {"recheck_on": "2026-11-24"}),
    ),
    ("status", "Recheck done: case closed", (Event.RECHECK_DONE, {})),
    ("status", "Withdrawn", (Event.WITHDRAWN, {"reason": ""})),
    ("status", "Withdrawn: me quedo: mejor plan", (Event.WITHDRAWN, {"reason": "me quedo: mejor plan"})),
    ("status", "Reopened", (Event.REOPENED, {})),
]


@pytest.mark.parametrize(("kind", "summary", "fact"), KNOWN)
def test_every_form_the_old_version_wrote_is_read_as_its_fact(
    kind: str, summary: str, fact: tuple[str, dict[str, str]]
) -> None:
    assert to_fact(kind, summary) == fact


@pytest.mark.parametrize(("kind", "summary", "fact"), KNOWN)
def test_the_fact_is_written_back_as_the_same_sentence(
    kind: str, summary: str, fact: tuple[str, dict[str, str]]
) -> None:
    status_to = "confirmed" if fact[0] == Event.FAILURE_CLEARED else None
    assert to_english(fact[0], fact[1], status_to) == summary


@pytest.mark.parametrize(
    ("kind", "summary"),
    [
        ("contact", "Reopened"),  # the user's own words, whatever they say
        ("status", "Check 'calls blocked' failed"),  # no such form
        ("status", "Verified"),
        ("created", "Cancel requested by phone"),
        ("check", "Check calls blocked: passed"),  # not a repr
        ("check", "Check 'calls blocked': broken"),
        ("edit", "Edited: provider, colour"),
        ("status", "withdrawn"),
    ],
)
def test_anything_else_is_not_a_fact(kind: str, summary: str) -> None:
    assert to_fact(kind, summary) is None


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@given(name=texts, note=texts, state=st.sampled_from(["passed", "failed", "pending"]))
def test_any_check_name_and_note_survive_the_round_trip(name: str, note: str, state: str) -> None:
    params = {"check": name, "state": state, "note": note}
    sentence = to_english(Event.CHECK_RESULT, params, None)
    assert sentence is not None
    assert to_fact("check", sentence) == (Event.CHECK_RESULT, params)


@given(name=texts, required=st.booleans())
def test_any_added_or_failed_check_name_survives_the_round_trip(name: str, required: bool) -> None:
    added = {"check": name, "required": "true" if required else "false"}
    assert to_fact("check", to_english(Event.CHECK_ADDED, added, None) or "") == (Event.CHECK_ADDED, added)
    failed = {"check": name}
    assert to_fact("status", to_english(Event.CHECK_FAILED, failed, None) or "") == (
        Event.CHECK_FAILED,
        failed,
    )


@given(reason=texts)
def test_any_reason_survives_the_round_trip(reason: str) -> None:
    params = {"reason": reason}
    assert to_fact("status", to_english(Event.WITHDRAWN, params, None) or "") == (Event.WITHDRAWN, params)


@given(fields=st.lists(st.sampled_from(sorted(FIELD_WORDS)), min_size=1, max_size=5, unique=True))
def test_any_edit_survives_the_round_trip(fields: list[str]) -> None:
    params = {"fields": ",".join(fields)}
    assert to_fact("edit", to_english(Event.EDITED, params, None) or "") == (Event.EDITED, params)
