"""argparse's help laid out in terminal columns, and worded from tracker's catalogs.

argparse measures text with ``len``: a Chinese character counts one but takes two
columns, so its wrapped help ran past the terminal's edge and its columns drifted.
This formatter measures in columns (:func:`tracker.display.cell_width`) where
argparse lays text out: the usage lines, the option column and the help text.
English (where columns and characters agree) is laid out exactly as argparse does.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from typing import Any

from tracker.cli.terminal import columns_variable
from tracker.display import cell_width, wrap
from tracker.i18n import N_, _, ngettext

# argparse's own words, as it asks gettext for them (Python 3.11 to 3.13): marked here so
# that extraction puts them in tracker's catalogs. speak_our_language() hands argparse
# tracker's translation functions, which find them there.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _plural_words(count: int) -> str:
    # argparse's one plural, marked for extraction (never called).
    return ngettext("expected %s argument", "expected %s arguments", count)


def terminal_width() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it: $COLUMNS, the terminal, else 80."""
    columns = columns_variable()
    if columns:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80  # a terminal that reports 0 columns does not know its width


def speak_our_language() -> None:
    """Let argparse word its usage, help and errors from tracker's catalogs.

    argparse calls ``gettext`` through names of its own module; pointing them at
    tracker's functions also spares the ~70 catalog searches on disk its own
    lookups cost at every start.
    """
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


# argparse's parts of a usage line: groups in brackets or parentheses, else words.
_USAGE_PART = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")


class CellHelpFormatter(argparse.HelpFormatter):
    """argparse's layout, measured in terminal columns."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        # argparse asks shutil for the width, and every parser makes a formatter: shutil
        # (with zlib, bz2 and lzma) would load at every start. The same answer, from os.
        super().__init__(
            prog, indent_increment, max_help_position, terminal_width() - 2 if width is None else width
        )

    def _format_usage(
        self, usage: str | None, actions: Iterable[argparse.Action], groups: Any, prefix: str | None
    ) -> str:
        prefix = _("usage: ") if prefix is None else prefix
        text = super()._format_usage(usage, actions, groups, prefix)
        if cell_width(text) == len(text):
            return text
        # Wide words: the usage on one line, then wrapped by columns under the program's name.
        width, self._width = self._width, 1_000_000
        try:
            line = super()._format_usage(usage, actions, groups, prefix).strip("\n")
        finally:
            self._width = width
        body = line[len(prefix) :]
        prog, _space, rest = body.partition(" ")
        indent = cell_width(prefix) + cell_width(prog) + 1
        available = max(self._width - self._current_indent - indent, 20)
        lines: list[str] = []
        current = ""
        for part in _USAGE_PART.findall(rest):
            if current and cell_width(current) + 1 + cell_width(part) > available:
                lines.append(current)
                current = part
            else:
                current = f"{current} {part}" if current else part
        if current:
            lines.append(current)
        joined = ("\n" + " " * indent).join(lines)
        return f"{prefix}{prog} {joined}\n\n" if joined else f"{prefix}{prog}\n\n"

    def _format_action(self, action: argparse.Action) -> str:
        header = self._format_action_invocation(action)
        if cell_width(header) == len(header) and (not action.help or action.help.isascii()):
            return super()._format_action(action)
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        indent_first = 0
        if not action.help:
            parts = [" " * self._current_indent + header + "\n"]
        elif cell_width(header) <= action_width:
            padding = " " * (action_width - cell_width(header))
            parts = [" " * self._current_indent + header + padding + "  "]
        else:
            parts = [" " * self._current_indent + header + "\n"]
            indent_first = help_position
        if action.help and action.help.strip():
            help_text = self._expand_help(action)
            if help_text:
                help_lines = self._split_lines(help_text, help_width)
                parts.append(" " * indent_first + help_lines[0] + "\n")
                parts.extend(" " * help_position + line + "\n" for line in help_lines[1:])
        elif not parts[0].endswith("\n"):
            parts.append("\n")
        parts.extend(self._format_action(sub) for sub in self._iter_indented_subactions(action))
        return self._join_parts(parts)

    def _split_lines(self, text: str, width: int) -> list[str]:
        if text.isascii():
            return super()._split_lines(text, width)
        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.isascii():
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap(" ".join(text.split()), width - len(indent)))
