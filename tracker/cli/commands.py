"""What each sub-command does. Loaded only when a command runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.escalation import (
    cmd_answer,
    cmd_attach,
    cmd_bundle,
    cmd_charge,
    cmd_escalate,
    cmd_letter,
    print_rules,
)
from tracker.cli.output import case_detail, case_table, playbook_days, print_json
from tracker.cli.terminal import say, stream_bytes, warn, write_bytes
from tracker.clock import Clock, SystemClock
from tracker.core import Tracker
from tracker.display import literal
from tracker.domain.caserules import provider_deadline
from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.flags import FlagFacts, case_flags, is_overdue
from tracker.domain.model import Action, Case, Channel, CheckState
from tracker.domain.workflow import CaseDraft, parse_fee
from tracker.exchange.serialize import case_to_dict
from tracker.i18n import _
from tracker.i18n.path import rule_source

if TYPE_CHECKING:
    from tracker.exchange import importer as importer_types

# The words the program itself shows ("passed", "failed") are accepted as well.
STATES = {
    "pass": CheckState.PASSED,
    "passed": CheckState.PASSED,
    "fail": CheckState.FAILED,
    "failed": CheckState.FAILED,
    "pending": CheckState.PENDING,
}


def _date(text: str | None, today: date, what: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_date(text, today, what)
    except InvalidInput as exc:
        raise InvalidInput(f"{what}: {exc}", what) from None


def _print_case(tracker: Tracker, case: Case, args: argparse.Namespace, message: str) -> None:
    if getattr(args, "json", False):
        print_json(case_to_dict(case, tracker.today(), timeline=True, rules=tracker.rules_for(case)))
    else:
        say(message)


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
        effective_on=_date(args.effective, today, "--effective"),
        ends_on=_date(args.until, today, "--until"),
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
    try:
        case = tracker.add_case(draft)
    except InvalidInput as exc:
        if exc.field != "currency":
            raise
        raise InvalidInput(_("{problem} (give it with --currency)").format(problem=exc), exc.field) from None
    flags = ", ".join(f.label for f in case_flags(case, today))
    rules = tracker.rules_for(case)
    source = ""
    if rules.book is not None and draft.promised_by is None:
        first = provider_deadline(case, rules)
        source = (
            " (" + (_("the date you chose") if first.scheduled else rule_source(first.rule, rules.book)) + ")"
        )
    _print_case(
        tracker,
        case,
        args,
        f"Case {case.id} added: {literal(case.provider)}; promised by "
        f"{case.promised_by.isoformat()}{source}, first follow-up "
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
        say("No open cases." + ("" if args.all else " (tracker list --all shows closed ones)"))
    else:
        say(case_table(cases, tracker.today()))
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
    yours = tracker.your_deadline_summaries()
    if not summaries:
        say("Nothing due." + (f" (within {args.within} days)" if args.within else ""))
    else:
        say(case_table(summaries, today))
        say(
            f"\n{late} overdue, {len(summaries) - late} due "
            + ("today" if args.within == 0 else f"within {args.within} days")
        )
    if yours:
        say("\n" + _("Your own deadlines, close or missed:"))
        say(case_table(yours, today))
    missed = sum(1 for s in yours if s.user_due is not None and s.user_due < today)
    return 1 if late or missed else 0


def cmd_show(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id)
    rules = tracker.rules_for(case)
    if args.json:
        print_json(case_to_dict(case, tracker.today(), timeline=True, rules=rules))
    else:
        say(
            case_detail(
                case, tracker.today(), tracker.clock.local, rules, tracker.playbooks.for_case(case.playbook)
            )
        )
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
    say(f"Case {case.id} withdrawn. (tracker reopen {case.id} undoes it)")
    return 0


def cmd_reopen(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).reopen(args.id)
    say(f"Case {case.id} reopened ({case.status.value}).")
    return 0


def cmd_delete(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).delete(args.id)
    say(f"Case {case.id} moved to the trash. (tracker restore {case.id} brings it back)")
    return 0


def cmd_restore(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).restore(args.id)
    say(f"Case {case.id} restored.")
    return 0


def cmd_trash(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    trashed = tracker.trash()
    if args.json:
        print_json([case_to_dict(c, tracker.today()) for c in trashed])
    elif not trashed:
        say("The trash is empty.")
    else:
        say(case_table(trashed, tracker.today()))
    return 0


def cmd_playbooks(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock, defer=True)  # config and playbooks only
    registry, config = tracker.playbooks, tracker.config
    if args.name:
        print_rules(tracker, registry.get(args.name))
        return 0
    for name in registry.names():
        playbook = registry.get(name)
        say(f"{name}: {literal(playbook.title)} ({playbook_days(playbook)}; {literal(playbook.source)})")
        for check in playbook.checks:
            say(f"  - {literal(check.name)}" + (" " + _("(required)") if check.required else ""))
    for problem in registry.problems.values():
        warn(_("tracker: warning: {problem}").format(problem=problem))
    say(_("\nYour own playbooks go in {folder} as NAME.toml.").format(folder=config.playbook_folder))
    say(_("tracker playbooks NAME shows one in full, with its steps and rules."))
    return 0


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.exchange.export import export, export_to_path

    tracker = Tracker.open(args.db, clock=clock)
    options = {"redact": args.redact, "include_closed": args.all}
    if args.output is None:
        stream_bytes(lambda stream: export(tracker, args.format, stream, **options))
        return 0
    path = Path(args.output).expanduser()
    count = export_to_path(tracker, args.format, path, **options)
    what = "case" if count == 1 else "cases"
    say(f"Exported {count} {what} to {path}")
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
        say("Dry run: nothing was written.")
        _list_changes(result)
    for old, new in result.renumbered:
        say(
            f"Case {old} in the file {'would become' if args.dry_run else 'is now'} "
            f"case {new} (number {old} was taken)."
        )
    say(importer.summary(result))
    return 0


_LISTED = 50


def _list_changes(result: importer_types.ImportResult) -> None:
    for case in result.added[:_LISTED]:
        service = f" ({literal(case.service)})" if case.service else ""
        say(f"  add     case {case.id}: {literal(case.provider)}{service}")
    if len(result.added) > _LISTED:
        say(f"  ... and {len(result.added) - _LISTED} more to add")
    for update in result.updated[:_LISTED]:
        case = update.case
        say(f"  update  case {case.id}: {literal(case.provider)}: {literal(', '.join(update.changes))}")
    if len(result.updated) > _LISTED:
        say(f"  ... and {len(result.updated) - _LISTED} more to update")


def cmd_report(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.exchange.dossier import dossier
    from tracker.exchange.files import write_private

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id, include_deleted=True)
    if args.bundle is not None:
        if args.output is not None:
            raise InvalidInput(_("give --bundle or --output, not both"))
        return cmd_bundle(tracker, case, Path(args.bundle).expanduser(), args.redact)
    text = dossier(tracker, case, redact=args.redact)
    if args.output is None:
        write_bytes(text.encode("utf-8"))
        return 0
    path = Path(args.output).expanduser()
    write_private(path, lambda stream: stream.write(text.encode("utf-8")))
    say(f"Dossier of case {case.id} written to {path}")
    return 0


def cmd_db(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock, defer=True)
    if args.db_command == "path":
        say(tracker.location)
        return 0
    if args.db_command == "check":
        # Creates nothing, changes nothing: a missing or empty file is a problem, not a new database.
        problems, notes = tracker.check_database()
        for problem in problems:
            say(literal(problem))
        for note in notes:
            say(f"note: {literal(note)}")
        say("ok" if not problems else f"{len(problems)} problem(s) found")
        return 1 if problems else 0
    if args.db_command == "backup":
        destination = Path(args.file).expanduser() if args.file else None
        written = tracker.backup(destination)
        say(f"Backed up to {literal(written)}")
        return 0
    if args.db_command == "copy":
        return _db_copy(tracker, args.to)
    # upgrade: opening the database applies pending migrations (after a backup copy).
    tracker.open_store()
    if tracker.backup_made and tracker.path is not None:
        say(f"Upgraded; the previous file was copied to {literal(tracker.backup_made)}")
    elif tracker.backup_made:
        say(f"Upgraded; the database as it was is saved in {literal(tracker.backup_made)}")
    say(f"Schema is at revision {tracker.schema_revision()} (the newest).")
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
    "escalate": cmd_escalate,
    "answer": cmd_answer,
    "charge": cmd_charge,
    "letter": cmd_letter,
    "attach": cmd_attach,
}


# The commands that write to the database: their work is done once they return.
_CHANGING = frozenset({"add", "log", "check", "verify", "withdraw", "reopen", "delete", "restore"})


def changes_data(args: object) -> bool:
    """Whether the command ``args`` names changes the user's data (or writes a backup)."""
    command = getattr(args, "command", None)
    if command == "import":
        return not getattr(args, "dry_run", False)
    if command == "db":
        return getattr(args, "db_command", None) in ("backup", "upgrade")
    return command in _CHANGING


def run(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args, SystemClock())
