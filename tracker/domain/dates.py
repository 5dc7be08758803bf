"""Reading dates the way people type them: ISO dates and a few relative words."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from tracker.domain.errors import InvalidInput

_RELATIVE = re.compile(r"^([+-])(\d{1,4})([dw])$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

DATE_HELP = "YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2d or +1w"


def parse_date(text: str, today: date, field: str | None = None) -> date:
    """A date from ``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``, ``±Nd`` or ``±Nw``."""
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    if value == "tomorrow":
        return today + timedelta(days=1)
    relative = _RELATIVE.match(value)
    if relative:
        sign, amount, unit = relative.groups()
        days = int(amount) * (7 if unit == "w" else 1)
        return today + timedelta(days=days if sign == "+" else -days)
    iso = _ISO.match(value)
    if not iso:
        raise InvalidInput(f"{text!r} is not a date (use {DATE_HELP})", field)
    year, month, day = (int(part) for part in iso.groups())
    if not 1 <= month <= 12:
        raise InvalidInput(f"{text} is not a date: there is no month {month}", field)
    if year < 1:
        raise InvalidInput(f"{text} is not a date: there is no year {year}", field)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        month_name = calendar.month_name[month]
        raise InvalidInput(f"{text} is not a date: {month_name} {year} has {last} days", field)
    return date(year, month, day)


def days_until(due: date | None, today: date) -> int | None:
    """Days from ``today`` to ``due``: negative when it has passed, None when there is no date.

    The words ("3d overdue", "today", "in 2d") are the reader's language's:
    ``tracker.i18n.formats.describe_due``.
    """
    if due is None:
        return None
    return (due - today).days
