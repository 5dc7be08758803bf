"""Turning cases into table cells: flags as badges, dates as people say them.

Cell styles are the theme-relative strings of :mod:`tracker.ui.styles`; the
table resolves them against the theme in force when it draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from rich.text import Text

from tracker.display import literal
from tracker.domain.flags import Flag, flags_for, follow_up_pending
from tracker.domain.model import Status
from tracker.domain.summary import CaseSummary
from tracker.i18n import pgettext
from tracker.records import record
from tracker.ui import styles
from tracker.wording import terms
from tracker.wording.formats import describe_due
from tracker.wording.terms import status_label


def flag_label(flag: Flag, short: bool = False) -> str:
    return terms.short_flag_label(flag) if short else terms.flag_label(flag)


def flag_text(flags: Sequence[Flag], short: bool = False) -> Text:
    """Flags as badges, separated as the language separates a list ("SU PLAZO, VENCE HOY"):
    the words carry the meaning, colour backs them up, and without colour two badges must
    not read as one phrase ("SU PLAZO VENCE HOY")."""
    text = Text(no_wrap=True, overflow="ellipsis")
    separator = pgettext("list separator", ", ")
    for index, flag in enumerate(flags):
        if index:
            text.append(separator)
        text.append(flag_label(flag, short), style=styles.FLAG_STYLES[flag])
    return text


def status_text(status: Status) -> Text:
    return Text(status_label(status), style=styles.STATUS_STYLES[status])


def plain(value: str) -> Text:
    """User text as a single literal line: no markup, no control characters."""
    return Text(literal(value.replace("\n", " ")), no_wrap=True, overflow="ellipsis")


def muted(value: str) -> Text:
    return Text(value, style=styles.MUTED)


def due_text(due: date | None, status: Status, today: date) -> Text:
    label = describe_due(due, today)
    if not label:
        return muted("-")
    style = ""
    if follow_up_pending(status, due) and due is not None:
        style = styles.OVERDUE if due < today else (styles.DUE_TODAY if due == today else "")
    return Text(label, style=style)


class Cell(NamedTuple):
    """A cell's text, and a shorter form for when the column is too narrow for it."""

    full: Text
    short: Text | None = None

    @property
    def plain(self) -> str:
        return self.full.plain


@record(frozen=True)
class Row:
    """One rendered table row, keyed by case id."""

    case_id: int
    cells: tuple[Cell, ...]


def case_row(summary: CaseSummary, today: date, extra: str | None = None) -> Row:
    """Cells: number, flags, provider, service, status, requested, ticket, next, checks
    (+ extra)."""
    flags = flags_for(summary.facts, today)
    number = Text(str(summary.id), style=styles.MUTED, justify="right")
    cells = [
        Cell(number),
        Cell(flag_text(flags), flag_text(flags, short=True)),
        Cell(plain(summary.provider)),
        Cell(plain(summary.service)),
        Cell(status_text(summary.status)),
        Cell(Text(summary.requested_on.isoformat())),
        Cell(plain(summary.ticket) if summary.ticket.strip() else muted("-")),
        Cell(due_text(summary.next_follow_up, summary.status, today)),
        Cell(Text(summary.progress, justify="right")),
    ]
    if extra is not None:
        cells.append(Cell(plain(extra)))
    return Row(summary.id, tuple(cells))
