"""Text fields that never send what they hold to the terminal raw (the TextArea's twin is
:mod:`.safe_text_area`).

A value can carry an escape sequence (a pasted one, or a stored note loaded
into the edit form). The value itself is kept exactly; only what is drawn
shows each control or format character as one visible character (ESC as ␛),
so the cursor still lands where it should.
"""

from __future__ import annotations

from typing import Any

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input

from tracker.display import visible


class _Visible(Highlighter):
    """Draws unsafe characters as visible ones, one for one (spans stay in place)."""

    def highlight(self, text: Text) -> None:
        shown = visible(text.plain)
        if shown != text.plain:
            text.plain = shown


class SafeInput(Input):
    """An Input whose value is drawn safely (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("highlighter", _Visible())
        super().__init__(*args, **kwargs)
