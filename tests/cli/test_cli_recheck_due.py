"""A verified case's recheck after the next bill: due on its day, overdue (exit 1) after it."""

from __future__ import annotations

from typing import Any

from tests.helpers.cli import Run


def test_due_exits_1_when_a_recheck_is_overdue(cli: Run, env: Any) -> None:
    env.set_today("2026-10-06")
    added = cli("add", "Netflix", "--playbook", "subscription", "--json").json()
    cli("check", str(added["id"]), "confirmation received", "pass")
    cli("check", str(added["id"]), "no new charge", "pass")
    verified = cli("verify", str(added["id"]), "--json").json()
    recheck = verified["next_follow_up"]
    assert recheck == "2026-11-10"
    env.set_today("2026-11-10")
    assert cli("due").code == 0  # due today, not overdue
    env.set_today("2026-11-11")
    late = cli("due", "--json")
    assert late.code == 1
    assert late.json()[0]["flags"] == ["RECHECK"]
