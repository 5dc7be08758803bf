"""An import is held to the rules the commands keep (issue 19, item 16): one check per kind
in the domain, used by ``escalate``, ``answer``, ``charge``, ``attach`` and by the importer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run

Doc = dict[str, Any]


@pytest.fixture
def good(run: Run, env: Any, tmp_path: Path) -> Doc:
    """An export of one Peruvian case with an answered reclamo, a charge and an attachment."""
    env.set_today("2026-11-20")
    assert run("add", "Movistar", "--playbook", "esim-pe", "--requested", "2026-11-02").code == 0
    assert run("escalate", "1", "reclamo", "--filed", "2026-11-05", "--amount", "79.80").code == 0
    assert run("answer", "1", "--on", "2026-11-12", "--outcome", "infundado").code == 0
    assert run("charge", "1", "79.80", "--on", "2026-11-10", "--period", "2026-10-01..2026-10-31").code == 0
    evidence = tmp_path / "recibo.pdf"
    evidence.write_bytes(b"%PDF recibo")
    assert run("attach", "1", str(evidence)).code == 0
    exported = tmp_path / "good.json"
    assert run("export", "-o", str(exported)).code == 0
    document: Doc = json.loads(exported.read_text(encoding="utf-8"))
    return document


def _stage(**changes: Any) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        doc["cases"][0]["stages"][0].update(changes)

    return mutate


def _charge(**changes: Any) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        doc["cases"][0]["charges"][0].update(changes)

    return mutate


def _fee(amount: str) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        doc["cases"][0]["fee"] = {"amount": amount, "currency": "PEN"}

    return mutate


def _same_file_twice(doc: Doc) -> None:
    attachments = doc["cases"][0]["attachments"]
    attachments.append({**attachments[0], "name": "otra.pdf", "uid": "f" * 32})


RULES: list[tuple[str, Callable[[Doc], None], str]] = [
    (
        "answered before filed",
        _stage(answered_on="2026-11-04"),
        "cases[0].stages[0].answered_on: the answer's date 2026-11-04 is before the reclamo was filed",
    ),
    ("answer without outcome", _stage(outcome=None), "cases[0].stages[0].outcome: the answer to the reclamo"),
    ("outcome without answer", _stage(answered_on=None), "cases[0].stages[0].answered_on: the reclamo"),
    ("a topic on a queja", _stage(kind="queja"), "cases[0].stages[0].topic: only a reclamo has a topic"),
    ("a stage's -0", _stage(amount="-0"), "cases[0].stages[0].amount:"),
    ("a stage's 0", _stage(amount="0.00"), "cases[0].stages[0].amount: the amount must be more than zero"),
    ("a charge's -0", _charge(amount="-0"), "cases[0].charges[0].amount:"),
    ("a charge's 0", _charge(amount="0"), "cases[0].charges[0].amount: the amount must be more than zero"),
    ("an unknown currency", _charge(currency="ABC"), "cases[0].charges[0].currency: 'ABC' is not a currency"),
    ("a period backwards", _charge(period_start="2026-11-01"), "cases[0].charges[0].period: the period ends"),
    ("half a period", _charge(period_end=None), "cases[0].charges[0].period: a period needs both"),
    ("a fee of -0", _fee("-0"), "cases[0].fee.amount: must be zero or more"),
    ("the same file twice", _same_file_twice, "cases[0].attachments[1]: case 1 already has this file"),
]


@pytest.mark.parametrize(("what", "breaks", "message"), RULES, ids=[r[0] for r in RULES])
def test_an_import_is_refused_what_the_commands_refuse(
    run: Run, good: Doc, tmp_path: Path, what: str, breaks: Callable[[Doc], None], message: str
) -> None:
    breaks(good)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    result = run("--db", str(tmp_path / "fresh.db"), "import", str(path))
    assert result.code == 2, (what, result.out)
    assert message in result.err, result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_the_good_export_itself_imports(run: Run, good: Doc, tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    result = run("--db", str(tmp_path / "fresh.db"), "import", str(path))
    assert result.code == 0, result.err


def test_the_commands_refuse_the_same(run: Run, good: Doc) -> None:
    assert run("add", "Claro", "--fee", "-0").code == 2
    assert run("charge", "1", "0", "--on", "2026-11-10").code == 2
    filed = run("escalate", "1", "queja", "--filed", "2026-11-20", "--topic", "baja")
    assert filed.code == 2 and "only a reclamo has a topic" in filed.err
