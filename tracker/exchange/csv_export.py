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

from tracker.domain.flags import case_flags
from tracker.domain.model import Case, CheckState
from tracker.i18n.formats import describe_due

ENCODING = "utf-8-sig"

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

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """User text made safe for a spreadsheet cell (no formula runs from it)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _local(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


def case_row(case: Case, today: date) -> list[str]:
    failed = [c.name for c in case.checks if c.state is CheckState.FAILED]
    last = case.last_contact()
    return [
        str(case.id or ""),
        case.uuid,
        cell(case.provider),
        cell(case.service),
        case.action.value,
        case.status.value,
        ", ".join(flag.label for flag in case_flags(case, today)),
        _day(case.requested_on),
        _day(case.promised_by),
        _day(case.next_follow_up),
        describe_due(case.next_follow_up, today),
        cell(case.ticket),
        case.channel.value,
        cell(case.playbook),
        str(case.checks_passed),
        str(len(case.checks)),
        cell("; ".join(failed)),
        _local(last.at) if last else "",
        str(case.fee_amount) if case.fee_amount is not None else "",
        cell(case.fee_currency),
        cell(case.notes),
        _local(case.created_at),
        _local(case.updated_at),
    ]


def write_csv(cases: Iterable[Case], today: date, stream: BinaryIO) -> int:
    """Write the header and one row per case; returns the number of cases."""
    text = io.TextIOWrapper(stream, encoding=ENCODING, newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        count = 0
        for case in cases:
            writer.writerow(case_row(case, today))
            count += 1
        text.flush()
    finally:
        # The caller owns the stream: leave it open.
        text.detach()
    return count
