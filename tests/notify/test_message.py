"""The reminder message, worded from reminders and a fixed day (dates worked out by hand)."""

from __future__ import annotations

from datetime import date

from tracker.domain.model import Status
from tracker.domain.reminders import Reminder, ReminderKind, follow_up_reminder
from tracker.notify.message import LISTED, build_message, trial_message

TODAY = date(2026, 10, 20)


def overdue(case_id: int, provider: str, due: date) -> Reminder:
    return follow_up_reminder(case_id, f"uuid-{case_id}", provider, Status.REQUESTED, due, TODAY)


def test_overdue_and_today_are_named_by_number_and_provider() -> None:
    reminders = [
        overdue(3, "Movistar Perú", date(2026, 10, 15)),
        follow_up_reminder(7, "uuid-7", "Claro", Status.CONFIRMED, TODAY, TODAY),
    ]
    message = build_message(reminders, TODAY)
    assert message.title == "tracker: 1 follow-up overdue, 1 follow-up due today"
    assert message.body.splitlines() == [
        "Overdue:",
        "  case 3, Movistar Perú: follow-up 5 days overdue (2026-10-15)",
        "",
        "Due today:",
        "  case 7, Claro: follow-up due today",
        "",
        "tracker due lists them; tracker show NUMBER opens one.",
    ]
    assert message.urgent


def test_counts_agree_with_their_numbers() -> None:
    one_day = build_message([overdue(1, "Entel", date(2026, 10, 19))], TODAY)
    assert one_day.title == "tracker: 1 follow-up overdue"
    assert "follow-up 1 day overdue (2026-10-19)" in one_day.body
    two = build_message(
        [overdue(1, "Entel", date(2026, 10, 19)), overdue(2, "Bitel", date(2026, 9, 30))], TODAY
    )
    assert two.title == "tracker: 2 follow-ups overdue"
    assert "case 2, Bitel: follow-up 20 days overdue (2026-09-30)" in two.body


def test_only_due_today_is_not_urgent() -> None:
    message = build_message([follow_up_reminder(4, "u4", "Netflix", Status.REQUESTED, TODAY, TODAY)], TODAY)
    assert message.title == "tracker: 1 follow-up due today"
    assert not message.urgent


def test_a_verified_case_due_is_a_recheck() -> None:
    reminder = follow_up_reminder(5, "u5", "Claro", Status.VERIFIED, date(2026, 10, 18), TODAY)
    assert reminder.kind is ReminderKind.OVERDUE
    assert (
        "case 5, Claro: recheck after the bill 2 days overdue (2026-10-18)"
        in build_message([reminder], TODAY).body
    )


def test_the_provider_is_shown_literally_on_one_line() -> None:
    message = build_message([overdue(9, "Evil\x1b[31m\nCorp <b>", date(2026, 10, 19))], TODAY)
    line = message.body.splitlines()[1]
    assert "\x1b" not in message.text and "\\x1b[31m" in line
    assert "Evil\\x1b[31m Corp <b>" in line  # the newline became a space, the tag is text


def test_the_users_deadlines_come_first() -> None:
    deadline = Reminder(ReminderKind.DEADLINE, 3, "u3", "Movistar Perú", date(2026, 10, 23), "apelacion.file")
    message = build_message([overdue(1, "Claro", date(2026, 10, 19)), deadline], TODAY)
    assert message.title == "tracker: 1 deadline of yours, 1 follow-up overdue"
    assert message.body.splitlines()[:2] == [
        "Your deadlines:",
        "  case 3, Movistar Perú: file an apelación against the answer in 3 days (2026-10-23)",
    ]
    assert message.urgent


def test_a_long_list_is_cut_with_a_count() -> None:
    reminders = [overdue(n, f"P{n}", date(2026, 10, 1)) for n in range(1, LISTED + 6)]
    body = build_message(reminders, TODAY).body
    assert f"case {LISTED}, P{LISTED}" in body
    assert f"case {LISTED + 1}," not in body
    assert "… and 5 more" in body


def test_keys_tell_the_same_follow_up_from_a_moved_one() -> None:
    first = overdue(1, "Claro", date(2026, 10, 19))
    assert first.key == "follow_up:uuid-1:2026-10-19"
    assert overdue(1, "Claro", date(2026, 10, 22)).key != first.key


def test_the_test_message_says_so() -> None:
    message = trial_message(TODAY)
    assert message.title == "tracker: test reminder"
    assert "2026-10-20" in message.body
