"""Words for the path past the provider's deadline: stages, deadlines, rules, money, steps.

The domain hands over codes and dates (``"reclamo.answer"``, a Rule); this is
where they become words in the reader's language, the same in the command
line, the TUI and the dossier. (Letters to the operator are Spanish by law and
have their own words: :mod:`tracker.exchange.letters`.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum

from tracker.display import literal
from tracker.domain.caserules import CaseRules
from tracker.domain.charges import (
    ChargeShare,
    LineFrom,
    OwedLine,
    Share,
    charge_share,
    not_owed_totals,
    owed_line,
    unknown_period,
)
from tracker.domain.deadlines import (
    Deadline,
    Late,
    NextStep,
    Step,
    Whose,
    case_deadlines,
    no_due_date,
    stage_views,
)
from tracker.domain.deadlines import next_step as find_next_step
from tracker.domain.model import Case, Outcome, StageKind, Topic
from tracker.domain.phrases import Advice
from tracker.domain.rules import Fact, Rule, RuleBook, Unit
from tracker.domain.undisputed import ToPay, undisputed
from tracker.i18n import N_, _, ngettext, pgettext
from tracker.wording.advice import advice_words
from tracker.wording.formats import money
from tracker.wording.terms import book_note, outcome_name, stage_name, topic_name

DEADLINE_WORDS = {
    "baja": N_("carry out the baja"),
    "baja.scheduled": N_("carry out the baja on the date you chose"),
    "suspension": N_("carry out the suspension"),
    "suspension.scheduled": N_("suspend the line from the date you chose"),
    "suspension.ends": N_("bring the line back (the suspension ends)"),
    "portabilidad": N_("move the number to the new operator (the port)"),
    "portabilidad.scheduled": N_("move the number on the date you chose"),
    "promised": N_("do what was asked (the playbook's deadline)"),
    "reclamo.resolve": N_("resolve the reclamo"),
    "reclamo.answer": N_("notify the answer to the reclamo"),
    "queja.forward": N_("forward the queja to TRASU"),
    "queja.answer": N_("resolve the queja"),
    "apelacion.forward": N_("forward the apelación to TRASU"),
    "apelacion.resolve": N_("resolve the apelación"),
    "apelacion.answer": N_("notify TRASU's answer to the apelación"),
    "apelacion.file": N_("file an apelación against the answer"),
    "reclamo.billing.file": N_("file a billing reclamo about the charge"),
    "inadmisible.fix": N_("fix what the inadmisible answer asks and file again"),
}

WHOSE_WORDS = {Whose.PROVIDER: N_("provider"), Whose.USER: N_("you")}
# A report is read by others (the operator, OSIPTEL): there the user is not "you".
WHOSE_IN_A_REPORT = {Whose.PROVIDER: N_("provider"), Whose.USER: N_("user")}


def deadline_what(deadline: Deadline) -> str:
    return _(DEADLINE_WORDS.get(deadline.what, deadline.what))


# The provider's side of the path, where TRASU (OSIPTEL's tribunal, a proper name) is the one to act.
TRASU_DEADLINES = frozenset({"queja.answer", "apelacion.resolve"})


def whose(deadline: Deadline, *, report: bool = False) -> str:
    if deadline.what in TRASU_DEADLINES:
        return "TRASU"
    return _((WHOSE_IN_A_REPORT if report else WHOSE_WORDS)[deadline.whose])


def period(rule: Rule) -> str:
    """ "5 business days", "15 days", "1 month"."""
    if rule.unit is Unit.BUSINESS_DAYS:
        return ngettext("{n} business day", "{n} business days", rule.amount).format(n=rule.amount)
    if rule.unit is Unit.MONTHS:
        return ngettext("{n} month", "{n} months", rule.amount).format(n=rule.amount)
    return ngettext("{n} day", "{n} days", rule.amount).format(n=rule.amount)


def rule_source(rule: Rule | None, book: RuleBook | None) -> str:
    """Where a deadline comes from: "5 business days, Res. 138-2012-CD/OSIPTEL"."""
    if rule is None or book is None:
        return _("the playbook's days")
    # The norm only: the article (in Spanish, as the norm says it) is for the letters and
    # for `tracker playbooks NAME`, where each rule shows its source.
    cited = book.norm(rule.norm).citation
    if rule.unsourced:
        return _("{period}, unsourced: the period was not found in {norm}").format(
            period=period(rule), norm=cited
        )
    if book.norm(rule.norm).unverified:
        return _("{period}, {norm} (unverified: not confirmed from the norm's text)").format(
            period=period(rule), norm=cited
        )
    return _("{period}, {norm}").format(period=period(rule), norm=cited)


def fact_source(fact: Fact, book: RuleBook) -> str:
    """Where a playbook's note comes from: "Res. 138-2012-CD/OSIPTEL (unverified: …)"."""
    if not fact.norm:
        source = book_note(fact.source)
        return _("{source} (unverified)").format(source=source) if fact.unverified else source
    cited = book.norm(fact.norm).citation + (f", {fact.article}" if fact.article else "")
    if fact.unverified:
        return _("{source} (unverified: not confirmed from the norm's text)").format(source=cited)
    return cited


