"""Reading dates the way people type them: ISO dates and a few relative words."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tracker.domain.errors import InvalidInput
from tracker.domain.folding import folded
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


def _day_words() -> dict[str, int]:
    """Words for a day near today, as the reader types them, with how many days away it is."""
    words = {"today": 0, "yesterday": -1, "tomorrow": 1}
    today_word, yesterday_word, tomorrow_word = date_words()
    words |= {today_word: 0, yesterday_word: -1, tomorrow_word: 1}
    # TRANSLATORS: typed as a date: the day after tomorrow (后天, pasado mañana).
    words[pgettext("typed date", "the day after tomorrow")] = 2
    # TRANSLATORS: typed as a date: three days from today (大后天, traspasado mañana).
    words[pgettext("typed date", "the day after the day after tomorrow")] = 3
    # TRANSLATORS: typed as a date: the day before yesterday (前天, anteayer).
    words[pgettext("typed date", "the day before yesterday")] = -2
    return words


def _weekday_names() -> tuple[str, ...]:
    """The days of the week, Monday first, as the reader types them (周一, lunes)."""
    return (
        pgettext("typed weekday", "monday"),
        pgettext("typed weekday", "tuesday"),
        pgettext("typed weekday", "wednesday"),
        pgettext("typed weekday", "thursday"),
        pgettext("typed weekday", "friday"),
        pgettext("typed weekday", "saturday"),
        pgettext("typed weekday", "sunday"),
    )


_ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _template(pattern: str, hole: str, fill: str) -> re.Pattern[str]:
    """A typed-date phrase ("in {n} days", "{n}天后") as a pattern over folded text."""
    before, _sep, after = folded(pattern).partition(hole)
    return re.compile("^" + re.escape(before) + fill + re.escape(after) + "$")


def _phrase_patterns() -> list[tuple[re.Pattern[str], str]]:
    """The phrases with a number or a weekday in them, English and the reader's, by meaning."""
    number = r"(\d{1,4})"
    weekday = "(" + "|".join(re.escape(folded(w)) for w in (*_ENGLISH_WEEKDAYS, *_weekday_names())) + ")"
    phrases = [
        ("in {n} days", "later"),
        ("+{n} days", "later"),
        # TRANSLATORS: typed as a date: a number of days from today (3天后, en 3 días). Keep {n}.
        (pgettext("typed date", "in {n} days"), "later"),
        # TRANSLATORS: typed as a date, short form: +3天, +3 días. Keep {n}.
        (pgettext("typed date", "+{n} days"), "later"),
        ("next {weekday}", "next"),
        ("{weekday} next week", "next week"),
        # TRANSLATORS: typed as a date: the coming such day, which may be this week's or the
        # next's (el próximo lunes); {weekday} is one of the typed weekdays.
        (pgettext("typed date", "next {weekday}"), "next"),
        # TRANSLATORS: typed as a date: that day of next week, Monday to Sunday (下周一; 下{weekday}
        # with 周一). {weekday} is one of the typed weekdays.
        (pgettext("typed date", "{weekday} next week"), "next week"),
        ("{weekday}", "coming"),
    ]
    patterns = []
    for phrase, meaning in phrases:
        if "{n}" in phrase:
            patterns.append((_template(phrase, "{n}", number), meaning))
        else:
            patterns.append((_template(phrase, "{weekday}", weekday), meaning))
    return patterns


def _weekday_number(word: str) -> int:
    names = [folded(w) for w in _weekday_names()]
    return names.index(word) if word in names else _ENGLISH_WEEKDAYS.index(word)


def _in_words(text: str, today: date, field: str | None) -> date | None:
    """A date written in words (后天, en 3 días, next monday), None if ``text`` is none.

    A weekday alone is the next such day, never today. "next friday" may mean the coming
    Friday or next week's: when the two differ it is refused with both.
    """
    value = folded(text)
    for word, days in _day_words().items():
        if value == folded(word):
            return today + timedelta(days=days)
    for pattern, meaning in _phrase_patterns():
        found = pattern.match(value)
        if not found:
            continue
        if meaning == "later":
            try:
                return today + timedelta(days=int(found.group(1)))
            except OverflowError:
                return date.max  # out of range: refused by the caller
        weekday = _weekday_number(found.group(1))
        coming = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        next_week = today + timedelta(days=7 - today.weekday() + weekday)
        if meaning == "coming":
            return coming
        if meaning == "next week":
            return next_week
        if coming != next_week:
            raise InvalidInput(
                _("{value} can mean {first} (this week) or {second} (next week): write the date").format(
                    value=repr(text), first=coming.isoformat(), second=next_week.isoformat()
                ),
                field,
            )
        return coming
    return None


def parse_date(text: str, today: date, field: str | None = None) -> date:
    """A date from ``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``, ``±Nd`` or ``±Nw``.

    Only dates in the range of :mod:`tracker.domain.limits` are accepted.
    """
    return check_date(_parse(text, today, field), field)


def _parse(text: str, today: date, field: str | None) -> date:
    value = text.strip().lower()
    in_words = _in_words(text, today, field)
    if in_words is not None:
        return in_words
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
