"""Exporting the tracker's cases to JSON, CSV or iCalendar, to a stream or a file.

Which cases go out:

- JSON is the backup format: every case, closed ones and the trash included,
  whatever the options.
- CSV and iCalendar are for spreadsheets and calendars: the cases in the
  default list (open ones, and verified ones with a recheck due); with
  ``include_closed`` the closed ones too. The trash is never in them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tracker.clock import Local
from tracker.domain.errors import InvalidInput
from tracker.domain.flags import FlagFacts, is_closed
from tracker.domain.model import Case
from tracker.exchange import json_format
from tracker.exchange.files import exports_folder, write_private
from tracker.exchange.redact import redact_case
from tracker.i18n import _

if TYPE_CHECKING:
    from tracker.core import Tracker

FORMATS = ("json", "csv", "ics")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InvalidInput(
            _("unknown export format {format} (use {known})").format(
                format=repr(fmt), known=", ".join(FORMATS)
            ),
            "format",
        )


def select_cases(tracker: Tracker, fmt: str, include_closed: bool = False) -> Iterator[Case]:
    """The cases an export of this format holds, in case-number order."""
    if fmt == "json":
        yield from tracker.all_cases(include_deleted=True)
        return
    today = tracker.today()
    for case in tracker.all_cases(include_deleted=False):
        if include_closed or not is_closed(FlagFacts.of(case), today):
            yield case


def write_export(
    cases: Iterable[Case],
    fmt: str,
    stream: BinaryIO,
    *,
    today: date,
    local: Local,
    redact: bool = False,
) -> int:
    """Write cases in a format to a binary stream; returns how many cases were written.

    ``local`` turns timestamps into local times (the clock's), for CSV and iCalendar.
    """
    _check_format(fmt)
    if redact:
        cases = (redact_case(c) for c in cases)
    # Each format's writer loads only when asked for (icalendar alone takes ~0.1 s).
    if fmt == "csv":
        from tracker.exchange.csv_export import write_csv

        return write_csv(cases, today, local, stream)
    if fmt == "ics":
        from tracker.exchange.ics_export import write_ics

        return write_ics(cases, local, stream)
    count = 0

    def counted() -> Iterator[Case]:
        nonlocal count
        for case in cases:
            count += 1
            yield case

    for chunk in json_format.document_chunks(counted(), redacted=redact):
        stream.write(chunk.encode("utf-8"))
    return count


def export(
    tracker: Tracker, fmt: str, stream: BinaryIO, *, redact: bool = False, include_closed: bool = False
) -> int:
    """Export the tracker's cases to a binary stream (stdout, a file)."""
    _check_format(fmt)
    cases = select_cases(tracker, fmt, include_closed)
    return write_export(cases, fmt, stream, today=tracker.today(), local=tracker.clock.local, redact=redact)


def export_to_path(
    tracker: Tracker, fmt: str, path: Path, *, redact: bool = False, include_closed: bool = False
) -> int:
    """Export to a file (written owner-only and whole, replacing an older one)."""
    _check_format(fmt)
    return write_private(
        path,
        lambda stream: export(tracker, fmt, stream, redact=redact, include_closed=include_closed),
        live=tracker.live_files(),
    )


def export_filename(fmt: str, today: date) -> str:
    """The dated name an export gets when no file is named: ``tracker-<today>.<fmt>``."""
    _check_format(fmt)
    return f"tracker-{today.isoformat()}.{fmt}"


def export_to_folder(
    tracker: Tracker,
    fmt: str,
    folder: Path | None = None,
    *,
    redact: bool = False,
    include_closed: bool = False,
) -> Path:
    """Export into a folder (default: ``exports/`` in the data folder) under a dated name.

    For the TUI's command palette: returns the file written.
    """
    _check_format(fmt)
    target = (folder or exports_folder(tracker.path)) / export_filename(fmt, tracker.today())
    write_private(
        target,
        lambda stream: export(tracker, fmt, stream, redact=redact, include_closed=include_closed),
        live=tracker.live_files(),
        make_folder=True,
    )
    return target
