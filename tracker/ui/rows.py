"""Turning cases into styled table cells: flags with text and colour, dates as people say them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text

from tracker.display import literal
from tracker.domain.flags import Flag, flags_for, follow_up_pending
from tracker.domain.model import Status
from tracker.domain.summary import CaseSummary
from tracker.i18n.formats import describe_due

# Colour backs up the text; every flag reads without it (NO_COLOR, colour blindness).
FLAG_STYLES: dict[Flag, str] = {
    Flag.OVERDUE: "bold white on red",
    Flag.DUE_TODAY: "bold black on yellow",
    Flag.PROVIDER_LATE: "bold magenta",
    Flag.NO_TICKET: "yellow",
    Flag.CHECK_FAILED: "bold red",
    Flag.RECHECK: "bold cyan",
}

STATUS_STYLES: dict[Status, str] = {
    Status.REQUESTED: "",
    Status.CONFIRMED: "cyan",
    Status.VERIFIED: "green",
    Status.FAILED: "bold red",
    Status.WITHDRAWN: "dim",
}


def flag_text(flags: list[Flag], overdue_days: int | None = None) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, flag in enumerate(flags):
        if index:
            text.append(" ")
        label = flag.label
        text.append(label, style=FLAG_STYLES[flag])
    return text


def plain(value: str) -> Text:
    """User text as a single literal line: no markup, no control characters."""
    return Text(literal(value.replace("\n", " ")), no_wrap=True, overflow="ellipsis")


def due_text(due: date | None, status: Status, today: date) -> Text:
    label = describe_due(due, today)
    if not label:
        return Text("-", style="dim")
    style = ""
    if follow_up_pending(status, due) and due is not None:
        style = "bold red" if due < today else ("bold yellow" if due == today else "")
    return Text(label, style=style)


@dataclass(frozen=True)
class Row:
    """One rendered table row, keyed by case id."""

    case_id: int
    cells: tuple[Text, ...]


def case_row(summary: CaseSummary, today: date, extra: str | None = None) -> Row:
    """Cells: number, flags, provider, service, status, requested, ticket, next, checks
    (+ extra)."""
    cells = [
        Text(str(summary.id), style="dim", justify="right"),
        flag_text(flags_for(summary.facts, today)),
        plain(summary.provider),
        plain(summary.service),
        Text(summary.status.value, style=STATUS_STYLES[summary.status]),
        Text(summary.requested_on.isoformat()),
        plain(summary.ticket) if summary.ticket.strip() else Text("-", style="dim"),
        due_text(summary.next_follow_up, summary.status, today),
        Text(summary.progress, justify="right"),
    ]
    if extra is not None:
        cells.append(plain(extra))
    return Row(summary.id, tuple(cells))
