"""Cases in and out: export, import, and the report (a dossier, or the bundle for a complaint)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.arguments import case_ref
from tracker.cli.command_spec import Command
from tracker.cli.terminal import say, stream_bytes, warn, write_bytes
from tracker.display import cell_width, fit, literal
from tracker.domain.errors import InvalidInput
from tracker.i18n import N_, _, ngettext, pgettext
from tracker.wording.formats import listed

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock
    from tracker.core import Tracker
    from tracker.domain.model import Case
    from tracker.exchange.importer import ImportResult


def _export_arguments(export: Parser, m: Mapping[str, str]) -> None:
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


def export_cases(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker
    from tracker.exchange.export import export, export_to_path

    tracker = Tracker.open(args.db, clock=clock)
    options = {"redact": args.redact, "include_closed": args.all}
    if args.output is None:
        stream_bytes(lambda stream: export(tracker, args.format, stream, **options))
        return 0
    path = Path(args.output).expanduser()
    count = export_to_path(tracker, args.format, path, **options)
    say(
        ngettext("Exported {count} case to {path}", "Exported {count} cases to {path}", count).format(
            count=count, path=path
        )
    )
    return 0


def _import_arguments(import_: Parser, m: Mapping[str, str]) -> None:
    import_.add_argument("file", metavar=m["FILE"], help=_("the export file ('-' reads standard input)"))
    import_.add_argument(
        "--dry-run", "-n", action="store_true", help=_("say what would be added and changed; write nothing")
    )


def import_file(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.progress import progress_for
    from tracker.core import Tracker
    from tracker.exchange import importer

    path = Path(args.file).expanduser()
    if args.file != "-":
        importer.check_readable(path)
    tracker = Tracker.open(args.db, clock=clock)
    bar = progress_for(sys.stderr)
    try:
        if args.file == "-":
            # Standard input cannot be read twice (to say what is wrong): read whole.
            raw = sys.stdin.buffer.read()
            try:
                result = importer.import_document(tracker, raw, dry_run=args.dry_run, progress=bar)
            except InvalidInput as exc:
                where = _("standard input")
                raise InvalidInput(
                    _("{path}: {problem}").format(path=where, problem=exc), exc.field
                ) from None
        else:
            result = importer.import_file(tracker, path, dry_run=args.dry_run, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if args.dry_run:
        say(_("Dry run: nothing was written."))
        _list_changes(result)
    for old, new in result.renumbered:
        if args.dry_run:
            say(
                _("Case {old} in the file would become case {new} (number {old} was taken).").format(
                    old=old, new=new
                )
            )
        else:
            say(
                _("Case {old} in the file is now case {new} (number {old} was taken).").format(
                    old=old, new=new
                )
            )
    say(importer.summary(result))
    return 0


# At most tracker.domain.merge.SHOWN: what an ImportResult keeps of its cases.
_LISTED = 50


def _list_changes(result: ImportResult) -> None:
    add, update = pgettext("import plan", "add"), pgettext("import plan", "update")
    width = max(cell_width(add), cell_width(update)) + 2
    for case in result.shown_added[:_LISTED]:
        if case.service:
            line = _("case {id}: {provider} ({service})").format(
                id=case.id, provider=literal(case.provider), service=literal(case.service)
            )
        else:
            line = _("case {id}: {provider}").format(id=case.id, provider=literal(case.provider))
        say("  " + fit(add, width) + line)
    if result.added > _LISTED:
        more = result.added - _LISTED
        say(
            "  "
            + ngettext("... and {count} more to add", "... and {count} more to add", more).format(count=more)
        )
    for update_plan in result.shown_updates[:_LISTED]:
        case = update_plan.case
        changes = listed(update_plan.changes)
        line = _("case {id}: {provider}: {changes}").format(
            id=case.id, provider=literal(case.provider), changes=literal(changes)
        )
        say("  " + fit(update, width) + line)
    if result.updated > _LISTED:
        more = result.updated - _LISTED
        say(
            "  "
            + ngettext("... and {count} more to update", "... and {count} more to update", more).format(
                count=more
            )
        )


def _report_arguments(report: Parser, m: Mapping[str, str]) -> None:
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
    report.add_argument(
        "--force",
        action="store_true",
        help=_(
            "with --bundle: bundle an attached file whose bytes changed since it was attached, "
            "marked CHANGED (refused otherwise)"
        ),
    )


def write_report(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker
    from tracker.exchange.dossier import dossier
    from tracker.exchange.files import write_private

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id, include_deleted=True)
    if args.bundle is not None:
        if args.output is not None:
            raise InvalidInput(_("give --bundle or --output, not both"))
        return _bundle(tracker, case, Path(args.bundle).expanduser(), args.redact, args.force)
    text = dossier(tracker, case, redact=args.redact)
    if args.output is None:
        write_bytes(text.encode("utf-8"))
        return 0
    path = Path(args.output).expanduser()
    write_private(path, lambda stream: stream.write(text.encode("utf-8")), live=tracker.live_files())
    say(_("Dossier of case {id} written to {path}").format(id=case.id, path=path))
    return 0


def _bundle(tracker: Tracker, case: Case, path: Path, redact: bool, force: bool) -> int:
    from tracker.exchange.bundle import write_bundle

    written = write_bundle(tracker, case, path, redact=redact, force=force)
    say(
        ngettext(
            "Bundle of case {id} written to {path}: the dossier, letters and {n} attached file.",
            "Bundle of case {id} written to {path}: the dossier, letters and {n} attached files.",
            written.attachments,
        ).format(id=case.id, path=path, n=written.attachments)
    )
    if written.withheld:
        say(
            ngettext(
                "  {n} attached file left out: a redacted bundle holds no files (they cannot be masked).",
                "  {n} attached files left out: a redacted bundle holds no files (they cannot be masked).",
                written.withheld,
            ).format(n=written.withheld)
        )
    for name in written.missing:
        warn(_("  missing from the attachments folder, not bundled: {name}").format(name=name))
    for name in written.changed:
        warn(_("  changed since it was attached, bundled marked CHANGED: {name}").format(name=name))
    return 0


def _import_writes(args: argparse.Namespace) -> bool:
    return not args.dry_run


COMMANDS = (
    Command(
        "export",
        N_("export cases as JSON (a full backup), CSV or iCalendar"),
        export_cases,
        _export_arguments,
        description=N_(
            "Export cases. JSON holds everything (closed cases and the trash too) and can be "
            "imported again; CSV (one row per case) and iCalendar (follow-ups as to-dos with an "
            "alarm, promised dates as all-day events) hold the open cases, or all of them with "
            "--all."
        ),
    ),
    Command(
        "import",
        N_("import a JSON export (merges by UUID, no duplicates)"),
        import_file,
        _import_arguments,
        description=N_(
            "Import a JSON export made by tracker export. The whole file is checked first; any "
            "problem refuses it, naming its place, and nothing is written. Cases are merged by "
            "UUID: new ones are added, known ones updated, missing timeline entries added."
        ),
        writes=_import_writes,
    ),
    Command(
        "report",
        N_("a Markdown dossier of one case, for a complaint"),
        write_report,
        _report_arguments,
        description=N_(
            "A Markdown dossier of one case: the facts, the dates with business days elapsed, the "
            "provider's missed deadlines, the checks, the whole timeline."
        ),
    ),
)
