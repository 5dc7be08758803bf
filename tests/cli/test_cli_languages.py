"""The command line in each language: chosen by --lang, TRACKER_LANG, config or locale;
facts logged in one language read in another; JSON the same in all."""

from __future__ import annotations

import pytest

from tests.cli.conftest import ISSUE_ADD, Run
from tests.conftest import TrackerEnv


def timeline(shown: str) -> list[str]:
    """The sentences of `tracker show`'s timeline, newest first, without time and kind."""
    lines = shown.split("Timeline (newest first):\n", 1)[1].splitlines()
    return [line.split(None, 3)[3] for line in lines]


def journey_in_chinese(cli: Run) -> None:
    for argv in (
        ("--lang", "zh_CN", *ISSUE_ADD),
        ("check", "1", "calls blocked", "fail", "--note", "还能打通", "--lang", "zh_CN"),
        ("--lang", "zh_CN", "log", "1", "客服说明天处理", "--agent", "王"),
        ("--lang", "zh_CN", "check", "1", "calls blocked", "pass"),
        ("--lang", "zh_CN", "check", "1", "balance zero", "pass"),
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
        "Comprobación “balance zero”: aprobada",
        "Comprobación “calls blocked”: aprobada",
        "Se volvió a contactar al operador",
        "客服说明天处理 [phone; agent 王; next 2026-10-22]",
        "La comprobación “calls blocked” falló: hacer seguimiento hoy",
        "Comprobación “calls blocked”: fallida (还能打通)",
        "Baja solicitada [phone; ticket R-2026-00042]",
    ]
    assert timeline(cli("show", "1", "--lang", "zh_CN").out)[:2] == ["已重新打开", "已撤回：先不办了"]
    assert timeline(cli("show", "1").out)[-1] == "Cancel requested [phone; ticket R-2026-00042]"


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
