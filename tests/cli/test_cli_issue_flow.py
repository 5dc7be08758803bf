"""The issue's "Done means", command by command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Run = Callable[..., Any]  # the ``cli`` fixture

ISSUE_ADD = (
    "add",
    "Movistar Perú",
    "--service",
    "eSIM +51 987 654 321",
    "--ticket",
    "R-2026-00042",
    "--requested",
    "2026-10-06",
    "--playbook",
    "esim-pe",
)

ESIM_CHECKS = [
    ("calls blocked", True),
    ("SMS blocked", False),
    ("mobile data stopped", False),
    ("balance zero", True),
    ("eSIM profile deleted from the device", True),
    ("paired devices unbound", True),
    ("account shows cancelled online", False),
    ("no charge on the next bill", False),
]


def test_add_the_issue_case(cli: Run, env: Any) -> None:
    env.set_today("2026-10-06")
    added = cli(*ISSUE_ADD)
    assert added.code == 0, added.err
    assert added.err == ""
    assert "Case 1 added: Movistar Perú; promised by 2026-10-14" in added.out
    shown = cli("show", "1", "--json").json()
    assert shown["promised_by"] == "2026-10-14"
    assert shown["requested_on"] == "2026-10-06"
    assert shown["next_follow_up"] == "2026-10-15"
    assert shown["ticket"] == "R-2026-00042"
    assert shown["service"] == "eSIM +51 987 654 321"
    assert shown["status"] == "requested"
    assert [(c["name"], c["required"]) for c in shown["checks"]] == ESIM_CHECKS
    assert all(c["state"] == "pending" for c in shown["checks"])


def test_due_lists_the_case_once_its_follow_up_has_passed(
    cli: Run, env: Any, issue_case: dict[str, Any]
) -> None:
    env.set_today("2026-10-14")
    nothing = cli("due")
    assert nothing.code == 0
    assert "Nothing due" in nothing.out
    assert cli("due", "--json").json() == []

    env.set_today("2026-10-15")  # due today: listed, but nothing is overdue yet
    today = cli("due", "--json")
    assert today.code == 0
    [case] = today.json()
    assert case["flags"] == ["DUE_TODAY", "PROVIDER_LATE"]  # promised by the 14th

    env.set_today("2026-10-16")
    overdue = cli("due")
    assert overdue.code == 1
    assert "Movistar Perú" in overdue.out and "OVERDUE" in overdue.out
    assert "1d overdue" in overdue.out
    [case] = cli("due", "--json").json()
    assert case["id"] == issue_case["id"]
    assert "OVERDUE" in case["flags"] and "PROVIDER_LATE" in case["flags"]
    assert cli("due", "--json").code == 1


def test_due_within_days(cli: Run, env: Any, issue_case: dict[str, Any]) -> None:
    env.set_today("2026-10-12")
    assert cli("due", "--json").json() == []
    upcoming = cli("due", "--within", "3", "--json")
    assert upcoming.code == 0
    assert [c["id"] for c in upcoming.json()] == [issue_case["id"]]


def test_verify_is_refused_until_the_required_checks_pass(
    cli: Run, env: Any, issue_case: dict[str, Any]
) -> None:
    env.set_today("2026-10-20")
    refused = cli("verify", "1")
    assert refused.code == 2
    assert refused.out == ""
    [line] = refused.error_lines
    assert "calls blocked" in line and "balance zero" in line
    assert "SMS blocked" not in line

    passed = cli("check", "1", "CALLS Blocked", "pass")
    assert passed.code == 0, passed.err
    still = cli("verify", "1")
    assert still.code == 2
    assert "balance zero" in still.err and "calls blocked" not in still.err

    assert cli("check", "1", "balance zero", "pass").code == 0
    seed_steps = cli("verify", "1")  # the seed article's key steps are required too
    assert seed_steps.code == 2
    assert "eSIM profile deleted from the device (pending)" in seed_steps.err
    assert "paired devices unbound (pending)" in seed_steps.err
    assert cli("check", "1", "eSIM profile deleted from the device", "pass").code == 0
    assert cli("check", "1", "paired devices unbound", "n/a", "--note", "no watch").code == 0
    verified = cli("verify", "1")
    assert verified.code == 0, verified.err
    assert "Case 1 verified" in verified.out

    shown = cli("show", "1", "--json").json()
    assert shown["status"] == "verified"
    assert shown["next_follow_up"] == "2026-11-24"  # the recheck after the next bill

    assert [c["id"] for c in cli("list", "--json").json()] == []
    assert "No open cases" in cli("list").out
    everything = cli("list", "--all", "--json").json()
    assert [(c["id"], c["status"]) for c in everything] == [(1, "verified")]
    assert "Movistar Perú" in cli("list", "--all").out


def test_verify_is_refused_while_a_check_has_failed(cli: Run, env: Any, issue_case: dict[str, Any]) -> None:
    env.set_today("2026-10-20")
    for check in ("calls blocked", "balance zero"):
        assert cli("check", "1", check, "pass").code == 0
    assert cli("check", "1", "paired devices unbound", "fail").code == 0
    refused = cli("verify", "1")
    assert refused.code == 2
    assert refused.out == ""
    [line] = refused.error_lines
    assert "a check failed: paired devices unbound (failed)" in line
    assert 'tracker check 1 "paired devices unbound" pass' in line
    assert cli("show", "1", "--json").json()["status"] == "failed"


def test_list_orders_by_urgency(cli: Run, env: Any) -> None:
    env.set_today("2026-10-20")
    assert cli("add", "Later", "--next", "+5d").code == 0
    assert cli("add", "Overdue", "--requested", "2026-10-01", "--next", "2026-10-18").code == 0
    # "--next" must not be in the past for a log, but a new case may start overdue.
    assert cli("add", "Today", "--next", "today").code == 0
    listed = cli("list", "--json").json()
    assert [c["provider"] for c in listed] == ["Overdue", "Today", "Later"]
    text = cli("list").out.splitlines()
    assert text[0].startswith("ID") and "FLAGS" in text[0]
    assert [line.split()[0] for line in text[1:]] == ["2", "3", "1"]


def test_a_check_that_does_not_apply_in_each_language(cli: Run, env: Any, issue_case: dict[str, Any]) -> None:
    env.set_today("2026-10-20")
    english = cli("check", "1", "paired devices unbound", "n/a", "--note", "no watch")
    assert english.code == 0, english.err
    assert "'paired devices unbound' n/a" in english.out
    spanish = cli(
        "--lang", "es", "check", "1", "perfil eSIM borrado del equipo", "no aplica", "-n", "SIM física"
    )
    assert spanish.code == 0, spanish.err
    assert "no aplica" in spanish.out
    chinese = cli("--lang", "zh_CN", "check", "1", "SMS blocked", "不适用")
    assert chinese.code == 0, chinese.err
    shown = cli("show", "1", "--json").json()
    states = {c["name"]: (c["state"], c["note"]) for c in shown["checks"]}
    assert states["paired devices unbound"] == ("n/a", "no watch")
    assert states["eSIM profile deleted from the device"][0] == "n/a"
    assert states["SMS blocked"][0] == "n/a"
    assert "[-] paired devices unbound (required): n/a - no watch" in cli("show", "1").out
    row = cli("list").out.splitlines()[-1]
    assert row.split()[-1] == "0/5", row  # 8 checks, 3 do not apply

    required = cli("check", "1", "calls blocked", "n/a")
    assert required.code == 2
    assert "'calls blocked' is required: say why it does not apply" in required.err
    assert cli("check", "1", "calls blocked", "nope").code == 2
    assert cli("check", "1", "calls blocked", "n/a", "--note", "data-only eSIM").code == 0
    assert cli("check", "1", "balance zero", "pass").code == 0
    assert cli("verify", "1").code == 0


def test_add_without_a_playbook_takes_the_one_that_names_the_provider(cli: Run, env: Any) -> None:
    env.set_today("2026-10-06")
    added = cli("add", "Movistar Perú", "-t", "R-1")
    assert added.code == 0, added.err
    assert "Playbook esim-pe, chosen for Movistar Perú" in added.out
    assert "-p chooses another" in added.out
    spanish = cli("--lang", "es", "add", "claro peru")
    assert "Guía esim-pe, elegida para claro peru" in spanish.out
    assert "Playbook" not in cli("add", "Bitel", "-p", "generic").out
    assert "Playbook" not in cli("add", "Claroscuro Gym").out
    playbooks = [(c["provider"], c["playbook"]) for c in cli("list", "--json").json()]
    assert sorted(playbooks) == [
        ("Bitel", "generic"),
        ("Claroscuro Gym", "generic"),
        ("Movistar Perú", "esim-pe"),
        ("claro peru", "esim-pe"),
    ]
    json_added = cli("add", "Entel", "--json")
    assert json_added.json()["playbook"] == "esim-pe"  # --json prints the case only
