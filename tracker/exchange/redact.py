"""Masking phone and account numbers before a case leaves the machine.

A run of five or more digits, which may have single spaces or dashes inside
("+51 987 654 321", "0011-0123-4567890"), keeps only its last four digits; the
others become ``•`` so the shape stays recognisable. ISO dates ("2026-10-06")
look like such runs and are left alone.

Tickets are not masked: they are the provider's reference numbers, and a
complaint or the regulator needs them whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.domain.model import Case, Check, TimelineEntry

MASK = "•"
KEEP = 4

# A date first, so that a date is never taken for the start of a number.
_PATTERN = re.compile(
    r"(?P<date>(?<!\d)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?!\d))"
    r"|(?P<run>(?<!\d)\d(?:[ \u00a0-]?\d){4,}(?!\d))"
)


def _mask(match: re.Match[str]) -> str:
    run = match.group("run")
    if run is None:
        return match.group(0)
    out: list[str] = []
    kept = 0
    for ch in reversed(run):
        if ch.isdigit():
            if kept < KEEP:
                kept += 1
                out.append(ch)
            else:
                out.append(MASK)
        else:
            out.append(ch)
    return "".join(reversed(out))


def redact(text: str) -> str:
    """``text`` with every long digit run masked down to its last four digits."""
    if not text:
        return text
    return _PATTERN.sub(_mask, text)


def redact_case(case: Case) -> Case:
    """A copy of the case with its free text redacted (tickets and ids kept)."""
    return replace(
        case,
        provider=redact(case.provider),
        service=redact(case.service),
        notes=redact(case.notes),
        checks=[_redact_check(c) for c in case.checks],
        timeline=[_redact_entry(e) for e in case.timeline],
    )


def _redact_check(check: Check) -> Check:
    return replace(check, name=redact(check.name), note=redact(check.note))


def _redact_entry(entry: TimelineEntry) -> TimelineEntry:
    # Parameters hold the user's text too (a check's name, a note, a reason).
    params = {key: redact(value) for key, value in entry.params.items()}
    return replace(entry, summary=redact(entry.summary), agent=redact(entry.agent), params=params)
