"""The catalogs are complete and current: every marked message translated in every
language, with the same placeholders, and the compiled ``.mo`` files match their ``.po``."""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tracker.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"
TRANSLATED = [language for language in LANGUAGES if language != "en"]

Key = tuple[str | None, str]


def _key(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return message.context, msgid


def _messages(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


@pytest.fixture(scope="module")
def extracted() -> dict[Key, Message]:
    """What `pybabel extract` finds in the package today (the same options as pyproject.toml)."""
    catalog = Catalog()
    keywords = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2)}  # pyproject.toml: keywords = "NP_:1c,2"
    # pyproject.toml's mappings: the code, and the rule books' notes.
    mappings = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    method_map = [(m["pattern"], m["method"]) for m in mappings["tool"]["babel"]["mappings"]]
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE,
        method_map=method_map,
        keywords=keywords,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return {_key(message): message for message in _messages(catalog)}


def _read_po(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def placeholders(text: str) -> list[str]:
    """The {fields} of a message, sorted (a field used twice counts twice)."""
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_there_are_messages_to_translate(extracted: dict[Key, Message]) -> None:
    assert len(extracted) >= 50
    assert (None, "Reopened") in extracted and ("case status", "failed") in extracted


def test_the_template_is_current(extracted: dict[Key, Message]) -> None:
    template = _read_po(LOCALE_DIR / f"{DOMAIN}.pot")
    in_template = {_key(m): m.id for m in _messages(template)}
    assert sorted(in_template, key=str) == sorted(extracted, key=str), (
        "tracker.pot is out of date: run `pybabel extract` and `pybabel update` (docs/DEVELOPMENT.md)"
    )
    assert in_template == {key: message.id for key, message in extracted.items()}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(
    language: str, extracted: dict[Key, Message]
) -> None:
    catalog = _read_po(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", language)
    translated = {_key(m): m for m in _messages(catalog)}
    missing = [key for key in extracted if key not in translated]
    assert not missing, f"{language}: not in the catalog (run `pybabel update`): {missing}"
    extra = [key for key in translated if key not in extracted]
    assert not extra, f"{language}: no longer in the code (run `pybabel update`): {extra}"
    problems = []
    for key, original in extracted.items():
        message = translated[key]
        if message.fuzzy:
            problems.append(f"{key}: fuzzy (check the translation, then drop the flag)")
        # Babel types an id and a translation as str, a tuple of plural forms, or a list.
        ids = list(original.id) if isinstance(original.id, tuple | list) else [original.id]
        strings = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
        if isinstance(original.id, tuple) and len(strings) != catalog.num_plurals:
            problems.append(f"{key}: {len(strings)} plural forms, {language} has {catalog.num_plurals}")
        expected = placeholders(ids[-1])
        for text in strings:
            if not text:
                problems.append(f"{key}: not translated")
            elif placeholders(text) != expected:
                problems.append(f"{key}: placeholders {placeholders(text)} in {text!r}, expected {expected}")
            else:
                text.format(**{name: "x" for name in expected})  # and no stray braces
    assert not problems, f"{language}:\n" + "\n".join(problems)


def _flat(message: Message) -> tuple[object, ...]:
    def plain(value: object) -> object:
        return tuple(value) if isinstance(value, tuple | list) else value

    return message.context, plain(message.id), plain(message.string)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_matches_its_source(language: str) -> None:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source = _read_po(folder / f"{DOMAIN}.po", language)
    with (folder / f"{DOMAIN}.mo").open("rb") as stream:
        compiled = read_mo(stream)
    as_source = {_flat(m) for m in _messages(source) if not m.fuzzy}
    as_compiled = {_flat(m) for m in _messages(compiled)}
    assert as_compiled == as_source, f"{folder / DOMAIN}.mo is stale: run `pybabel compile`"
    assert compiled.plural_forms == source.plural_forms
