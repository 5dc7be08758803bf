"""`tracker letter ID KIND` reads the kind as the reader's language shows it (上诉, apelación,
appeal) or by its code, and its --help lists the kinds in that language."""

from __future__ import annotations

import pytest

from tests.helpers.cli import ISSUE_ADD, Run
from tests.helpers.env import TrackerEnv

# What the reader types, and a line only that letter holds.
TYPED = [
    ("zh_CN", "上诉", "Recurso de apelación"),
    ("zh_CN", "投诉", "RECLAMO"),
    ("zh_CN", "注销申请书", "Asunto: Solicitud de baja"),
    ("es", "apelación", "Recurso de apelación"),
    ("es", "APELACION", "Recurso de apelación"),
    ("es", "solicitud de baja", "Asunto: Solicitud de baja"),
    ("en", "appeal", "Recurso de apelación"),
    ("en", "apelacion", "Recurso de apelación"),
    ("zh_CN", "apelacion", "Recurso de apelación"),
]


@pytest.fixture
def answered(cli: Run, env: TrackerEnv) -> None:
    """A reclamo declared infundado: every letter can be written."""
    env.set_today("2026-10-06")
    assert cli(*ISSUE_ADD).code == 0
    env.set_today("2026-10-20")
    assert cli("escalate", "1", "reclamo", "--filed", "2026-10-16").code == 0
    assert cli("answer", "1", "--on", "2026-10-19", "--outcome", "infundado").code == 0


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("language", "typed", "line"), TYPED)
def test_the_kind_is_read_as_it_is_shown(
    cli: Run, answered: None, language: str, typed: str, line: str
) -> None:
    written = cli("--lang", language, "letter", "1", typed)
    assert written.code == 0, written.err
    assert line in written.out


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("language", "listed"),
    [
        ("zh_CN", "注销申请书、投诉、未答复投诉、上诉"),
        ("es", "solicitud de baja, reclamo, queja, apelación"),
        ("en", "baja request, reclamo, queja, apelación"),
    ],
)
def test_help_and_refusal_list_the_kinds_in_the_language(
    cli: Run, answered: None, language: str, listed: str
) -> None:
    assert listed in " ".join(cli("--lang", language, "letter", "--help").out.split())
    refused = cli("--lang", language, "letter", "1", "nope")
    assert refused.code == 2 and listed in refused.err
