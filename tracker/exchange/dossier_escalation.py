"""The dossier's sections for the escalation past the deadline: stages, deadlines, charges, files.

Markdown lines, user text escaped; the words come from :mod:`tracker.wording.escalation`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tracker.domain.caserules import CaseRules
from tracker.domain.charges import Share, charge_share, not_owed_totals, owed_line, unknown_period
from tracker.domain.deadlines import case_deadlines, next_step, stage_views
from tracker.domain.model import Case
from tracker.domain.undisputed import undisputed
from tracker.i18n import _, ngettext
from tracker.wording import escalation as words
from tracker.wording import formats, terms

Escape = Callable[[str], str]


def stages_section(case: Case, rules: CaseRules, md: Escape, long_date: Callable[[date], str]) -> list[str]:
    if not case.stages:
        return []
    lines = [_("## Stages"), ""]
    for number, view in enumerate(stage_views(case, rules), start=1):
        stage = view.stage
        code = words.code_words(stage.code, md)
        name, day = terms.stage_name(stage.kind), long_date(stage.filed_on)
        if stage.topic is not None:
            filed = _("**{stage}** ({topic}), filed on {day}{code}.").format(
                stage=name, topic=terms.topic_name(stage.topic), day=day, code=code
            )
        else:
            filed = _("**{stage}**, filed on {day}{code}.").format(stage=name, day=day, code=code)
        line = f"{number}. {filed}"
        # The sentences below follow the stage's on the same line; each begins with the space
        # that separates two sentences, which a language that puts none (Chinese) leaves out.
        if stage.answered_on is not None and stage.outcome is not None:
            number_text = (
                _(", resolution {code}").format(code=md(stage.answer_code))
                if stage.answer_code.strip()
                else ""
            )
            said = dict(
                outcome=terms.outcome_name(stage.outcome), code=number_text, day=long_date(stage.answered_on)
            )
            if view.answer_due is not None and stage.answered_on > view.answer_due:
                # TRANSLATORS: follows a sentence: keep the leading space if your language puts one there.
                late = _(" Answered {outcome}{code}, notified on {day}, after the deadline of {due}.")
                line += late.format(due=long_date(view.answer_due), **said)
            else:
                # TRANSLATORS: follows a sentence: keep the leading space if your language puts one there.
                line += _(" Answered {outcome}{code}, notified on {day}.").format(**said)
            if stage.issued_on is not None:
                # TRANSLATORS: follows a sentence: keep the leading space if your language puts one there.
                line += _(" The answer is dated {day}.").format(day=long_date(stage.issued_on))
        elif view.answer_due is not None:
            # TRANSLATORS: follows a sentence: keep the leading space if your language puts one there.
            line += _(" No answer yet; due by {day}.").format(day=long_date(view.answer_due))
        if view.appeal_due is not None:
            # TRANSLATORS: follows a sentence: keep the leading space if your language puts one there.
            line += _(" An apelación could be filed until {day}.").format(day=long_date(view.appeal_due))
        if view.late is not None:
            # TRANSLATORS: follows a sentence: keep the leading space if your language puts one there.
            line += _(" Marked: {why}.").format(why=words.late_words(view.late, case, long_date))
        if stage.note.strip():
            line += f" — {md(stage.note)}"
        lines.append(line)
    lines.append("")
    return lines


def deadlines_section(
    case: Case, rules: CaseRules, today: date, long_date: Callable[[date], str]
) -> list[str]:
    if rules.book is None and not case.stages:
        return []
    lines = [
        _("## Deadlines"),
        "",
        _("| Due | Whose | What | Rule | Met |"),
        "| --- | --- | --- | --- | --- |",
    ]
    for deadline in sorted(case_deadlines(case, rules), key=lambda d: d.due):
        if not deadline.tracked:
            state = "—"
        elif deadline.done_on is not None:
            met = _("late, on {day}") if deadline.done_on > deadline.due else _("on {day}")
            state = met.format(day=long_date(deadline.done_on))
        elif today > deadline.due:
            state = _("**missed**")
        else:
            state = _("not yet")
        what = words.deadline_what(deadline)
        if deadline.earliest:
            what += words.earliest_words(long_date(deadline.start))
        cells = (
            long_date(deadline.due),
            words.whose(deadline, report=True),
            what,
            words.rule_source(deadline.rule, rules.book),
            state,
        )
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    step = next_step(case, rules, today)
    if step is not None:
        lines += [_("Next step: {step}.").format(step=words.next_step(step, case.id)), ""]
    return lines


def charges_section(case: Case, rules: CaseRules, md: Escape, long_date: Callable[[date], str]) -> list[str]:
    if not case.charges:
        return []
    lines = [_("## Charges"), ""]
    line = owed_line(case, rules)
    used = words.line_sentence(line, long_date(line.day))
    lines += [
        _("The line used: {line}{source}.").format(line=used, source=words.line_source(line, rules.book)),
        "",
    ]
    for charge in case.charges:
        share = charge_share(case, charge, rules, line)
        state = words.charge_state(share, charge.currency, report=True)
        if share.share is Share.NOT_OWED:
            state = f"**{state}**"
        period = (
            (long_date(charge.period_start), long_date(charge.period_end))
            if charge.period_start and charge.period_end
            else None
        )
        note = f" — {md(charge.note)}" if charge.note.strip() else ""
        lines.append(
            "- "
            + words.charge_line(
                formats.money(charge.amount, charge.currency), long_date(charge.on), period, state
            )
            + note
        )
        bill = words.receipt_words(
            md(charge.receipt) if charge.receipt.strip() else "",
            long_date(charge.due_on) if charge.due_on else None,
        )
        if bill:
            lines.append(f"  - {bill}")
    book = rules.book
    if book is not None and book.window_from_due and book.window_source:
        lines += [
            "",
            _("The window to claim a bill counts from its due date: {source}.").format(
                source=terms.book_note(book.window_source)
            ),
        ]
    missing = unknown_period(case, rules)
    if missing:
        lines += [
            "",
            ngettext(
                "Charge {numbers} has no period: ask the user for it before saying whether it is owed.",
                "Charges {numbers} have no period: ask the user for them before saying "
                "whether they are owed.",
                len(missing),
            ).format(numbers=", ".join(str(n) for n in missing)),
        ]
    lines += ["", _("Not owed in all: {total}.").format(total=words.totals(not_owed_totals(case, rules))), ""]
    return lines


def undisputed_section(
    case: Case, rules: CaseRules, today: date, long_date: Callable[[date], str]
) -> list[str]:
    """While a billing reclamo is open: what the user pays of each bill, by when, and what
    stays under reclamo, with the rule and its source."""
    pay = undisputed(case, rules, today)
    book = rules.book
    if pay is None or book is None:
        return []
    norm = book.norm(book.undisputed_norm).citation if book.undisputed_norm in book.norms else ""
    lines = [
        _("## To pay while the reclamo is open"),
        "",
        _(
            "While the billing reclamo of {day} is open, the user pays only the part not disputed, "
            "and the operator may not cut the service for the part under reclamo ({norm}; {source})."
        ).format(day=long_date(pay.filed_on), norm=norm, source=terms.book_note(book.undisputed_source)),
        "",
    ]
    for item in pay.to_pay:
        if item.unknown:
            said = _("Charge {number}: its period is not known, so neither is the part not disputed.")
            lines.append("- " + said.format(number=item.number))
            continue
        amount = formats.money(item.amount, item.currency)
        if item.due_on is not None:
            said = _("Charge {number}: {amount} not disputed, due on {due}").format(
                number=item.number, amount=amount, due=long_date(item.due_on)
            )
        else:
            said = _("Charge {number}: {amount} not disputed, due on the date on the bill").format(
                number=item.number, amount=amount
            )
        if item.disputed:
            said += _("; {disputed} under reclamo").format(
                disputed=formats.money(item.disputed, item.currency)
            )
        lines.append(f"- {said}.")
    lines.append("")
    return lines


def attachments_section(case: Case, md: Escape, present: Callable[[str], bool]) -> list[str]:
    if not case.attachments:
        return []
    lines = [
        _("## Attached files"),
        "",
        _("| File | Size | SHA-256 | Note |"),
        "| --- | ---: | --- | --- |",
    ]
    for attachment in case.attachments:
        size = ngettext("{n} byte", "{n} bytes", attachment.size).format(n=f"{attachment.size:,}")
        missing = "" if present(attachment.sha256) else _(" (missing from this computer)")
        lines.append(
            f"| {md(attachment.name)}{missing} | {size} | `{attachment.sha256}` | {md(attachment.note)} |"
        )
    lines += ["", _("Each file's SHA-256 identifies it: `sha256sum FILE` gives the same value."), ""]
    return lines
