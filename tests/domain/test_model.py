"""The plain data classes' few queries."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.domain.model import (
    Case,
    Check,
    CheckState,
    EntryKind,
    Status,
    TimelineEntry,
)

NOW = datetime(2026, 10, 20, 12, tzinfo=UTC)


def make_case(**fields: object) -> Case:
    return Case("P", "S", date(2026, 10, 6), date(2026, 10, 14), NOW, NOW, **fields)  # type: ignore[arg-type]


def test_find_check_ignores_case_and_surrounding_space() -> None:
    case = make_case(checks=[Check("calls blocked", True), Check("Balance Zero", True)])
    assert case.find_check("CALLS BLOCKED") is case.checks[0]
    assert case.find_check("  balance zero ") is case.checks[1]
    assert case.find_check("calls") is None


def test_progress_counts_passed_checks() -> None:
    case = make_case(
        checks=[
            Check("a", state=CheckState.PASSED),
            Check("b", state=CheckState.FAILED),
            Check("c"),
            Check("d", state=CheckState.PASSED),
        ]
    )
    assert case.checks_passed == 2
    assert case.progress == "2/4"
    assert make_case().progress == "0/0"


def test_check_state_cycles() -> None:
    assert CheckState.PENDING.cycled() is CheckState.PASSED
    assert CheckState.PASSED.cycled() is CheckState.FAILED
    assert CheckState.FAILED.cycled() is CheckState.NOT_APPLICABLE
    assert CheckState.NOT_APPLICABLE.cycled() is CheckState.PENDING


def test_progress_leaves_out_checks_that_do_not_apply() -> None:
    case = make_case(
        checks=[
            Check("a", state=CheckState.PASSED),
            Check("b", state=CheckState.NOT_APPLICABLE),
            Check("c", state=CheckState.FAILED),
            Check("d"),
        ]
    )
    assert case.checks_passed == 1
    assert case.progress == "1/3"


def test_is_open() -> None:
    assert make_case(status=Status.FAILED).is_open
    assert not make_case(status=Status.VERIFIED).is_open
    assert not make_case(status=Status.WITHDRAWN).is_open


def test_last_contact() -> None:
    contact = TimelineEntry(NOW, EntryKind.CONTACT, "called")
    case = make_case(
        timeline=[
            TimelineEntry(NOW, EntryKind.CREATED, "new"),
            contact,
            TimelineEntry(NOW, EntryKind.CHECK, "check"),
        ]
    )
    assert case.last_contact() is contact
    assert make_case().last_contact() is None


def test_every_case_gets_its_own_uuid() -> None:
    first, second = make_case(), make_case()
    assert first.uuid != second.uuid
    assert len(first.uuid) == 36


def test_new_uuid_is_a_random_version_4_uuid_in_the_standard_form() -> None:
    import uuid

    from tracker.domain.model import new_uuid

    made = {new_uuid() for _ in range(200)}
    assert len(made) == 200
    for text in made:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
