"""Cases as a CSV spreadsheet: one row per case, with its flags and check progress.

UTF-8 with a byte-order mark, so that spreadsheets (Excel above all) read
"Perú" and "中国移动" as written instead of guessing a legacy encoding. Text
cells that start with ``=``, ``+``, ``-`` or ``@`` get a leading apostrophe: a
spreadsheet would otherwise run them as formulas (a service such as
"+51 987 654 321" would show as a number, and a crafted note could run code).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import BinaryIO

from tracker.clock import Local
from tracker.display import literal
from tracker.domain.flags import case_flags
from tracker.domain.model import Case, CheckState
from tracker.i18n import pgettext
from tracker.wording.entries import details_text
from tracker.wording.formats import describe_due
from tracker.wording.terms import action_label, channel_label, check_label, flag_labels, status_label

ENCODING = "utf-8-sig"

# The columns, by their (English) names; the header row is in the reader's language.
COLUMNS = (
    "id",
    "uuid",
    "provider",
    "service",
    "action",
    "status",
    "flags",
    "requested_on",
    "promised_by",
    "next_follow_up",
    "follow_up",
    "ticket",
    "channel",
    "playbook",
    "checks_passed",
    "checks_total",
    "checks_failed",
    "last_contact",
    "fee_amount",
    "fee_currency",
    "notes",
    "created_at",
    "updated_at",
)


def header() -> list[str]:
    """The header row, in the reader's language (``--json`` is the language-neutral export)."""
    words = {
        "id": pgettext("csv column", "id"),
        "uuid": pgettext("csv column", "uuid"),
        "provider": pgettext("csv column", "provider"),
        "service": pgettext("csv column", "service"),
        "action": pgettext("csv column", "action"),
        "status": pgettext("csv column", "status"),
        "flags": pgettext("csv column", "flags"),
        "requested_on": pgettext("csv column", "requested_on"),
        "promised_by": pgettext("csv column", "promised_by"),
        "next_follow_up": pgettext("csv column", "next_follow_up"),
        "follow_up": pgettext("csv column", "follow_up"),
        "ticket": pgettext("csv column", "ticket"),
        "channel": pgettext("csv column", "channel"),
        "playbook": pgettext("csv column", "playbook"),
        "checks_passed": pgettext("csv column", "checks_passed"),
        "checks_total": pgettext("csv column", "checks_total"),
        "checks_failed": pgettext("csv column", "checks_failed"),
        "last_contact": pgettext("csv column", "last_contact"),
        "fee_amount": pgettext("csv column", "fee_amount"),
        "fee_currency": pgettext("csv column", "fee_currency"),
        "notes": pgettext("csv column", "notes"),
        "created_at": pgettext("csv column", "created_at"),
        "updated_at": pgettext("csv column", "updated_at"),
    }
    return [words[name] for name in COLUMNS]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """User text made safe for a spreadsheet cell (no formula runs from it) and for a
    terminal (control characters written as escapes; line breaks kept)."""
    text = literal(text, multiline=True)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _local(value: datetime | None, local: Local) -> str:
    return local(value).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def case_row(case: Case, today: date, local: Local) -> list[str]:
    failed = [check_label(c.name) for c in case.checks if c.state is CheckState.FAILED]
    last = case.last_contact()
    return [
        str(case.id or ""),
        case.uuid,
        cell(case.provider),
        cell(case.service),
        action_label(case.action),
        status_label(case.status),
        flag_labels(case_flags(case, today)),
        _day(case.requested_on),
        _day(case.promised_by),
        _day(case.next_follow_up),
        describe_due(case.next_follow_up, today),
        cell(case.ticket),
        channel_label(case.channel),
        cell(case.playbook),
        str(case.checks_passed),
        str(case.checks_applicable),  # n/a checks are left out, as in the progress
        cell(details_text(failed)),
        _local(last.at, local) if last else "",
        str(case.fee_amount) if case.fee_amount is not None else "",
        cell(case.fee_currency),
        cell(case.notes),
        _local(case.created_at, local),
        _local(case.updated_at, local),
    ]


def write_csv(cases: Iterable[Case], today: date, local: Local, stream: BinaryIO) -> int:
    """Write the header and one row per case; returns the number of cases."""
    text = io.TextIOWrapper(stream, encoding=ENCODING, newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(header())
        count = 0
        for case in cases:
            writer.writerow(case_row(case, today, local))
            count += 1
        text.flush()
    finally:
        # The caller owns the stream: leave it open.
        text.detach()
    return count
