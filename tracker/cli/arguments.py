"""Arguments of the command line: what a value must look like, refused in one line, and
the options every command shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput
from tracker.domain.limits import MAX_WITHIN_DAYS, check_case_ref, check_count
from tracker.i18n import _

if TYPE_CHECKING:
    from enum import StrEnum

    from tracker.wording.typed import ValueParser


def typed_value(kind: str) -> Callable[[str], str]:
    """An argument type for one kind of value (``"channels"``, ``"topics"``... as named in
    tracker.wording.typed): the value's code from its word in the language in use or its
    English code, else a usage error listing the words of that language."""

    def read(text: str) -> str:
        words = _value_parser(kind)
        value = words.parse(text)
        if value is None:
            raise argparse.ArgumentTypeError(words.refusal(text))
        return value.value

    read.__name__ = kind  # argparse names the type in some messages
    return read


def value_help(kind: str, text: str | None = None) -> str:
    """An option's help followed by the values it takes, as the language in use shows them."""
    forms = _value_parser(kind).listed()
    return forms if text is None else _("{help} ({values})").format(help=text, values=forms)


def _value_parser(kind: str) -> ValueParser[StrEnum]:
    from tracker.wording import typed

    parser: ValueParser[StrEnum] = getattr(typed, kind.upper())
    return parser


def case_ref(text: str) -> str:
    """An ID argument: a case number in range or a UUID (prefix), else a usage error."""
    try:
        return check_case_ref(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def within_days(text: str) -> int:
    """``--within DAYS``: a whole number from 0 to MAX_WITHIN_DAYS."""
    problem = argparse.ArgumentTypeError(
        _("must be a whole number of days from 0 to {most}, not {value}").format(
            most=f"{MAX_WITHIN_DAYS:,}", value=repr(text)
        )
    )
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_WITHIN_DAYS)):
        raise problem
    try:
        return check_count(int(value), "--within", 0, MAX_WITHIN_DAYS)
    except InvalidInput:
        raise problem from None


def option_date(text: str, today: date, option: str) -> date:
    """A date option's value (``--requested -2d``), refused with the option's name in front."""
    try:
        return parse_date(text, today, option)
    except InvalidInput as exc:
        raise InvalidInput(_("{option}: {problem}").format(option=option, problem=exc), option) from None


def add_language_option(
    parser: argparse.ArgumentParser, m: Mapping[str, str], default: str | None = None
) -> None:
    parser.add_argument(
        "--lang",
        metavar=m["LANG"],
        default=default,
        help=_("en, zh_CN or es (default: $TRACKER_LANG, else language in config.toml, else your locale)"),
    )
