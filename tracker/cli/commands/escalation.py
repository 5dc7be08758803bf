"""The escalation past the provider's deadline: file a stage, record its answer, a charge,
and write the letter for the operator or OSIPTEL."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.arguments import option_date, typed_value, value_help
from tracker.cli.command_spec import Command, always
from tracker.cli.terminal import say, warn
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Channel, Outcome, StageKind, Topic
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from datetime import date

    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock
    from tracker.core import Tracker
    from tracker.domain.model import Case


def _escalate_arguments(escalate: Parser, m: Mapping[str, str]) -> None:
    escalate.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    escalate.add_argument(
        "kind", type=typed_value("stage_kinds"), metavar=m["KIND"], help=value_help("stage_kinds")
    )
    escalate.add_argument(
        "--filed", metavar=m["DATE"], default="today", help=_("when it was filed (default: today)")
    )
    escalate.add_argument(
        "--code", default="", metavar=m["CODE"], help=_("the código the operator or OSIPTEL gave for it")
    )
    escalate.add_argument(
        "--topic",
        type=typed_value("topics"),
        metavar=m["TOPIC"],
        help=value_help(
            "topics",
            _(
                "a reclamo's subject: baja (default, not carried out), billing, quality, or unrequested "
                "(a baja or cut-off you did not ask for); it sets the operator's days"
            ),
        ),
    )
    escalate.add_argument(
        "--amount",
        metavar=m["AMOUNT"],
        help=_("billing: the amount in dispute (it sets the operator's days)"),
    )
    escalate.add_argument(
        "--channel",
        "-c",
        type=typed_value("channels"),
        metavar=m["CHANNEL"],
        help=value_help("channels", _("how it was filed")),
    )
    escalate.add_argument(
        "--note", "-n", default="", metavar=m["NOTE"], help=_("anything worth remembering about this step")
    )
    escalate.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def escalate(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker
    from tracker.domain.charges import parse_amount
    from tracker.domain.deadlines import stage_views
    from tracker.wording import escalation as words
    from tracker.wording import terms

    today = clock.today()
    filed = option_date(args.filed, today, "--filed")
    amount = parse_amount(args.amount, "--amount") if args.amount is not None else None
    kind = StageKind(args.kind)
    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.escalation.file(
        args.id,
        kind,
        filed,
        code=args.code,
        topic=Topic(args.topic) if args.topic else None,
        amount=amount,
        channel=Channel(args.channel) if args.channel else None,
        note=args.note,
    )
    rules = tracker.rules_for(case)
    index = max(i for i, s in enumerate(case.stages) if s.kind is kind and s.filed_on == filed)
    view = stage_views(case, rules)[index]
    lines = [
        _("Case {id}: filed {the_stage} on {day}.").format(
            id=case.id, the_stage=terms.stage_with_article(kind), day=filed.isoformat()
        )
    ]
    lines += ["  " + words.deadline_line(d, rules.book) for d in view.deadlines]
    if view.late is not None:
        # Recorded all the same, because it happened; the user hears at once what it missed.
        warn(_("tracker: warning: {problem}").format(problem=words.late_words(view.late, case)))
    print_case(tracker, case, args.json, "\n".join(lines))
    return 0


def _answer_arguments(answer: Parser, m: Mapping[str, str]) -> None:
    answer.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    answer.add_argument(
        "--on", metavar=m["DATE"], required=True, help=_("the day the answer was notified to you")
    )
    answer.add_argument(
        "--issued",
        metavar=m["DATE"],
        help=_("the day the answer was issued (its date): a queja lies if it was issued late"),
    )
    answer.add_argument(
        "--outcome",
        required=True,
        type=typed_value("outcomes"),
        metavar=m["OUTCOME"],
        help=value_help("outcomes"),
    )
    answer.add_argument(
        "--stage",
        type=typed_value("stage_kinds"),
        metavar=m["KIND"],
        help=value_help("stage_kinds", _("answer the latest stage of this kind")),
    )
    answer.add_argument("--code", default="", metavar=m["RESOLUTION"], help=_("the resolution's number"))
    answer.add_argument(
        "--reason",
        default="",
        metavar=m["REASON"],
        help=_("the reason the answer gives, in a few words (the apelación answers it)"),
    )
    answer.add_argument(
        "--note", "-n", default="", metavar=m["NOTE"], help=_("anything worth remembering about this answer")
    )
    answer.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def answer(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker
    from tracker.domain.deadlines import Whose, stage_views
    from tracker.wording import escalation as words
    from tracker.wording import terms

    on = option_date(args.on, clock.today(), "--on")
    issued = option_date(args.issued, clock.today(), "--issued") if args.issued else None
    tracker = Tracker.open(args.db, clock=clock)
    kind = StageKind(args.stage) if args.stage else None
    case = tracker.escalation.answer(
        args.id,
        on,
        Outcome(args.outcome),
        kind=kind,
        code=args.code,
        note=args.note,
        issued=issued,
        reason=args.reason,
    )
    rules = tracker.rules_for(case)
    answered = max(
        (
            v
            for v in stage_views(case, rules)
            if v.stage.answered_on == on and (kind is None or v.stage.kind is kind)
        ),
        key=lambda v: v.index,
    )
    stage = answered.stage
    assert stage.outcome is not None
    lines = [
        _("Case {id}: answer to the {stage} of {filed}: {outcome}, notified on {day}.").format(
            id=case.id,
            stage=terms.stage_name(stage.kind),
            filed=stage.filed_on.isoformat(),
            outcome=terms.outcome_name(stage.outcome),
            day=on.isoformat(),
        )
    ]
    late = [d for d in answered.deadlines if d.what.endswith(".answer") and on > d.due]
    if late:
        lines.append("  " + _("It came late: the deadline was {due}.").format(due=late[0].due.isoformat()))
    issued_late = [d for d in answered.deadlines if d.what.endswith(".resolve") and d.missed(on)]
    if issued_late:
        lines.append(
            "  "
            + _("It was issued late: the deadline to issue it was {due}.").format(
                due=issued_late[0].due.isoformat()
            )
        )
    for deadline in (d for d in answered.deadlines if d.whose is Whose.USER):
        lines.append(
            "  "
            + _("Your deadline: {what}, by {due} ({source}).").format(
                what=words.deadline_what(deadline),
                due=deadline.due.isoformat(),
                source=words.rule_source(deadline.rule, rules.book),
            )
        )
    print_case(tracker, case, args.json, "\n".join(lines))
    return 0


def _charge_arguments(charge: Parser, m: Mapping[str, str]) -> None:
    charge.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    charge.add_argument("amount", metavar=m["AMOUNT"], nargs="?", help=_("e.g. 79.80"))
    charge.add_argument("--on", metavar=m["DATE"], help=_("the bill's date (or when it was taken)"))
    charge.add_argument(
        "--number",
        metavar="N",
        type=int,
        help=_("give charge N (from `tracker show`) what it lacked: its --period, --receipt or --due"),
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
    charge.add_argument(
        "--receipt",
        metavar=m["NUMBER"],
        help=_("the receipt's number (boleta or factura), e.g. B001-00012345"),
    )
    charge.add_argument(
        "--due",
        metavar=m["DATE"],
        help=_("the day the bill falls due (the window to claim it counts from it)"),
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
    charge.add_argument(
        "--note", "-n", default="", metavar=m["NOTE"], help=_("anything worth remembering about this charge")
    )
    charge.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def _period(text: str | None, today: date) -> tuple[date, date] | None:
    if text is None:
        return None
    start, sep, end = text.partition("..")
    if not sep:
        raise InvalidInput(_("--period: write it as YYYY-MM-DD..YYYY-MM-DD"), "--period")
    return option_date(start, today, "--period"), option_date(end, today, "--period")


def charge(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker
    from tracker.domain.charges import Share, charge_share, not_owed_totals, parse_amount
    from tracker.wording import escalation as words
    from tracker.wording import formats

    today = clock.today()
    period = _period(args.period, today)
    due = option_date(args.due, today, "--due") if args.due is not None else None
    if args.number is not None:
        if args.amount is not None or args.on is not None:
            raise InvalidInput(
                _("--number changes a recorded charge: give no amount and no --on"), "--number"
            )
        tracker = Tracker.open(args.db, clock=clock)
        case = tracker.escalation.complete_charge(
            args.id, args.number, period=period, receipt=args.receipt, due=due
        )
        recorded = case.charges[args.number - 1]
        verb = _("Case {id}: charge {number} of {money} on {day} completed: {state}.")
    else:
        if args.amount is None or args.on is None:
            raise InvalidInput(
                _("give the charge's amount and --on DATE (or --number N to change one)"), "--on"
            )
        amount = parse_amount(args.amount, "AMOUNT")
        on = option_date(args.on, today, "--on")
        tracker = Tracker.open(args.db, clock=clock)
        currency = args.currency
        if currency is None:
            case = tracker.get(args.id)
            book = tracker.rules_for(case).book
            currency = book.currency if book is not None and book.currency else case.fee_currency
            if not currency:
                raise InvalidInput(
                    _("give the charge's currency with --currency (e.g. PEN, USD)"), "--currency"
                )
        case = tracker.escalation.add_charge(
            args.id,
            amount,
            currency,
            on,
            period=period,
            owed=args.owed,
            note=args.note,
            receipt=args.receipt or "",
            due=due,
        )
        recorded = next(c for c in reversed(case.charges) if c.on == on and c.amount == amount)
        verb = _("Case {id}: charge {number} of {money} on {day} recorded: {state}.")
    rules = tracker.rules_for(case)
    share = charge_share(case, recorded, rules)
    if share.share in (Share.OWED, Share.NOT_OWED):
        owed = share.share is Share.OWED
        if share.by_user:
            state = _("owed (your word)") if owed else _("not owed (your word)")
        else:
            state = _("owed by the rules") if owed else _("not owed by the rules")
    else:
        state = words.charge_state(share, recorded.currency)
    lines = [
        verb.format(
            id=case.id,
            number=case.charges.index(recorded) + 1,
            money=formats.money(recorded.amount, recorded.currency),
            day=recorded.on.isoformat(),
            state=state,
        ),
        "  " + _("Not owed on this case: {total}.").format(total=words.totals(not_owed_totals(case, rules))),
    ]
    print_case(tracker, case, args.json, "\n".join(lines))
    return 0


def _letter_arguments(letter: Parser, m: Mapping[str, str]) -> None:
    letter.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    letter.add_argument(
        "kind", type=typed_value("letter_kinds"), metavar=m["KIND"], help=value_help("letter_kinds")
    )
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
    letter.add_argument(
        "--explain",
        action="store_true",
        help=_(
            "a reading aid: each Spanish paragraph followed by its meaning in your language (not for filing)"
        ),
    )


def _missing_holder(tracker: Tracker) -> None:
    """One line on standard error when the letter has placeholders for the holder's data."""
    from tracker import paths
    from tracker.wording.holder import missing_line

    missing = tracker.config.me.missing()
    if missing:
        folder = tracker.config.folder or paths.config_dir()
        warn(missing_line(missing, str(folder / "config.toml")))


