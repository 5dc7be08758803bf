"""Values typed as the reader reads them: channel, action, check state, stage, topic,
outcome and check names in the language in use, without regard to case or accents; the
English codes in every language; help and refusals list the language's words."""

from __future__ import annotations

import pytest

from tests.helpers.cli import ISSUE_ADD, Run

# Typed values are read before any database is opened: one backend is enough.
pytestmark = pytest.mark.sqlite_only


@pytest.mark.parametrize(
    ("language", "channel", "action"),
    [
        ("es", "tienda", "suspensión"),
        ("es", "TIENDA", "suspension"),
        ("zh_CN", "营业厅", "暂停"),
        ("en", "store", "suspend"),
        ("zh_CN", "store", "suspend"),  # the English codes work in every language
        ("es", "Store", "SUSPEND"),
    ],
)
def test_channel_and_action_in_the_readers_words(cli: Run, language: str, channel: str, action: str) -> None:
    added = cli(
        "--lang",
        language,
        "add",
        "Entel",
        "--channel",
        channel,
        "--action",
        action,
        "--until",
        "+30d",
        "--json",
    )
    assert added.code == 0, added.err
    case = added.json()
    assert case["channel"] == "store"
    assert case["action"] == "suspend"


@pytest.mark.parametrize(
    ("language", "check", "state", "expected"),
    [
        ("zh_CN", "余额为零", "通过", "passed"),
        ("zh_CN", "余额为零", "已通过", "passed"),
        ("zh_CN", "余额为零", "不适用", "n/a"),
        ("es", "saldo en cero", "aprobada", "passed"),
        ("es", "Saldo En Cero", "APROBADA", "passed"),
        ("es", "saldo en cero", "fallida", "failed"),
        ("es", "saldo en cero", "no aplica", "n/a"),
        ("es", "saldo en cero", "pass", "passed"),
        ("zh_CN", "balance zero", "fail", "failed"),
    ],
)
def test_a_check_in_the_readers_words(cli: Run, language: str, check: str, state: str, expected: str) -> None:
    assert cli(*ISSUE_ADD).code == 0
    note = ("--note", "x") if expected == "n/a" else ()
    done = cli("--lang", language, "check", "1", check, state, *note, "--json")
    assert done.code == 0, done.err
    states = {c["name"]: c["state"] for c in done.json()["checks"]}
    assert states["balance zero"] == expected


@pytest.mark.parametrize(
    ("language", "stage", "topic"),
    [
        ("es", "reclamo", "facturación"),
        ("es", "RECLAMO", "facturacion"),
        ("zh_CN", "投诉", "计费"),
        ("zh_CN", "reclamo", "billing"),
    ],
)
def test_stage_and_topic_in_the_readers_words(cli: Run, language: str, stage: str, topic: str) -> None:
    assert cli(*ISSUE_ADD).code == 0
    filed = cli("--lang", language, "escalate", "1", stage, "--topic", topic, "--amount", "20", "--json")
    assert filed.code == 0, filed.err
    stage_record = filed.json()["stages"][0]
    assert stage_record["kind"] == "reclamo"
    assert stage_record["topic"] == "billing"


@pytest.mark.parametrize(
    ("language", "outcome", "stage"),
    [("es", "Infundado", "reclamo"), ("zh_CN", "infundado", "reclamo"), ("en", "infundado", "reclamo")],
)
def test_an_outcome_in_the_readers_words(cli: Run, language: str, outcome: str, stage: str) -> None:
    assert cli(*ISSUE_ADD).code == 0
    assert cli("escalate", "1", "reclamo").code == 0
    answered = cli("--lang", language, "answer", "1", "--on", "today", "--outcome", outcome, "--stage", stage)
    assert answered.code == 0, answered.err


@pytest.mark.parametrize(
    ("language", "outcome", "expected"),
    [
        ("es", "fundada", "fundado"),  # "la queja fue declarada fundada"
        ("es", "Infundada", "infundado"),
        ("zh_CN", "fundada en parte", "parcial"),
        ("en", "infundada", "infundado"),
    ],
)
def test_an_outcome_in_osiptels_feminine_form(cli: Run, language: str, outcome: str, expected: str) -> None:
    assert cli(*ISSUE_ADD).code == 0
    assert cli("escalate", "1", "reclamo").code == 0
    answered = cli("--lang", language, "answer", "1", "--on", "today", "--outcome", outcome, "--json")
    assert answered.code == 0, answered.err
    assert answered.json()["stages"][0]["outcome"] == expected


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ("teléfono", "tienda", "correo", "otro")),
        ("zh_CN", ("电话", "营业厅", "网站")),
        ("en", ("phone", "store", "email")),
    ],
)
def test_help_and_refusals_list_the_languages_words(cli: Run, language: str, words: tuple[str, ...]) -> None:
    helped = cli("--lang", language, "add", "--help")
    refused = cli("--lang", language, "add", "Entel", "--channel", "paloma")
    assert refused.code == 2
    for word in words:
        assert word in helped.out
        assert word in refused.err
