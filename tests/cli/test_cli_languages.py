"""The command line in each language: chosen by --lang, TRACKER_LANG, config or locale;
facts logged in one language read in another; JSON the same in all; every everyday
command speaks the reader's language."""

from __future__ import annotations

import re

import pytest

from tests.helpers.cli import ISSUE_ADD, Run
from tests.helpers.env import TrackerEnv

# `tracker show`'s timeline heading in each language.
TIMELINE_HEADINGS = (
    "Timeline (newest first):",
    "时间线（最新在前）：",
    "Historial (lo más reciente primero):",
)


def timeline(shown: str) -> list[str]:
    """The sentences of `tracker show`'s timeline, newest first, without time and kind.

    A back-dated request reads "2026-10-06 (logged 2026-10-20 14:02)" (or the same in the
    reader's language): that counts as its time.
    """
    heading = next(h for h in TIMELINE_HEADINGS if h + "\n" in shown)
    lines = shown.split(heading + "\n", 1)[1].splitlines()
    when_and_kind = re.compile(r"^\s*\d{4}-\d\d-\d\d(?: \d\d:\d\d| ?[(（][^)）]*[)）])\s+\S+\s+")
    return [when_and_kind.sub("", line, count=1) for line in lines]


def journey_in_chinese(cli: Run) -> None:
    for argv in (
        ("--lang", "zh_CN", *ISSUE_ADD),
        ("check", "1", "calls blocked", "fail", "--note", "还能打通", "--lang", "zh_CN"),
        ("--lang", "zh_CN", "log", "1", "客服说明天处理", "--agent", "王"),
        ("--lang", "zh_CN", "check", "1", "calls blocked", "pass"),
        # A built-in check by its name in the reader's language.
        ("--lang", "zh_CN", "check", "1", "余额为零", "pass"),
        ("--lang", "zh_CN", "check", "1", "no charge in Nov", "add", "--required"),
        ("--lang", "zh_CN", "withdraw", "1", "--reason", "先不办了"),
        ("--lang", "zh_CN", "reopen", "1"),
    ):
        result = cli(*argv)
        assert result.code == 0, (argv, result.err)


def test_a_case_logged_in_chinese_reads_in_spanish(cli: Run) -> None:
    journey_in_chinese(cli)
    assert timeline(cli("show", "1", "--lang", "es").out) == [
        "Reabierto",
        "Desistido: 先不办了",
        "Se agregó la comprobación obligatoria “no charge in Nov”",
        "Comprobación “saldo en cero”: aprobada",
        "Comprobación “llamadas bloqueadas”: aprobada",
        "Se volvió a contactar al operador",
        "客服说明天处理 [teléfono; asesor 王; próximo 2026-10-22]",
        "La comprobación “llamadas bloqueadas” falló: hay que hacer seguimiento hoy",
        "Comprobación “llamadas bloqueadas”: fallida (还能打通)",
        "Baja solicitada [teléfono; código R-2026-00042]",
    ]
    assert timeline(cli("show", "1", "--lang", "zh_CN").out)[:4] == [
        "已重新打开",
        "已撤回：先不办了",
        "已添加必需检查项“no charge in Nov”",
        "检查项“余额为零”：已通过",
    ]
    english = timeline(cli("show", "1").out)
    assert english[3] == "Check 'balance zero': passed"
    assert english[-1] == "Cancel requested [phone; ticket R-2026-00042]"


# The everyday journey (add, due, log, check, verify, show), and what each language says.
JOURNEY = (
    ("add", "Movistar Perú", "-s", "eSIM +51 987 654 321", "-t", "R-1", "-r", "2026-10-06", "-p", "esim-pe"),
    ("due",),
    ("log", "1", "Dicen que ya está", "--confirmed", "--agent", "Ana"),
    ("check", "1", "{calls}", "pass"),
    ("check", "1", "{balance}", "pass"),
    ("check", "1", "{esim}", "pass"),
    ("check", "1", "{paired}", "{na}", "--note", "{why}"),
    ("verify", "1"),
    ("show", "1"),
)

