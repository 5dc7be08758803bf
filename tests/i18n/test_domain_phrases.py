"""Every sentence the domain says (a :class:`tracker.domain.phrases.Phrase`) is a catalog
message, translated in every language: a template written as a plain string, or one the
catalogs do not hold, would reach the reader in English."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tracker.i18n import LANGUAGES, LOCALE_DIR

DOMAIN = Path(__file__).resolve().parents[2] / "tracker" / "domain"
GETTEXT = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2, "NP_": 2}


def _gettext_ids(node: ast.AST) -> list[str] | None:
    """The msgids a ``_("...")``/``ngettext("...", "...", n)`` call marks; None for anything else."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT):
        return None
    texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    wanted = GETTEXT[node.func.id]
    if node.func.id in ("pgettext", "NP_"):
        texts = texts[1:]  # the context comes first
        wanted -= 1
    return texts[:1] if len(texts) >= wanted else None


def _templates(tree: ast.Module) -> Iterator[tuple[int, list[str] | None]]:
    """Each ``Phrase(template, ...)`` in a module: its line and the msgids its template comes
    from (a name is followed to what it was assigned in the same function); None when the
    template is not a catalog message."""
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Phrase"):
            continue
        template = node.args[0]
        if isinstance(template, ast.Name):
            owner = next(f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0))
            found: list[str] = []
            for assign in ast.walk(owner):
                if isinstance(assign, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == template.id for t in assign.targets
                ):
                    ids = _gettext_ids(assign.value)
                    if ids is None:
                        found = []
                        break
                    found += ids
            yield node.lineno, found or None
        elif isinstance(template, ast.Constant) and not _has_words(str(template.value)):
            continue  # "{field}": nothing but a fact, worded by the layer above
        else:
            yield node.lineno, _gettext_ids(template)


def _has_words(template: str) -> bool:
    return any(text.strip(" ,.:;()") for text, *_ in string.Formatter().parse(template))


def domain_phrases() -> list[tuple[str, str]]:
    """(where, msgid) for every Phrase template in the domain; msgid "" when it is not one."""
    found = []
    for path in sorted(DOMAIN.rglob("*.py")):
        for line, ids in _templates(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(DOMAIN.parent)}:{line}"
            found += [(where, msgid) for msgid in ids] if ids else [(where, "")]
    return found


def test_the_domain_says_sentences() -> None:
    assert len(domain_phrases()) >= 20


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_every_domain_phrase_is_translated(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "tracker.po").open("rb") as stream:
        catalog = read_po(stream)
    translated = set()
    for message in catalog:
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if msgid and all(strings) and not message.fuzzy:
            translated.add(msgid)
    missing = [
        f"{where}: {msgid or 'a template that is not a catalog message'}"
        for where, msgid in domain_phrases()
        if msgid not in translated
    ]
    assert missing == []
