"""Words in the user's language.

Code marks every string a person reads: ``_("...")`` where it is shown,
``ngettext(singular, plural, n)`` for counts, ``pgettext(context, "...")`` for
the same English words that other languages tell apart (a check's "failed" and
a case's "failed"), and ``N_("...")`` (``NP_(context, "...")``) for module-level
constants that are translated later, when shown (never at import time, before the language is
chosen). Never ``_(f"...")``: extraction cannot see it; write
``_("Case {id} added").format(id=...)``.

The language is chosen once per process by :func:`tracker.i18n.language.use_language`
(``--lang``, ``TRACKER_LANG``, config, the locale); catalogs are the compiled
``.mo`` files under ``locale/``, read with the standard library only.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "tracker"
LOCALE_DIR = Path(__file__).parent / "locale"
ENGLISH = "en"
# The languages there are catalogs for, English (the source language) first.
LANGUAGES = ("en", "zh_CN", "es")

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = ENGLISH


def activate(language: str) -> None:
    """Speak ``language`` (one of :data:`LANGUAGES`) from now on, in this process."""
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"no catalog for {language!r}")
    if language == ENGLISH:
        _translations = _gettext.NullTranslations()
    else:
        with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as catalog:
            _translations = _gettext.GNUTranslations(catalog)
    _language = language


def current_language() -> str:
    """The language words are given in now: ``en``, ``zh_CN`` or ``es``."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same words elsewhere."""
    return _translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """:func:`ngettext` with a context, as :func:`pgettext`."""
    return _translations.npgettext(context, singular, plural, count)


def N_(message: str) -> str:  # the conventional name extraction looks for
    """Mark ``message`` for translation without translating it (yet)."""
    return message


def NP_(context: str, message: str) -> str:  # named after N_; extraction looks for it
    """:func:`N_` with a context, translated later with ``pgettext(context, message)``: a key
    binding's footer word ("Back") may need a shorter translation than the same English
    words elsewhere."""
    return message
