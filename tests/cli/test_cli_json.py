"""The JSON shapes scripts rely on, and dates typed the way people type them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

Run = Callable[..., Any]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CASE_KEYS = {
    "id",
    "uuid",
    "provider",
    "service",
    "status",
    "requested_on",
    "ticket",
    "promised_by",
    "next_follow_up",
    "flags",
    "checks",
}
FLAG_NAMES = {"OVERDUE", "DUE_TODAY", "PROVIDER_LATE", "NO_TICKET", "CHECK_FAILED", "RECHECK"}
TODAY = date(2026, 10, 20)


def assert_case_shape(case: dict[str, Any], timeline: bool) -> None:
    assert set(case) >= CASE_KEYS
    assert isinstance(case["id"], int)
    assert str(uuid.UUID(case["uuid"])) == case["uuid"]
    for key in ("provider", "service", "status", "ticket"):
        assert isinstance(case[key], str)
    for key in ("requested_on", "promised_by"):
        assert ISO.match(case[key]), case[key]
    assert case["next_follow_up"] is None or ISO.match(case["next_follow_up"])
    assert isinstance(case["flags"], list) and set(case["flags"]) <= FLAG_NAMES
    for check in case["checks"]:
        assert {"name", "required", "state"} <= set(check)
        assert isinstance(check["name"], str) and isinstance(check["required"], bool)
        assert check["state"] in {"pending", "passed", "failed"}
    assert ("timeline" in case) is timeline
    if timeline:
        for entry in case["timeline"]:
            assert {"at", "kind", "summary"} <= set(entry)


def test_json_shapes_of_add_list_due_and_show(cli: Run, env: Any) -> None:
    added = cli(
        "add",
        "Claro",
        "--service",
        "line",
        "--requested",
        "2026-10-01",
        "--playbook",
        "generic",
        "--next",
        "2026-10-19",
        "--json",
    )
    assert added.code == 0, added.err
    case = added.json()
    assert_case_shape(case, timeline=True)
    assert case["id"] == 1 and case["provider"] == "Claro"
    assert case["flags"] == ["OVERDUE", "PROVIDER_LATE", "NO_TICKET"]
    assert case["checks"] == [
        {
            "name": "cancellation confirmed",
            "required": True,
            "state": "pending",
            "checked_at": None,
            "note": "",
            "uid": case["checks"][0]["uid"],  # its identity (scripts and merges tell checks apart by it)
        }
    ]
    assert len(case["checks"][0]["uid"]) == 32
    [created] = case["timeline"]
    assert created["kind"] == "created" and created["status_to"] == "requested"

    [listed] = cli("list", "--json").json()
    assert_case_shape(listed, timeline=False)
    [due] = cli("due", "--json").json()
    assert_case_shape(due, timeline=False)
    shown = cli("show", case["uuid"], "--json").json()
    assert_case_shape(shown, timeline=True)
    assert shown == case
    # The same case, the same facts, whichever command printed it; show (and the commands
    # that change a case) add the stages, deadlines, charges and attachments.
    path = {"timeline", "stages", "deadlines", "charges", "not_owed_total", "not_owed_line", "attachments"}
    assert path <= set(shown)
    for other in (listed, due):
        assert other == {k: v for k, v in case.items() if k not in path}


def test_json_of_the_other_commands(cli: Run) -> None:
    assert cli("add", "Entel", "--playbook", "esim-pe").code == 0
    logged = cli("log", "1", "Called", "--ticket", "E-9", "--json").json()
    assert_case_shape(logged, timeline=True)
    assert logged["ticket"] == "E-9" and logged["timeline"][-1]["kind"] == "contact"
    checked = cli("check", "1", "calls blocked", "fail", "--note", "still rings", "--json").json()
    assert_case_shape(checked, timeline=True)
    assert checked["status"] == "failed" and "CHECK_FAILED" in checked["flags"]
    assert checked["checks"][0]["note"] == "still rings"
    assert cli("trash", "--json").json() == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("yesterday", TODAY - timedelta(days=1)),
        ("-2d", TODAY - timedelta(days=2)),
        ("-1w", TODAY - timedelta(days=7)),
        ("2026-10-06", date(2026, 10, 6)),
        ("TODAY", TODAY),
    ],
)
def test_relative_request_dates(cli: Run, typed: str, expected: date) -> None:
    added = cli("add", "Bitel", "--requested", typed, "--json")
    assert added.code == 0, added.err
    assert added.json()["requested_on"] == expected.isoformat()


def test_request_date_defaults_to_today(cli: Run) -> None:
    assert cli("add", "Bitel", "--json").json()["requested_on"] == TODAY.isoformat()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+3d", TODAY + timedelta(days=3)),
        ("+1w", TODAY + timedelta(days=7)),
        ("tomorrow", TODAY + timedelta(days=1)),
        ("today", TODAY),
        ("2026-11-02", date(2026, 11, 2)),
    ],
)
def test_relative_follow_up_dates(cli: Run, typed: str, expected: date) -> None:
    assert cli("add", "Bitel").code == 0
    logged = cli("log", "1", "called", "--next", typed, "--json")
    assert logged.code == 0, logged.err
    assert logged.json()["next_follow_up"] == expected.isoformat()
    assert logged.json()["timeline"][-1]["next_follow_up"] == expected.isoformat()


def test_tracker_today_sets_the_day_for_every_command(cli: Run, env: Any) -> None:
    env.set_today("2027-01-04")
    case = cli("add", "Claro", "--requested", "-1w", "--json").json()
    assert case["requested_on"] == "2026-12-28"
    assert case["created_at"].startswith(("2027-01-04", "2027-01-03", "2027-01-05"))
