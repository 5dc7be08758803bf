"""Showing user text and dates to people, the same way in the command line and the TUI."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime

from tracker.domain.model import EntryKind, TimelineEntry
from tracker.i18n import _

_KEEP_MULTILINE = {"\n", "\t"}


# Characters a terminal may act on instead of showing: controls (C0, DEL, C1),
# format characters (bidi overrides could reorder what the user sees), line and
# paragraph separators, and lone surrogates (not encodable at all).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
# The zero-width joiner is a format character that emoji sequences need.
_ZWJ = "\u200d"


def unsafe(ch: str) -> bool:
    """Whether a terminal may act on this character instead of showing it."""
    return ch != _ZWJ and unicodedata.category(ch) in _UNSAFE_CATEGORIES


def literal(text: str, multiline: bool = False) -> str:
    """User text made safe for a terminal: control characters shown as escapes.

    ``\\x1b[31m`` in a provider's name is printed as those characters, never sent
    raw to the terminal. With ``multiline`` newlines and tabs are kept.
    """
    if text.isprintable():  # no control or format characters: the common case, at C speed
        return text
    if multiline:
        # Line by line, so that a long report (tracker due with thousands of rows) is
        # checked at C speed and only a line that needs it is gone through by hand.
        return "\n".join(
            line if line.isprintable() else _escaped(line, keep=_KEEP_MULTILINE) for line in text.split("\n")
        )
    return _escaped(text, keep=frozenset())


def _escaped(text: str, keep: frozenset[str] | set[str]) -> str:
    out: list[str] = []
    for ch in text:
        if ch not in keep and unsafe(ch):
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def visible(text: str) -> str:
    """User text being edited, safe for a terminal character for character.

    Each unsafe character becomes one visible one (ESC shows as ␛, others as
    the control picture or �), so positions in the text stay where they are:
    for input fields, whose cursor counts characters. Tabs are kept.
    """
    if text.isprintable():
        return text
    return "".join(_picture(ch) if ch != "\t" and unsafe(ch) else ch for ch in text)


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps``) with every unsafe character inside its
    strings written as a ``\\uXXXX`` escape: the same data, safe for a terminal.

    ``json.dumps`` escapes only C0 controls; DEL, C1 controls and bidi overrides
    would reach the terminal raw. Newlines and spaces between values are kept.
    """
    if text.isprintable():
        return text
    return "".join(_json_escape(ch) if ch not in _JSON_LAYOUT and unsafe(ch) else ch for ch in text)


_JSON_LAYOUT = frozenset("\n\r\t")


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def one_line(text: str) -> str:
    """User text for one line of output: literal, line breaks shown as spaces."""
    if text.isprintable():  # the common case, checked at C speed
        return text
    return literal(text.replace("\r\n", " ").replace("\n", " "))


def headline(text: str, limit: int = 40) -> str:
    """User text for a title or a message: literal, on one line, at most ``limit`` columns."""
    return fit(one_line(text), limit).rstrip()


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


def entry_when(entry: TimelineEntry, requested_on: date, local: Callable[[datetime], datetime]) -> str:
    """When a timeline entry happened, in local time (``local``: the clock's). The entry that
    opened a back-dated case is dated by its request date, with when it was written down (as
    the dossier does)."""
    moment = local(entry.at)
    stamp = moment.strftime("%Y-%m-%d %H:%M")
    if entry.kind is EntryKind.CREATED and moment.date() != requested_on:
        return _("{date} (logged {stamp})").format(date=requested_on.isoformat(), stamp=stamp)
    return stamp


def entry_details(entry: TimelineEntry) -> list[str]:
    """The particulars of a timeline entry: channel, ticket, agent, agreed next date."""
    details = []
    if entry.channel:
        details.append(entry.channel.value)
    if entry.ticket:
        details.append(f"ticket {one_line(entry.ticket)}")
    if entry.agent:
        details.append(f"agent {one_line(entry.agent)}")
    if entry.next_follow_up and entry.kind is EntryKind.CONTACT:
        details.append(f"next {entry.next_follow_up.isoformat()}")
    return details
