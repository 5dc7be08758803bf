"""What each sub-command does. Loaded only when a command runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tracker.cli.output import case_detail, case_table, print_json
from tracker.clock import Clock, SystemClock
from tracker.core import Tracker
from tracker.display import literal
from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.flags import FlagFacts, case_flags, is_overdue
from tracker.domain.model import Action, Case, Channel, CheckState
from tracker.domain.workflow import CaseDraft, parse_fee
from tracker.exchange.serialize import case_to_dict

if TYPE_CHECKING:
    from tracker.exchange import importer as importer_types

STATES = {"pass": CheckState.PASSED, "fail": CheckState.FAILED, "pending": CheckState.PENDING}


def _date(text: str | None, today: date, what: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_date(text, today, what)
    except InvalidInput as exc:
        raise InvalidInput(f"{what}: {exc}", what) from None


def _print_case(tracker: Tracker, case: Case, args: argparse.Namespace, message: str) -> None:
    if getattr(args, "json", False):
        print_json(case_to_dict(case, tracker.today(), timeline=True))
    else:
        print(message)


def cmd_add(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    # Everything the user typed is checked before the database is touched.
    draft = CaseDraft(
        provider=args.provider,
        service=args.service,
        requested_on=_date(args.requested, today, "--requested"),
        channel=Channel(args.channel),
        ticket=args.ticket,
        notes=args.note,
        action=Action(args.action),
        promised_by=_date(args.promised, today, "--promised"),
        next_follow_up=_date(args.next_date, today, "--next"),
        fee_amount=parse_fee(args.fee, "--fee"),
        fee_currency=args.currency,
    )
    from tracker.domain.workflow import validate_draft

    validate_draft(draft, today)
    tracker = Tracker.open(args.db, clock=clock, defer=True)
    draft.playbook = args.playbook or tracker.config.default_playbook
    try:
        tracker.playbooks.get(draft.playbook)  # refused before any file exists
    except NotFound as exc:
        if args.playbook:
            raise
        raise NotFound(f"config.toml: default_playbook: {exc}") from None
    case = tracker.add_case(draft)
    flags = ", ".join(f.label for f in case_flags(case, today))
    _print_case(
        tracker,
        case,
        args,
        f"Case {case.id} added: {literal(case.provider)}; promised by "
        f"{case.promised_by.isoformat()}, first follow-up "
        f"{case.next_follow_up.isoformat() if case.next_follow_up else 'none'}"
        + (f" [{flags}]" if flags else ""),
    )
    return 0


def cmd_list(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    cases = tracker.open_cases(include_closed=args.all)
    if args.json:
        print_json([case_to_dict(c, tracker.today()) for c in cases])
    elif not cases:
        print("No open cases." + ("" if args.all else " (tracker list --all shows closed ones)"))
    else:
        print(case_table(cases, tracker.today()))
    return 0


def cmd_due(args: argparse.Namespace, clock: Clock) -> int:
    if args.within < 0:
        raise InvalidInput("--within must be zero or more days")
    tracker = Tracker.open(args.db, clock=clock)
    today = tracker.today()
    if args.json:
        cases = tracker.due_cases(args.within)
        print_json([case_to_dict(c, today) for c in cases])
        return 1 if any(is_overdue(FlagFacts.of(c), today) for c in cases) else 0
    summaries = tracker.due_summaries(args.within)
    late = sum(1 for s in summaries if is_overdue(s.facts, today))
    if not summaries:
        print("Nothing due." + (f" (within {args.within} days)" if args.within else ""))
    else:
        print(case_table(summaries, today))
        print(
            f"\n{late} overdue, {len(summaries) - late} due "
            + ("today" if args.within == 0 else f"within {args.within} days")
        )
    return 1 if late else 0


def cmd_show(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id)
    if args.json:
        print_json(case_to_dict(case, tracker.today(), timeline=True))
    else:
        print(case_detail(case, tracker.today()))
    return 0


def cmd_log(args: argparse.Namespace, clock: Clock) -> int:
    next_date = _date(args.next_date, clock.today(), "--next")
    if not args.summary.strip():
        raise InvalidInput("SUMMARY cannot be empty: say what happened")
    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.log_contact(
        args.id,
        args.summary,
        channel=Channel(args.channel),
        ticket=args.ticket,
        agent=args.agent,
        next_follow_up=next_date,
        confirmed=args.confirmed,
    )
    nxt = case.next_follow_up.isoformat() if case.next_follow_up else "none"
    _print_case(
        tracker, case, args, f"Contact logged on case {case.id} ({case.status.value}); next follow-up {nxt}"
    )
    return 0


def cmd_check(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    if args.state == "add":
        case = tracker.add_check(args.id, args.check, args.required)
        message = f"Check {literal(args.check)!r} added to case {case.id}"
    else:
        case = tracker.set_check(args.id, args.check, STATES[args.state], args.note)
        check = case.find_check(args.check)
        assert check is not None
        message = f"Case {case.id}: {literal(check.name)!r} {check.state.value}"
        if check.state is CheckState.FAILED:
            message += "; the case is failed and needs a follow-up today"
    _print_case(tracker, case, args, message)
    return 0


def cmd_verify(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.verify(args.id)
    message = f"Case {case.id} verified."
    if case.next_follow_up:
        message += f" Recheck after the next bill: {case.next_follow_up.isoformat()}."
    _print_case(tracker, case, args, message)
    return 0


def cmd_withdraw(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).withdraw(args.id, args.reason)
    print(f"Case {case.id} withdrawn. (tracker reopen {case.id} undoes it)")
    return 0


def cmd_reopen(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).reopen(args.id)
    print(f"Case {case.id} reopened ({case.status.value}).")
    return 0


def cmd_delete(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).delete(args.id)
    print(f"Case {case.id} moved to the trash. (tracker restore {case.id} brings it back)")
    return 0


def cmd_restore(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).restore(args.id)
    print(f"Case {case.id} restored.")
    return 0


def cmd_trash(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    trashed = tracker.trash()
    if args.json:
        print_json([case_to_dict(c, tracker.today()) for c in trashed])
    elif not trashed:
        print("The trash is empty.")
    else:
        print(case_table(trashed, tracker.today()))
    return 0


def cmd_playbooks(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock, defer=True)  # config and playbooks only
    registry, config = tracker.playbooks, tracker.config
    for name in registry.names():
        playbook = registry.get(name)
        days = "business" if playbook.business_days else "calendar"
        print(
            f"{name}: {literal(playbook.title)} ({playbook.provider_days} {days} days, "
            f"follow up every {playbook.follow_up_every}; {playbook.source})"
        )
        for check in playbook.checks:
            print(f"  - {literal(check.name)}" + (" (required)" if check.required else ""))
    for problem in registry.problems.values():
        print(f"tracker: warning: {literal(str(problem))}", file=sys.stderr)
    print(f"\nYour own playbooks go in {config.playbook_folder} as NAME.toml.")
    return 0


def _write_stdout(write: Callable[[BinaryIO], int]) -> int:
    stdout = sys.stdout
    stdout.flush()
    count = write(stdout.buffer)
    stdout.buffer.flush()
    return count


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.exchange.export import export, export_to_path

    tracker = Tracker.open(args.db, clock=clock)
    options = {"redact": args.redact, "include_closed": args.all}
    if args.output is None:
        _write_stdout(lambda stream: export(tracker, args.format, stream, **options))
        return 0
    path = Path(args.output).expanduser()
    count = export_to_path(tracker, args.format, path, **options)
    what = "case" if count == 1 else "cases"
    print(f"Exported {count} {what} to {path}")
    return 0


def cmd_import(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.progress import progress_for
    from tracker.exchange import importer

    if args.file == "-":
        raw = sys.stdin.buffer.read()
        source = "standard input"
    else:
        path = Path(args.file).expanduser()
        raw = importer.read_file(path)
        source = str(path)
    tracker = Tracker.open(args.db, clock=clock)
    bar = progress_for(sys.stderr)
    try:
        result = importer.import_document(tracker, raw, dry_run=args.dry_run, progress=bar)
    except InvalidInput as exc:
        raise InvalidInput(f"{source}: {exc}", exc.field) from None
    finally:
        if bar is not None:
            bar.close()
    if args.dry_run:
        print("Dry run: nothing was written.")
        _list_changes(result)
    for old, new in result.renumbered:
        print(
            f"Case {old} in the file {'would become' if args.dry_run else 'is now'} "
            f"case {new} (number {old} was taken)."
        )
    print(importer.summary(result))
    return 0


_LISTED = 50


def _list_changes(result: importer_types.ImportResult) -> None:
    for case in result.added[:_LISTED]:
        service = f" ({literal(case.service)})" if case.service else ""
        print(f"  add     case {case.id}: {literal(case.provider)}{service}")
    if len(result.added) > _LISTED:
        print(f"  ... and {len(result.added) - _LISTED} more to add")
    for update in result.updated[:_LISTED]:
        case = update.case
        print(f"  update  case {case.id}: {literal(case.provider)}: {literal(', '.join(update.changes))}")
    if len(result.updated) > _LISTED:
        print(f"  ... and {len(result.updated) - _LISTED} more to update")


def cmd_report(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.exchange.dossier import dossier
    from tracker.exchange.files import write_private

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id, include_deleted=True)
    text = dossier(tracker, case, redact=args.redact)
    if args.output is None:
        _write_stdout(lambda stream: stream.write(text.encode("utf-8")))
        return 0
    path = Path(args.output).expanduser()
    write_private(path, lambda stream: stream.write(text.encode("utf-8")))
    print(f"Dossier of case {case.id} written to {path}")
    return 0


def cmd_db(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock, defer=True)
    if args.db_command == "path":
        print(tracker.location)
        return 0
    if args.db_command == "check":
        # Creates nothing, changes nothing: a missing or empty file is a problem, not a new database.
        problems, notes = tracker.check_database()
        for problem in problems:
            print(literal(problem))
        for note in notes:
            print(f"note: {literal(note)}")
        print("ok" if not problems else f"{len(problems)} problem(s) found")
        return 1 if problems else 0
    if args.db_command == "backup":
        destination = Path(args.file).expanduser() if args.file else None
        written = tracker.backup(destination)
        print(f"Backed up to {literal(written)}")
        return 0
    if args.db_command == "copy":
        return _db_copy(tracker, args.to)
    # upgrade: opening the database applies pending migrations (after a backup copy).
    tracker.open_store()
    if tracker.backup_made and tracker.path is not None:
        print(f"Upgraded; the previous file was copied to {literal(tracker.backup_made)}")
    elif tracker.backup_made:
        print(f"Upgraded; the database as it was is saved in {literal(tracker.backup_made)}")
    print(f"Schema is at revision {tracker.schema_revision()} (the newest).")
    return 0


def _db_copy(tracker: Tracker, destination: str) -> int:
    from tracker.cli.progress import progress_for
    from tracker.i18n import _, ngettext

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
    print(
        _("Copied {cases} ({trashed}), {checks} and {entries} from {source} to {target}.").format(
            cases=cases,
            trashed=trashed,
            checks=checks,
            entries=entries,
            source=literal(copied.source),
            target=literal(copied.destination),
        )
    )
    return 0


def cmd_notify(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.notify_command import run_notify

    return run_notify(args, clock)


COMMANDS: dict[str, Callable[[argparse.Namespace, Clock], int]] = {
    "add": cmd_add,
    "list": cmd_list,
    "due": cmd_due,
    "show": cmd_show,
    "log": cmd_log,
    "check": cmd_check,
    "verify": cmd_verify,
    "withdraw": cmd_withdraw,
    "reopen": cmd_reopen,
    "delete": cmd_delete,
    "restore": cmd_restore,
    "trash": cmd_trash,
    "playbooks": cmd_playbooks,
    "db": cmd_db,
    "export": cmd_export,
    "import": cmd_import,
    "report": cmd_report,
    "notify": cmd_notify,
}


def run(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args, SystemClock())
