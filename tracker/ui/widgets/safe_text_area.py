"""A TextArea that never sends what it holds to the terminal raw (see :mod:`.safe_text`).

A module of its own: Textual's TextArea takes some 10 ms to import, which the Cases
screen (an Input only) does not need before its first paint.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from tracker.display import visible


class SafeTextArea(TextArea):
    """A TextArea whose lines are drawn safely: each control or format character as one
    visible character, the value itself kept exactly."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        shown = visible(line.plain)
        if shown != line.plain:
            line.plain = shown
        return line
