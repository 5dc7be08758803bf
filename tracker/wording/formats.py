"""Dates, money, follow-up words and holiday names as the reader's language writes them.

Babel does the dates and the money; it is imported on first use only, because
loading it costs more than a whole ``tracker due`` (see docs/PERFORMANCE.md).
The follow-up words ("3d overdue", "today", "in 2d") need only the catalogs.
JSON output never goes through here: it keeps ISO dates and plain amounts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from tracker.domain.dates import days_until
from tracker.i18n import current_language, ngettext, pgettext

if TYPE_CHECKING:
    from decimal import Decimal

    from babel import Locale

# The CLDR locale each language formats with: English writes day-month-year
# ("14 October 2026"), Spanish as in Peru ("S/ 29.90"), Chinese as in mainland China.
BABEL_LOCALES = {"en": "en_GB", "es": "es_PE", "zh_CN": "zh_Hans_CN"}
# Where a currency's symbol is looked up when the reader's locale knows only its
# code (English and Chinese write "PEN"): Peru's own first, then British English (US$).
_SYMBOL_FALLBACKS = ("es_PE", "en_GB")
# Spaces CLDR puts inside dates and amounts; terminals show a plain space best.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse(BABEL_LOCALES.get(language, BABEL_LOCALES["en"]))


def babel_locale() -> Locale:
    """The Babel locale of the current language."""
    return _locale(current_language())


# -- dates -----------------------------------------------------------------------


def long_date(day: date) -> str:
    """14 October 2026 · 14 de octubre de 2026 · 2026年10月14日"""
    from babel.dates import format_date

    return format_date(day, "long", locale=babel_locale()).translate(_SPACES)


def short_date(day: date, today: date | None = None) -> str:
    """A date for a table: 14 Oct 2026 · 14 oct. 2026 · 2026年10月14日.

    Given ``today``, a date in the same year leaves the year out: 14 Oct · 14 oct. · 10月14日.
    """
    from babel.dates import format_skeleton

    skeleton = "MMMd" if today is not None and today.year == day.year else "yMMMd"
    return format_skeleton(skeleton, day, locale=babel_locale()).translate(_SPACES)


def month_and_year(year: int, month: int) -> str:
    """February 2026 · febrero de 2026 · 2026年2月"""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", date(year, month, 1), locale=babel_locale()).translate(_SPACES)


def weekday_date(day: date) -> str:
    """A date with its weekday, for a preview: Thu 05 Nov 2026 · jue, 5 nov. 2026 · 2026年11月5日周四"""
    from babel.dates import format_date, format_skeleton

    if current_language() == "en":
        # The form English has always shown (strftime's "%a %d %b %Y").
        return format_date(day, "EEE dd MMM y", locale=babel_locale())
    return format_skeleton("yMMMEd", day, locale=babel_locale()).translate(_SPACES)


# -- money -----------------------------------------------------------------------


def listed(items: Iterable[str]) -> str:
    """Items joined as the reader's language lists them ("a, b" or "a、b")."""
    # TRANSLATORS: what goes between the items of a short list ("provider, ticket").
    return pgettext("list separator", ", ").join(items)


def country_name(code: str) -> str:
    """A country's name in the reader's language ("Peru", "秘鲁", "Perú") from its ISO
    code; the code itself when Babel does not know it."""
    return str(babel_locale().territories.get(code.upper(), code))


def currency_symbol(code: str) -> str:
    """The symbol the reader knows a currency by: S/ for PEN, US$ or $ for USD, € for EUR.

    The reader's locale first; when it knows only the code, Peru's usage, then
    British English; a code no locale knows (or text that is no code) as given.
    """
    from babel.numbers import get_currency_symbol, list_currencies

    code = code.strip()
    if code.upper() not in list_currencies():
        return code
    code = code.upper()
    for locale in (babel_locale(), *_SYMBOL_FALLBACKS):
        symbol = get_currency_symbol(code, locale=locale)
        if symbol != code:
            return symbol
    return code


def _spaced(pattern: str, symbol: str) -> str:
    """The locale's money pattern with ``symbol`` in place of ¤, a space between a
    symbol that ends in a letter or a slash and the digits (CLDR's currency spacing)."""
    literal = "'" + symbol.replace("'", "''") + "'"

    def place(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        text = literal
        if after and unicodedata.category(symbol[-1]) != "Sc":
            text += " "
        if before and unicodedata.category(symbol[0]) != "Sc":
            text = " " + text
        return (before or "") + text + (after or "")

    return re.sub(r"([#0])?\u00a4([#0])?", place, pattern)


def money(amount: Decimal, currency: str) -> str:
    """An amount with its currency as the reader writes it: S/ 29.90 (en, es-PE), S/ 29.90 (zh).

    Without a currency, just the number (29.90 · 29.90 · 29.90 with the locale's separators).
    """
    from babel.numbers import format_currency, format_decimal

    locale = babel_locale()
    code = currency.strip()
    if not code:
        return format_decimal(amount, format="#,##0.00", locale=locale).translate(_SPACES)
    pattern = _spaced(locale.currency_formats["standard"].pattern, currency_symbol(code))
    # An unknown code ("soles") keeps two decimals, as most currencies do.
    formatted = format_currency(amount, code.upper(), format=pattern, locale=locale, currency_digits=True)
    return formatted.translate(_SPACES)


def number(value: int | Decimal) -> str:
    """A number with the locale's separators: 1,234.5 (en, es-PE, zh)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale()).translate(_SPACES)


def percent(share: Decimal) -> str:
    """A share as a percentage with the locale's separators: 0.005 → 0.5%."""
    from babel.numbers import format_percent

    return format_percent(share, format="#,##0.###%", locale=babel_locale()).translate(_SPACES)


# -- follow-ups --------------------------------------------------------------------


def due_words(days: int) -> str:
    """A follow-up ``days`` from today, as a table says it: "3d overdue", "today", "in 2d"."""
    if days < 0:
        # TRANSLATORS: a follow-up date that passed N days ago, in a narrow column.
        return ngettext("{n}d overdue", "{n}d overdue", -days).format(n=-days)
    if days == 0:
        # TRANSLATORS: a follow-up due today, in a narrow column.
        return pgettext("follow-up due", "today")
    # TRANSLATORS: a follow-up due in N days, in a narrow column.
    return ngettext("in {n}d", "in {n}d", days).format(n=days)


def describe_due(due: date | None, today: date) -> str:
    """A follow-up date as people say it: "3d overdue", "today", "in 2d", or "" when none."""
    days = days_until(due, today)
    return "" if days is None else due_words(days)


# -- holidays ---------------------------------------------------------------------

# The holidays package's name for each of our languages.
_HOLIDAY_LANGUAGES = {"en": "en_US", "es": "es", "zh_CN": "zh_CN"}


@lru_cache(maxsize=32)
def _holiday_names(country: str, year: int, language: str) -> dict[date, str]:
    import holidays

    known = holidays.list_localized_countries().get(country, [])
    wanted = _HOLIDAY_LANGUAGES.get(language, "en_US")
    # The reader's language, else English, else the country's own.
    chosen = wanted if wanted in known else ("en_US" if "en_US" in known else None)
    return dict(holidays.country_holidays(country, years=year, language=chosen).items())


def holiday_name(day: date, country: str) -> str | None:
    """The public holiday on ``day`` in ``country`` (e.g. "PE"), named in the reader's
    language where the holidays package has it (else in English, else the country's
    own); None on other days."""
    return _holiday_names(country.upper(), day.year, current_language()).get(day)
