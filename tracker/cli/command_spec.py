"""What a topic module of :mod:`tracker.cli.commands` declares for each of its commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from tracker.i18n import _
from tracker.records import record

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock

# Runs the command on the parsed arguments; returns the exit status.
Handler = Callable[[argparse.Namespace, "Clock"], int]
# Adds the command's arguments to its parser; the mapping holds the placeholders
# (metavars) in the reader's language.
Arguments = Callable[["Parser", Mapping[str, str]], None]
# Whether this use of the command changes the user's data.
Writes = Callable[[argparse.Namespace], bool]


def always(args: argparse.Namespace) -> bool:
    """For ``writes``: every use of the command changes data."""
    return True


def never(args: argparse.Namespace) -> bool:
    """For ``writes``: the command only reads (the default)."""
    return False


@record(frozen=True)
class Command:
    """One ``tracker NAME`` command.

    ``help`` and ``description`` are marked with ``N_`` and translated when the grammar
    is built, in the language chosen by then. A description may name a placeholder in
    braces, lower case (``{name}``, ``{kind}``): it is filled with that metavar as the
    reader sees it (``NAME``, ``KIND``).

    ``writes`` says whether the command has changed data once it returns: then a report
    that cannot be printed is only a warning, so that nobody runs it again and makes a
    duplicate.
    """

    name: str
    help: str
    handler: Handler
    arguments: Arguments | None = None
    description: str = ""
    writes: Writes = never
    # The Peruvian term the command deals in (its Spanish name): ``--help`` points to
    # ``tracker glossary TERM``, where it is explained in the reader's language.
    glossary: str = ""

    def described(self, metavars: Mapping[str, str]) -> str | None:
        """The description in the current language, its placeholders filled; None when there is none."""
        if not self.description:
            return None
        return _(self.description).format(**{key.lower(): value for key, value in metavars.items()})

    def see_also(self) -> str | None:
        """The line under ``--help`` that points to the glossary; None for a command without a term."""
        if not self.glossary:
            return None
        return _("see: tracker glossary {term}").format(term=self.glossary)
