"""What each sub-command does. Loaded only when a command runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.output import case_detail, case_table, playbook_days, print_json
from tracker.cli.terminal import say, stream_bytes, warn, write_bytes
from tracker.clock import Clock, SystemClock
from tracker.core import Tracker
from tracker.display import cell_width, fit, literal
from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.flags import FlagFacts, case_flags, is_overdue
from tracker.domain.model import Action, Case, Channel, CheckState
from tracker.i18n import _, ngettext, pgettext, terms

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
        raise InvalidInput(_("{option}: {problem}").format(option=what, problem=exc), what) from None


def _case_to_dict(case: Case, today: date, **options: Any) -> dict[str, Any]:
    """A case as the JSON output gives it (the exchange format loads only for ``--json``)."""
    from tracker.exchange.serialize import case_to_dict

    return case_to_dict(case, today, **options)


def _print_case(tracker: Tracker, case: Case, args: argparse.Namespace, message: str) -> None:
    if getattr(args, "json", False):
        print_json(_case_to_dict(case, tracker.today(), timeline=True, rules=tracker.rules_for(case)))
    else:
        say(message)


def cmd_add(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    # Everything the user typed is checked before the database is touched.
    from tracker.domain.workflow import CaseDraft, parse_fee

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
        raise NotFound(
            _("{path}: {field}: {problem}").format(path="config.toml", field="default_playbook", problem=exc)
        ) from None
    try:
        case = tracker.cases.add(draft)
    except InvalidInput as exc:
        if exc.field != "currency":
            raise
        raise InvalidInput(_("{problem} (give it with --currency)").format(problem=exc), exc.field) from None
    flags = terms.flag_labels(case_flags(case, today))
    book = tracker.rulebook(tracker.playbooks.for_case(case.playbook))
    said = {
        "id": case.id,
        "provider": literal(case.provider),
        "promised": case.promised_by.isoformat(),
        "follow_up": case.next_follow_up.isoformat() if case.next_follow_up else _("none"),
    }
    if book is not None and draft.promised_by is None:
        from tracker.domain.caserules import provider_deadline
        from tracker.i18n.path import rule_source

        first = provider_deadline(case, tracker.rules_for(case))
        source = _("the date you chose") if first.scheduled else rule_source(first.rule, book)
        message = _(
            "Case {id} added: {provider}; promised by {promised} ({source}), first follow-up {follow_up}"
        ).format(source=source, **said)
    else:
        message = _(
            "Case {id} added: {provider}; promised by {promised}, first follow-up {follow_up}"
        ).format(**said)
    _print_case(tracker, case, args, message + (f" [{flags}]" if flags else ""))
    return 0


def due_counts(overdue: int, due: int, within: int) -> str:
    """ "2 overdue, 1 due today" (or "due within 7 days"), under the table of ``tracker due``."""
    late = ngettext("{count} overdue", "{count} overdue", overdue).format(count=overdue)
    if within == 0:
        coming = ngettext("{count} due today", "{count} due today", due).format(count=due)
    else:
        days = ngettext("within {days} day", "within {days} days", within).format(days=within)
        # TRANSLATORS: {within} is "within 7 days" (translated on its own).
        coming = ngettext("{count} due {within}", "{count} due {within}", due).format(count=due, within=days)
    return _("{overdue}, {due}").format(overdue=late, due=coming)


def cmd_list(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    if args.json:
        print_json([_case_to_dict(c, tracker.today()) for c in tracker.open_cases(include_closed=args.all)])
        return 0
    rows = tracker.open_summaries(include_closed=args.all)
    if not rows:
        say(_("No cases.") if args.all else _("No open cases. (tracker list --all shows closed ones)"))
    else:
        say(case_table(rows, tracker.today()))
    return 0


def cmd_due(args: argparse.Namespace, clock: Clock) -> int:
    if args.within < 0:
        raise InvalidInput(_("--within must be zero or more days"))
    tracker = Tracker.open(args.db, clock=clock)
    today = tracker.today()
    if args.json:
        cases = tracker.due_cases(args.within)
        print_json([_case_to_dict(c, today) for c in cases])
        return 1 if any(is_overdue(FlagFacts.of(c), today) for c in cases) else 0
    summaries = tracker.due_summaries(args.within)
    late = sum(1 for s in summaries if is_overdue(s.facts, today))
    yours = tracker.your_deadline_summaries()
    if not summaries and args.within:
        say(
            ngettext("Nothing due within {days} day.", "Nothing due within {days} days.", args.within).format(
                days=args.within
            )
        )
    elif not summaries:
        say(_("Nothing due."))
    else:
        say(case_table(summaries, today))
        say("\n" + due_counts(late, len(summaries) - late, args.within))
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
        print_json(_case_to_dict(case, tracker.today(), timeline=True, rules=rules))
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
        raise InvalidInput(
            _("{summary} cannot be empty: say what happened").format(summary=pgettext("metavar", "SUMMARY"))
        )
    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.cases.log_contact(
        args.id,
        args.summary,
        channel=Channel(args.channel),
        ticket=args.ticket,
        agent=args.agent,
        next_follow_up=next_date,
        confirmed=args.confirmed,
    )
    nxt = case.next_follow_up.isoformat() if case.next_follow_up else _("none")
    message = _("Contact logged on case {id} ({status}); next follow-up {date}").format(
        id=case.id, status=terms.status_label(case.status), date=nxt
    )
    _print_case(tracker, case, args, message)
    return 0


def cmd_check(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    if args.state == "add":
        case = tracker.cases.add_check(args.id, args.check, args.required)
        message = _("Check {check} added to case {id}").format(
            check=terms.quoted(literal(args.check)), id=case.id
        )
    else:
        case = tracker.cases.set_check(args.id, args.check, STATES[args.state], args.note)
        check = terms.find_check(case.checks, args.check)
        assert check is not None
        name = terms.quoted(literal(terms.check_label(check.name)))
        if check.state is CheckState.FAILED:
            message = _("Case {id}: {check} failed; the case is failed and needs a follow-up today").format(
                id=case.id, check=name
            )
        else:
            message = _("Case {id}: {check} {state}").format(
                id=case.id, check=name, state=terms.check_state_label(check.state)
            )
    _print_case(tracker, case, args, message)
    return 0


def cmd_verify(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.cases.verify(args.id)
    if case.next_follow_up:
        message = _("Case {id} verified. Recheck after the next bill: {date}.").format(
            id=case.id, date=case.next_follow_up.isoformat()
        )
    else:
        message = _("Case {id} verified.").format(id=case.id)
    _print_case(tracker, case, args, message)
    return 0


def cmd_withdraw(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).cases.withdraw(args.id, args.reason)
    say(_("Case {id} withdrawn. (tracker reopen {id} undoes it)").format(id=case.id))
    return 0


def cmd_reopen(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).cases.reopen(args.id)
    say(_("Case {id} reopened ({status}).").format(id=case.id, status=terms.status_label(case.status)))
    return 0


def cmd_delete(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).cases.delete(args.id)
    say(_("Case {id} moved to the trash. (tracker restore {id} brings it back)").format(id=case.id))
    return 0


def cmd_restore(args: argparse.Namespace, clock: Clock) -> int:
    case = Tracker.open(args.db, clock=clock).cases.restore(args.id)
    say(_("Case {id} restored.").format(id=case.id))
    return 0


def cmd_trash(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock)
    trashed = tracker.trash()
    if args.json:
        print_json([_case_to_dict(c, tracker.today()) for c in trashed])
    elif not trashed:
        say(_("The trash is empty."))
    else:
        say(case_table(trashed, tracker.today()))
    return 0


def cmd_playbooks(args: argparse.Namespace, clock: Clock) -> int:
    tracker = Tracker.open(args.db, clock=clock, defer=True)  # config and playbooks only
    registry, config = tracker.playbooks, tracker.config
    if args.name:
        from tracker.cli.escalation import print_rules

        print_rules(tracker, registry.get(args.name))
        return 0
    for name in registry.names():
        playbook = registry.get(name)
        say(
            _("{name}: {title} ({days}; {source})").format(
                name=name,
                title=literal(terms.playbook_title(playbook)),
                days=playbook_days(playbook),
                source=literal(terms.playbook_source(playbook)),
            )
        )
        for check in playbook.checks:
            shown = literal(terms.check_label(check.name))
            say("  - " + (_("{check} (required)").format(check=shown) if check.required else shown))
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
    say(
        ngettext("Exported {count} case to {path}", "Exported {count} cases to {path}", count).format(
            count=count, path=path
        )
    )
    return 0


def cmd_import(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.progress import progress_for
    from tracker.exchange import importer

    if args.file == "-":
        raw = sys.stdin.buffer.read()
        source = _("standard input")
    else:
        path = Path(args.file).expanduser()
        raw = importer.read_file(path)
        source = str(path)
    tracker = Tracker.open(args.db, clock=clock)
    bar = progress_for(sys.stderr)
    try:
        result = importer.import_document(tracker, raw, dry_run=args.dry_run, progress=bar)
    except InvalidInput as exc:
        raise InvalidInput(_("{path}: {problem}").format(path=source, problem=exc), exc.field) from None
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


_LISTED = 50


def _list_changes(result: importer_types.ImportResult) -> None:
    add, update = pgettext("import plan", "add"), pgettext("import plan", "update")
    width = max(cell_width(add), cell_width(update)) + 2
    for case in result.added[:_LISTED]:
        if case.service:
            line = _("case {id}: {provider} ({service})").format(
                id=case.id, provider=literal(case.provider), service=literal(case.service)
            )
        else:
            line = _("case {id}: {provider}").format(id=case.id, provider=literal(case.provider))
        say("  " + fit(add, width) + line)
    if len(result.added) > _LISTED:
        more = len(result.added) - _LISTED
        say(
            "  "
            + ngettext("... and {count} more to add", "... and {count} more to add", more).format(count=more)
        )
    for update_plan in result.updated[:_LISTED]:
        case = update_plan.case
        changes = pgettext("list separator", ", ").join(update_plan.changes)
        line = _("case {id}: {provider}: {changes}").format(
            id=case.id, provider=literal(case.provider), changes=literal(changes)
        )
        say("  " + fit(update, width) + line)
    if len(result.updated) > _LISTED:
        more = len(result.updated) - _LISTED
        say(
            "  "
            + ngettext("... and {count} more to update", "... and {count} more to update", more).format(
                count=more
            )
        )


def cmd_report(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.exchange.dossier import dossier
    from tracker.exchange.files import write_private

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id, include_deleted=True)
    if args.bundle is not None:
        if args.output is not None:
            raise InvalidInput(_("give --bundle or --output, not both"))
        from tracker.cli.escalation import cmd_bundle

        return cmd_bundle(tracker, case, Path(args.bundle).expanduser(), args.redact)
    text = dossier(tracker, case, redact=args.redact)
    if args.output is None:
        write_bytes(text.encode("utf-8"))
        return 0
    path = Path(args.output).expanduser()
    write_private(path, lambda stream: stream.write(text.encode("utf-8")))
    say(_("Dossier of case {id} written to {path}").format(id=case.id, path=path))
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
        destination = Path(args.file).expanduser() if args.file else None
        written = tracker.backup(destination)
        say(_("Backed up to {path}").format(path=literal(written)))
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
    return 0


def cmd_notify(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.notify_command import run_notify

    return run_notify(args, clock)


def _escalation(name: str) -> Callable[[argparse.Namespace, Clock], int]:
    """A command of the Peruvian path, loaded when it runs (the everyday ones never need it)."""

    def command(args: argparse.Namespace, clock: Clock) -> int:
        from tracker.cli import escalation

        run_it: Callable[[argparse.Namespace, Clock], int] = getattr(escalation, name)
        return run_it(args, clock)

    return command


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
    "escalate": _escalation("cmd_escalate"),
    "answer": _escalation("cmd_answer"),
    "charge": _escalation("cmd_charge"),
    "letter": _escalation("cmd_letter"),
    "attach": _escalation("cmd_attach"),
}


# The commands that write to the database: their work is done once they return.
_CHANGING = frozenset(
    {
        "add",
        "log",
        "check",
        "verify",
        "withdraw",
        "reopen",
        "delete",
        "restore",
        "escalate",
        "answer",
        "charge",
        "attach",
    }
)


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
