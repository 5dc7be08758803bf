"""Commands for the path past the provider's deadline: escalate, answer, charge, letter, attach,
the rules of a playbook, and the bundle for OSIPTEL."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from tracker.cli.output import playbook_detail, print_json
from tracker.cli.terminal import say, warn
from tracker.clock import Clock
from tracker.core import Tracker
from tracker.display import literal
from tracker.domain.charges import is_not_owed, not_owed_totals, parse_amount
from tracker.domain.dates import parse_date
from tracker.domain.deadlines import stage_views
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case, Channel, Outcome, StageKind, Topic
from tracker.domain.playbooks import Playbook
from tracker.exchange.serialize import case_to_dict
from tracker.i18n import _, formats, ngettext, terms
from tracker.i18n import path as words


def _day(text: str, today: date, option: str) -> date:
    try:
        return parse_date(text, today, option)
    except InvalidInput as exc:
        raise InvalidInput(_("{option}: {problem}").format(option=option, problem=exc), option) from None


def _done(tracker: Tracker, case: Case, args: argparse.Namespace, lines: list[str]) -> int:
    if getattr(args, "json", False):
        print_json(case_to_dict(case, tracker.today(), timeline=True, rules=tracker.rules_for(case)))
    else:
        say("\n".join(lines))
    return 0


def cmd_escalate(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    filed = _day(args.filed, today, "--filed")
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
        _("Case {id}: {stage} filed on {day}.").format(
            id=case.id, stage=terms.stage_name(kind), day=filed.isoformat()
        )
    ]
    lines += ["  " + words.deadline_line(d, rules.book) for d in view.deadlines]
    return _done(tracker, case, args, lines)


def cmd_answer(args: argparse.Namespace, clock: Clock) -> int:
    on = _day(args.on, clock.today(), "--on")
    tracker = Tracker.open(args.db, clock=clock)
    kind = StageKind(args.stage) if args.stage else None
    case = tracker.escalation.answer(
        args.id, on, Outcome(args.outcome), kind=kind, code=args.code, note=args.note
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
    appeal = [d for d in answered.deadlines if d.what == "apelacion.file"]
    if appeal:
        deadline = appeal[0]
        lines.append(
            "  "
            + _("Your deadline: {what}, by {due} ({source}).").format(
                what=words.deadline_what(deadline),
                due=deadline.due.isoformat(),
                source=words.rule_source(deadline.rule, rules.book),
            )
        )
    return _done(tracker, case, args, lines)


def _period(text: str | None, today: date) -> tuple[date, date] | None:
    if text is None:
        return None
    start, sep, end = text.partition("..")
    if not sep:
        raise InvalidInput(_("--period: write it as YYYY-MM-DD..YYYY-MM-DD"), "--period")
    return _day(start, today, "--period"), _day(end, today, "--period")


def cmd_charge(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    amount = parse_amount(args.amount, "AMOUNT")
    on = _day(args.on, today, "--on")
    period = _period(args.period, today)
    tracker = Tracker.open(args.db, clock=clock)
    currency = args.currency
    if currency is None:
        case = tracker.get(args.id)
        book = tracker.rules_for(case).book
        currency = book.currency if book is not None and book.currency else case.fee_currency
        if not currency:
            raise InvalidInput(_("give the charge's currency with --currency (e.g. PEN, USD)"), "--currency")
    case = tracker.escalation.add_charge(
        args.id, amount, currency, on, period=period, owed=args.owed, note=args.note
    )
    rules = tracker.rules_for(case)
    charge = next(c for c in reversed(case.charges) if c.on == on and c.amount == amount)
    owed = not is_not_owed(case, charge, rules)
    if args.owed is not None:
        state = _("owed (your word)") if owed else _("not owed (your word)")
    else:
        state = _("owed by the rules") if owed else _("not owed by the rules")
    lines = [
        _("Case {id}: charge of {money} on {day} recorded: {state}.").format(
            id=case.id, money=formats.money(charge.amount, charge.currency), day=on.isoformat(), state=state
        ),
        "  " + _("Not owed on this case: {total}.").format(total=words.totals(not_owed_totals(case, rules))),
    ]
    return _done(tracker, case, args, lines)


def cmd_attach(args: argparse.Namespace, clock: Clock) -> int:
    source = Path(args.file).expanduser()
    tracker = Tracker.open(args.db, clock=clock)
    case, attachment = tracker.evidence.attach(args.id, source, args.note)
    size = ngettext("{n} byte", "{n} bytes", attachment.size).format(n=f"{attachment.size:,}")
    lines = [
        _("Case {id}: {name} attached ({size}), SHA-256 {sha256}.").format(
            id=case.id, name=literal(attachment.name), size=size, sha256=attachment.sha256
        ),
        "  " + _("Kept in {folder}; the original can go.").format(folder=tracker.evidence.blobs.folder),
    ]
    return _done(tracker, case, args, lines)


def cmd_letter(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.exchange.files import write_private
    from tracker.exchange.letters import letter_for

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id, include_deleted=True)
    text = letter_for(tracker, case, StageKind(args.kind), fmt=args.format, redact=args.redact)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    path = Path(args.output).expanduser()
    write_private(path, lambda stream: stream.write(text.encode("utf-8")))
    say(
        _("Letter ({kind}) of case {id} written to {path}").format(
            kind=terms.stage_name(StageKind(args.kind)), id=case.id, path=path
        )
    )
    return 0


def cmd_bundle(tracker: Tracker, case: Case, path: Path, redact: bool) -> int:
    from tracker.exchange.bundle import write_bundle

    written = write_bundle(tracker, case, path, redact=redact)
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
    return 0


def print_rules(tracker: Tracker, playbook: Playbook) -> None:
    """``tracker playbooks NAME``: the playbook in full, and for a rule book every rule and its source."""
    say(playbook_detail(playbook))
    book = tracker.rulebook(playbook)
    if book is None:
        return
    say()
    say(
        _("Rules ({title}); each deadline shown names the rule it comes from:").format(
            title=terms.rulebook_title(book)
        )
    )
    for rule in book.rules:
        norm = book.norm(rule.norm)
        when = ""
        if norm.date_unknown and norm.applies_from is None:
            when = _(" [not applied: its start date is unknown]")
        elif norm.applies_from is not None:
            when = _(" [from {day}]").format(day=norm.applies_from.isoformat())
        say(f"  {rule.key:<30} {words.rule_source(rule, book)}{when}")
    low = book.billing_low_max(tracker.today().year)
    if low is not None:
        uit = book.uit_for(tracker.today().year)
        assert uit is not None
        say(
            "  "
            + _(
                "billing threshold: {money} this year ({share} of the UIT of {year}, {uit}; {source})"
            ).format(
                money=formats.money(low, "PEN"),
                share=formats.percent(book.billing_low_share),
                year=uit.year,
                uit=formats.money(uit.value, "PEN"),
                source=uit.source,
            )
        )
    say()
    say(_("Norms:"))
    for norm in book.norms.values():
        say(f"  {norm.id}: {norm.citation}, {norm.title}")
        if norm.date_from_config and norm.applies_from is not None:
            say(
                "    "
                + _("applies from {day} (set in config.toml)").format(day=norm.applies_from.isoformat())
            )
        say(f"    {norm.source}")
    for norm in book.pending_norms():
        say()
        say(
            _(
                "The date {citation} applies from could not be confirmed from a primary source, so "
                "its rules are not used yet. Once you know it, set it in {config}:"
            ).format(citation=norm.citation, config=_config_file(tracker))
        )
        say(f'  norm_dates = {{ "{norm.id}" = "YYYY-MM-DD" }}')
    for unknown in book.unknown_dated:
        warn(
            _("tracker: warning: config.toml: norm_dates: {id} is not a norm of this rule book").format(
                id=unknown
            )
        )


def _config_file(tracker: Tracker) -> str:
    folder = tracker.config.folder
    return str(folder / "config.toml") if folder is not None else "config.toml"
