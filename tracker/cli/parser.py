"""The command line's grammar. Light on purpose: ``--help`` loads no database code."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from tracker import __version__
from tracker.domain.dates import DATE_HELP
from tracker.domain.errors import InvalidInput
from tracker.domain.limits import MAX_WITHIN_DAYS, check_case_ref, check_count
from tracker.domain.model import Action, Channel, Outcome, StageKind, Topic
from tracker.i18n import _
from tracker.notify_config import CHANNELS as NOTIFY_CHANNELS

CHANNELS = [c.value for c in Channel]
STAGE_KINDS = [k.value for k in StageKind]
LETTER_KINDS = [k.value for k in StageKind if k is not StageKind.OSIPTEL_FORM]
EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr, exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Let relative dates such as "-2d" and "-1w" be values, not unknown options.
        self._negative_number_matcher = re.compile(r"^-\d+[dw]?$|^-\d*\.\d+$")

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


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


def case_ref(text: str) -> str:
    """An ID argument: a case number in range or a UUID (prefix), else a usage error."""
    try:
        return check_case_ref(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def within_days(text: str) -> int:
    """``--within DAYS``: a whole number from 0 to MAX_WITHIN_DAYS."""
    problem = argparse.ArgumentTypeError(
        _("must be a whole number of days from 0 to {most}, not {value}").format(
            most=f"{MAX_WITHIN_DAYS:,}", value=repr(text)
        )
    )
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_WITHIN_DAYS)):
        raise problem
    try:
        return check_count(int(value), "--within", 0, MAX_WITHIN_DAYS)
    except InvalidInput:
        raise problem from None


def build_parser() -> Parser:
    parser = Parser(
        prog="tracker",
        description="Track cancellations until they are really over. With no command, opens the TUI.",
        epilog=f"Dates: {DATE_HELP}. The database: --db, else $TRACKER_DB, else the "
        "default in your data folder (tracker db path).",
    )
    parser.add_argument("--version", action="version", version=f"tracker {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or URL: sqlite:///file.db or postgresql+psycopg://user@host/db "
        "(default: $TRACKER_DB)",
    )
    _add_language_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    add = commands.add_parser(
        "add",
        help="log a new cancellation case",
        description="Log a new case. The playbook fills in the "
        "checks, the promised date and the first follow-up.",
    )
    add.add_argument("provider", metavar="PROVIDER", help='who you are cancelling with, e.g. "Movistar Perú"')
    add.add_argument(
        "--service", "-s", default="", help='what is being cancelled, e.g. "eSIM +51 987 654 321"'
    )
    add.add_argument("--ticket", "-t", default="", help="the reference number the provider gave")
    add.add_argument(
        "--requested", "-r", default="today", metavar="DATE", help="when you asked (default: today)"
    )
    add.add_argument(
        "--channel", "-c", default="phone", choices=CHANNELS, help="how you asked (default: phone)"
    )
    add.add_argument(
        "--playbook",
        "-p",
        help="esim-pe, subscription, generic or one of yours (default: from the config, else generic)",
    )
    add.add_argument(
        "--action",
        default="cancel",
        choices=[a.value for a in Action],
        help="cancel for good, or only suspend (default: cancel)",
    )
    add.add_argument("--note", "-n", default="", help="anything worth remembering")
    add.add_argument(
        "--promised", metavar="DATE", help="the provider's deadline (default: from the playbook)"
    )
    add.add_argument(
        "--next",
        metavar="DATE",
        dest="next_date",
        help="first follow-up (default: the day after the deadline; the next business day "
        "for playbooks that count business days)",
    )
    add.add_argument("--fee", default="", help="a cancellation fee the provider charges, if any, e.g. 29.90")
    add.add_argument(
        "--currency",
        default="",
        help="the cancellation fee's currency, e.g. PEN (default: the playbook's; esim-pe: PEN)",
    )
    add.add_argument(
        "--effective",
        metavar="DATE",
        help="a baja (or suspension) on a date you choose; esim-pe allows 5 business days to 1 month ahead",
    )
    add.add_argument(
        "--until", metavar="DATE", help="suspension-pe: the day the line comes back (15 days to 2 months)"
    )
    add.add_argument("--json", action="store_true", help="print the new case as JSON")

    listing = commands.add_parser("list", help="list cases, most urgent first")
    listing.add_argument("--all", action="store_true", help="include closed cases")
    listing.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    due = commands.add_parser(
        "due",
        help="follow-ups overdue or due today; exits 1 when any is overdue",
        description="Follow-ups that are overdue or due today. Exit status: 0 when "
        "nothing is overdue, 1 when something is (for cron: tracker due || notify-send ...).",
    )
    due.add_argument(
        "--within",
        type=within_days,
        default=0,
        metavar="DAYS",
        help=f"also list those due in the next DAYS days (at most {MAX_WITHIN_DAYS:,})",
    )
    due.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    show = commands.add_parser("show", help="one case: fields, checks, timeline")
    show.add_argument("id", metavar="ID", type=case_ref, help="case number or UUID")
    show.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    log = commands.add_parser("log", help="log a contact with the provider")
    log.add_argument("id", metavar="ID", type=case_ref)
    log.add_argument("summary", metavar="SUMMARY", help="what was said or done")
    log.add_argument(
        "--channel", "-c", default="phone", choices=CHANNELS, help="how you got in touch (default: phone)"
    )
    log.add_argument("--ticket", "-t", default="", help="a new reference number, if one was given")
    log.add_argument("--agent", "-a", default="", help="who you spoke to")
    log.add_argument(
        "--next",
        metavar="DATE",
        dest="next_date",
        help="the next follow-up (default: the playbook's cadence)",
    )
    log.add_argument("--confirmed", action="store_true", help="the provider says the cancellation is done")
    log.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    check = commands.add_parser(
        "check",
        help="record a verification check",
        description="Record a check's result (by name, any case), "
        "or add a check of your own with the state 'add'.",
    )
    check.add_argument("id", metavar="ID", type=case_ref)
    check.add_argument("check", metavar="CHECK", help='e.g. "calls blocked"')
    check.add_argument(
        "state",
        choices=["pass", "passed", "fail", "failed", "pending", "add"],
        metavar="STATE",
        help="pass (or passed), fail (or failed), pending, or add",
    )
    check.add_argument("--note", "-n", default="")
    check.add_argument("--required", action="store_true", help="with 'add': a required check")
    check.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    verify = commands.add_parser("verify", help="mark a case verified (required checks passed)")
    verify.add_argument("id", metavar="ID", type=case_ref)
    verify.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    withdraw = commands.add_parser("withdraw", help="drop a case (it can be reopened)")
    withdraw.add_argument("id", metavar="ID", type=case_ref)
    withdraw.add_argument("--reason", default="")

    reopen = commands.add_parser("reopen", help="undo a withdrawal")
    reopen.add_argument("id", metavar="ID", type=case_ref)

    delete = commands.add_parser("delete", help="move a case to the trash")
    delete.add_argument("id", metavar="ID", type=case_ref)

    restore = commands.add_parser("restore", help="bring a case back from the trash")
    restore.add_argument("id", metavar="ID", type=case_ref)

    trash = commands.add_parser("trash", help="list the cases in the trash")
    trash.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    playbooks = commands.add_parser(
        "playbooks",
        help="list the playbooks and their checks, or show one in full",
        description="Without NAME, every playbook and its checks; with NAME, that playbook "
        "in full: its title, days, checks, the steps to take and, for a Peruvian playbook, "
        "every rule with the norm it comes from.",
    )
    playbooks.add_argument("name", nargs="?", metavar="NAME", help="one playbook, e.g. esim-pe")

    escalate = commands.add_parser(
        "escalate",
        help="file a reclamo, queja, apelación or OSIPTEL form on a case",
        description="Record a stage past the provider's deadline. A queja for silence is "
        "refused until the operator's deadline to answer the reclamo has passed, naming "
        "the first day it is allowed.",
    )
    escalate.add_argument("id", metavar="ID")
    escalate.add_argument("kind", choices=STAGE_KINDS, metavar="KIND", help=" | ".join(STAGE_KINDS))
    escalate.add_argument(
        "--filed", metavar="DATE", default="today", help="when it was filed (default: today)"
    )
    escalate.add_argument("--code", default="", help="the código the operator or OSIPTEL gave for it")
    escalate.add_argument(
        "--topic",
        choices=[t.value for t in Topic],
        help="a reclamo's subject: baja (default), billing or quality; it sets the operator's days",
    )
    escalate.add_argument("--amount", help="billing: the amount in dispute (it sets the operator's days)")
    escalate.add_argument("--channel", "-c", choices=CHANNELS, help="how it was filed")
    escalate.add_argument("--note", "-n", default="")
    escalate.add_argument("--json", action="store_true", help="print the case as JSON")

    answer = commands.add_parser(
        "answer",
        help="record the answer to the case's latest stage",
        description="Record the answer (resolution) to the case's latest stage, or to the "
        "latest of --stage KIND. An answer against you opens your deadline to appeal.",
    )
    answer.add_argument("id", metavar="ID")
    answer.add_argument("--on", metavar="DATE", required=True, help="the day the answer was notified to you")
    answer.add_argument("--outcome", required=True, choices=[o.value for o in Outcome])
    answer.add_argument("--stage", choices=STAGE_KINDS, help="answer the latest stage of this kind")
    answer.add_argument("--code", default="", help="the resolution's number")
    answer.add_argument("--note", "-n", default="")
    answer.add_argument("--json", action="store_true", help="print the case as JSON")

    charge = commands.add_parser(
        "charge",
        help="record what the provider billed or took",
        description="Record a charge. The rules say whether it is owed (in Peru: bills issued "
        "after the request, while the baja is not carried out, are not); --owed or "
        "--not-owed overrides them.",
    )
    charge.add_argument("id", metavar="ID")
    charge.add_argument("amount", metavar="AMOUNT", help="e.g. 79.80")
    charge.add_argument("--on", metavar="DATE", required=True, help="the bill's date (or when it was taken)")
    charge.add_argument("--currency", help="ISO code, e.g. PEN (default: the rule book's, PEN in Peru)")
    charge.add_argument("--period", metavar="FROM..TO", help="the period billed, YYYY-MM-DD..YYYY-MM-DD")
    owed = charge.add_mutually_exclusive_group()
    owed.add_argument(
        "--owed", dest="owed", action="store_const", const=True, help="owed, whatever the rules say"
    )
    owed.add_argument(
        "--not-owed", dest="owed", action="store_const", const=False, help="not owed, whatever the rules say"
    )
    charge.add_argument("--note", "-n", default="")
    charge.add_argument("--json", action="store_true", help="print the case as JSON")

    letter = commands.add_parser(
        "letter",
        help="write the reclamo, queja or apelación in Spanish, filled from the case",
        description="Write a letter to the operator (or to OSIPTEL's TRASU through it), in "
        "Spanish, from the case's facts, dates, códigos, deadlines and charges not owed, "
        "with the holder's name and document from config.toml [me]. Not legal advice.",
    )
    letter.add_argument("id", metavar="ID")
    letter.add_argument("kind", choices=LETTER_KINDS, metavar="KIND", help=" | ".join(LETTER_KINDS))
    letter.add_argument(
        "--format", "-f", default="md", choices=["md", "txt"], help="Markdown (default) or text"
    )
    letter.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    letter.add_argument(
        "--redact",
        action="store_true",
        help="mask phone, account and document numbers down to their last four",
    )

    attach = commands.add_parser(
        "attach",
        help="keep a file as evidence on a case (stored under its SHA-256)",
        description="Copy a file (a screenshot of the constancia, an e-mail, a PDF bill) into "
        "the attachments folder beside the database, under its SHA-256, owner-only. The "
        "original can be deleted afterwards.",
    )
    attach.add_argument("id", metavar="ID")
    attach.add_argument("file", metavar="FILE")
    attach.add_argument("--note", "-n", default="")
    attach.add_argument("--json", action="store_true", help="print the case as JSON")

    export = commands.add_parser(
        "export",
        help="export cases as JSON (a full backup), CSV or iCalendar",
        description="Export cases. JSON holds everything (closed cases and the trash too) "
        "and can be imported again; CSV (one row per case) and iCalendar (follow-ups as "
        "to-dos with an alarm, promised dates as all-day events) hold the open cases, "
        "or all of them with --all.",
    )
    export.add_argument(
        "--format", "-f", default="json", choices=["json", "csv", "ics"], help="json (default), csv or ics"
    )
    export.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (replacing it) instead of standard output"
    )
    export.add_argument(
        "--redact",
        action="store_true",
        help="mask phone and account numbers down to their last four digits (tickets are kept)",
    )
    export.add_argument(
        "--all", action="store_true", help="csv and ics: include closed cases (json always has everything)"
    )

    import_ = commands.add_parser(
        "import",
        help="import a JSON export (merges by UUID, no duplicates)",
        description="Import a JSON export made by tracker export. The whole file is checked "
        "first; any problem refuses it, naming its place, and nothing is written. Cases "
        "are merged by UUID: new ones are added, known ones updated, missing timeline "
        "entries added.",
    )
    import_.add_argument("file", metavar="FILE", help="the export file ('-' reads standard input)")
    import_.add_argument(
        "--dry-run", "-n", action="store_true", help="say what would be added and changed; write nothing"
    )

    report = commands.add_parser(
        "report",
        help="a Markdown dossier of one case, for a complaint",
        description="A Markdown dossier of one case: the facts, the dates with business "
        "days elapsed, the provider's missed deadlines, the checks, the whole timeline.",
    )
    report.add_argument("id", metavar="ID", type=case_ref, help="case number or UUID")
    report.add_argument(
        "--redact", action="store_true", help="mask phone and account numbers down to their last four digits"
    )
    report.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    report.add_argument(
        "--bundle",
        metavar="FILE.zip",
        help="write one zip: the dossier, the letters and the attached files, with their SHA-256 sums",
    )

    notify = commands.add_parser(
        "notify",
        help="remind me of follow-ups due: desktop, ntfy, e-mail or a command",
        description="Send one message naming the follow-ups overdue and due today, through the "
        "channels set up under [notify] in config.toml. Each reminder is announced once a day "
        "per channel; nothing is sent when nothing is due. Exit status: 0 when every channel "
        "delivered (or had nothing new to say), 1 when a channel failed, 2 for a usage or "
        "config error.",
    )
    notify.add_argument(
        "--via",
        action="append",
        choices=NOTIFY_CHANNELS,
        metavar="CHANNEL",
        help="send through this channel only (repeatable): " + ", ".join(NOTIFY_CHANNELS),
    )
    notify.add_argument(
        "--dry-run", "-n", action="store_true", help="show what would be sent (or installed); send nothing"
    )
    notify_mode = notify.add_mutually_exclusive_group()
    notify_mode.add_argument(
        "--test", action="store_true", help="send a test message through each channel (any day)"
    )
    notify_mode.add_argument(
        "--install",
        action="store_true",
        help="run it every day by itself: a systemd user timer, else the crontab line to add",
    )
    notify_mode.add_argument("--uninstall", action="store_true", help="remove what --install set up")

    db = commands.add_parser("db", help="the database: path, check, backup, upgrade, copy")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True, parser_class=Parser)
    db_commands.add_parser("path", help="print where the database is")
    db_commands.add_parser("check", help="check the database for damage and inconsistencies; changes nothing")
    backup = db_commands.add_parser("backup", help="copy the database safely, even while in use")
    backup.add_argument(
        "file", nargs="?", metavar="FILE", help="where to write (default: beside the database, timestamped)"
    )
    db_commands.add_parser("upgrade", help="apply pending schema migrations (after a backup)")
    copy = db_commands.add_parser(
        "copy", help="copy every case into another, empty database (SQLite ↔ PostgreSQL)"
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar="PATH_OR_URL",
        help="the database to fill: a file or postgresql+psycopg://user@host/database",
    )
    # --lang after the command too (tracker due --lang es); not given there, it leaves
    # the value given before the command alone.
    for command_parser in [*commands.choices.values(), *db_commands.choices.values()]:
        _add_language_option(command_parser, default=argparse.SUPPRESS)
    return parser


def _add_language_option(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=default,
        help="en, zh_CN or es (default: $TRACKER_LANG, else language in config.toml, else your locale)",
    )
