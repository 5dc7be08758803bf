"""The command line's part of what a newcomer stumbled on: steps, fees, request dates, words."""

from __future__ import annotations

from typing import Any

from tests.helpers.cli import ISSUE_ADD, Run


def test_playbooks_name_shows_one_playbook_in_full(cli: Run, env: Any) -> None:
    shown = cli("playbooks", "esim-pe")
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert lines[0] == "esim-pe: Peruvian mobile line or eSIM (Claro, Movistar, Entel, Bitel)"
    assert "  Provider has: 5 business days (Peru holidays skipped), follow up every 2 days" in lines
    assert "  Cancellation fees in: PEN" in lines
    assert "  - calls blocked (required)" in lines
    assert "  - no charge on the next bill (checked again at the recheck)" in lines
    assert lines.index("Steps:") < lines.index(
        "  6. Get the reference code: operators in Peru must give one for every request."
    )


def test_a_users_playbook_in_full_with_its_steps_and_currency(cli: Run, env: Any) -> None:
    folder = env.config_dir / "playbooks"
    folder.mkdir()
    (folder / "gym.toml").write_text(
        'title = "Gym"\nbusiness_days = false\nprovider_days = 1\nfollow_up_every = 1\n'
        'currency = "usd"\nsteps = ["Ask for the form", "Return the card"]\n'
        '[[checks]]\nname = "no charge"\nrecheck = true\n',
        encoding="utf-8",
    )
    out = cli("playbooks", "gym").out
    assert "  Provider has: 1 calendar day, follow up every 1 day" in out
    assert "  Cancellation fees in: USD" in out
    assert "  - no charge (checked again at the recheck)" in out
    assert "  1. Ask for the form\n  2. Return the card" in out
    unknown = cli("playbooks", "nope")
    assert unknown.code == 2 and "unknown playbook 'nope'" in unknown.err


def test_show_lists_the_steps_while_the_case_is_open(cli: Run, env: Any) -> None:
    cli(*ISSUE_ADD)
    assert "Steps (esim-pe playbook):\n  1. Decide: cancel for good" in cli("show", "1").out
    cli("withdraw", "1")
    assert "Steps" not in cli("show", "1").out


def test_show_dates_a_back_dated_request_by_its_request_day(cli: Run, env: Any) -> None:
    cli(*ISSUE_ADD)  # requested 2026-10-06, logged on 2026-10-20 (the tests' today)
    timeline = cli("show", "1").out.split("Timeline (newest first):\n")[1]
    assert timeline.startswith("  2026-10-06 (logged 2026-10-20 ")
    assert "created  Cancel requested" in timeline


def test_a_fee_takes_the_playbooks_currency_or_is_refused(cli: Run, env: Any) -> None:
    added = cli(*ISSUE_ADD, "--fee", "120", "--json").json()
    assert added["fee"] == {"amount": "120", "currency": "PEN"}
    assert "Cancellation fee: 120 PEN" in cli("show", str(added["id"])).out
    refused = cli("add", "Gym", "--fee", "120")
    assert refused.code == 2
    assert refused.err == (
        "tracker: error: a cancellation fee needs its currency (e.g. PEN or USD): "
        "the playbook generic does not say which (give it with --currency)\n"
    )
    assert cli("list", "--json").json()[0]["id"] == added["id"]  # nothing else was written
    assert len(cli("list", "--json").json()) == 1


def test_check_takes_the_words_the_program_shows(cli: Run, env: Any) -> None:
    cli(*ISSUE_ADD)
    assert cli("check", "1", "calls blocked", "passed").out == "Case 1: 'calls blocked' passed\n"
    failed = cli("check", "1", "balance zero", "failed")
    assert failed.code == 0 and "'balance zero' failed" in failed.out


def test_the_help_names_the_fee_and_the_first_follow_up_plainly(cli: Run, env: Any) -> None:
    text = " ".join(cli("add", "--help").out.split())
    assert "a cancellation fee the provider charges" in text
    assert "default: the playbook's; esim-pe: PEN" in text
    assert "the day after the deadline; the next business day for playbooks that count business days" in text