def rule_origin(rule: Rule) -> str:
    """Where a rule was found: its article and source, or that no source confirms it."""
    if rule.unsourced:
        return _("not sourced: {why}").format(why=book_note(rule.source) or _("no source found"))
    where = f"{rule.article}; " if rule.article else ""
    return _("source: {where}{source}").format(
        where=where, source=book_note(rule.source) or _("the norm's, below")
    )


def deadline_line(deadline: Deadline, book: RuleBook | None) -> str:
    """One deadline as a line: "2026-09-07  provider  notify the answer to the reclamo (5 business
    days, Res. 099-2022-CD/OSIPTEL) — met on 2026-09-04"."""
    state = ""
    if deadline.tracked and deadline.done_on is not None:
        if deadline.done_on > deadline.due:
            state = _(" — met late, on {day}").format(day=deadline.done_on.isoformat())
        else:
            state = _(" — met on {day}").format(day=deadline.done_on.isoformat())
    if deadline.earliest:
        state += earliest_words(deadline.start.isoformat())
    return _("{due}  {whose}: {what} ({source}){state}").format(
        due=deadline.due.isoformat(),
        whose=whose(deadline),
        what=deadline_what(deadline),
        source=rule_source(deadline.rule, book),
        state=state,
    )


def earliest_words(day: str) -> str:
    """Said of a bill's window counted from its issue date because its due date is not known."""
    # TRANSLATORS: follows a deadline: keep the leading space and dash if your language puts them there.
    return _(
        " — counted from the bill's date, {day}, the earliest it can start;"
        " from its due date it may end later"
    ).format(day=day)


def ask_for_due(case_id: int | None, numbers: list[int]) -> str:
    """The line that asks for the due dates the window to claim a bill counts from."""
    # TRANSLATORS: {how} is a command (tracker charge 3 --number N --due DATE) or, in the TUI, a key.
    how = Advice(_("charge {id} --number N --due DATE").format(id=case_id), "case.charge")
    return "  " + ngettext(
        "Charge {numbers} has no due date: give it with {how}.",
        "Charges {numbers} have no due date: give each with {how}.",
        len(numbers),
    ).format(numbers=", ".join(str(n) for n in numbers), how=advice_words(how))


def late_words(late: Late, case: Case, day: Callable[[date], str] = date.isoformat) -> str:
    """Why a stage is marked: "late: the deadline to file an apelación against the answer was
    2026-10-12", or that it repeats an apelación against the same answer."""
    said = []
    if late.past_due:
        said.append(
            _("late: the deadline to {what} was {due}").format(
                what=deadline_what(late.window), due=day(late.window.due)
            )
        )
    if late.repeat_of is not None:
        first = case.stages[late.repeat_of]
        said.append(
            _(
                "a second {stage} against the same answer (the first was filed on {first}): "
                "it sets no deadlines of its own"
            ).format(stage=stage_name(first.kind), first=day(first.filed_on))
        )
    return pgettext("details separator", "; ").join(said)


def totals(amounts: Mapping[str, Decimal]) -> str:
    """ "S/ 79.80 + USD 10.00", or "nothing"."""
    if not amounts:
        return _("nothing")
    return " + ".join(money(amount, currency) for currency, amount in amounts.items())


