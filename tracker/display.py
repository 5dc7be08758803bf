"""Showing user text to people safely, the same way in the command line and the TUI: terminal-safe
text, widths, cutting and wrapping. Words of the model are :mod:`tracker.wording`'s."""

from __future__ import annotations

import unicodedata

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
    Everything runs at C speed but the check of each distinct character of a text
    that holds one a terminal might act on (``list --json`` prints 100,000 cases).
    """
    if text.replace("\n", "").isprintable():  # the layout's newlines are the only controls
        return text
    for ch in {ch for ch in set(text) if ch not in _JSON_LAYOUT and unsafe(ch)}:
        text = text.replace(ch, _json_escape(ch))  # str.translate goes through a dict per character
    return text


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


# Chinese breaks a line between any two characters, but never before a closing mark
# nor after an opening one.
_NO_BREAK_BEFORE = frozenset("，。、；：！？）】」』”’》…%,.;:!?)]}")
_NO_BREAK_AFTER = frozenset("（【「『“‘《([{")


# A space that :func:`wrap` never breaks at ("Res.\u00a0099-2022-CD/OSIPTEL").
NO_BREAK = "\u00a0"


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[tuple[bool, str]]:
    """Words and wide characters, each with whether a space came before it."""
    tokens: list[tuple[bool, str]] = []
    word = ""
    spaced = False
    for ch in text:
        if ch.isspace() and ch != NO_BREAK:
            if word:
                tokens.append((spaced, word))
                word = ""
            spaced = bool(tokens)
            continue
        glued = ch in _NO_BREAK_BEFORE or (word and word[-1] in _NO_BREAK_AFTER)
        if (_wide(ch) or (word and _wide(word[-1]))) and word and not glued:
            tokens.append((spaced, word))
            word, spaced = "", False
        elif not word and ch in _NO_BREAK_BEFORE and tokens and not spaced:
            spaced, word = tokens.pop()
        word += ch
    if word:
        tokens.append((spaced, word))
    return tokens


def _head(text: str, width: int) -> str:
    """The longest start of ``text`` that fits ``width`` columns (at least one character)."""
    used = 0
    for index, ch in enumerate(text):
        used += cell_width(ch)
        if used > width:
            return text[: max(index, 1)]
    return text


def wrap(text: str, width: int) -> list[str]:
    """Text in lines of at most ``width`` terminal columns, broken at spaces and, in
    Chinese, between characters (as people write it); a word longer than a line is cut."""
    lines: list[str] = []
    line, used = "", 0
    for spaced, token in _tokens(text):
        size = cell_width(token)
        gap = 1 if spaced and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = "", 0, 0
        while size > width and not line:  # a long word (a URL): cut where the line ends
            head = _head(token, width)
            lines.append(head)
            token = token[len(head) :]
            size = cell_width(token)
        line += " " * gap + token
        used += gap + size
    if line:
        lines.append(line)
    return lines
