"""The grammar of the commands beyond the everyday ones: the path past the provider's
deadline (escalate, answer, charge, letter, attach), exchanges, reminders, the database."""

from __future__ import annotations

from collections.abc import Mapping

from tracker.cli.arguments import case_ref
from tracker.cli.grammar import CHANNELS, Commands, Parser, add_commands
from tracker.domain.model import Outcome, StageKind, Topic
from tracker.i18n import _

STAGE_KINDS = [k.value for k in StageKind]
LETTER_KINDS = [k.value for k in StageKind if k is not StageKind.OSIPTEL_FORM]


def add_more_commands(commands: Commands) -> None:
    """Add the commands past the everyday ones to ``commands``."""
    m = commands.metavars
    commands.add_parser(
        "escalate",
        help=_("file a reclamo, queja, apelación or OSIPTEL form on a case"),
        description=_(
            "Record a stage past the provider's deadline. A queja for silence is refused until "
            "the operator's deadline to answer the reclamo has passed, naming the first day it is "
            "allowed."
        ),
        fill=_fill_escalate,
    )
    commands.add_parser(
        "answer",
        help=_("record the answer to the case's latest stage"),
        description=_(
            "Record the answer (resolution) to the case's latest stage, or to the latest of "
            "--stage {kind}. An answer against you opens your deadline to appeal."
        ).format(kind=m["KIND"]),
        fill=_fill_answer,
    )
    commands.add_parser(
        "charge",
        help=_("record what the provider billed or took"),
        description=_(
            "Record a charge. The rules say whether it is owed (in Peru: bills issued after the "
            "request, while the baja is not carried out, are not); --owed or --not-owed overrides "
            "them."
        ),
        fill=_fill_charge,
    )
    commands.add_parser(
        "letter",
        help=_("write the reclamo, queja or apelación in Spanish, filled from the case"),
        description=_(
            "Write a letter to the operator (or to OSIPTEL's TRASU through it), in Spanish, from "
            "the case's facts, dates, códigos, deadlines and charges not owed, with the holder's "
            "name and document from config.toml [me]. Not legal advice."
        ),
        fill=_fill_letter,
    )
    commands.add_parser(
        "attach",
        help=_("keep a file as evidence on a case (stored under its SHA-256)"),
        description=_(
            "Copy a file (a screenshot of the constancia, an e-mail, a PDF bill) into the "
            "attachments folder beside the database, under its SHA-256, owner-only. The original "
            "can be deleted afterwards."
        ),
        fill=_fill_attach,
    )
    commands.add_parser(
        "export",
        help=_("export cases as JSON (a full backup), CSV or iCalendar"),
        description=_(
            "Export cases. JSON holds everything (closed cases and the trash too) and can be "
            "imported again; CSV (one row per case) and iCalendar (follow-ups as to-dos with an "
            "alarm, promised dates as all-day events) hold the open cases, or all of them with "
            "--all."
        ),
        fill=_fill_export,
    )
    commands.add_parser(
        "import",
        help=_("import a JSON export (merges by UUID, no duplicates)"),
        description=_(
            "Import a JSON export made by tracker export. The whole file is checked first; any "
            "problem refuses it, naming its place, and nothing is written. Cases are merged by "
            "UUID: new ones are added, known ones updated, missing timeline entries added."
        ),
        fill=_fill_import,
    )
    commands.add_parser(
        "report",
        help=_("a Markdown dossier of one case, for a complaint"),
        description=_(
            "A Markdown dossier of one case: the facts, the dates with business days elapsed, the "
            "provider's missed deadlines, the checks, the whole timeline."
        ),
        fill=_fill_report,
    )
    commands.add_parser(
        "notify",
        help=_("remind me of follow-ups due: desktop, ntfy, e-mail or a command"),
        description=_(
            "Send one message naming the follow-ups overdue and due today, through the channels "
            "set up under [notify] in config.toml. Each reminder is announced once a day per "
            "channel; nothing is sent when nothing is due. Exit status: 0 when every channel "
            "delivered (or had nothing new to say), 1 when a channel failed, 2 for a usage or "
            "config error."
        ),
        fill=_fill_notify,
    )
    commands.add_parser("db", help=_("the database: path, check, backup, upgrade, copy"), fill=_fill_db)


