"""Showing user text and dates to people, the same way in the command line and the TUI."""

from __future__ import annotations

import unicodedata
from datetime import date

from tracker.domain.model import EntryKind, TimelineEntry
from tracker.i18n import _

_KEEP_MULTILINE = {"\n", "\t"}


def literal(text: str, multiline: bool = False) -> str:
    """User text made safe for a terminal: control characters shown as escapes.

    ``\\x1b[31m`` in a provider's name is printed as those characters, never sent
    raw to the terminal. With ``multiline`` newlines and tabs are kept.
    """
    if text.isprintable():  # no control or format characters: the common case, at C speed
        return text
    out: list[str] = []
    for ch in text:
        if multiline and ch in _KEEP_MULTILINE:
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf") and ch not in ("\u200d",):
            # Cf includes bidi overrides that could reorder what the user sees;
            # the zero-width joiner stays, emoji sequences need it.
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def headline(text: str, limit: int = 40) -> str:
    """User text for a title or a message: literal, on one line, at most ``limit`` columns."""
    return fit(literal(text.replace("\n", " ")), limit).rstrip()


def cell_width(text: str) -> int:
    """Columns the text takes in a terminal (wide East Asian characters and emoji take two)."""
    if text.isascii() or max(text) < "\u0300":  # Latin letters are one column each
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch == "\u200d" or "\ufe00" <= ch <= "\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """Cut (with an ellipsis) or pad text to exactly ``width`` terminal columns."""
    if text.isascii() or max(text) < "\u0300":
        return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
    used = cell_width(text)
    if used <= width:
        return text + " " * (width - used)
    out: list[str] = []
    used = 0
    for ch in text:
        step = cell_width(ch)
        if used + step > width - 1:
            break
        out.append(ch)
        used += step
    return "".join(out) + "…" + " " * (width - 1 - used)


def entry_when(entry: TimelineEntry, requested_on: date) -> str:
    """When a timeline entry happened, in local time. The entry that opened a back-dated
    case is dated by its request date, with when it was written down (as the dossier does)."""
    local = entry.at.astimezone()
    stamp = local.strftime("%Y-%m-%d %H:%M")
    if entry.kind is EntryKind.CREATED and local.date() != requested_on:
        return _("{date} (logged {stamp})").format(date=requested_on.isoformat(), stamp=stamp)
    return stamp


def entry_details(entry: TimelineEntry) -> list[str]:
    """The particulars of a timeline entry: channel, ticket, agent, agreed next date."""
    details = []
    if entry.channel:
        details.append(entry.channel.value)
    if entry.ticket:
        details.append(f"ticket {literal(entry.ticket)}")
    if entry.agent:
        details.append(f"agent {literal(entry.agent)}")
    if entry.next_follow_up and entry.kind is EntryKind.CONTACT:
        details.append(f"next {entry.next_follow_up.isoformat()}")
    return details
