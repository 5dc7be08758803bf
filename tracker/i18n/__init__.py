"""Words in the user's language.

Code marks every string a person reads: ``_("...")`` where it is shown,
``ngettext(singular, plural, n)`` for counts, and ``N_("...")`` for module-level
constants that are translated later, when shown (never at import time, before
the language is chosen). Never ``_(f"...")``: extraction cannot see it; write
``_("Case {id} added").format(id=...)``.

This first version speaks English only; catalogs arrive with the languages issue.
"""

from __future__ import annotations

import gettext as _gettext

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same words elsewhere."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the conventional name extraction looks for
    """Mark ``message`` for translation without translating it (yet)."""
    return message