def _warn_if_late(tracker: Tracker, case: Case, kind: str) -> None:
    """An apelación written after its window is still written (the letter says so), with
    what that risks said once on stderr."""
    from tracker.domain.deadlines import Step, next_step
    from tracker.wording.escalation import next_step as step_words

    step = next_step(case, tracker.rules_for(case), tracker.today())
    if step is not None and step.missed and step.step is Step.APELACION and kind == "apelacion":
        warn(_("tracker: warning: {problem}").format(problem=step_words(step, case.id)))


def letter(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker
    from tracker.exchange.files import write_private
    from tracker.exchange.letters import letter_for
    from tracker.wording import terms

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id, include_deleted=True)
    text = letter_for(tracker, case, args.kind, fmt=args.format, redact=args.redact, explain=args.explain)
    _warn_if_late(tracker, case, args.kind)
    # The placeholders are said once the letter is out: a refused destination is one line.
    if args.output is None:
        sys.stdout.write(text)
        _missing_holder(tracker)
        return 0
    path = Path(args.output).expanduser()
    write_private(path, lambda stream: stream.write(text.encode("utf-8")), live=tracker.live_files())
    say(
        _("Letter ({kind}) of case {id} written to {path}").format(
            kind=terms.letter_name(args.kind), id=case.id, path=path
        )
    )
    _missing_holder(tracker)
    return 0


