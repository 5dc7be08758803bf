"""`tracker glossary`: the Peruvian terms explained in the reader's language, found by their
Spanish name or the reader's word, and pointed to from the escalation commands' --help."""

from __future__ import annotations

import pytest

from tests.helpers.cli import Run
from tests.helpers.env import TrackerEnv
from tracker.wording import glossary

LANGUAGES = ("en", "zh_CN", "es")

# The terms issue 21 asks for, in the order a case meets them.
TERMS = [
    "baja",
    "suspensión",
    "portabilidad",
    "código de pedido",
    "recibo",
    "reclamo",
    "código de reclamo",
    "UIT",
    "queja",
    "silencio administrativo positivo",
    "Quiero salirme",
    "fundado",
    "infundado",
    "parcial",
    "improcedente",
    "inadmisible",
    "apelación",
    "TRASU",
    "OSIPTEL",
]


def explained(cli: Run, language: str, term: str) -> tuple[str, str]:
    """`tracker glossary TERM` in ``language``: its heading and its explanation in one line."""
    result = cli("--lang", language, "glossary", term)
    assert result.code == 0, result.err
    heading, *rest = result.out.splitlines()
    return heading, " ".join(line.strip() for line in rest)


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch, env: TrackerEnv) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    env.set_today("2026-11-23")


def test_the_glossary_holds_every_term_the_issue_names() -> None:
    assert glossary.names() == TERMS


@pytest.mark.parametrize("term", TERMS)
def test_every_term_is_explained_in_every_language(cli: Run, term: str) -> None:
    english = explained(cli, "en", term)[1]
    for language in LANGUAGES:
        heading, text = explained(cli, language, term)
        # The term is always shown in Spanish, first.
        assert heading.split(" · ")[0] == term
        assert text and "{" not in text and "}" not in text, (language, text)
        if language != "en":
            assert text != english, (language, term)


def test_the_reader_sees_the_spanish_term_with_their_own_word(cli: Run) -> None:
    assert explained(cli, "zh_CN", "reclamo")[0] == "reclamo · 投诉"
    assert explained(cli, "zh_CN", "queja")[0] == "queja · 未答复投诉"
    assert explained(cli, "en", "apelación")[0] == "apelación · appeal"
    # In Spanish the term is the reader's own word: shown once.
    assert explained(cli, "es", "reclamo")[0] == "reclamo"
    assert (
        explained(cli, "es", "TRASU")[0]
        == "TRASU · Tribunal Administrativo de Solución de Reclamos de Usuarios"
    )


@pytest.mark.parametrize(
    ("language", "typed", "found"),
    [
        ("en", "QUEJA", "queja"),
        ("en", "apelacion", "apelación"),
        ("en", "codigo-de-pedido", "código de pedido"),
        ("en", "Codigo de Reclamo", "código de reclamo"),
        ("en", "appeal", "apelación"),
        ("en", "osiptel-form", "Quiero salirme"),
        ("zh_CN", "投诉", "reclamo"),
        ("zh_CN", "未答复投诉", "queja"),
        ("zh_CN", "上诉", "apelación"),
        ("zh_CN", "queja", "queja"),
        ("es", "suspension", "suspensión"),
        ("es", "fundado en parte", "parcial"),
        ("es", "Unidad Impositiva Tributaria", "UIT"),
    ],
)
def test_a_term_is_found_in_spanish_or_in_the_readers_words(
    cli: Run, language: str, typed: str, found: str
) -> None:
    assert explained(cli, language, typed)[0].split(" · ")[0] == found


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_term_is_refused_in_one_line_listing_the_terms(cli: Run, language: str) -> None:
    result = cli("--lang", language, "glossary", "desistimiento")
    assert result.code == 2 and result.out == ""
    (line,) = result.error_lines
    assert "'desistimiento'" in line
    assert all(term in line for term in TERMS)


def test_without_a_term_every_term_is_shown_grouped_along_the_path(cli: Run) -> None:
    result = cli("--lang", "zh_CN", "glossary")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    headings = [
        line.strip().split(" · ")[0]
        for line in lines
        if line.startswith("  ") and not line.startswith("    ")
    ]
    assert headings == TERMS
    groups = [line for line in lines if line and not line.startswith(" ")]
    assert groups == ["向运营商申请", "运营商未履行时", "答复", "上诉及裁决机构"]
    assert all(len(line) <= 100 for line in lines)


def test_a_deadline_is_stated_with_the_rule_it_comes_from(cli: Run) -> None:
    # The days and the norm come from the rule book, an unconfirmed start date said as such.
    baja = explained(cli, "en", "baja")[1]
    assert "5 business days, Res. 138-2012-CD/OSIPTEL" in baja
    assert "Res. 000132-2025-CD/OSIPTEL cuts it to 1 business day from a date not yet confirmed" in baja
    # A period no source confirms is not passed off as law.
    assert "15 business days, unsourced" in explained(cli, "en", "apelación")[1]
    assert "S/ 5,500.00" in explained(cli, "en", "UIT")[1]


def test_a_norm_dated_in_the_config_changes_the_glossary(cli: Run, env: TrackerEnv) -> None:
    (env.config_dir / "config.toml").write_text(
        'norm_dates = { "osiptel-132-2025" = "2026-06-01" }\n', encoding="utf-8"
    )
    baja = explained(cli, "en", "baja")[1]
    assert "1 business day, Res. 000132-2025-CD/OSIPTEL" in baja
    assert "not yet confirmed" not in baja


@pytest.mark.parametrize(
    ("command", "language", "line"),
    [
        ("escalate", "en", "see: tracker glossary reclamo"),
        ("answer", "zh_CN", "参见：tracker glossary infundado"),
        ("charge", "es", "vea: tracker glossary recibo"),
        ("letter", "en", "see: tracker glossary reclamo"),
        ("add", "en", "see: tracker glossary baja"),
    ],
)
def test_the_escalation_commands_help_points_to_the_glossary(
    cli: Run, command: str, language: str, line: str
) -> None:
    result = cli("--lang", language, command, "--help")
    assert result.code == 0
    assert result.out.splitlines()[-1] == line
    # And the term it names is one the glossary explains.
    assert glossary.find(line.rsplit(" ", 1)[1]) is not None


def test_an_unknown_term_of_5000_characters_is_refused_in_one_short_line(cli: Run) -> None:
    refused = cli("glossary", "x" * 5000)
    assert refused.code == 2
    assert len(refused.err.splitlines()) == 1 and len(refused.err) < 600
    refused = cli("add", "Movistar", "--channel", "y" * 5000)
    assert refused.code == 2 and len(refused.err) < 600
