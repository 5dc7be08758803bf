"""Choosing the language: ``--lang``, ``TRACKER_LANG``, config.toml, the locale, else English.

An explicit choice (the first three) that names no language tracker speaks falls
back to English with one warning line on stderr. A locale tracker does not speak
(``LANG=fr_FR.UTF-8``) gives English quietly, as any gettext program would.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

from tracker.i18n import ENGLISH, LANGUAGES, _, activate
from tracker.records import record

# Environment variables read for the locale, strongest first (as GNU gettext reads them).
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_CHINESE_TRADITIONAL = {"tw", "hk", "mo", "hant"}
_warned: set[str] = set()


@record(frozen=True)
class Choice:
    """The language in use, where it came from, and what was asked for in vain."""

    language: str
    source: str  # "--lang", "TRACKER_LANG", "config", "locale" or "default"
    unknown: str | None = None


def normalize(tag: str) -> str | None:
    """The catalog language for a language tag or locale name; None if tracker does not speak it.

    ``es``, ``es_PE``, ``es-419`` → ``es``; ``zh``, ``zh_CN.UTF-8``, ``zh-Hans`` →
    ``zh_CN`` (Traditional Chinese has no catalog); ``en_US``, ``C``, ``POSIX`` → ``en``.
    """
    value = tag.strip().split(".")[0].split("@")[0].replace("-", "_")
    if value in ("C", "POSIX"):
        return ENGLISH
    parts = [part.lower() for part in value.split("_") if part]
    if not parts:
        return None
    language, rest = parts[0], set(parts[1:])
    if language == "en":
        return ENGLISH
    if language == "es":
        return "es"
    if language == "zh" and not rest & _CHINESE_TRADITIONAL:
        return "zh_CN"
    return None


def _from_locale(environ: Mapping[str, str]) -> str | None:
    locale = next((environ[v] for v in LOCALE_VARIABLES[1:] if environ.get(v)), "")
    # GNU gettext ignores LANGUAGE under the C locale; so do we.
    if normalize(locale) == ENGLISH and locale.split(".")[0] in ("C", "POSIX"):
        return ENGLISH
    for tag in environ.get("LANGUAGE", "").split(":"):
        if tag and (found := normalize(tag)):
            return found
    return normalize(locale) if locale else None


def choose(
    requested: str | None,
    environ: Mapping[str, str] | None = None,
    config_language: Callable[[], str | None] | None = None,
) -> Choice:
    """The language to speak: ``requested`` (``--lang``), ``TRACKER_LANG``, the config, the locale.

    ``config_language`` is called only when the first two say nothing.
    """
    env = os.environ if environ is None else environ
    explicit: list[tuple[str, Callable[[], str | None]]] = [
        ("--lang", lambda: requested),
        ("TRACKER_LANG", lambda: env.get("TRACKER_LANG")),
        ("config", config_language or (lambda: None)),
    ]
    for source, read in explicit:
        value = read()
        if value and value.strip():
            found = normalize(value)
            return Choice(found, source) if found else Choice(ENGLISH, source, value.strip())
    found = _from_locale(env)
    return Choice(found, "locale") if found else Choice(ENGLISH, "default")


def use_language(
    requested: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_language: Callable[[], str | None] | None = None,
) -> Choice:
    """Choose the language (see :func:`choose`), speak it, and say once if a choice was unknown."""
    choice = choose(requested, environ, config_language)
    activate(choice.language)
    if choice.unknown is not None and choice.unknown not in _warned:
        _warned.add(choice.unknown)
        sys.stderr.write(
            _("tracker: warning: {source}: no language {value!r}; using English (known: {known})").format(
                source=choice.source, value=choice.unknown, known=", ".join(LANGUAGES)
            )
            + "\n"
        )
    return choice