def _fill_escalate(escalate: Parser, m: Mapping[str, str]) -> None:
    escalate.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    escalate.add_argument("kind", choices=STAGE_KINDS, metavar=m["KIND"], help=" | ".join(STAGE_KINDS))
    escalate.add_argument(
        "--filed", metavar=m["DATE"], default="today", help=_("when it was filed (default: today)")
    )
    escalate.add_argument(
        "--code", default="", metavar=m["CODE"], help=_("the código the operator or OSIPTEL gave for it")
    )
    escalate.add_argument(
        "--topic",
        choices=[t.value for t in Topic],
        help=_("a reclamo's subject: baja (default), billing or quality; it sets the operator's days"),
    )
    escalate.add_argument(
        "--amount",
        metavar=m["AMOUNT"],
        help=_("billing: the amount in dispute (it sets the operator's days)"),
    )
    escalate.add_argument("--channel", "-c", choices=CHANNELS, help=_("how it was filed"))
    escalate.add_argument("--note", "-n", default="", metavar=m["NOTE"])
    escalate.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def _fill_answer(answer: Parser, m: Mapping[str, str]) -> None:
    answer.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    answer.add_argument(
        "--on", metavar=m["DATE"], required=True, help=_("the day the answer was notified to you")
    )
    answer.add_argument("--outcome", required=True, choices=[o.value for o in Outcome])
    answer.add_argument("--stage", choices=STAGE_KINDS, help=_("answer the latest stage of this kind"))
    answer.add_argument("--code", default="", metavar=m["CODE"], help=_("the resolution's number"))
    answer.add_argument("--note", "-n", default="", metavar=m["NOTE"])
    answer.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def _fill_charge(charge: Parser, m: Mapping[str, str]) -> None:
    charge.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    charge.add_argument("amount", metavar=m["AMOUNT"], help=_("e.g. 79.80"))
    charge.add_argument(
        "--on", metavar=m["DATE"], required=True, help=_("the bill's date (or when it was taken)")
    )
    charge.add_argument(
        "--currency",
        metavar=m["CURRENCY"],
        help=_("ISO code, e.g. PEN (default: the rule book's, PEN in Peru)"),
    )
    charge.add_argument(
        "--period",
        metavar=m["FROM..TO"],
        help=_("the period billed, YYYY-MM-DD..YYYY-MM-DD"),
    )
    owed = charge.add_mutually_exclusive_group()
    owed.add_argument(
        "--owed", dest="owed", action="store_const", const=True, help=_("owed, whatever the rules say")
    )
    owed.add_argument(
        "--not-owed",
        dest="owed",
        action="store_const",
        const=False,
        help=_("not owed, whatever the rules say"),
    )
    charge.add_argument("--note", "-n", default="", metavar=m["NOTE"])
    charge.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def _fill_letter(letter: Parser, m: Mapping[str, str]) -> None:
    letter.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    letter.add_argument("kind", choices=LETTER_KINDS, metavar=m["KIND"], help=" | ".join(LETTER_KINDS))
    letter.add_argument(
        "--format", "-f", default="md", choices=["md", "txt"], help=_("Markdown (default) or text")
    )
    letter.add_argument(
        "--output",
        "-o",
        metavar=m["FILE"],
        help=_("write to {file} instead of standard output").format(file=m["FILE"]),
    )
    letter.add_argument(
        "--redact",
        action="store_true",
        help=_("mask phone, account and document numbers down to their last four"),
    )


def _fill_attach(attach: Parser, m: Mapping[str, str]) -> None:
    attach.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    attach.add_argument("file", metavar=m["FILE"])
    attach.add_argument("--note", "-n", default="", metavar=m["NOTE"])
    attach.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def _fill_export(export: Parser, m: Mapping[str, str]) -> None:
    export.add_argument(
        "--format", "-f", default="json", choices=["json", "csv", "ics"], help=_("json (default), csv or ics")
    )
    export.add_argument(
        "--output",
        "-o",
        metavar=m["FILE"],
        help=_("write to {file} (replacing it) instead of standard output").format(file=m["FILE"]),
    )
    export.add_argument(
        "--redact",
        action="store_true",
        help=_("mask phone and account numbers down to their last four digits (tickets are kept)"),
    )
    export.add_argument(
        "--all", action="store_true", help=_("csv and ics: include closed cases (json always has everything)")
    )


def _fill_import(import_: Parser, m: Mapping[str, str]) -> None:
    import_.add_argument("file", metavar=m["FILE"], help=_("the export file ('-' reads standard input)"))
    import_.add_argument(
        "--dry-run", "-n", action="store_true", help=_("say what would be added and changed; write nothing")
    )


def _fill_report(report: Parser, m: Mapping[str, str]) -> None:
    report.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    report.add_argument(
        "--redact",
        action="store_true",
        help=_("mask phone and account numbers down to their last four digits"),
    )
    report.add_argument(
        "--output",
        "-o",
        metavar=m["FILE"],
        help=_("write to {file} instead of standard output").format(file=m["FILE"]),
    )
    report.add_argument(
        "--bundle",
        metavar=m["FILE.zip"],
        help=_("write one zip: the dossier, the letters and the attached files, with their SHA-256 sums"),
    )


def _fill_notify(notify: Parser, m: Mapping[str, str]) -> None:
    from tracker.config.notify import CHANNELS as NOTIFY_CHANNELS

    notify.add_argument(
        "--via",
        action="append",
        choices=NOTIFY_CHANNELS,
        metavar=m["CHANNEL"],
        help=_("send through this channel only (repeatable): {channels}").format(
            channels=", ".join(NOTIFY_CHANNELS)
        ),
    )
    notify.add_argument(
        "--dry-run", "-n", action="store_true", help=_("show what would be sent (or installed); send nothing")
    )
    notify_mode = notify.add_mutually_exclusive_group()
    notify_mode.add_argument(
        "--test", action="store_true", help=_("send a test message through each channel (any day)")
    )
    notify_mode.add_argument(
        "--install",
        action="store_true",
        help=_("run it every day by itself: a systemd user timer, else the crontab line to add"),
    )
    notify_mode.add_argument("--uninstall", action="store_true", help=_("remove what --install set up"))


def _fill_db(db: Parser, m: Mapping[str, str]) -> None:
    db_commands = add_commands(db, m, dest="db_command", metavar=m["ACTION"], required=True)
    db_commands.add_parser("path", help=_("print where the database is"))
    db_commands.add_parser(
        "check", help=_("check the database for damage and inconsistencies; changes nothing")
    )
    backup = db_commands.add_parser("backup", help=_("copy the database safely, even while in use"))
    backup.add_argument(
        "file",
        nargs="?",
        metavar=m["FILE"],
        help=_("where to write (default: beside the database, timestamped)"),
    )
    db_commands.add_parser("upgrade", help=_("apply pending schema migrations (after a backup)"))
    copy = db_commands.add_parser(
        "copy", help=_("copy every case into another, empty database (SQLite ↔ PostgreSQL)")
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar=m["PATH_OR_URL"],
        help=_("the database to fill: a file or postgresql+psycopg://user@host/database"),
    )