def not_owed_summary(amounts: Mapping[str, Decimal], cases: int) -> str:
    """ "S/ 79.80 not owed, 2 cases"."""
    return ngettext("{money} not owed, {n} case", "{money} not owed, {n} cases", cases).format(
        money=totals(amounts), n=cases
    )


def next_step(step: NextStep, case_id: int | None = None) -> str:
    """The next step in words, with what writes its letter (for case ``case_id``): the command,
    or in the TUI the key."""
    day = step.on.isoformat()
    ref = str(case_id) if case_id is not None else "ID"

    def letter(kind: str) -> str:
        return advice_words(Advice(f"letter {ref} {kind}", "case.letter"))

    if step.step is Step.WAIT:
        return _("wait: the other side has until {day}").format(day=day)
    if step.step is Step.RECLAMO:
        # TRANSLATORS: {how}: a command (tracker letter 3 reclamo) or, in the TUI, a key ("key l").
        return _("file a reclamo with the operator (letter: {how}), or OSIPTEL's form").format(
            how=letter("reclamo")
        )
    if step.step is Step.QUEJA:
        # TRANSLATORS: {how}: a command (tracker letter 3 queja) or, in the TUI, a key ("key l").
        return _("file a queja for silence, allowed since {day} (letter: {how})").format(
            day=day, how=letter("queja")
        )
    if step.step is Step.APELACION and step.missed:
        # Ley 27444 art. 222: once the period to appeal has passed the act is firm; a late
        # apelación may still be filed, and the user is told what it risks.
        # TRANSLATORS: {how}: a command (tracker letter 3 apelacion) or, in the TUI, a key ("key l").
        return _(
            "the deadline to file an apelación passed on {day}: the answer may now be final and a late "
            "apelación can be declared improcedente; if you still file it, do it now (letter: {how})"
        ).format(day=day, how=letter("apelacion"))
    if step.step is Step.APELACION:
        # TRANSLATORS: {how}: a command (tracker letter 3 apelacion) or, in the TUI, a key ("key l").
        return _("file an apelación by {day} (letter: {how})").format(day=day, how=letter("apelacion"))
    if step.step is Step.FIX and step.missed:
        return _(
            "the deadline to fix what the answer asks passed on {day}: filing it again now may be refused; "
            "a new reclamo is the other way"
        ).format(day=day)
    if step.step is Step.FIX:
        return _(
            "fix what the answer asks and file it again by {day} (the answer's own period prevails)"
        ).format(day=day)
    return _("OSIPTEL's form (Quiero salirme)")


def _line(text: str) -> str:
    return literal(" ".join(text.split()))


def code_words(code: str, escape: Callable[[str], str] = _line) -> str:
    """ ", código REC-55012" after a stage, or nothing when it has no code."""
    return _(", código {code}").format(code=escape(code)) if code.strip() else ""


def stage_filed(kind: StageKind, topic: Topic | None, day: str, code: str) -> str:
    """ "reclamo (billing) filed 2026-07-31, código REC-55012": one stage of the ladder."""
    if topic is not None:
        return _("{stage} ({topic}) filed {day}{code}").format(
            stage=stage_name(kind), topic=topic_name(topic), day=day, code=code
        )
    return _("{stage} filed {day}{code}").format(stage=stage_name(kind), day=day, code=code)


def answered(day: str, outcome: Outcome, code: str) -> str:
    """ "answered 2026-09-18: infundado (against you), resolution RES-4411"."""
    if code.strip():
        return _("answered {day}: {outcome}, resolution {code}").format(
            day=day, outcome=outcome_name(outcome), code=_line(code)
        )
    return _("answered {day}: {outcome}").format(day=day, outcome=outcome_name(outcome))


def charge_line(money_text: str, day: str, period: tuple[str, str] | None, state: str) -> str:
    """ "S/ 79.80 on 2026-08-05: not owed", with the period it bills when known."""
    if period is not None:
        return _("{money} on {day} for {start} to {end}: {state}").format(
            money=money_text, day=day, start=period[0], end=period[1], state=state
        )
    return _("{money} on {day}: {state}").format(money=money_text, day=day, state=state)