SAID = {
    "en": {
        "calls": "calls blocked",
        "balance": "balance zero",
        "esim": "eSIM profile deleted from the device",
        "paired": "paired devices unbound",
        "na": "n/a",
        "why": "no watch",
        "said": [
            "Case 1 added: Movistar Perú; promised by 2026-10-14 (5 business days, "
            "Res. 138-2012-CD/OSIPTEL), first follow-up 2026-10-15 [OVERDUE, PROVIDER LATE]",
            "1 overdue, 0 due today",
            "Contact logged on case 1 (confirmed); next follow-up 2026-10-22",
            "Case 1: 'calls blocked' passed",
            "Case 1: 'balance zero' passed",
            "Case 1: 'paired devices unbound' n/a",
            "Case 1 verified. Recheck after the next bill: 2026-11-24.",
            "Status:           verified",
        ],
    },
    "zh_CN": {
        "calls": "通话已停用",
        "balance": "余额为零",
        "esim": "已从设备删除eSIM配置文件",
        "paired": "配对设备已解绑",
        "na": "不适用",
        "why": "没有手表",
        "said": [
            "已添加事项1：Movistar Perú；承诺日期2026-10-14（5个工作日，Res. 138-2012-CD/OSIPTEL），"
            "首次跟进2026-10-15 [逾期、运营商逾期]",
            "逾期1项，今天到期0项",
            "已为事项1记录联系（已确认）；下次跟进2026-10-22",
            "事项1：“通话已停用”已通过",
            "事项1：“余额为零”已通过",
            "事项1：“配对设备已解绑”不适用",
            "事项1已核实。下期账单出来后复查：2026-11-24。",
            "状态：    已核实",
        ],
    },
    "es": {
        "calls": "llamadas bloqueadas",
        "balance": "saldo en cero",
        "esim": "perfil eSIM borrado del equipo",
        "paired": "equipos vinculados desvinculados",
        "na": "no aplica",
        "why": "sin reloj",
        "said": [
            "Se agregó el caso 1: Movistar Perú; fecha prometida 2026-10-14 (5 días hábiles, "
            "Res. 138-2012-CD/OSIPTEL), primer seguimiento 2026-10-15 [VENCIDO, OPERADOR ATRASADO]",
            "1 vencido, 0 para hoy",
            "Se registró el contacto del caso 1 (confirmado); próximo seguimiento 2026-10-22",
            "Caso 1: “llamadas bloqueadas” aprobada",
            "Caso 1: “saldo en cero” aprobada",
            "Caso 1: “equipos vinculados desvinculados” no aplica",
            "Caso 1 verificado. Revisión tras el próximo recibo: 2026-11-24.",
            "Estado:             verificado",
        ],
    },
}


def said_lines(text: str) -> list[str]:
    """The lines of some output, runs of spaces made one (labels are padded to a width)."""
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.mark.parametrize("language", list(SAID))
def test_the_everyday_journey_speaks_the_readers_language(cli: Run, env: TrackerEnv, language: str) -> None:
    env.set_today("2026-10-20")
    said = SAID[language]
    outputs = []
    for argv in JOURNEY:
        result = cli("--lang", language, *(a.format(**said) for a in argv))
        assert result.code in (0, 1), (argv, result.err)
        assert result.err == ""
        outputs.append(result.out)
    every_line = said_lines("\n".join(outputs))
    for line in said["said"]:
        assert " ".join(line.split()) in every_line, (line, outputs)


