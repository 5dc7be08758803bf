"""Argument types of the command line: what a value must look like, refused in one line."""

from __future__ import annotations

import argparse

from tracker.domain.errors import InvalidInput
from tracker.domain.limits import MAX_WITHIN_DAYS, check_case_ref, check_count
from tracker.i18n import _


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