def receipt_words(receipt: str, due: str | None) -> str:
    """ "receipt B001-00012345, due 2026-08-10": the bill a charge is on ("" when neither is known)."""
    if receipt and due:
        return _("receipt {number}, due {day}").format(number=receipt, day=due)
    if receipt:
        return _("receipt {number}").format(number=receipt)
    if due:
        return _("due {day}").format(day=due)
    return ""


def ask_for_period(case_id: int | None, numbers: list[int]) -> str:
    """The line that asks for the periods the rules need."""
    # TRANSLATORS: {how} is a command (tracker charge 3 --number N --period FROM..TO) or, in the TUI, a key.
    how = Advice(_("charge {id} --number N --period FROM..TO").format(id=case_id), "case.charge")
    return "  " + ngettext(
        "Charge {numbers} has no period: give it with {how}.",
        "Charges {numbers} have no period: give each with {how}.",
        len(numbers),
    ).format(numbers=", ".join(str(n) for n in numbers), how=advice_words(how))


def charge_state(share: ChargeShare, currency: str, *, report: bool = False) -> str:
    """ "owed", "not owed", "S/ 33.33 owed (20 days) + S/ 16.67 not owed (10 days)", or
    "period unknown": what of a charge is owed, and whose word that is."""
    if share.share is Share.UNKNOWN:
        return _("period unknown: give the period it bills, so the rules can tell")
    if share.share is Share.SPLIT:
        state = _("split by days: {owed} owed ({owed_days}) + {not_owed} not owed ({free_days})").format(
            owed=money(share.owed, currency),
            not_owed=money(share.not_owed, currency),
            owed_days=ngettext("{n} day", "{n} days", share.owed_days).format(n=share.owed_days),
            free_days=ngettext("{n} day", "{n} days", share.not_owed_days).format(n=share.not_owed_days),
        )
    elif share.share is Share.OWED:
        state = _("owed")
    else:
        state = _("not owed")
    if share.by_user:
        state += _(" (the user's word)") if report else _(" (your word)")
    return state


LINE_WORDS = {
    LineFrom.DEADLINE: N_("service after {day}, the day the baja had to be carried out, is not owed"),
    LineFrom.REQUEST: N_("service after {day}, the day of the request, is not owed"),
    LineFrom.CARRIED_OUT: N_("service after {day}, the day the baja was carried out, is not owed"),
    LineFrom.PROMISED: N_("service after {day}, the promised date, is disputed"),
    LineFrom.SUSPENSION: N_("service after {day}, while the suspension lasts, is not owed"),
}


def line_sentence(line: OwedLine, day: str) -> str:
    """Which line the charges were measured against, in a sentence."""
    return _(LINE_WORDS[line.basis]).format(day=day)


def line_source(line: OwedLine, book: RuleBook | None) -> str:
    """The source of the line in use, and that the other reading exists ("" without a rule book)."""
    if book is None or line.basis not in (LineFrom.DEADLINE, LineFrom.REQUEST):
        return ""
    chosen = _(" (chosen in config.toml)") if book.line_from_config else _(" (the rule book's default)")
    return chosen + ": " + book_note(book.line_sources.get(line.basis.value, ""))


def undisputed_heading(filed_on: str, book: RuleBook | None) -> str:
    """What holds while a billing reclamo is open, with the norm it rests on."""
    norm = ""
    if book is not None and book.undisputed_norm in book.norms:
        norm = book.norm(book.undisputed_norm).citation
    return _(
        "While the billing reclamo of {day} is open, pay only the part you do not dispute: "
        "the operator may not cut the service for the part under reclamo ({norm})."
    ).format(day=filed_on, norm=norm)


def to_pay_line(item: ToPay, day: Callable[[date], str] = date.isoformat) -> str:
    """ "Charge 1: pay S/ 30.00 by 2026-08-18, its due date; leave S/ 32.00 unpaid, it is under reclamo"."""
    if item.unknown:
        return _("Charge {number}: give its period first; until then the part to pay cannot be told").format(
            number=item.number
        )
    if not item.amount:
        pay = _("nothing to pay now")
    elif item.due_on is not None:
        pay = _("pay {amount} by {due}, its due date").format(
            amount=money(item.amount, item.currency), due=day(item.due_on)
        )
    else:
        pay = _("pay {amount} by the due date on the bill").format(amount=money(item.amount, item.currency))
    leave = ""
    if item.disputed:
        leave = _("; leave {disputed} unpaid, it is under reclamo").format(
            disputed=money(item.disputed, item.currency)
        )
    return _("Charge {number}: {pay}{leave}").format(number=item.number, pay=pay, leave=leave)


