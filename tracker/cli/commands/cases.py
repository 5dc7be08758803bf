"""The everyday commands on cases: add, list, due, show, and log a contact."""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.cli.arguments import case_ref, option_date, typed_value, value_help, within_days
from tracker.cli.command_spec import Command, always
from tracker.cli.terminal import say, warn
from tracker.domain.errors import InvalidInput
from tracker.domain.limits import MAX_WITHIN_DAYS
from tracker.domain.model import Action, Case
from tracker.i18n import N_, _, ngettext, pgettext

if TYPE_CHECKING:
    from datetime import date

    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock


def _add_arguments(add: Parser, m: Mapping[str, str]) -> None:
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
        "--channel",
        "-c",
        default="phone",
        type=typed_value("channels"),
        metavar=m["CHANNEL"],
        help=value_help("channels", _("how you asked (default: phone)")),
    )
    add.add_argument(
        "--playbook",
        "-p",
        metavar=m["PLAYBOOK"],
        help=_(
            "esim-pe, subscription, generic or one of yours (default: the one that names the "
            "provider, e.g. esim-pe for Movistar, Claro, Entel or Bitel; else from the config, "
            "else generic)"
        ),
    )
    add.add_argument(
        "--action",
        default="cancel",
        type=typed_value("actions"),
        metavar=m["REQUEST"],
        help=value_help("actions", _("cancel for good, or only suspend (default: cancel)")),
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


def _optional_date(text: str | None, clock: Clock, option: str) -> date | None:
    return None if text is None else option_date(text, clock.today(), option)


def add_case(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker
    from tracker.display import literal
    from tracker.domain.errors import NotFound
    from tracker.domain.flags import case_flags
    from tracker.domain.model import Channel
    from tracker.domain.workflow import CaseDraft, parse_fee
    from tracker.wording import terms

    today = clock.today()
    # Everything the user typed is checked before the database is touched.
    draft = CaseDraft(
        provider=args.provider,
        service=args.service,
        requested_on=option_date(args.requested, today, "--requested"),
        channel=Channel(args.channel),
        ticket=args.ticket,
        notes=args.note,
        action=Action(args.action),
        promised_by=_optional_date(args.promised, clock, "--promised"),
        next_follow_up=_optional_date(args.next_date, clock, "--next"),
        fee_amount=parse_fee(args.fee, "--fee"),
        fee_currency=args.currency,
        effective_on=_optional_date(args.effective, clock, "--effective"),
        ends_on=_optional_date(args.until, clock, "--until"),
    )
    from tracker.domain.workflow import validate_draft

    validate_draft(draft, today)
    tracker = Tracker.open(args.db, clock=clock, defer=True)
    # A playbook that names the provider fits better than the config's everyday one.
    fitting = None if args.playbook else tracker.playbooks.for_provider(args.provider)
    draft.playbook = args.playbook or (fitting.name if fitting else tracker.config.default_playbook)
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
        option = {"currency": "--currency", "ends_on": "--until"}.get(exc.field or "")
        if option is None:
            raise
        raise InvalidInput(
            _("{problem} (give it with {option})").format(problem=exc, option=option), exc.field
        ) from None
    flags = terms.flag_labels(case_flags(case, today))
    book = tracker.rulebook(tracker.playbooks.for_case(case.playbook))
    if case.ends_on is not None:
        from tracker.wording.suspension import overrun_words

        for overrun in tracker.suspension_overruns(case):
            # Stored all the same (the law leaves the year's reckoning open); said at once.
            warn(_("tracker: warning: {problem}").format(problem=overrun_words(overrun, book)))
    said = {
        "id": case.id,
        "provider": literal(case.provider),
        "promised": case.promised_by.isoformat(),
        "follow_up": case.next_follow_up.isoformat() if case.next_follow_up else _("none"),
    }
    if book is not None and draft.promised_by is None:
        from tracker.domain.caserules import provider_deadline
        from tracker.wording.escalation import rule_source

        first = provider_deadline(case, tracker.rules_for(case))
        source = _("the date you chose") if first.scheduled else rule_source(first.rule, book)
        message = _(
            "Case {id} added: {provider}; promised by {promised} ({source}), first follow-up {follow_up}"
        ).format(source=source, **said)
    else:
        message = _(
            "Case {id} added: {provider}; promised by {promised}, first follow-up {follow_up}"
        ).format(**said)
    message += f" [{flags}]" if flags else ""
    if fitting is not None:
        # The case's own: asked to suspend, an esim-pe line follows suspension-pe.
        chosen = tracker.playbooks.for_case(case.playbook)
        message += "\n" + _("Playbook {name}, chosen for {provider}: {title}; -p chooses another.").format(
            name=chosen.name, title=literal(terms.playbook_title(chosen)), provider=literal(case.provider)
        )
    print_case(tracker, case, args.json, message)
    return 0


def _listing_arguments(listing: Parser, m: Mapping[str, str]) -> None:
    listing.add_argument("--all", action="store_true", help=_("include closed cases"))
    listing.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def list_cases(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import case_json, case_table_lines, print_json_array
    from tracker.core import Tracker

    tracker = Tracker.open(args.db, clock=clock)
    if args.json:
        today = tracker.today()
        print_json_array(case_json(c, today) for c in tracker.each_open_case(include_closed=args.all))
        return 0
    lines = case_table_lines(tracker.each_open_summary(include_closed=args.all), tracker.today())
    heading = next(lines)
    first = next(lines, None)
    if first is None:
        say(_("No cases.") if args.all else _("No open cases. (tracker list --all shows closed ones)"))
        return 0
    say(heading)
    say(first)
    # A few hundred lines a write: a call per line would cost, one for all would hold all.
    while chunk := list(itertools.islice(lines, 500)):
        say("\n".join(chunk))
    return 0


def _due_arguments(due: Parser, m: Mapping[str, str]) -> None:
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


def due(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import case_json, case_table, print_json_array
    from tracker.core import Tracker
    from tracker.domain.flags import FlagFacts, is_overdue

    if args.within < 0:
        raise InvalidInput(_("--within must be zero or more days"))
    tracker = Tracker.open(args.db, clock=clock)
    today = tracker.today()
    if args.json:
        overdue = [False]  # whether any is, found as they stream by

        def each(case: Case) -> dict[str, object]:
            overdue[0] = overdue[0] or is_overdue(FlagFacts.of(case), today)
            return case_json(case, today)

        print_json_array(map(each, tracker.each_due_case(args.within)))
        return 1 if overdue[0] else 0
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


def _show_arguments(show: Parser, m: Mapping[str, str]) -> None:
    show.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    show.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def show(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import case_detail, case_json, print_json
    from tracker.core import Tracker

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id)
    rules = tracker.rules_for(case)
    if args.json:
        print_json(case_json(case, tracker.today(), timeline=True, rules=rules))
    else:
        say(
            case_detail(
                case, tracker.today(), tracker.clock.local, rules, tracker.playbooks.for_case(case.playbook)
            )
        )
    return 0


def _log_arguments(log: Parser, m: Mapping[str, str]) -> None:
    log.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    log.add_argument("summary", metavar=m["SUMMARY"], help=_("what was said or done"))
    log.add_argument(
        "--channel",
        "-c",
        default="phone",
        type=typed_value("channels"),
        metavar=m["CHANNEL"],
        help=value_help("channels", _("how you got in touch (default: phone)")),
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


def log_contact(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker
    from tracker.domain.model import Channel
    from tracker.wording import terms

    next_date = _optional_date(args.next_date, clock, "--next")
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
    print_case(tracker, case, args.json, message)
    return 0


COMMANDS = (
    Command(
        "add",
        N_("log a new cancellation case"),
        add_case,
        _add_arguments,
        description=N_(
            "Log a new case. The playbook fills in the checks, the promised date and the first follow-up."
        ),
        writes=always,
        glossary="baja",
    ),
    Command("list", N_("list cases, most urgent first"), list_cases, _listing_arguments),
    Command(
        "due",
        N_("follow-ups overdue or due today; exits 1 when any is overdue"),
        due,
        _due_arguments,
        description=N_(
            "Follow-ups that are overdue or due today. Exit status: 0 when nothing is overdue, 1 "
            "when something is (for cron: tracker due || notify-send ...)."
        ),
    ),
    Command("show", N_("one case: fields, checks, timeline"), show, _show_arguments),
    Command("log", N_("log a contact with the provider"), log_contact, _log_arguments, writes=always),
)