def test_chinese_output_has_no_english_left(cli: Run, env: TrackerEnv) -> None:
    """Every word the everyday commands print is Chinese, but for what the user typed, proper
    names and what the user types back (commands, options, codes)."""
    from tracker.cli.parser import build_parser

    env.set_today("2026-10-20")
    said = SAID["zh_CN"]
    text = ""
    for argv in (
        *JOURNEY,
        ("list", "--all"),
        ("playbooks",),
        ("--help",),
        ("due", "--help"),
        ("report", "1"),
    ):
        text += cli("--lang", "zh_CN", *(a.format(**said) for a in argv)).out
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert commands is not None
    typed_back = set(commands) | {"help", "version", "db", "lang", "json", "within", "path"}
    allowed = typed_back | {
        # what the user typed in the journey
        "Movistar",
        "Perú",
        "eSIM",
        "Dicen",
        "que",
        "ya",
        "está",
        "Ana",
        # proper names, norms, the Peruvian stages' names (the glossary keeps them)
        "OSIPTEL",
        "Res",
        "CD",
        "TRASU",
        "Claro",
        "Entel",
        "Bitel",
        "Viettel",
        "WhatsApp",
        "reclamo",
        "queja",
        "apelación",
        "portabilidad",
        # playbook names, codes, formats, settings and environment variables
        "esim",
        "pe",
        "suspension",
        "port",
        "subscription",
        "generic",
        "tracker",
        "config",
        "toml",
        "language",
        "zh",
        "CN",
        "en",
        "es",
        "PE",
        "TRACKER",
        "DB",
        "LANG",
        "YYYY",
        "MM",
        "DD",
        "JSON",
        "CSV",
        "iCalendar",
        "Markdown",
        "SHA",
        "UUID",
        "URL",
        "TUI",
        "sqlite",
        "postgresql",
        "psycopg",
        "user",
        "host",
        "file",
        "cron",
        "ID",
        "UTC",
        "send",
        "ntfy",
        "tmp",
        "copy",
        "backup",
        "upgrade",
    }
    text = re.sub(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}", "", text)  # the case's UUID
    text = re.sub(r"/\S*", "", text)  # folders
    left = sorted(set(re.findall(r"[A-Za-zÀ-ÿ]{2,}", text)) - allowed)
    assert left == [], [m.group(0) for w in left for m in re.finditer(rf".{{0,30}}\b{w}\b.{{0,30}}", text)]


@pytest.mark.parametrize(
    "argv",
    [
        ("list", "--all", "--json"),
        ("due", "--within", "30", "--json"),
        ("show", "1", "--json"),
        ("trash", "--json"),
        ("export",),
    ],
)
def test_json_and_exports_for_scripts_are_the_same_in_every_language(cli: Run, argv: tuple[str, ...]) -> None:
    journey_in_chinese(cli)
    outputs = {language: cli("--lang", language, *argv) for language in ("en", "zh_CN", "es")}
    assert outputs["en"].out.strip()
    assert outputs["zh_CN"] == outputs["en"] == outputs["es"]


def test_the_language_comes_from_tracker_lang_then_config_then_locale(cli: Run, env: TrackerEnv) -> None:
    cli(*ISSUE_ADD)
    first = "Baja solicitada"
    env.monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert timeline(cli("show", "1").out)[-1].startswith("已申请注销")
    (env.config_dir / "config.toml").write_text('language = "es"\n', encoding="utf-8")
    assert timeline(cli("show", "1").out)[-1].startswith(first)
    env.monkeypatch.setenv("TRACKER_LANG", "en")
    assert timeline(cli("show", "1").out)[-1].startswith("Cancel requested")
    assert timeline(cli("--lang", "zh_CN", "show", "1").out)[-1].startswith("已申请注销")
    assert timeline(cli("show", "1", "--lang", "es").out)[-1].startswith(first)


def test_an_unknown_language_is_english_with_one_warning_line(cli: Run, env: TrackerEnv) -> None:
    cli(*ISSUE_ADD)
    (env.config_dir / "config.toml").write_text('language = "Quechua"\n', encoding="utf-8")
    shown = cli("show", "1")
    assert shown.code == 0
    assert timeline(shown.out)[-1].startswith("Cancel requested")
    assert shown.error_lines == [
        "tracker: warning: config: no language 'Quechua'; using English (known: en, zh_CN, es)"
    ]


def test_a_broken_config_does_not_stop_help(cli: Run, env: TrackerEnv) -> None:
    (env.config_dir / "config.toml").write_text("language = [", encoding="utf-8")
    assert cli("--help").code == 0
    refused = cli("list")
    assert refused.code == 2 and "not valid TOML" in refused.err


def test_lang_is_in_the_help_of_every_command(cli: Run) -> None:
    assert "--lang LANG" in cli("--help").out
    assert "--lang LANG" in cli("due", "--help").out
    assert "--lang LANG" in cli("db", "path", "--help").out
