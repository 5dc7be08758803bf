"""The command line's grammar. Light on purpose: ``--help`` loads no database code."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from tracker import __version__
from tracker.domain.dates import DATE_HELP
from tracker.domain.model import Action, Channel
from tracker.notify_config import CHANNELS as NOTIFY_CHANNELS

CHANNELS = [c.value for c in Channel]
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
        help="first follow-up (default: the working day after the deadline)",
    )
    add.add_argument("--fee", default="", help="a fee, e.g. 29.90")
    add.add_argument("--currency", default="", help="the fee's currency, e.g. PEN")
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
        "--within", type=int, default=0, metavar="DAYS", help="also list those due in the next DAYS days"
    )
    due.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    show = commands.add_parser("show", help="one case: fields, checks, timeline")
    show.add_argument("id", metavar="ID", help="case number or UUID")
    show.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    log = commands.add_parser("log", help="log a contact with the provider")
    log.add_argument("id", metavar="ID")
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
    check.add_argument("id", metavar="ID")
    check.add_argument("check", metavar="CHECK", help='e.g. "calls blocked"')
    check.add_argument("state", choices=["pass", "fail", "pending", "add"])
    check.add_argument("--note", "-n", default="")
    check.add_argument("--required", action="store_true", help="with 'add': a required check")
    check.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    verify = commands.add_parser("verify", help="mark a case verified (required checks passed)")
    verify.add_argument("id", metavar="ID")
    verify.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    withdraw = commands.add_parser("withdraw", help="drop a case (it can be reopened)")
    withdraw.add_argument("id", metavar="ID")
    withdraw.add_argument("--reason", default="")

    reopen = commands.add_parser("reopen", help="undo a withdrawal")
    reopen.add_argument("id", metavar="ID")

    delete = commands.add_parser("delete", help="move a case to the trash")
    delete.add_argument("id", metavar="ID")

    restore = commands.add_parser("restore", help="bring a case back from the trash")
    restore.add_argument("id", metavar="ID")

    trash = commands.add_parser("trash", help="list the cases in the trash")
    trash.add_argument("--json", action="store_true", help="print JSON (for scripts)")

    commands.add_parser("playbooks", help="list the playbooks and their checks")

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
    report.add_argument("id", metavar="ID", help="case number or UUID")
    report.add_argument(
        "--redact", action="store_true", help="mask phone and account numbers down to their last four digits"
    )
    report.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")

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
