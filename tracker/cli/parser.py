"""The command line's grammar. Light on purpose: ``--help`` loads no database code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tracker import __version__
from tracker.cli.argparse_glue import Parser, add_commands
from tracker.cli.arguments import CHANNELS, add_language_option, case_ref, within_days
from tracker.cli.help_format import speak_our_language
from tracker.cli.more_commands import add_more_commands
from tracker.domain.dates import date_help
from tracker.domain.limits import MAX_WITHIN_DAYS
from tracker.domain.model import Action
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
        "PATH_OR_URL": pgettext("metavar", "PATH_OR_URL"),
        "PLAYBOOK": pgettext("metavar", "PLAYBOOK"),
        "PROVIDER": pgettext("metavar", "PROVIDER"),
        "REASON": pgettext("metavar", "REASON"),
        "SERVICE": pgettext("metavar", "SERVICE"),
        "STATE": pgettext("metavar", "STATE"),
        "SUMMARY": pgettext("metavar", "SUMMARY"),
        "TICKET": pgettext("metavar", "TICKET"),
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
    for command in commands_up_to(None if arguments is None else command_word(arguments)):
        commands.add_parser(
            command.name, help=_(command.help), description=command.described(m), fill=command.arguments
        )

    commands.add_parser(
        "add",
        help=_("log a new cancellation case"),
        description=_(
            "Log a new case. The playbook fills in the checks, the promised date and the first follow-up."
        ),
        fill=_fill_add,
    )
    commands.add_parser("list", help=_("list cases, most urgent first"), fill=_fill_listing)
    commands.add_parser(
        "due",
        help=_("follow-ups overdue or due today; exits 1 when any is overdue"),
        description=_(
            "Follow-ups that are overdue or due today. Exit status: 0 when nothing is overdue, 1 "
            "when something is (for cron: tracker due || notify-send ...)."
        ),
        fill=_fill_due,
    )
    commands.add_parser("show", help=_("one case: fields, checks, timeline"), fill=_fill_show)
    commands.add_parser("log", help=_("log a contact with the provider"), fill=_fill_log)
    commands.add_parser(
        "check",
        help=_("record a verification check"),
        description=_(
            "Record a check's result (by name, any case), or add a check of your own with the state 'add'."
        ),
        fill=_fill_check,
    )
    commands.add_parser("verify", help=_("mark a case verified (required checks passed)"), fill=_fill_verify)
    commands.add_parser("withdraw", help=_("drop a case (it can be reopened)"), fill=_fill_withdraw)
    commands.add_parser("reopen", help=_("undo a withdrawal"), fill=_fill_reopen)
    commands.add_parser("delete", help=_("move a case to the trash"), fill=_fill_delete)
    commands.add_parser("restore", help=_("bring a case back from the trash"), fill=_fill_restore)
    commands.add_parser("trash", help=_("list the cases in the trash"), fill=_fill_trash)
    commands.add_parser(
        "playbooks",
        help=_("list the playbooks and their checks, or show one in full"),
        description=_(
            "Without {name}, every playbook and its checks; with {name}, that playbook in full: "
            "its title, days, checks, the steps to take and, for a Peruvian playbook, every rule "
            "with the norm it comes from."
        ).format(name=m["NAME"]),
        fill=_fill_playbooks,
    )

    add_more_commands(commands)
    return parser


def _fill_add(add: Parser, m: Mapping[str, str]) -> None:
    add.add_argument(
        "provider", metavar=m["PROVIDER"], help=_('who you are cancelling with, e.g. "Movistar Perú"')
    )
    add.add_argument(
        "--service",
        "-s",
        default="",
        metavar=m["SERVICE"],
        help=_('what is being cancelled, e.g. "eSIM +51 987 654 321"'),
    )
    add.add_argument(
        "--ticket", "-t", default="", metavar=m["TICKET"], help=_("the reference number the provider gave")
    )
    add.add_argument(
        "--requested", "-r", default="today", metavar=m["DATE"], help=_("when you asked (default: today)")
    )
    add.add_argument(
        "--channel", "-c", default="phone", choices=CHANNELS, help=_("how you asked (default: phone)")
    )
    add.add_argument(
        "--playbook",
        "-p",
        metavar=m["PLAYBOOK"],
        help=_("esim-pe, subscription, generic or one of yours (default: from the config, else generic)"),
    )
    add.add_argument(
        "--action",
        default="cancel",
        choices=[a.value for a in Action],
        help=_("cancel for good, or only suspend (default: cancel)"),
    )
    add.add_argument("--note", "-n", default="", metavar=m["NOTE"], help=_("anything worth remembering"))
    add.add_argument(
        "--promised", metavar=m["DATE"], help=_("the provider's deadline (default: from the playbook)")
    )
    add.add_argument(
        "--next",
        metavar=m["DATE"],
        dest="next_date",
        help=_(
            "first follow-up (default: the day after the deadline; the next business day "
            "for playbooks that count business days)"
        ),
    )
    add.add_argument(
        "--fee",
        default="",
        metavar=m["FEE"],
        help=_("a cancellation fee the provider charges, if any, e.g. 29.90"),
    )
    add.add_argument(
        "--currency",
        default="",
        metavar=m["CURRENCY"],
        help=_("the cancellation fee's currency, e.g. PEN (default: the playbook's; esim-pe: PEN)"),
    )
    add.add_argument(
        "--effective",
        metavar=m["DATE"],
        help=_(
            "a baja (or suspension) on a date you choose; esim-pe allows 5 business days to 1 month ahead"
        ),
    )
    add.add_argument(
        "--until",
        metavar=m["DATE"],
        help=_("suspension-pe: the day the line comes back (15 days to 2 months)"),
    )
    add.add_argument("--json", action="store_true", help=_("print the new case as JSON"))


def _fill_listing(listing: Parser, m: Mapping[str, str]) -> None:
    listing.add_argument("--all", action="store_true", help=_("include closed cases"))
    listing.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _fill_due(due: Parser, m: Mapping[str, str]) -> None:
    due.add_argument(
        "--within",
        type=within_days,
        default=0,
        metavar=m["DAYS"],
        help=_("also list those due in the next {days} days (at most {most})").format(
            days=m["DAYS"], most=f"{MAX_WITHIN_DAYS:,}"
        ),
    )
    due.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _fill_show(show: Parser, m: Mapping[str, str]) -> None:
    show.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    show.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _fill_log(log: Parser, m: Mapping[str, str]) -> None:
    log.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    log.add_argument("summary", metavar=m["SUMMARY"], help=_("what was said or done"))
    log.add_argument(
        "--channel", "-c", default="phone", choices=CHANNELS, help=_("how you got in touch (default: phone)")
    )
    log.add_argument(
        "--ticket", "-t", default="", metavar=m["TICKET"], help=_("a new reference number, if one was given")
    )
    log.add_argument("--agent", "-a", default="", metavar=m["AGENT"], help=_("who you spoke to"))
    log.add_argument(
        "--next",
        metavar=m["DATE"],
        dest="next_date",
        help=_("the next follow-up (default: the playbook's cadence)"),
    )
    log.add_argument("--confirmed", action="store_true", help=_("the provider says the cancellation is done"))
    log.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _fill_check(check: Parser, m: Mapping[str, str]) -> None:
    check.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    check.add_argument("check", metavar=m["CHECK"], help=_('e.g. "calls blocked"'))
    check.add_argument(
        "state",
        choices=["pass", "passed", "fail", "failed", "pending", "add"],
        metavar=m["STATE"],
        help=_("pass (or passed), fail (or failed), pending, or add"),
    )
    check.add_argument("--note", "-n", default="", metavar=m["NOTE"])
    check.add_argument("--required", action="store_true", help=_("with 'add': a required check"))
    check.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _fill_verify(verify: Parser, m: Mapping[str, str]) -> None:
    verify.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    verify.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _fill_withdraw(withdraw: Parser, m: Mapping[str, str]) -> None:
    withdraw.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    withdraw.add_argument("--reason", default="", metavar=m["REASON"])


def _fill_reopen(reopen: Parser, m: Mapping[str, str]) -> None:
    reopen.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))


def _fill_delete(delete: Parser, m: Mapping[str, str]) -> None:
    delete.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))


def _fill_restore(restore: Parser, m: Mapping[str, str]) -> None:
    restore.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))


def _fill_trash(trash: Parser, m: Mapping[str, str]) -> None:
    trash.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _fill_playbooks(playbooks: Parser, m: Mapping[str, str]) -> None:
    playbooks.add_argument("name", nargs="?", metavar=m["NAME"], help=_("one playbook, e.g. esim-pe"))
