"""The command line's grammar. Light on purpose: ``--help`` loads no database code."""

from __future__ import annotations

from collections.abc import Sequence

from tracker import __version__
from tracker.cli.argparse_glue import Parser, add_commands
from tracker.cli.arguments import add_language_option
from tracker.cli.help_format import speak_our_language
from tracker.domain.dates import date_help
from tracker.i18n import _, pgettext


def language_option(arguments: Sequence[str]) -> str | None:
    """The value of ``--lang`` among the arguments, found before they are parsed,
    so that help and errors come in that language too. The last one wins, as in argparse."""
    found = None
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            found = arguments[index + 1]
        elif argument.startswith("--lang="):
            found = argument.removeprefix("--lang=")
    return found


# The options before the command that take a value, and those that need every command's help.
_TAKES_VALUE = ("--db", "--lang")


def command_word(arguments: Sequence[str]) -> str | None:
    """The command the arguments name, found before they are parsed, so that only its topic's
    grammar is built; None for --help, --version and anything unsure (then every command's is)."""
    values_next = False
    for argument in arguments:
        if values_next:
            values_next = False
            continue
        if argument == "-" or not argument.startswith("-"):
            return argument
        option, equals, _value = argument.partition("=")
        # argparse takes any unambiguous prefix of an option: --la for --lang.
        if option.startswith("--") and len(option) > 2 and any(o.startswith(option) for o in _TAKES_VALUE):
            values_next = not equals
            continue
        return None  # --help, --version, "--" or an option argparse will refuse
    return None


def metavar_words() -> dict[str, str]:
    """The placeholders of the usage lines (``--requested DATE``) in the reader's language."""
    return {
        "ACTION": pgettext("metavar", "ACTION"),
        "AGENT": pgettext("metavar", "AGENT"),
        "AMOUNT": pgettext("metavar", "AMOUNT"),
        "CHANGE": pgettext("metavar", "CHANGE"),
        "CHANNEL": pgettext("metavar", "CHANNEL"),
        "CHECK": pgettext("metavar", "CHECK"),
        "CODE": pgettext("metavar", "CODE"),
        "COMMAND": pgettext("metavar", "COMMAND"),
        "CURRENCY": pgettext("metavar", "CURRENCY"),
        "DATE": pgettext("metavar", "DATE"),
        "DAYS": pgettext("metavar", "DAYS"),
        "FEE": pgettext("metavar", "FEE"),
        "FILE": pgettext("metavar", "FILE"),
        "FILE.zip": pgettext("metavar", "FILE.zip"),
        "FROM..TO": pgettext("metavar", "FROM..TO"),
        "ID": pgettext("metavar", "ID"),
        "KIND": pgettext("metavar", "KIND"),
        "LANG": pgettext("metavar", "LANG"),
        "NAME": pgettext("metavar", "NAME"),
        "NOTE": pgettext("metavar", "NOTE"),
        "OUTCOME": pgettext("metavar", "OUTCOME"),
        "NUMBER": pgettext("metavar", "NUMBER"),
        "PATH_OR_URL": pgettext("metavar", "PATH_OR_URL"),
        "PLAYBOOK": pgettext("metavar", "PLAYBOOK"),
        "PROVIDER": pgettext("metavar", "PROVIDER"),
        "REASON": pgettext("metavar", "REASON"),
        "REQUEST": pgettext("metavar", "REQUEST"),
        "RESOLUTION": pgettext("metavar", "RESOLUTION"),
        "SERVICE": pgettext("metavar", "SERVICE"),
        "STATE": pgettext("metavar", "STATE"),
        "SUMMARY": pgettext("metavar", "SUMMARY"),
        "TERM": pgettext("metavar", "TERM"),
        "TEXT": pgettext("metavar", "TEXT"),
        "TICKET": pgettext("metavar", "TICKET"),
        "TOPIC": pgettext("metavar", "TOPIC"),
    }


def build_parser(arguments: Sequence[str] | None = None) -> Parser:
    """The grammar, its help worded in the language chosen (call after choosing it).

    Given the arguments, only the commands of the topics up to the named command's own
    are registered; otherwise (and for --help or a name that is no command's) all are.
    """
    from tracker.cli.registry import commands_up_to

    speak_our_language()
    m = metavar_words()
    parser = Parser(
        prog="tracker",
        description=_("Track cancellations until they are really over. With no command, opens the TUI."),
        epilog=_(
            "Dates: {forms}. The database: --db, else $TRACKER_DB, else the default in your "
            "data folder (tracker db path)."
        ).format(forms=date_help()),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tracker {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--db",
        metavar=m["PATH_OR_URL"],
        help=_(
            "database file or URL: sqlite:///file.db or postgresql+psycopg://user@host/db "
            "(default: $TRACKER_DB)"
        ),
    )
    add_language_option(parser, m)
    commands = add_commands(parser, m, dest="command", metavar=m["COMMAND"])
    named = None if arguments is None else command_word(arguments)
    for command in commands_up_to(named):
        commands.add_parser(
            command.name,
            help=_(command.help),
            description=command.described(m),
            epilog=command.see_also(),
            fill=command.arguments,
        )
    if named in commands.choices:
        parser.help_prog = f"{parser.prog} {named}"

    return parser