class Part(StrEnum):
    """What a line of :func:`path_parts` is, so that a screen can set it apart."""

    HEADING = "heading"
    ITEM = "item"
    MINE = "mine"  # a deadline of the user's own
    STEP = "step"


def path_lines(case: Case, today: date, rules: CaseRules) -> list[str]:
    """Stages, deadlines, charges, attachments and the next step, as lines (none for a case
    that has none of them and follows no rule book)."""
    return [text for _part, text in path_parts(case, today, rules)]


def path_parts(case: Case, today: date, rules: CaseRules) -> list[tuple[Part, str]]:
    """The lines of :func:`path_lines`, each with what it is."""
    parts: list[tuple[Part, str]] = []

    def add(text: str, part: Part = Part.ITEM) -> None:
        parts.append((part, text))

    if case.stages:
        add(_("Stages:"), Part.HEADING)
        for number, view in enumerate(stage_views(case, rules), start=1):
            stage = view.stage
            add(
                f"  {number}. "
                + stage_filed(stage.kind, stage.topic, stage.filed_on.isoformat(), code_words(stage.code))
            )
            if stage.answered_on is not None and stage.outcome is not None:
                add("     " + answered(stage.answered_on.isoformat(), stage.outcome, stage.answer_code))
            elif view.answer_due is not None:
                add("     " + _("answer due {day}").format(day=view.answer_due.isoformat()))
            if view.appeal_due is not None:
                add("     " + _("appeal by {day}").format(day=view.appeal_due.isoformat()))
            if view.late is not None:
                add("     " + late_words(view.late, case), Part.MINE)
    if rules.book is not None or case.stages:
        add(_("Deadlines:"), Part.HEADING)
        for deadline in sorted(case_deadlines(case, rules), key=lambda d: d.due):
            mine = deadline.whose is Whose.USER and deadline.open
            add("  " + deadline_line(deadline, rules.book), Part.MINE if mine else Part.ITEM)
    if case.charges:
        add(
            _("Charges (not owed: {total}):").format(total=totals(not_owed_totals(case, rules))), Part.HEADING
        )
        line = owed_line(case, rules)
        used = line_sentence(line, line.day.isoformat())
        add("  " + _("The line used: {line}{source}.").format(line=used, source=""))
        for number, charge in enumerate(case.charges, start=1):
            period = (
                (charge.period_start.isoformat(), charge.period_end.isoformat())
                if charge.period_start and charge.period_end
                else None
            )
            share = charge_share(case, charge, rules, line)
            add(
                f"  {number}. "
                + charge_line(
                    money(charge.amount, charge.currency),
                    charge.on.isoformat(),
                    period,
                    charge_state(share, charge.currency),
                )
                + (f" - {_line(charge.note)}" if charge.note else ""),
                Part.MINE if share.unknown else Part.ITEM,
            )
            bill = receipt_words(_line(charge.receipt), charge.due_on.isoformat() if charge.due_on else None)
            if bill:
                add("     " + bill)
        missing = unknown_period(case, rules)
        if missing:
            add(ask_for_period(case.id, missing), Part.MINE)
        undated = no_due_date(case, rules)
        if undated:
            add(ask_for_due(case.id, undated), Part.MINE)
    pay = undisputed(case, rules, today)
    if pay is not None:
        add(_("To pay meanwhile:"), Part.HEADING)
        add("  " + undisputed_heading(pay.filed_on.isoformat(), rules.book), Part.MINE)
        for item in pay.to_pay:
            add("  " + to_pay_line(item), Part.MINE)
    if case.attachments:
        add(_("Attachments:"), Part.HEADING)
        for attachment in case.attachments:
            size = ngettext("{n} byte", "{n} bytes", attachment.size).format(n=f"{attachment.size:,}")
            add(f"  {_line(attachment.name)}  {size}  sha256 {attachment.sha256}")
    step = find_next_step(case, rules, today)
    if step is not None:
        add(_("Next step: {step}").format(step=next_step(step, case.id)), Part.STEP)
    return parts