COMMANDS = (
    Command(
        "escalate",
        N_("file a reclamo, queja, apelación or OSIPTEL form on a case"),
        escalate,
        _escalate_arguments,
        description=N_(
            "Record a stage past the provider's deadline. A queja for silence is refused until "
            "the operator's deadline to answer the reclamo has passed, naming the first day it is "
            "allowed."
        ),
        writes=always,
        glossary="reclamo",
    ),
    Command(
        "answer",
        N_("record the answer to the case's latest stage"),
        answer,
        _answer_arguments,
        description=N_(
            "Record the answer (resolution) to the case's latest stage, or to the latest of "
            "--stage {kind}. An answer against you opens your deadline to appeal."
        ),
        writes=always,
        glossary="infundado",
    ),
    Command(
        "charge",
        N_("record what the provider billed or took"),
        charge,
        _charge_arguments,
        description=N_(
            "Record a charge. Its period decides whether it is owed, not the bill's date: in "
            "Peru, service after the day the baja had to be carried out (or the request, as "
            "config.toml [rules] not_owed_from chooses) is not owed while the baja is not carried "
            "out, and a period across that day is split by days. Without --period the rules "
            "cannot tell; --number N gives a recorded charge its period. --owed or --not-owed "
            "overrides the rules."
        ),
        writes=always,
        glossary="recibo",
    ),
    Command(
        "letter",
        N_("write the baja request, reclamo, queja or apelación in Spanish, filled from the case"),
        letter,
        _letter_arguments,
        description=N_(
            "Write a letter to the operator (or to OSIPTEL's TRASU through it), in Spanish, from "
            "the case's facts, dates, códigos, deadlines and charges not owed, with the holder's "
            "data from config.toml [me] (tracker me). baja is the written request itself, for a "
            "store or an e-mail. Not legal advice."
        ),
        glossary="reclamo",
    ),
)
