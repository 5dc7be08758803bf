"""Masking phone and account numbers before a case leaves the machine.

A run of five or more digits keeps only its last four digits; the others
become ``•`` so the shape stays recognisable. However a number is written, it
is one run: its digits may be grouped by up to three spaces, dashes, dots or
slashes ("+51 987 654 321", "0011-0123-4567890", "987.654.321", "987/654/321",
"4111  1111  1111  1111").

ISO dates ("2026-10-06", years 1900 to 2099) look like such runs and are left
alone, and a number never runs on into one. Tickets are not masked: they are
the provider's reference numbers, and a complaint or the regulator needs them
whole.
"""

from __future__ import annotations

import re

from tracker.domain.model import Case, Check, TimelineEntry
from tracker.records import replace

MASK = "•"
KEEP = 4

_DATE = r"(?<!\d)(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?!\d)"
# What may stand between two digits of one number: spaces (a no-break one too),
# tabs, dashes, dots and slashes, up to three of them.
_GROUPING = r"[ \t\u00a0\-./]{1,3}"
# A date first, so that a date is never taken for the start of a number.
_PATTERN = re.compile(
    rf"(?P<date>{_DATE})"
    rf"|(?P<run>(?<!\d)\d(?:(?:{_GROUPING}(?!{_DATE}))?\d){{4,}}(?!\d))"
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
        stages=[replace(s, note=redact(s.note), answer_note=redact(s.answer_note)) for s in case.stages],
        charges=[replace(c, note=redact(c.note), receipt=redact(c.receipt)) for c in case.charges],
        attachments=[replace(a, name=redact(a.name), note=redact(a.note)) for a in case.attachments],
    )


def _redact_check(check: Check) -> Check:
    return replace(check, name=redact(check.name), note=redact(check.note))


# Params that are codes or hashes, kept whole like tickets.
_KEPT_PARAMS = frozenset({"code", "sha256"})


def _redact_entry(entry: TimelineEntry) -> TimelineEntry:
    params = {key: value if key in _KEPT_PARAMS else redact(value) for key, value in entry.params.items()}
    return replace(entry, summary=redact(entry.summary), agent=redact(entry.agent), params=params)
