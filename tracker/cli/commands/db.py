"""``tracker db``: where the database is, its check, backup, upgrade and copy."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.argparse_glue import add_commands
from tracker.cli.command_spec import Command
from tracker.cli.terminal import say, warn
from tracker.display import literal
from tracker.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.cli.progress import ProgressBar
    from tracker.clock import Clock
    from tracker.core import Tracker


def _db_arguments(db: Parser, m: Mapping[str, str]) -> None:
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


def database(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker

    tracker = Tracker.open(args.db, clock=clock, defer=True)
    if args.db_command == "path":
        say(tracker.location)
        return 0
    if args.db_command == "check":
        # Creates nothing, changes nothing: a missing or empty file is a problem, not a new database.
        from tracker.cli.progress import progress_for

        bar = progress_for(sys.stderr)
        try:
            problems, notes = tracker.check_database(_stage(bar, "checking"))
        finally:
            if bar is not None:
                bar.close()
        for problem in problems:
            say(literal(problem))
        for note in notes:
            say(_("note: {note}").format(note=literal(note)))
        if problems:
            say(
                ngettext("{count} problem found", "{count} problems found", len(problems)).format(
                    count=len(problems)
                )
            )
        else:
            say(_("ok"))
        return 1 if problems else 0
    if args.db_command == "backup":
        from tracker.cli.progress import progress_for

        destination = Path(args.file).expanduser() if args.file else None
        bar = progress_for(sys.stderr)
        try:
            backed = tracker.backup(destination, _stage(bar, "copying"))
        finally:
            if bar is not None:
                bar.close()
        say(_("Backed up to {path}").format(path=literal(backed.written)))
        if backed.attached and backed.files is None:
            say(
                "  "
                + _("Attached files are not copied: they stay in {folder}; keep it with the backup.").format(
                    folder=literal(str(backed.folder))
                )
            )
        elif backed.files is not None:
            _say_carried(backed.files)
        return 0
    if args.db_command == "copy":
        return _db_copy(tracker, args.to)
    # upgrade: opening the database applies pending migrations (after a backup copy).
    tracker.open_store()
    if tracker.backup_made and tracker.path is not None:
        say(_("Upgraded; the previous file was copied to {path}").format(path=literal(tracker.backup_made)))
    elif tracker.backup_made:
        say(
            _("Upgraded; the database as it was is saved in {path}").format(path=literal(tracker.backup_made))
        )
    say(_("Schema is at revision {revision} (the newest).").format(revision=tracker.schema_revision()))
    return 0


def _db_copy(tracker: Tracker, destination: str) -> int:
    from tracker.cli.progress import progress_for

    bar = progress_for(sys.stderr)
    try:
        copied = tracker.copy_to(
            destination, None if bar is None else (lambda done, total: bar("copying", done, total))
        )
    finally:
        if bar is not None:
            bar.close()
    cases = ngettext("{n} case", "{n} cases", copied.cases).format(n=copied.cases)
    trashed = ngettext("{n} in the trash", "{n} in the trash", copied.trashed).format(n=copied.trashed)
    checks = ngettext("{n} check", "{n} checks", copied.checks).format(n=copied.checks)
    entries = ngettext("{n} timeline entry", "{n} timeline entries", copied.entries).format(n=copied.entries)
    say(
        _("Copied {cases} ({trashed}), {checks} and {entries} from {source} to {target}.").format(
            cases=cases,
            trashed=trashed,
            checks=checks,
            entries=entries,
            source=literal(copied.source),
            target=literal(copied.destination),
        )
    )
    files = copied.files
    if files is not None and files.copied + files.present + len(files.missing) + len(files.changed):
        _say_carried(files)
    return 0


def _stage(bar: ProgressBar | None, stage: str) -> Callable[[int, int], None] | None:
    """``bar`` reporting one stage of a job, or None when no bar is drawn."""
    if bar is None:
        return None
    return lambda done, total: bar(stage, done, total)


def _say_carried(carried: Any) -> None:  # tracker.store.blobs.Carried: the CLI does not import the store
    """Where the attached files went, and plainly which are not there."""
    say(
        "  "
        + ngettext(
            "{n} attached file copied to {folder} ({present} already there).",
            "{n} attached files copied to {folder} ({present} already there).",
            carried.copied,
        ).format(n=carried.copied, folder=literal(str(carried.folder)), present=carried.present)
    )
    for sha256 in carried.missing:
        warn("  " + _("not included, missing from the attachments folder: {sha256}").format(sha256=sha256))
    for sha256 in carried.changed:
        warn(
            "  "
            + _("not included, changed since it was attached (see tracker db check): {sha256}").format(
                sha256=sha256
            )
        )


def _writes(args: argparse.Namespace) -> bool:
    """A backup writes a file and an upgrade changes the database; the rest only read or
    fill another database."""
    return args.db_command in ("backup", "upgrade")


COMMANDS = (
    Command(
        "db", N_("the database: path, check, backup, upgrade, copy"), database, _db_arguments, writes=_writes
    ),
)
