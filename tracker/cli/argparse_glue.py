"""Where the command line leans on argparse's insides, in one place.

A parser that reports usage errors as one line and takes relative dates such as
``-2d`` as values (argparse's private ``_negative_number_matcher``), and
subcommands whose arguments are added only when used (a subclass of argparse's
private ``_SubParsersAction``). ``tests/cli/test_argparse_glue.py`` pins the
argparse behaviour both rely on, so that a new Python that changes it fails there.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from tracker.cli.arguments import add_language_option
from tracker.i18n import _

EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "formatter_class" not in kwargs:
            from tracker.cli.help_format import CellHelpFormatter

            kwargs["formatter_class"] = CellHelpFormatter
        super().__init__(*args, **kwargs)
        # The help a usage error points to: the command's own when the line names one (an
        # unknown option after `tracker add` is reported by the top parser).
        self.help_prog = self.prog
        # Let relative dates such as "-2d" and "-1w" be values, not unknown options.
        self._negative_number_matcher = re.compile(r"^-\d+[dw]?$|^-\d*\.\d+$")

    def format_help(self) -> str:
        # argparse ends each section's title with an ASCII colon; Chinese writes "："
        text = super().format_help()
        for title in (_("positional arguments"), _("options")):
            text = text.replace(f"\n{title}:\n", "\n" + _("{label}:").format(label=title) + "\n")
        return text

    def error(self, message: str) -> NoReturn:
        # argparse joins the missing options with an English ", ": list them as the reader's
        # language does.
        required = _("the following arguments are required: %s").split("%s")[0]
        if message.startswith(required):
            from tracker.wording.formats import listed

            message = required + listed(message[len(required) :].split(", "))
        sys.stderr.write(
            _("{prog}: error: {problem} (see {help} --help)").format(
                prog=self.prog, problem=message, help=self.help_prog
            )
            + "\n"
        )
        raise SystemExit(EXIT_USAGE)


Fill = Callable[[Parser, Mapping[str, str]], None]


class Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """argparse's subcommands, each one's arguments added when that command is used.

    A command line runs one command: building the grammar of all thirty for it
    was most of the parser's cost. ``tracker --help`` needs only each command's
    name and one-line help, which are there from the start; ``tracker add ...``
    and ``tracker add --help`` fill in ``add`` first. Every command also takes
    ``--lang`` after its name (``tracker due --lang es``); not given there, it
    leaves the value given before the command alone.
    """

    def __init__(self, *args: Any, metavars: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metavars = metavars
        self._unfilled: dict[str, Fill | None] = {}

    def add_parser(self, name: str, *, fill: Fill | None = None, **kwargs: Any) -> Parser:
        parser: Parser = super().add_parser(name, **kwargs)
        self._unfilled[name] = fill
        return parser

    def filled(self, name: str) -> Parser:
        """The command's parser with all its arguments."""
        parser: Parser = self.choices[name]
        if name in self._unfilled:
            fill = self._unfilled.pop(name)
            if fill is not None:
                fill(parser, self.metavars)
            add_language_option(parser, self.metavars, default=argparse.SUPPRESS)
        return parser

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, Sequence) and values and values[0] in self._unfilled:
            self.filled(values[0])
        super().__call__(parser, namespace, values, option_string)


def add_commands(parser: argparse.ArgumentParser, m: Mapping[str, str], **options: Any) -> Commands:
    """Subcommands on ``parser``; ``m``: the placeholders in the reader's language."""
    subparsers: Any = parser.add_subparsers  # typeshed knows only argparse's own keywords
    commands: Commands = subparsers(parser_class=Parser, action=Commands, metavars=m, **options)
    return commands