def test_playbook_days_name_the_country_in_the_readers_language(cli: Run) -> None:
    # Chinese readers read 秘鲁, not the ISO code "PE" (issue 21 §4).
    shown = cli("--lang", "zh_CN", "playbooks", "esim-pe")
    assert "不含秘鲁法定节假日" in shown.out
    assert "PE法定" not in shown.out
    shown = cli("--lang", "es", "playbooks", "esim-pe")
    assert "sin contar feriados nacionales de Perú" in shown.out


def test_a_suspension_under_any_playbook_keeps_its_end_date(cli: Run) -> None:
    # A gym's pause is a suspension too: --until belongs to it (refused before).
    added = cli("add", "Gym", "--action", "suspend", "--until", "2027-01-20")
    assert added.code == 0, added.err
    assert "2027-01-20" in cli("show", "1").out
    refused = cli("add", "Gym", "--until", "2027-01-20")
    assert refused.code != 0
    assert "only a suspension has an end date" in refused.err


def test_a_usage_error_points_to_the_commands_own_help(cli: Run) -> None:
    refused = cli("add", "Movistar", "--bogus")
    assert refused.code == 2
    assert refused.err.strip().endswith("(see tracker add --help)")
    refused = cli("--bogus")
    assert refused.err.strip().endswith("(see tracker --help)")


def test_missing_arguments_are_listed_as_the_language_lists_them(cli: Run) -> None:
    refused = cli("--lang", "zh_CN", "check")
    assert refused.code == 2
    assert "、" in refused.err and ", " not in refused.err


def test_a_missed_apelacion_window_is_said_not_offered_as_open(cli: Run, env: Any) -> None:
    # An answer notified Fri 18 Sep 2026: 15 business days end Mon 12 Oct (8 Oct a holiday).
    env.set_today("2026-08-01")
    assert cli("add", "Movistar", "--requested", "2026-07-20", "--ticket", "CP-1").code == 0
    env.set_today("2026-09-18")
    assert cli("escalate", "1", "reclamo", "--filed", "2026-08-20").code == 0
    assert cli("answer", "1", "--on", "2026-09-18", "--outcome", "infundado").code == 0
    env.set_today("2026-10-12")
    assert "Next step: file an apelación by 2026-10-12" in cli("show", "1").out
    env.set_today("2026-10-13")
    shown = cli("show", "1").out
    assert "the deadline to file an apelación passed on 2026-10-12" in shown
    assert "file an apelación by" not in shown
    written = cli("letter", "1", "apelacion")
    assert written.code == 0 and "warning: the deadline to file an apelación passed" in written.err


def test_letter_queja_refuses_as_escalate_does_after_an_answer_in_time(cli: Run, env: Any) -> None:
    # Answered within its deadline: there was no silence, whatever the calendar says next.
    env.set_today("2026-11-26")
    assert cli("add", "Movistar", "--requested", "2026-10-20", "--ticket", "CP-1").code == 0
    assert cli("escalate", "1", "reclamo", "--filed", "2026-11-05").code == 0
    assert cli("answer", "1", "--on", "2026-11-25", "--outcome", "infundado").code == 0
    env.set_today("2026-12-07")
    letter, escalate = cli("letter", "1", "queja"), cli("escalate", "1", "queja")
    assert letter.code == escalate.code != 0
    assert "there was no silence to complain of" in letter.err
    assert letter.err == escalate.err


def test_spanish_says_se_presento_el_reclamo_with_its_article(cli: Run, env: Any) -> None:
    # OSIPTEL's words: "se presentó el reclamo", "la queja" (issue 21 §4).
    env.set_today("2026-11-20")
    assert cli("add", "Movistar", "--requested", "2026-11-01").code == 0
    filed = cli("--lang", "es", "escalate", "1", "reclamo")
    assert filed.out.startswith("Caso 1: se presentó el reclamo el 2026-11-20.")
    assert "Se presentó el reclamo el 2026-11-20" in cli("--lang", "es", "show", "1").out
    assert cli("escalate", "1", "reclamo").out.startswith("Case 1: filed the reclamo on 2026-11-20.")
