"""Contacts, checks, withdraw/reopen, delete/restore/trash from the command line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Run = Callable[..., Any]


def statuses(cli: Run, *flags: str) -> dict[int, str]:
    return {c["id"]: c["status"] for c in cli("list", *flags, "--json").json()}


def test_log_a_contact(cli: Run) -> None:
    assert cli("add", "Entel", "--playbook", "esim-pe", "--ticket", "E-1").code == 0
    logged = cli(
        "log",
        "1",
        "Agent says the line is cut",
        "--ticket",
        "E-2",
        "--agent",
        "Rosa",
        "--channel",
        "chat",
        "--next",
        "+2d",
    )
    assert logged.code == 0, logged.err
    assert "next follow-up 2026-10-22" in logged.out
    shown = cli("show", "1", "--json").json()
    assert shown["ticket"] == "E-2"
    entry = shown["timeline"][-1]
    assert (entry["kind"], entry["channel"], entry["ticket"], entry["agent"]) == (
        "contact",
        "chat",
        "E-2",
        "Rosa",
    )
    # Without --next the playbook's cadence applies: 2 Peruvian working days.
    cli("log", "1", "No news")
    assert cli("show", "1", "--json").json()["next_follow_up"] == "2026-10-22"


def test_log_confirmed(cli: Run) -> None:
    cli("add", "Entel")
    assert cli("log", "1", "Done, they say", "--confirmed").code == 0
    assert statuses(cli) == {1: "confirmed"}


def test_a_failed_check_then_a_contact(cli: Run) -> None:
    cli("add", "Entel", "--playbook", "esim-pe", "--next", "+5d")
    failed = cli("check", "1", "calls blocked", "fail")
    assert failed.code == 0
    assert "needs a follow-up today" in failed.out
    shown = cli("show", "1", "--json").json()
    assert shown["status"] == "failed" and shown["next_follow_up"] == "2026-10-20"
    assert "CHECK_FAILED" in shown["flags"] and "DUE_TODAY" in shown["flags"]
    cli("log", "1", "Complained again")
    assert statuses(cli) == {1: "requested"}


def test_add_a_check_of_ones_own(cli: Run) -> None:
    cli("add", "Gym", "--playbook", "generic")
    assert cli("check", "1", "locker emptied", "add", "--required").code == 0
    assert cli("check", "1", "cancellation confirmed", "pass").code == 0
    refused = cli("verify", "1")
    assert refused.code == 2 and "locker emptied" in refused.err
    assert cli("check", "1", "Locker Emptied", "pass").code == 0
    assert cli("verify", "1").code == 0
    assert cli("check", "1", "locker emptied", "add").code == 2  # already there


def test_withdraw_and_reopen(cli: Run) -> None:
    cli("add", "Claro")
    cli("log", "1", "ok", "--confirmed")
    follow_up_before = cli("show", "1", "--json").json()["next_follow_up"]
    withdrawn = cli("withdraw", "1", "--reason", "kept the line")
    assert withdrawn.code == 0 and "reopen" in withdrawn.out
    assert statuses(cli) == {}
    assert statuses(cli, "--all") == {1: "withdrawn"}
    shown = cli("show", "1", "--json").json()
    assert shown["next_follow_up"] is None
    last = shown["timeline"][-1]
    assert (last["event"], last["params"], last["summary"]) == (
        "status.withdrawn",
        {"reason": "kept the line"},
        "",
    )
    assert "Withdrawn: kept the line" in cli("show", "1").out
    reopened = cli("reopen", "1")
    assert reopened.code == 0 and "confirmed" in reopened.out
    shown = cli("show", "1", "--json").json()
    assert shown["status"] == "confirmed"
    assert shown["next_follow_up"] == follow_up_before is not None


def test_delete_restore_and_trash(cli: Run) -> None:
    cli("add", "One")
    cli("add", "Two")
    deleted = cli("delete", "2")
    assert deleted.code == 0 and "restore 2" in deleted.out
    assert statuses(cli, "--all") == {1: "requested"}
    shown = cli("show", "2")
    assert shown.code == 2 and "trash" in shown.err
    trash = cli("trash", "--json").json()
    assert [c["id"] for c in trash] == [2]
    assert "Two" in cli("trash").out
    # Nothing is owed on a case in the trash: no flag says otherwise.
    assert "NO TICKET" in cli("list").out and "NO TICKET" not in cli("trash").out
    assert cli("restore", "2").code == 0
    assert statuses(cli, "--all") == {1: "requested", 2: "requested"}
    assert "The trash is empty." in cli("trash").out


def test_cases_by_uuid(cli: Run) -> None:
    case = cli("add", "Bitel", "--json").json()
    assert cli("show", case["uuid"], "--json").json()["id"] == case["id"]
    assert cli("log", case["uuid"][:13], "called").code == 0  # a prefix, dash included
    assert cli("show", case["uuid"].upper(), "--json").json()["timeline"][-1]["kind"] == "contact"


def test_playbooks_command_lists_built_ins_and_warns_about_broken_files(cli: Run, env: Any) -> None:
    folder = env.config_dir / "playbooks"
    folder.mkdir()
    (folder / "gym.toml").write_text(
        '[[checks]]\nname = "card cancelled"\nrequired = true\n', encoding="utf-8"
    )
    (folder / "broken.toml").write_text("provider_days = 'soon'\n", encoding="utf-8")
    listed = cli("playbooks")
    assert listed.code == 0
    for name in ("esim-pe:", "subscription:", "generic:", "gym:", "  - card cancelled (required)"):
        assert name in listed.out
    assert "broken.toml" in listed.err and "provider_days" in listed.err
    added = cli("add", "Gym", "--playbook", "gym", "--json")
    assert [c["name"] for c in added.json()["checks"]] == ["card cancelled"]
    refused = cli("add", "Gym", "--playbook", "broken")
    assert refused.code == 2 and "provider_days" in refused.err


def test_default_playbook_from_the_config(cli: Run, env: Any) -> None:
    (env.config_dir / "config.toml").write_text('default_playbook = "esim-pe"\n', encoding="utf-8")
    assert cli("add", "Claro", "--json").json()["playbook"] == "esim-pe"


def test_extra_days_off_from_the_config_move_the_deadline(cli: Run, env: Any) -> None:
    (env.config_dir / "config.toml").write_text('extra_days_off = ["2026-10-07"]\n', encoding="utf-8")
    case = cli("add", "Claro", "--requested", "2026-10-06", "--playbook", "esim-pe", "--json").json()
    assert case["promised_by"] == "2026-10-15"


def test_help_and_version(cli: Run) -> None:
    from tracker import __version__

    version = cli("--version")
    assert version.code == 0 and version.out.strip() == f"tracker {__version__}"
    for command in (
        "add",
        "list",
        "due",
        "show",
        "log",
        "check",
        "verify",
        "withdraw",
        "delete",
        "restore",
        "db",
    ):
        helped = cli(command, "--help")
        assert helped.code == 0 and f"usage: tracker {command}" in helped.out
