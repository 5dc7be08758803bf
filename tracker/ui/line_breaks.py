"""Chinese lines broken where Chinese breaks them, in every widget.

Rich and Textual break a line only at whitespace: both call ``rich._wrap.divide_line``.
A Chinese sentence has no spaces, so it is one "word", folded wherever the line ends:
inside a date ("下次跟进2026-12-1 / 1。"), a code or a command ("tra / cker"). Neither
has a hook for the rules of a language, so :func:`install` points both at
:func:`tracker.display.line_breaks` for a line that holds a wide character; every other
line keeps Rich's own breaks, so English and Spanish screens are drawn as before. No
character is added to the text: what the user copies is what was written.
"""

from __future__ import annotations

import rich._wrap
import rich.text
import textual.content

from tracker.display import has_wide, line_breaks

_RICH_DIVIDE_LINE = rich._wrap.divide_line


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's ``divide_line``, with Chinese rules for a line that holds Chinese."""
    if has_wide(text):
        return line_breaks(text, width, fold)
    return _RICH_DIVIDE_LINE(text, width, fold)


def install() -> None:
    """Break every widget's lines with :func:`divide_line` (the modules that call it by name)."""
    for module in (rich._wrap, rich.text, textual.content):
        setattr(module, "divide_line", divide_line)  # noqa: B010 (not a public attribute)
