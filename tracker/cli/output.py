"""Plain-text rendering of cases for the command line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from tracker.display import entry_details, fit, literal
from tracker.domain.flags import Flag, FlagFacts, case_flags, flags_for
from tracker.domain.model import Case
from tracker.domain.summary import CaseSummary
from tracker.i18n.formats import describe_due
from tracker.i18n.timeline import describe


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _one_line(text: str) -> str:
    if text.isprintable():  # the common case, checked at C speed
        return text
    return literal(text.replace("\n", " "))


COLUMNS = (
    ("ID", 5),
    ("FLAGS", 24),
    ("PROVIDER", 18),
    ("SERVICE", 24),
    ("STATUS", 9),
    ("REQUESTED", 10),
    ("TICKET", 14),
    ("NEXT", 12),
    ("CHECKS", 6),
)


def case_table(cases: Sequence[Case | CaseSummary], today: date) -> str:
    """A fixed-width table of cases (whole cases or summary rows); flags are never cut."""
    labels: dict[tuple[Flag, ...], str] = {}
    flag_sets = []
    for case in cases:
        facts = case.facts if isinstance(case, CaseSummary) else FlagFacts.of(case)
        flags = tuple(flags_for(facts, today))
        if flags not in labels:
            labels[flags] = ", ".join(f.label for f in flags)
        flag_sets.append(flags)
    fitted = {
        "FLAGS": max([len("FLAGS"), *(len(label) for label in labels.values())]),
        "ID": max([len("ID"), *(len(str(case.id)) for case in cases)]),
    }
    columns = [(name, fitted.get(name, width)) for name, width in COLUMNS]
    widths = [width for _, width in columns]
    lines = [" ".join(fit(name, width) for name, width in columns).rstrip()]
    for case, flags in zip(cases, flag_sets, strict=True):
        cells = (
            str(case.id),
            labels[flags],
            _one_line(case.provider),
            _one_line(case.service),
            case.status.value,
            case.requested_on.isoformat(),
            _one_line(case.ticket) or "-",
            describe_due(case.next_follow_up, today) or "-",
            case.progress,
        )
        lines.append(
            " ".join(
                [
                    cell.ljust(width) if len(cell) <= width and cell.isascii() else fit(cell, width)
                    for cell, width in zip(cells, widths, strict=True)
                ]
            ).rstrip()
        )
    return "\n".join(lines)


def case_detail(case: Case, today: date) -> str:
    flags = ", ".join(f.label for f in case_flags(case, today)) or "none"
    fee = f"{case.fee_amount} {literal(case.fee_currency)}".strip() if case.fee_amount else "none"
    due = case.next_follow_up.isoformat() if case.next_follow_up else "none"
    if case.next_follow_up:
        due += f" ({describe_due(case.next_follow_up, today)})"
    rows = [
        ("Case", f"{case.id}  {case.uuid}"),
        ("Provider", _one_line(case.provider)),
        ("Service", _one_line(case.service)),
        ("Action", case.action.value),
        ("Status", case.status.value),
        ("Flags", flags),
        ("Playbook", case.playbook),
        ("Channel", case.channel.value),
        ("Requested", case.requested_on.isoformat()),
        ("Ticket", _one_line(case.ticket) or "none (ask for one)"),
        ("Promised by", case.promised_by.isoformat()),
        ("Next follow-up", due),
        ("Fee", fee),
    ]
    lines = [f"{label + ':':<16}{value}" for label, value in rows]
    if case.notes:
        lines.append("Notes:")
        lines.extend("  " + line for line in literal(case.notes, multiline=True).splitlines())
    lines.append(f"Checks ({case.progress} passed):")
    marks = {"pending": "[ ]", "passed": "[x]", "failed": "[!]"}
    for check in case.checks:
        required = " (required)" if check.required else ""
        note = f" - {_one_line(check.note)}" if check.note else ""
        lines.append(
            f"  {marks[check.state.value]} {_one_line(check.name)}{required}: {check.state.value}{note}"
        )
    lines.append("Timeline (newest first):")
    for entry in reversed(case.timeline):
        when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
        extra = entry_details(entry)
        suffix = f" [{'; '.join(extra)}]" if extra else ""
        lines.append(f"  {when}  {entry.kind.value:<8} {_one_line(describe(entry))}{suffix}")
    return "\n".join(lines)
