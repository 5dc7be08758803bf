"""`tracker call ID`: what to say on the phone, in Spanish, with the reader's language beside it
(issue 21, section 6)."""

from __future__ import annotations

import re

import pytest

from tests.helpers.cli import Run
from tests.helpers.env import TrackerEnv
from tracker.display import cell_width

ME = '[me]\nname = "Lin Mei"\ndocument = "45678912"\ngender = "f"\n'
CJK = re.compile(r"[\u4e00-\u9fff]")


def spanish_lines(text: str) -> list[str]:
    """The lines said (») or heard («), with their wrapped continuations: the Spanish ones."""
    said, inside = [], False
    for row in text.splitlines():
        if row.startswith(("   » ", "   « ")):
            said.append(row[5:])
            inside = True
        elif inside and row.startswith("     ") and not row.startswith("       "):
            said[-1] += " " + row[5:]
        else:
            inside = False
    return said


def reader_lines(text: str) -> list[str]:
    """The reader's lines (under the Spanish ones, indented further), wrapped rows joined."""
    lines: list[str] = []
    previous = ""
    for row in text.splitlines():
        if row.startswith("       "):
            if previous.startswith("       "):
                lines[-1] += row.strip()
            else:
                lines.append(row.strip())
        previous = row
    return lines


def test_the_spanish_lines_are_the_same_in_every_language_and_the_readers_lines_are_translated(
    cli: Run, env: TrackerEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    (env.config_dir / "config.toml").write_text(ME, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "80")
    env.set_today("2026-06-01")
    assert cli("add", "Movistar Perú", "-s", "eSIM 987 654 321", "-t", "CP-553190", "-p", "esim-pe").code == 0
    shown = {lang: cli("call", "1", "--all", "--lang", lang) for lang in ("en", "zh_CN", "es")}
    assert all(run.code == 0 for run in shown.values())
    spanish = {lang: spanish_lines(run.out) for lang, run in shown.items()}
    assert spanish["en"] == spanish["zh_CN"] == spanish["es"]
    assert (
        "Buenos días. Mi nombre es Lin Mei y soy titular del servicio eSIM 987 654 321." in spanish["zh_CN"]
    )
    assert "Quiero solicitar la baja del servicio." in spanish["zh_CN"]
    assert "Le ofrecemos un descuento en su plan." in spanish["zh_CN"]
    assert "No figura ninguna solicitud." in spanish["zh_CN"]
    # The código repeated back digit by digit, in Spanish.
    assert any("C, P, guion, cinco, cinco, tres, uno, nueve, cero" in line for line in spanish["zh_CN"])
    zh, en = reader_lines(shown["zh_CN"].out), reader_lines(shown["en"].out)
    assert len(zh) == len(en) == len(spanish["en"])
    assert all(CJK.search(line) for line in zh)
    assert "I want to ask for the baja (cancellation) of the service." in en
    assert "您好。我叫Lin Mei，是服务eSIM 987 654 321的机主。" in zh
    assert "Usted dice:" in shown["es"].out and "您说：" in shown["zh_CN"].out


@pytest.mark.parametrize("columns", [80, 120])
def test_the_script_fits_the_terminal_beside_when_wide_below_when_narrow(
    cli: Run, env: TrackerEnv, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    env.set_today("2026-06-01")
    assert cli("add", "Claro", "-s", "línea 912 345 678", "-p", "esim-pe").code == 0
    out = cli("call", "1", "--all", "--lang", "zh_CN").out
    assert max(cell_width(row) for row in out.splitlines()) <= columns
    beside = [row for row in out.splitlines() if " │ " in row]
    assert bool(beside) is (columns >= 100)
    if beside:
        assert "» Quiero solicitar la baja del servicio." in out and "我要申请注销（baja）这项服务。" in out


def sections(out: str) -> list[str]:
    return re.findall(r"^\d+\. (.+)$", out, re.M)


def test_each_state_gets_its_script(cli: Run, env: TrackerEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "240")
    env.set_today("2026-06-01")
    assert cli("add", "Claro", "-s", "línea 1", "-p", "esim-pe").code == 0  # asked today, no código
    assert cli("add", "Entel", "-s", "línea 2", "-p", "esim-pe", "-r", "2026-05-29").code == 0
    assert cli("add", "Bitel", "-s", "línea 3", "-p", "esim-pe", "-t", "B-9").code == 0
    assert cli("add", "Movistar", "-s", "línea 4", "-p", "esim-pe", "-t", "M-1", "-r", "2026-05-01").code == 0
    assert cli("add", "Claro", "-s", "línea 5", "-p", "esim-pe", "-t", "C-5", "-r", "2026-05-01").code == 0
    assert cli("escalate", "5", "reclamo", "--filed", "2026-05-20").code == 0
    assert cli("add", "Claro", "-s", "línea 6", "-p", "esim-pe", "-t", "C-6", "-r", "2026-05-01").code == 0
    assert cli("escalate", "6", "reclamo", "--filed", "2026-05-20", "--code", "R-6").code == 0
    assert cli("answer", "6", "--on", "2026-05-30", "--outcome", "fundado").code == 0
    expected = {
        "1": [
            "Introduce yourself",
            "Ask for the baja",
            "Decline a retention offer",
            "Ask for the código de pedido and repeat it back",
        ],
        "2": ["Introduce yourself", "Ask the status", "Ask for the código de pedido and repeat it back"],
        "3": ["Introduce yourself", "Ask the status"],
        "4": [
            "Introduce yourself",
            "Ask the status",
            "Ask for the código de reclamo",
            "Ask when the answer is due",
        ],
        "5": ["Introduce yourself", "Ask for the código de reclamo", "Ask when the answer is due"],
        "6": ["Introduce yourself", "Ask the status"],
    }
    for case, parts in expected.items():
        shown = cli("call", case)
        assert shown.code == 0, shown.err
        assert sections(shown.out) == parts, case
    assert len(sections(cli("call", "3", "--all").out)) == 7
    overdue = cli("call", "4").out
    assert (
        "Quiero presentar un reclamo: la baja que solicité el 1 de mayo de 2026 debía ejecutarse" in overdue
    )
    # Case 6's reclamo was answered, yet its baja is not carried out: that is said, not
    # "nothing is pending".
    answered = cli("call", "6").out
    assert "the baja is still not carried out" in answered
    assert "Nothing is pending" not in answered
    filed = cli("call", "5").out
    assert "Presenté un reclamo el 20 de mayo de 2026" in filed
    assert "¿En qué fecha me notificarán la resolución de mi reclamo? Según el" in filed


def test_a_case_without_peruvian_rules_is_refused_in_the_readers_language(cli: Run, env: TrackerEnv) -> None:
    assert cli("add", "Netflix", "-p", "subscription").code == 0
    refused = cli("call", "1", "--lang", "zh_CN")
    assert refused.code != 0 and "OSIPTEL" in refused.err and CJK.search(refused.err)
