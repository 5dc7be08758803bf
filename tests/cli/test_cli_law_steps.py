"""Issue 18 §3 on the command line: a Claro baja requested on Monday 2026-07-20, a reclamo on
Friday 31 July. Dates worked by hand in tests/domain/test_law_steps.py (holidays 23, 28,
29 July, 6 August, 30 August, 8 October)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import Run
from tests.helpers.env import TrackerEnv


@pytest.fixture
def claro(cli: Run, env: TrackerEnv) -> Run:
    """Case 1: the baja of 2026-07-20 and a reclamo on 31 July."""
    env.set_today("2026-07-20")
    added = cli("add", "Claro Perú", "-t", "CP-1", "-r", "2026-07-20", "-p", "esim-pe", "-c", "store")
    assert added.code == 0, added.err
    env.set_today("2026-07-31")
    filed = cli("escalate", "1", "reclamo", "--filed", "2026-07-31")
    assert filed.code == 0, filed.err
    return cli


def test_answer_issued_late_lets_a_queja_through(claro: Run, env: TrackerEnv, tmp_path: Path) -> None:
    cli = claro
    env.set_today("2026-09-04")
    answered = cli("answer", "1", "--on", "2026-09-04", "--issued", "2026-09-01", "--outcome", "infundado")
    assert answered.code == 0, answered.err
    assert "It was issued late: the deadline to issue it was 2026-08-31." in answered.out
    shown = cli("show", "1", "--json").json()
    assert shown["stages"][0]["issued_on"] == "2026-09-01"
    text = cli("show", "1").out
    assert (
        "resolve the reclamo (20 business days, unsourced: the period was not found in "
        "Res. 099-2022-CD/OSIPTEL) — met late, on 2026-09-01" in text
    )
    queja = cli("escalate", "1", "queja", "--filed", "2026-09-04")
    assert queja.code == 0, queja.err
    # The export carries the issue date and reads back.
    exported = tmp_path / "out.json"
    assert cli("export", "-o", str(exported)).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["cases"][0]["stages"][0]["issued_on"] == "2026-09-01"


def test_an_export_written_before_the_issue_date_still_imports(
    claro: Run, env: TrackerEnv, tmp_path: Path
) -> None:
    cli = claro
    exported = tmp_path / "out.json"
    assert cli("export", "-o", str(exported)).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    for case in document["cases"]:
        for stage in case["stages"]:
            del stage["issued_on"]
    case = document["cases"][0]
    case["uuid"] = "00000000-0000-4000-8000-000000000009"
    exported.write_text(json.dumps(document), encoding="utf-8")
    imported = cli("import", str(exported))
    assert imported.code == 0, imported.err
    assert cli("show", "2", "--json").json()["stages"][0]["issued_on"] is None


def test_a_late_and_a_repeated_apelacion_warn_and_are_marked(claro: Run, env: TrackerEnv) -> None:
    cli = claro
    env.set_today("2026-09-18")
    assert cli("answer", "1", "--on", "2026-09-18", "--outcome", "improcedente").code == 0
    env.set_today("2026-10-13")
    late = cli("escalate", "1", "apelacion", "--filed", "2026-10-13")
    assert late.code == 0, late.err
    assert late.error_lines == [
        "tracker: warning: late: the deadline to file an apelación against the answer was 2026-10-12"
    ]
    again = cli("escalate", "1", "apelacion", "--filed", "2026-10-13")
    assert again.code == 0, again.err
    assert again.error_lines == [
        "tracker: warning: late: the deadline to file an apelación against the answer was 2026-10-12; "
        "a second apelación against the same answer (the first was filed on 2026-10-13): "
        "it sets no deadlines of its own"
    ]
    stages = cli("show", "1", "--json").json()["stages"]
    window = {"window": "apelacion.file", "due": "2026-10-12", "past_due": True}
    assert stages[1]["late"] == {**window, "repeat_of": None}
    assert stages[2]["late"] == {**window, "repeat_of": 1}
    assert stages[2]["answer_due"] is None and stages[0]["late"] is None
    shown = cli("show", "1").out
    assert "late: the deadline to file an apelación against the answer was 2026-10-12" in shown
    dossier = cli("report", "1").out
    assert "Marked: late: the deadline to file an apelación against the answer was" in dossier
    assert dossier.count("Marked:") == 2


def test_a_suspension_is_stored_as_one_with_the_suspension_checks(cli: Run, env: TrackerEnv) -> None:
    env.set_today("2026-07-20")
    added = cli("add", "Claro Perú", "-p", "suspension-pe", "--until", "2026-08-31", "--json")
    assert added.code == 0, added.err
    case = added.json()
    assert (case["action"], case["playbook"], case["ends_on"]) == ("suspend", "suspension-pe", "2026-08-31")
    # Asked to suspend an esim-pe line: the suspension's playbook, not "eSIM profile deleted".
    asked = cli(
        "add", "Movistar Perú", "-p", "esim-pe", "--action", "suspend", "--until", "2026-08-31", "--json"
    )
    assert asked.code == 0, asked.err
    case = asked.json()
    assert (case["action"], case["playbook"]) == ("suspend", "suspension-pe")
    names = [c["name"] for c in case["checks"]]
    assert "calls blocked" in names and not any("eSIM" in name for name in names)


def test_a_suspension_needs_its_end_and_warns_past_the_yearly_two_months(cli: Run, env: TrackerEnv) -> None:
    env.set_today("2026-07-20")
    missing = cli("add", "Claro Perú", "-s", "línea 987 654 321", "-p", "suspension-pe")
    assert missing.code != 0
    assert missing.error_lines == [
        "tracker: error: a suspension needs its end date: the day the line comes back (give it with --until)"
    ]
    # 30 July (after the holidays of 23, 28, 29 July) to 15 September: 47 days.
    first = cli(
        "add", "Claro Perú", "-s", "línea 987 654 321", "-p", "suspension-pe", "--until", "2026-09-15"
    )
    assert first.code == 0 and first.err == ""
    # The same line written another way, 20 September to 15 November: 56 days, 103 in all,
    # past the 62 days of two months from 30 July; 15 were left.
    second = cli(
        "add", "claro peru", "-s", "+51 987654321", "-p", "suspension-pe",
        "--effective", "2026-09-20", "--until", "2026-11-15",
    )  # fmt: skip
    assert second.code == 0, second.err
    assert second.error_lines == [
        "tracker: warning: this line's suspensions in 2026 add up to 103 days, past the yearly maximum of "
        "62 days (2 months, Res. 138-2012-CD/OSIPTEL, counted in calendar years: the law does not say "
        "which year); 15 days were left for this one"
    ]
    rules = cli("playbooks", "suspension-pe").out
    assert "suspension.year.max".ljust(30) + " 2 months, Res. 138-2012-CD/OSIPTEL" in rules


def test_a_disclosed_reactivation_fee_is_owed(cli: Run, env: TrackerEnv) -> None:
    env.set_today("2026-07-20")
    added = cli("add", "Claro Perú", "-p", "suspension-pe", "--until", "2026-09-15", "--fee", "10.00")
    assert added.code == 0, added.err
    env.set_today("2026-09-01")
    assert cli("charge", "1", "10.00", "--on", "2026-09-01").code == 0
    # The fee needs no period: disclosed, it is owed. August's plan, while suspended, is not.
    assert cli("charge", "1", "39.90", "--on", "2026-09-01", "--period", "2026-08-01..2026-08-31").code == 0
    charges = cli("show", "1", "--json").json()["charges"]
    assert [(c["amount"], c["share"]) for c in charges] == [("10.00", "owed"), ("39.90", "not-owed")]


def test_the_playbook_shows_what_to_know_before_a_baja_with_sources(cli: Run, env: TrackerEnv) -> None:
    shown = cli("playbooks", "esim-pe").out
    assert "Before you act (each with its source):" in shown
    assert (
        "  - Portabilidad: porting the number to another operator is free and happens between 00:00 "
        "and 03:00 the day after." in shown
    )
    assert "    Source: Res. 286-2018-CD/OSIPTEL (unverified: not confirmed from the norm's text)" in shown
    assert "    Source: OSIPTEL's regional offices, quoted in the press (unverified)" in shown
    assert 'OSIPTEL\'s "Quiero salirme" form' in shown
    spanish = cli("--lang", "es", "playbooks", "esim-pe").out
    assert "portabilidad" in spanish.casefold() and "Fuente: Res. 286-2018-CD/OSIPTEL" in spanish


def test_a_port_request_is_its_own_case_with_its_deadline(cli: Run, env: TrackerEnv) -> None:
    env.set_today("2026-07-27")
    added = cli("add", "Entel Perú", "-s", "987 654 321", "-p", "port-pe", "-t", "PORT-1")
    assert added.code == 0, added.err
    assert "promised by 2026-07-28 (1 day, Res. 286-2018-CD/OSIPTEL (unverified" in added.out
    shown = cli("show", "1").out
    assert "2026-07-28  provider: move the number to the new operator (the port)" in shown
