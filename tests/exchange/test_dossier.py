"""The Markdown dossier: does it tell the story of the case, plainly and safely?"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run, on
from tracker.core import Tracker
from tracker.domain.model import Case, CheckState
from tracker.domain.workflow import CaseDraft
from tracker.exchange.dossier import dossier, md, md_lines, write_dossier


@pytest.fixture
def report(run: Run, story_env: dict[str, Case]) -> str:
    result = run("report", str(story_env["movistar"].id))
    assert result.code == 0, result.err
    return result.text


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_facts(report: str, story_env: dict[str, Case]) -> None:
    assert report.startswith("# Cancellation case 1 — Movistar Perú: eSIM línea +51 987 654 321\n")
    facts = _section(report, "The facts")
    assert "- **Provider:** Movistar Perú" in facts
    assert "- **Request:** to cancel, made on 6 October 2026 by phone" in facts
    assert "- **Reference number:** R-2026-00042 (later also: R-2026-00077)" in facts
    # 5 business days: 7 October, (8 October is a Peruvian holiday), 9, 12, 13, 14.
    assert "- **Deadline:** 14 October 2026, 5 business days after the request" in facts
    assert "- **Status on 20 November 2026:** waiting for the provider" in facts
    assert story_env["movistar"].uuid in facts


def test_missed_deadlines_are_stated_plainly(report: str) -> None:
    missed = _section(report, "Missed deadlines").strip().splitlines()
    assert missed == [
        # 15 October to 20 November: 27 working days in Peru.
        "- Movistar Perú promised to cancel by 14 October 2026; 27 business days later, "
        "on 20 November 2026, it still had not.",
        "- Movistar Perú promised to cancel by 14 October 2026 but only said it was done "
        "on 20 October 2026, 4 business days late.",
        "- Movistar Perú said it was done on 20 October 2026, but on 21 October 2026 the "
        "check “calls blocked” failed (la llamada al +51 987 654 321 entra todavía), "
        "5 business days after the deadline.",
        "- After the deadline Movistar Perú was contacted 2 more times (see the timeline).",
    ]


def test_dates_with_business_days_elapsed(report: str) -> None:
    dates = _section(report, "Dates")
    rows = [line for line in dates.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1:] == [
        "| Requested | 6 October 2026 | 0 | 0 |",
        "| Promised by (deadline) | 14 October 2026 | 8 | 5 |",
        "| Provider said it was done | 20 October 2026 | 14 | 9 |",
        "| A check failed | 21 October 2026 | 15 | 10 |",
        "| Last contact | 20 November 2026 | 45 | 32 |",
        "| Today | 20 November 2026 | 45 | 32 |",
        "| Next follow-up | 24 November 2026 | 49 | 34 |",
    ]
    assert "public holidays in Peru" in dates


def test_checks_and_the_whole_timeline(report: str, story_env: dict[str, Case]) -> None:
    checks = _section(report, "Checks (1 of 8 passed)")
    assert (
        "- calls blocked (required): **FAILED** on 21 October 2026 — "
        "la llamada al +51 987 654 321 entra todavía"
    ) in checks
    assert "- balance zero (required): **passed** on 21 October 2026" in checks
    assert "- SMS blocked: **not checked yet**" in checks
    timeline = _section(report, "Timeline")
    entries = [line for line in timeline.splitlines() if re.match(r"\d+\. ", line)]
    assert len(entries) == len(story_env["movistar"].timeline) == 8
    assert entries[0].startswith("1. **6 October 2026, ")
    assert "Request: Cancel requested (by phone; ticket R-2026-00042; new → requested" in entries[0]
    assert any(
        "Contact: Agente dice que la línea ya está cortada (by phone; ticket R-2026-00077; "
        "agent Carlos (ext. 55123)" in e
        for e in entries
    )
    assert any("Status: Provider says it is done (requested → confirmed)" in e for e in entries)
    assert entries[-1].endswith("Status: Asked the provider again (failed → requested)")
    notes = _section(report, "Notes")
    assert "> Titular: Ana Pérez, DNI 45678912.\n> Cuenta 0011-0123-4567890123" in notes


def test_a_case_done_in_time_says_so(run: Run, story_env: dict[str, Case]) -> None:
    text = run("report", str(story_env["gym"].id)).text
    assert _section(text, "Missed deadlines").strip() == (
        "None: Smart Fit said it was done on 3 September 2026, within the deadline."
    )
    assert "| Verified | 3 September 2026 | 2 | 2 |" in text


def test_user_text_cannot_break_the_markdown(tracker: Tracker) -> None:
    on(tracker, "2026-11-02")
    case = tracker.cases.add(
        CaseDraft(
            provider="*Evil* [Co](http://x) <b>bold</b> | & #1",
            service="line\nwith `code`",
            playbook="generic",
            notes="# not a heading\n- not a list\n1. not a list\n    not code\n> not a quote\n---",
        )
    )
    text = dossier(tracker, case)
    assert text.startswith(
        "# Cancellation case 1 — \\*Evil\\* \\[Co\\](http://x) "
        "\\<b\\>bold\\</b\\> \\| \\& \\#1: line with \\`code\\`\n"
    )
    assert "<b>" not in text
    notes = [line for line in _section(text, "Notes").splitlines() if line.startswith(">")]
    assert notes == [
        "> \\# not a heading",
        "> \\- not a list",
        "> 1\\. not a list",
        "> not code",
        "> \\> not a quote",
        "> \\---",
    ]
    # The table keeps four columns whatever the text holds.
    assert all(line.count(" | ") == 3 for line in text.splitlines() if line.startswith("| "))


def test_markdown_escaping_helpers() -> None:
    assert md("a_b*c") == "a\\_b\\*c"
    # A control character shows as its escape (whose backslash is itself escaped).
    assert md("two\nlines\x1b[31m") == "two lines\\\\x1b\\[31m"
    assert md_lines("+ plus\n2) two") == ["\\+ plus", "2\\) two"]


def test_write_dossier_for_the_tui(tracker: Tracker, story: dict[str, Case], tmp_path: Path) -> None:
    path = write_dossier(tracker, story["movistar"], tmp_path / "out")
    assert path == tmp_path / "out" / "case-1-movistar-peru.md"
    assert path.read_text(encoding="utf-8") == dossier(tracker, story["movistar"])
    assert path.stat().st_mode & 0o777 == 0o600
    chinese = write_dossier(tracker, story["china"], tmp_path / "out")
    assert chinese.name == "case-2-中国移动.md"
    # Written again (the x key pressed twice): replaced, not duplicated.
    write_dossier(tracker, story["movistar"], tmp_path / "out", redact=True)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "case-1-movistar-peru.md",
        "case-2-中国移动.md",
    ]
    assert "+•• ••• ••4 321" in path.read_text(encoding="utf-8")


def test_write_dossier_defaults_to_exports_beside_the_database(
    tracker: Tracker, story: dict[str, Case]
) -> None:
    path = write_dossier(tracker, story["gym"])
    assert tracker.path is not None
    assert path == tracker.path.parent / "exports" / "case-3-smart-fit.md"
    assert path.exists()


def test_report_to_a_file_and_errors(run: Run, story_env: dict[str, Case], tmp_path: Path) -> None:
    target = tmp_path / "dossier.md"
    result = run("report", "1", "--output", str(target))
    assert result.code == 0
    assert result.text == f"Dossier of case 1 written to {target}\n"
    assert target.read_text(encoding="utf-8") == run("report", "1").text
    missing = run("report", "99")
    assert missing.code == 2 and missing.err == "tracker: error: no case 99\n"
    # A case in the trash still has a story to tell.
    assert run("report", str(story_env["trashed"].id)).code == 0


def test_a_failed_check_without_a_confirmation(tracker: Tracker, story: Any) -> None:
    on(tracker, "2026-11-02")
    case = tracker.cases.add(CaseDraft(provider="Claro", playbook="esim-pe", ticket="C-7"))
    assert case.id is not None
    on(tracker, "2026-11-16")
    tracker.cases.set_check(case.id, "balance zero", CheckState.FAILED, note="S/ 25 charged")
    on(tracker, "2026-11-20")
    missed = _section(dossier(tracker, tracker.get(case.id)), "Missed deadlines")
    # Requested 2 November: deadline 9 November; 16 November is 5 business days after it.
    assert missed.strip().splitlines() == [
        "- Claro promised to cancel by 9 November 2026; 9 business days later, on "
        "20 November 2026, it still had not.",
        "- On 16 November 2026 the check “balance zero” failed (S/ 25 charged), "
        "5 business days after the deadline.",
    ]


def test_a_case_only_confirmed_is_not_said_to_be_undone(tracker: Tracker, story: Any) -> None:
    on(tracker, "2026-11-02")
    case = tracker.cases.add(CaseDraft(provider="Bitel", playbook="esim-pe", ticket="B-1"))
    assert case.id is not None
    on(tracker, "2026-11-06")
    tracker.cases.log_contact(case.id, "Done, they say", confirmed=True)
    on(tracker, "2026-11-20")
    missed = _section(dossier(tracker, tracker.get(case.id)), "Missed deadlines")
    assert missed.strip() == ("None: Bitel said it was done on 6 November 2026, within the deadline.")


def test_a_request_logged_days_later_is_dated_by_the_request(tracker: Tracker) -> None:
    requested = tracker.clock.fixed_today.replace(day=2)  # type: ignore[attr-defined]
    case = tracker.cases.add(CaseDraft(provider="Bitel", requested_on=requested))
    text = dossier(tracker, case)
    first = next(line for line in _section(text, "Timeline").splitlines() if line.startswith("1. "))
    assert first.startswith(f"1. **{requested.day} ")
    assert "(logged " in first
