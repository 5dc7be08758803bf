"""Advice in the words of the surface that shows it: a command on the command line, a key in the TUI.

A sentence that tells the user what to do next holds an :class:`~tracker.domain.phrases.Advice`
(the command and the binding's id) instead of a command written into its text; it is worded
when read. The command line is the default; the TUI installs its own words
(:func:`advise_with`) while it runs, so the same sentence names ``l`` there and
``tracker letter 3 apelacion`` here.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.domain.phrases import Advice

Advise = Callable[[Advice], str]


def on_command_line(advice: Advice) -> str:
    """ "tracker letter 3 apelacion"."""
    return f"tracker {advice.command}"


_advise: Advise = on_command_line


def advice_words(advice: Advice) -> str:
    """The advice as the surface in use says it."""
    return _advise(advice)


def advise_with(advise: Advise) -> Advise:
    """Word advice with ``advise`` from now on; returns the words it replaces (to put back)."""
    global _advise
    previous, _advise = _advise, advise
    return previous
