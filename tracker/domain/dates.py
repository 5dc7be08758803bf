"""Reading dates the way people type them: ISO dates and a few relative words."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tracker.domain.errors import InvalidInput
from tracker.domain.limits import check_date
from tracker.domain.phrases import Month, Phrase
from tracker.i18n import _, ngettext, pgettext

_RELATIVE = re.compile(r"^([+-])(\d{1,4})([dw])$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)


def days_in_month(year: int, month: int) -> int:
    """How many days a month has: February's by the Gregorian leap-year rule.

    Here rather than ``calendar.monthrange``: ``calendar`` costs every command's start-up.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def date_words() -> tuple[str, str, str]:
    """ "today", "yesterday" and "tomorrow" as the reader types them (the English words work too)."""
    return (
        pgettext("typed date", "today"),
        pgettext("typed date", "yesterday"),
        pgettext("typed date", "tomorrow"),
    )


def date_help() -> str:
    """How a date may be written, in the reader's language."""
    today, yesterday, tomorrow = date_words()
    return _("YYYY-MM-DD, {today}, {yesterday}, {tomorrow}, +3d, -2d or +1w").format(
        today=today, yesterday=yesterday, tomorrow=tomorrow
    )


def parse_date(text: str, today: date, field: str | None = None) -> date:
    """A date from ``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``, ``±Nd`` or ``±Nw``.

    Only dates in the range of :mod:`tracker.domain.limits` are accepted.
    """
    return check_date(_parse(text, today, field), field)


def _parse(text: str, today: date, field: str | None) -> date:
    value = text.strip().lower()
    today_word, yesterday_word, tomorrow_word = (word.lower() for word in date_words())
    if value in ("today", today_word):
        return today
    if value in ("yesterday", yesterday_word):
        return today - timedelta(days=1)
    if value in ("tomorrow", tomorrow_word):
        return today + timedelta(days=1)
    relative = _RELATIVE.match(value)
    if relative:
        sign, amount, unit = relative.groups()
        days = int(amount) * (7 if unit == "w" else 1)
        try:
            return today + timedelta(days=days if sign == "+" else -days)
        except OverflowError:
            return date.max if sign == "+" else date.min  # out of range: refused by the caller
    iso = _ISO.match(value)
    if not iso:
        raise InvalidInput(
            _("{value} is not a date (use {forms})").format(value=repr(text), forms=date_help()), field
        )
    year, month, day = (int(part) for part in iso.groups())
    if not 1 <= month <= 12:
        raise InvalidInput(
            _("{value} is not a date: there is no month {month}").format(value=text, month=month), field
        )
    if year < 1:
        raise InvalidInput(
            _("{value} is not a date: there is no year {year}").format(value=text, year=year), field
        )
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        raise InvalidInput(
            Phrase(
                ngettext(
                    "{value} is not a date: {month} has {days} day",
                    "{value} is not a date: {month} has {days} days",
                    last,
                ),
                value=text,
                month=Month(year, month),
                days=last,
            ),
            field,
        )
    return date(year, month, day)


def days_elapsed(start: date, end: date) -> int:
    """Calendar days elapsed since ``start`` by ``end``; none when ``end`` is not after it
    (see BusinessCalendar.elapsed: a date read across the date line may be "tomorrow")."""
    return max(0, (end - start).days)


def days_until(due: date | None, today: date) -> int | None:
    """Days from ``today`` to ``due``: negative when it has passed, None when there is no date.

    The words ("3d overdue", "today", "in 2d") are the reader's language's:
    ``tracker.wording.formats.describe_due``.
    """
    if due is None:
        return None
    return (due - today).days
