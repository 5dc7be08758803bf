"""Two writers at once both keep their work: every action changes the case as it is
now, inside one write transaction, and writes only what it changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import CheckState
from tracker.domain.workflow import CaseDraft, changed_fields, draft_of

TODAY = date(2026, 10, 20)


def environment(db: str, config: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TRACKER_DB": db,
        "TRACKER_CONFIG_DIR": str(config),
        "TRACKER_TODAY": TODAY.isoformat(),
    }


def start(env: dict[str, str], *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(processes: list[subprocess.Popen[str]]) -> None:
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, (out, err)


def shown(env: dict[str, str], ref: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "show", ref, "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.fixture
def cli_env(tmp_path: Path, db_target: str) -> dict[str, str]:
    config = tmp_path / "config"
    config.mkdir()
    return environment(db_target, config)


def test_checks_and_a_contact_written_at_once_are_all_kept(cli_env: dict[str, str]) -> None:
    for round_ in range(3):
        subprocess.run(
            [sys.executable, "-m", "tracker", "add", f"Movistar {round_}", "--playbook", "esim-pe"],
            env=cli_env,
            check=True,
            capture_output=True,
        )
        ref = str(round_ + 1)
        finish(
            [
                start(cli_env, "check", ref, "calls blocked", "pass"),
                start(cli_env, "check", ref, "balance zero", "pass"),
                start(cli_env, "check", ref, "SMS blocked", "fail"),
                start(cli_env, "log", ref, "they said yes", "--ticket", f"TK-{round_}"),
            ]
        )
        case = shown(cli_env, ref)
        states = {c["name"]: c["state"] for c in case["checks"]}
        assert states["calls blocked"] == "passed"
        assert states["balance zero"] == "passed"
        assert states["SMS blocked"] == "failed"
        assert case["ticket"] == f"TK-{round_}"
        kinds = [e["kind"] for e in case["timeline"]]
        assert kinds.count("check") == 3 and kinds.count("contact") == 1


def test_eight_checks_added_at_once_are_eight_checks(cli_env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "tracker", "add", "Claro"], env=cli_env, check=True, capture_output=True
    )
    finish([start(cli_env, "check", "1", f"mine{n}", "add") for n in range(8)])
    case = shown(cli_env, "1")
    names = {c["name"] for c in case["checks"]}
    assert {f"mine{n}" for n in range(8)} <= names
    added = [e for e in case["timeline"] if e["kind"] == "check"]
    assert len(added) == 8


def test_an_edit_saves_only_what_the_user_changed(tmp_path: Path, db_target: str) -> None:
    """The TUI's edit form is open on a case; meanwhile the command line logs a new ticket and
    a next follow-up; the user changes only the provider and saves."""
    clock = FixedClock(TODAY)
    window = Tracker.open(db_target, clock=clock, config_folder=tmp_path)
    other = Tracker.open(db_target, clock=clock, config_folder=tmp_path)
    try:
        case = window.cases.add(CaseDraft(provider="Movistar", ticket="T-OLD", playbook="esim-pe"))
        assert case.id is not None
        initial = draft_of(window.get(case.id))  # the form opens
        other.cases.log_contact(
            case.id, "new ticket given", ticket="T-NEW", next_follow_up=date(2026, 12, 10)
        )
        # The form still shows what it loaded; the user changes the provider only.
        typed = CaseDraft(**{**vars(initial), "provider": "Movistar Perú"})
        saved = window.cases.edit(case.id, typed, changed_fields(typed, initial))
        assert saved.provider == "Movistar Perú"
        assert saved.ticket == "T-NEW"
        assert saved.next_follow_up == date(2026, 12, 10)
        stored = other.get(case.id)
        assert (stored.provider, stored.ticket, stored.next_follow_up) == (
            "Movistar Perú",
            "T-NEW",
            date(2026, 12, 10),
        )
        assert (stored.timeline[-1].event, stored.timeline[-1].params) == (
            "case.edited",
            {"fields": "provider"},
        )
    finally:
        window.close()
        other.close()


def test_a_check_set_from_two_trackers_in_turn_keeps_both(tmp_path: Path, db_target: str) -> None:
    clock = FixedClock(TODAY)
    first = Tracker.open(db_target, clock=clock, config_folder=tmp_path)
    second = Tracker.open(db_target, clock=clock, config_folder=tmp_path)
    try:
        case = first.cases.add(CaseDraft(provider="Entel", playbook="esim-pe"))
        assert case.id is not None
        stale = first.get(case.id)  # what a screen showed a moment ago
        second.cases.set_check(case.id, "balance zero", CheckState.PASSED)
        first.cases.set_check(stale.id, "calls blocked", CheckState.PASSED)  # type: ignore[arg-type]
        states = {c.name: c.state for c in second.get(case.id).checks}
        assert states["balance zero"] is CheckState.PASSED
        assert states["calls blocked"] is CheckState.PASSED
    finally:
        first.close()
        second.close()


def test_an_edit_of_a_case_whose_playbook_is_gone_changes_nothing_else(
    tmp_path: Path, db_target: str
) -> None:
    playbooks = tmp_path / "playbooks"
    playbooks.mkdir()
    (playbooks / "gym.toml").write_text(
        'title = "Gym"\nprovider_days = 10\n[[checks]]\nname = "card returned"\nrequired = true\n',
        encoding="utf-8",
    )
    clock = FixedClock(TODAY)
    tracker = Tracker.open(db_target, clock=clock, config_folder=tmp_path)
    case = tracker.cases.add(CaseDraft(provider="Smart Fit", playbook="gym"))
    assert case.id is not None
    tracker.close()
    (playbooks / "gym.toml").write_text("this is not = = toml", encoding="utf-8")  # broken since
    tracker = Tracker.open(db_target, clock=clock, config_folder=tmp_path)
    try:
        before = tracker.get(case.id)
        initial = draft_of(before)
        typed = CaseDraft(**{**vars(initial), "provider": "Smart Fit Perú"})
        saved = tracker.cases.edit(case.id, typed, changed_fields(typed, initial))
        assert saved.provider == "Smart Fit Perú"
        assert (saved.playbook, saved.promised_by, saved.next_follow_up) == (
            before.playbook,
            before.promised_by,
            before.next_follow_up,
        )
        assert [c.name for c in saved.checks] == [c.name for c in before.checks]
        # A new request date would need the playbook to work out the promised date: refused, unchanged.
        moved = CaseDraft(**{**vars(draft_of(saved)), "requested_on": date(2026, 10, 19)})
        with pytest.raises(Exception, match="not loaded") as refused:
            tracker.cases.edit(case.id, moved, ["requested_on"])
        assert "promised date" in str(refused.value)
        assert tracker.get(case.id) == saved
    finally:
        tracker.close()


def test_an_edit_is_held_only_to_the_fields_it_changes(tmp_path: Path) -> None:
    """A case whose request date is "tomorrow" from here (logged where it was already the
    next day), or that has a chosen date: changing only its provider is saved."""
    tracker = Tracker.open(str(tmp_path / "t.db"), clock=FixedClock(TODAY), config_folder=tmp_path)
    try:
        case = tracker.cases.add(CaseDraft(provider="Claro", playbook="esim-pe"))
        assert case.id is not None
        with tracker.store.write() as tx:  # as another time zone's "today" stored it
            tx.execute("UPDATE cases SET requested_on = '2026-10-21' WHERE id = ?", (case.id,))
        initial = draft_of(tracker.get(case.id))
        typed = CaseDraft(**{**vars(initial), "provider": "Claro Perú"})
        saved = tracker.cases.edit(case.id, typed, changed_fields(typed, initial))
        assert (saved.provider, saved.requested_on) == ("Claro Perú", date(2026, 10, 21))
        # Changing the request date itself is still held to today.
        moved = CaseDraft(**{**vars(draft_of(saved)), "requested_on": date(2026, 10, 22)})
        with pytest.raises(Exception, match="in the future"):
            tracker.cases.edit(case.id, moved, ["requested_on"])
    finally:
        tracker.close()


def test_the_users_own_deadline_is_a_reminder_from_five_business_days_before(tmp_path: Path) -> None:
    """An infundado answer notified on Friday 2026-09-18 leaves 15 business days to appeal:
    from Monday 21 September, 8 October (a holiday) skipped, the last day is Monday 12 October.
    Five business days before, 8 October skipped again (9, 7, 6, 5, 2), is Friday 2 October:
    from then on `tracker notify` says so."""
    from tracker.domain.model import Outcome, StageKind
    from tracker.domain.reminders import ReminderKind

    def on(day: date) -> Tracker:
        return Tracker.open(str(tmp_path / "t.db"), clock=FixedClock(day), config_folder=tmp_path)

    tracker = on(date(2026, 7, 20))
    case = tracker.cases.add(CaseDraft(provider="Movistar Perú", playbook="esim-pe"))
    tracker.close()
    tracker = on(date(2026, 9, 18))
    tracker.escalation.file(case.id, StageKind.RECLAMO, date(2026, 7, 31))  # type: ignore[arg-type]
    tracker.escalation.answer(case.id, date(2026, 9, 18), Outcome.INFUNDADO)  # type: ignore[arg-type]
    tracker.close()

    def deadlines(day: date) -> list[tuple[str, date]]:
        tracker = on(day)
        try:
            return [(r.event, r.due) for r in tracker.reminders() if r.kind is ReminderKind.DEADLINE]
        finally:
            tracker.close()

    assert deadlines(date(2026, 10, 1)) == []
    assert deadlines(date(2026, 10, 2)) == [("apelacion.file", date(2026, 10, 12))]
    assert deadlines(date(2026, 10, 12)) == [("apelacion.file", date(2026, 10, 12))]
    assert deadlines(date(2026, 10, 13)) == []  # past: nothing left to do in time
