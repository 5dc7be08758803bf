"""The bounds every value is held to where it enters (command line, environment,
config, playbooks, imports), so that no accepted value can break a command later.

Each bound lives here once; the README lists them. A value outside its bound is
refused with one line naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidInput
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.domain.model import Case

# Dates: cancellations are recent things, and a bounded range keeps every date
# sum (a deadline, a follow-up, business days between two dates) small and valid.
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2099, 12, 31)
# Timestamps, in UTC: the same range.
FIRST_MOMENT = datetime(FIRST_DAY.year, 1, 1, tzinfo=UTC)
END_MOMENT = datetime(LAST_DAY.year + 1, 1, 1, tzinfo=UTC)  # exclusive

# Case numbers: far more than anyone needs, and room for the next one.
MAX_CASE_ID = 999_999_999
# A UUID (or a prefix of it) is at most this long.
MAX_UUID = 36

# Day counts in playbooks (deadline, cadence, recheck): at most a year.
MAX_PLAYBOOK_DAYS = 366
# `tracker due --within DAYS`: at most ten years ahead.
MAX_WITHIN_DAYS = 3660

# Text: a one-line field (provider, ticket, a check's name) and a long one (notes,
# what a contact said).
MAX_LINE = 1000
MAX_TEXT = 100_000
# Short codes the database keeps in columns of a fixed width (PostgreSQL holds them to it):
# a playbook's name, a currency (a code such as PEN, or a word such as "soles"), an event.
MAX_PLAYBOOK_NAME = 40
MAX_CURRENCY = 8
MAX_EVENT = 40
# A fee: at most this many digits before the decimal point, and after it.
MAX_FEE_DIGITS = 12
MAX_FEE_DECIMALS = 4


def date_range_text() -> str:
    return _("from {first} to {last}").format(first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())


def check_date(day: date, what: str | None = None) -> date:
    """``day`` if it lies between FIRST_DAY and LAST_DAY, else InvalidInput."""
    if day < FIRST_DAY:
        problem = _("{day} is before {year}: check the year (dates go {range})")
    elif day > LAST_DAY:
        problem = _("{day} is after {year}: check the year (dates go {range})")
    else:
        return day
    year = FIRST_DAY.year if day < FIRST_DAY else LAST_DAY.year
    raise InvalidInput(problem.format(day=day.isoformat(), year=year, range=date_range_text()), what)


# The dates of a case, named as the message that refuses one says them.
_CASE_DATES = (
    ("requested_on", N_("the request date")),
    ("promised_by", N_("the promised date")),
    ("next_follow_up", N_("the next follow-up")),
    ("effective_on", N_("the chosen date")),
    ("ends_on", N_("the end of the suspension")),
    ("answer_due", N_("the provider's deadline to answer")),
    ("user_due", N_("your next deadline")),
    ("user_alert_on", N_("the day your next deadline counts as close")),
)


def _dates_of(case: Case) -> Iterator[tuple[str, str, date | None]]:
    """Every date a case holds, its own and its children's: (field, label, day)."""
    for name, label in _CASE_DATES:
        yield name, label, getattr(case, name)
    for entry in case.timeline:
        yield "next_follow_up", N_("the next follow-up"), entry.next_follow_up
    for stage in case.stages:
        yield "filed_on", N_("the filing date"), stage.filed_on
        yield "answered_on", N_("the answer's date"), stage.answered_on
    for charge in case.charges:
        yield "on", N_("the charge's date"), charge.on
        yield "period", N_("the period billed"), charge.period_start
        yield "period", N_("the period billed"), charge.period_end


def check_case_dates(case: Case) -> None:
    """Every date of the case, those given and those the tracker worked out (a promised
    date, a follow-up, a deadline), lies within the dates the tracker keeps; else
    InvalidInput naming the first that does not. Checked before a case is written, so
    that whatever was accepted exports and imports again."""
    for name, label, day in _dates_of(case):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise InvalidInput(
                _(
                    "{what} would be {day}, outside the dates tracker keeps ({range}): check the dates given"
                ).format(what=_(label), day=day.isoformat(), range=date_range_text()),
                name,
            )


def in_moment_range(moment: datetime) -> bool:
    """Whether an aware moment lies in the range timestamps are kept to."""
    return FIRST_MOMENT <= moment < END_MOMENT


def check_length(text: str, what: str, limit: int = MAX_LINE) -> str:
    """``text`` if it has at most ``limit`` characters, else InvalidInput naming ``what``."""
    if len(text) <= limit:
        return text
    raise InvalidInput(
        _("{what} is too long: at most {limit} characters").format(what=what, limit=f"{limit:,}"), what
    )


_HEX_PREFIX = re.compile(r"^[0-9a-f-]{4,36}$")


def check_case_ref(text: str) -> str:
    """A case as the user names it: its number (1 to MAX_CASE_ID, ASCII digits) or its
    UUID or a prefix of it (4 to 36 characters); InvalidInput otherwise."""
    ref = text.strip()
    if ref.isascii() and ref.isdigit():
        number_like = len(ref) <= len(str(MAX_CASE_ID)) and 1 <= int(ref) <= MAX_CASE_ID
        # Digits alone can also begin a UUID, up to its first dash (8 characters).
        if number_like or 4 <= len(ref) <= 8:
            return ref
    elif ref.isascii() and _HEX_PREFIX.match(ref.lower()):
        return ref
    raise InvalidInput(
        _("{ref} is not a case: give its number (1 to {most}) or its UUID").format(
            ref=repr(ref), most=f"{MAX_CASE_ID:,}"
        )
    )


def check_count(value: int, what: str, minimum: int, maximum: int) -> int:
    """A whole number of days (or the like) between ``minimum`` and ``maximum``."""
    if minimum <= value <= maximum:
        return value
    raise InvalidInput(
        _("{what} must be a whole number from {minimum} to {maximum}").format(
            what=what, minimum=minimum, maximum=f"{maximum:,}"
        ),
        what,
    )
