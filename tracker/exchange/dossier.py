"""A case's dossier in Markdown: the story to paste into a complaint.

The facts, the dates with the business days elapsed (by the case's playbook
calendar), the provider's missed deadlines stated plainly, the checks and
their results, and the whole timeline. Everything the user typed is escaped,
so a provider called "*Bad* [Co]" cannot break the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.clock import Local
from tracker.display import literal
from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.dates import days_elapsed
from tracker.domain.model import Action, Case, Channel, Check, CheckState, EntryKind, Status, TimelineEntry
from tracker.domain.tickets import request_codes
from tracker.exchange import dossier_escalation
from tracker.exchange.files import exports_folder, slug, write_private
from tracker.exchange.redact import redact_case
from tracker.i18n import N_, _, ngettext, pgettext
from tracker.records import record
from tracker.wording import formats
from tracker.wording.entries import details_text
from tracker.wording.formats import listed
from tracker.wording.terms import check_label, status_label
from tracker.wording.timeline import describe

if TYPE_CHECKING:
    from tracker.core import Tracker

STATUS_WORDS = {
    Status.REQUESTED: N_("waiting for the provider"),
    Status.CONFIRMED: N_("the provider says it is done; being verified"),
    Status.VERIFIED: N_("verified: every required check passed"),
    Status.FAILED: N_("not done: a check failed"),
    Status.WITHDRAWN: N_("withdrawn"),
}

# How each channel reads after "made on 6 October 2026 ...".
CHANNEL_PHRASES = {
    Channel.PHONE: N_("by phone"),
    Channel.WEB: N_("on the website"),
    Channel.APP: N_("in the app"),
    Channel.STORE: N_("in a store"),
    Channel.EMAIL: N_("by e-mail"),
    Channel.CHAT: N_("by chat"),
    Channel.OTHER: N_("another way"),
}


def kind_word(kind: EntryKind) -> str:
    """What a timeline entry is, as the dossier's timeline names it: "Request", "Contact"..."""
    words = {
        EntryKind.CREATED: pgettext("dossier entry", "Request"),
        EntryKind.CONTACT: pgettext("dossier entry", "Contact"),
        EntryKind.STATUS: pgettext("dossier entry", "Status"),
        EntryKind.CHECK: pgettext("dossier entry", "Check"),
        EntryKind.EDIT: pgettext("dossier entry", "Edit"),
        EntryKind.TRASH: pgettext("dossier entry", "Trash"),
        EntryKind.STAGE: pgettext("dossier entry", "Stage"),
        EntryKind.CHARGE: pgettext("dossier entry", "Charge"),
        EntryKind.ATTACHMENT: pgettext("dossier entry", "File"),
    }
    return words[kind]


def _verb(case: Case) -> str:
    """What the provider was asked to do, after "promised to": "cancel", "suspend the line"."""
    if case.action is Action.SUSPEND:
        return pgettext("promised to", "suspend")
    return pgettext("promised to", "cancel")


# -- Markdown text -------------------------------------------------------------

# Characters that can start emphasis, links, HTML, entities, tables or headings
# anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# Line starts that make lists, quotes, headings or setext underlines.
_LINE_START = re.compile(r"^([+\-=>]|\d+[.)])")


def md(text: str) -> str:
    """User text as one line of Markdown that shows exactly as written."""
    one_line = literal(" ".join(text.split()))
    return _INLINE.sub(r"\\\1", one_line)


def md_lines(text: str) -> list[str]:
    """Multi-line user text as escaped Markdown lines (each may start a block)."""
    lines: list[str] = []
    for raw in literal(text, multiline=True).splitlines():
        # Leading spaces would make an indented code block; tabs likewise.
        line = _INLINE.sub(r"\\\1", raw.strip())
        match = _LINE_START.match(line)
        if match:
            mark = match.group(1)
            line = (mark[:-1] + "\\" + mark[-1]) + line[len(mark) :]
        lines.append(line)
    return lines


# -- dates -----------------------------------------------------------------------


def long_date(day: date) -> str:
    """6 October 2026 · 6 de octubre de 2026 · 2026年10月6日"""
    return formats.long_date(day)


def local_time(moment: datetime, local: Local) -> str:
    shown = local(moment)
    return _("{date}, {time}").format(date=long_date(shown.date()), time=shown.strftime("%H:%M"))


def _business_days(count: int) -> str:
    return ngettext("{count} business day", "{count} business days", count).format(count=count)


def _utc_offset(moment: datetime, local: Local) -> str:
    offset = local(moment).strftime("%z")  # e.g. -0500
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


@record(frozen=True)
class Milestones:
    """The days that matter in a case's story, read from its timeline."""

    said_done: date | None  # first time the provider said it was done (a "confirmed" entry)
    verified: date | None
    withdrawn: date | None
    contacts_after_deadline: int
    tickets: tuple[str, ...]  # the request's código first (request_codes)
    local: Local  # how the case's timestamps become local times


def milestones(case: Case, local: Local) -> Milestones:
    said_done = verified = withdrawn = None
    contacts_after = 0
    for entry in case.timeline:
        day = local(entry.at).date()
        if entry.status_to is Status.CONFIRMED and said_done is None:
            said_done = day
        if entry.status_to is Status.VERIFIED:
            verified = day
        if entry.status_to is Status.WITHDRAWN:
            withdrawn = day
        if entry.kind is EntryKind.CONTACT and day > case.promised_by:
            contacts_after += 1
    if case.status is not Status.WITHDRAWN:
        withdrawn = None
    return Milestones(said_done, verified, withdrawn, contacts_after, request_codes(case).all, local)


# -- the story -----------------------------------------------------------------


def missed_deadlines(case: Case, today: date, calendar: BusinessCalendar, marks: Milestones) -> list[str]:
    """The provider's failures, one plain sentence each (already Markdown)."""
    provider = md(case.provider)
    verb = _verb(case)
    deadline = long_date(case.promised_by)
    sentences: list[str] = []
    # Still waiting, or a check showed it is not done: either way not done today.
    if case.status in (Status.REQUESTED, Status.FAILED) and today > case.promised_by:
        late = calendar.between(case.promised_by, today)
        sentences.append(
            _(
                "{provider} promised to {verb} by {deadline}; {late} later, on {today}, it still had not."
            ).format(
                provider=provider,
                verb=verb,
                deadline=deadline,
                late=_business_days(late),
                today=long_date(today),
            )
        )
    if marks.said_done is not None and marks.said_done > case.promised_by:
        late = calendar.between(case.promised_by, marks.said_done)
        sentences.append(
            _(
                "{provider} promised to {verb} by {deadline} but only said it was done on {said}, "
                "{late} late."
            ).format(
                provider=provider,
                verb=verb,
                deadline=deadline,
                said=long_date(marks.said_done),
                late=_business_days(late),
            )
        )
    elif marks.said_done is None and marks.verified is not None and marks.verified > case.promised_by:
        late = calendar.between(case.promised_by, marks.verified)
        sentences.append(
            _(
                "{provider} promised to {verb} by {deadline}; it was verified as done only on "
                "{verified}, {late} after the deadline."
            ).format(
                provider=provider,
                verb=verb,
                deadline=deadline,
                verified=long_date(marks.verified),
                late=_business_days(late),
            )
        )
    for check in case.checks:
        if check.state is not CheckState.FAILED:
            continue
        sentences.append(_failed_check_sentence(case, check, calendar, marks, provider))
    if sentences and marks.contacts_after_deadline:
        count = marks.contacts_after_deadline
        sentences.append(
            ngettext(
                "After the deadline {provider} was contacted once more (see the timeline).",
                "After the deadline {provider} was contacted {count} more times (see the timeline).",
                count,
            ).format(provider=provider, count=count)
        )
    return sentences


def _failed_check_sentence(
    case: Case, check: Check, calendar: BusinessCalendar, marks: Milestones, provider: str
) -> str:
    name = md(check_label(check.name))
    note = _(" ({note})").format(note=md(check.note)) if check.note.strip() else ""
    if check.checked_at is None:
        return _("The check “{check}” failed{note}.").format(check=name, note=note)
    day = marks.local(check.checked_at).date()
    said = dict(check=name, note=note, day=long_date(day))
    late = calendar.between(case.promised_by, day) if day > case.promised_by else None
    if marks.said_done is not None and day >= marks.said_done:
        said.update(provider=provider, said=long_date(marks.said_done))
        if late is not None:
            return _(
                "{provider} said it was done on {said}, but on {day} the check “{check}” failed{note}, "
                "{late} after the deadline."
            ).format(late=_business_days(late), **said)
        return _(
            "{provider} said it was done on {said}, but on {day} the check “{check}” failed{note}."
        ).format(**said)
    if late is not None:
        return _("On {day} the check “{check}” failed{note}, {late} after the deadline.").format(
            late=_business_days(late), **said
        )
    return _("On {day} the check “{check}” failed{note}.").format(**said)


def _facts(case: Case, today: date, calendar: BusinessCalendar, marks: Milestones) -> list[str]:
    request = (
        _("to suspend, made on {day} {how}")
        if case.action is Action.SUSPEND
        else _("to cancel, made on {day} {how}")
    )
    lines = [
        _("- **Provider:** {provider}").format(provider=md(case.provider)),
        _("- **Service:** {service}").format(service=md(case.service) or _("not given")),
        _("- **Request:** {request}").format(
            request=request.format(day=long_date(case.requested_on), how=_(CHANNEL_PHRASES[case.channel]))
        ),
    ]
    if marks.tickets:
        others = listed(md(t) for t in marks.tickets[1:])
        if others:
            lines.append(
                _("- **Reference number:** {ticket} (later also: {others})").format(
                    ticket=md(marks.tickets[0]), others=others
                )
            )
        else:
            lines.append(_("- **Reference number:** {ticket}").format(ticket=md(marks.tickets[0])))
    else:
        lines.append(_("- **Reference number:** none was given"))
    allowed = calendar.between(case.requested_on, case.promised_by)
    lines.append(
        _("- **Deadline:** {day}, {days} after the request").format(
            day=long_date(case.promised_by), days=_business_days(allowed)
        )
    )
    lines.append(
        _("- **Status on {day}:** {status}").format(day=long_date(today), status=_(STATUS_WORDS[case.status]))
    )
    if case.fee_amount is not None:
        lines.append(
            _("- **Cancellation fee:** {amount} {currency}")
            .format(amount=case.fee_amount, currency=md(case.fee_currency))
            .rstrip()
        )
    if case.next_follow_up is not None:
        lines.append(_("- **Next follow-up:** {day}").format(day=long_date(case.next_follow_up)))
    lines.append(_("- **Case:** number {id}, id `{uuid}`").format(id=case.id, uuid=case.uuid))
    return lines


def _dates(case: Case, today: date, calendar: BusinessCalendar, marks: Milestones) -> list[str]:
    rows: list[tuple[str, date]] = [
        (pgettext("dossier date", "Requested"), case.requested_on),
        (pgettext("dossier date", "Promised by (deadline)"), case.promised_by),
    ]
    if marks.said_done is not None:
        rows.append((pgettext("dossier date", "Provider said it was done"), marks.said_done))
    failed = [c for c in case.checks if c.state is CheckState.FAILED and c.checked_at]
    if failed:
        first_failure = min(marks.local(c.checked_at).date() for c in failed if c.checked_at)
        rows.append((pgettext("dossier date", "A check failed"), first_failure))
    if marks.verified is not None:
        rows.append((pgettext("dossier date", "Verified"), marks.verified))
    if marks.withdrawn is not None:
        rows.append((pgettext("dossier date", "Withdrawn"), marks.withdrawn))
    last = case.last_contact()
    if last is not None:
        rows.append((pgettext("dossier date", "Last contact"), marks.local(last.at).date()))
    rows.append((pgettext("dossier date", "Today"), today))
    if case.next_follow_up is not None:
        rows.append((pgettext("dossier date", "Next follow-up"), case.next_follow_up))
    rows.sort(key=lambda row: row[1])  # stable: same-day events keep their order
    lines = [
        _("| Event | Date | Days after the request | Business days after the request |"),
        "| --- | --- | ---: | ---: |",
    ]
    for label, day in rows:
        days = days_elapsed(case.requested_on, day)
        business = calendar.elapsed(case.requested_on, day)
        lines.append(f"| {label} | {long_date(day)} | {days} | {business} |")
    return lines


def _checks(case: Case, local: Local) -> list[str]:
    lines: list[str] = []
    words = {
        CheckState.PASSED: pgettext("dossier check", "passed"),
        CheckState.FAILED: pgettext("dossier check", "FAILED"),
        CheckState.PENDING: pgettext("dossier check", "not checked yet"),
        CheckState.NOT_APPLICABLE: pgettext("dossier check", "does not apply"),
    }
    for check in case.checks:
        name = md(check_label(check.name))
        if check.required:
            name = _("{check} (required)").format(check=name)
        if check.checked_at is not None and check.state is not CheckState.PENDING:
            line = _("{check}: **{state}** on {day}").format(
                check=name, state=words[check.state], day=long_date(local(check.checked_at).date())
            )
        else:
            line = _("{check}: **{state}**").format(check=name, state=words[check.state])
        note = f" — {md(check.note)}" if check.note.strip() else ""
        lines.append(f"- {line}{note}")
    return lines or [_("No checks.")]


def _entry_line(number: int, entry: TimelineEntry, case: Case, local: Local) -> str:
    details: list[str] = []
    if entry.channel is not None:
        details.append(_(CHANNEL_PHRASES[entry.channel]))
    if entry.ticket.strip():
        details.append(_("ticket {ticket}").format(ticket=md(entry.ticket)))
    if entry.agent.strip():
        details.append(_("agent {agent}").format(agent=md(entry.agent)))
    if entry.status_from is not None or entry.status_to is not None:
        before = status_label(entry.status_from) if entry.status_from else pgettext("case status", "new")
        after = status_label(entry.status_to) if entry.status_to else "?"
        details.append(f"{before} → {after}")
    if entry.next_follow_up is not None and entry.kind in (EntryKind.CONTACT, EntryKind.CREATED):
        details.append(_("next follow-up {day}").format(day=long_date(entry.next_follow_up)))
    suffix = _(" ({details})").format(details=details_text(details)) if details else ""
    summary = md(describe(entry, formats.long_date)) or _("(no summary)")
    when = f"**{local_time(entry.at, local)}**"
    if entry.kind is EntryKind.CREATED and local(entry.at).date() != case.requested_on:
        # The request was made on its own day; the entry is when it was written down.
        when = _("**{day}** (logged {time})").format(
            day=long_date(case.requested_on), time=local_time(entry.at, local)
        )
    return _("{number}. {when} — {kind}: {summary}{details}").format(
        number=number, when=when, kind=kind_word(entry.kind), summary=summary, details=suffix
    )


def render(
    case: Case,
    *,
    today: date,
    calendar: BusinessCalendar,
    local: Local,
    redact: bool = False,
    rules: CaseRules | None = None,
    present: Callable[[str], bool] = lambda sha256: True,
) -> str:
    """The dossier of a case as Markdown text; ``local`` gives local times (the clock's). With
    the case's ``rules``, also its stages, deadlines of both sides, charges and attached files
    (``present`` says whether a file is still in the attachments folder)."""
    if redact:
        case = redact_case(case)
    marks = milestones(case, local)
    if case.service.strip():
        title = _("# Cancellation case {id} — {provider}: {service}").format(
            id=case.id, provider=md(case.provider), service=md(case.service)
        )
    else:
        title = _("# Cancellation case {id} — {provider}").format(id=case.id, provider=md(case.provider))
    out = [title, ""]
    out += [_("## The facts"), "", *_facts(case, today, calendar, marks), ""]
    missed = missed_deadlines(case, today, calendar, marks)
    out += [_("## Missed deadlines"), ""]
    if missed:
        out += [f"- {sentence}" for sentence in missed]
    elif marks.said_done is not None:
        out.append(
            _("None: {provider} said it was done on {day}, within the deadline.").format(
                provider=md(case.provider), day=long_date(marks.said_done)
            )
        )
    elif marks.verified is not None:
        out.append(
            _("None: it was verified as done on {date}, within the deadline.").format(
                date=long_date(marks.verified)
            )
        )
    else:
        out.append(_("None so far: the deadline is {day}.").format(day=long_date(case.promised_by)))
    out.append("")
    out += [_("## Dates"), "", *_dates(case, today, calendar, marks), "", _days_off_note(calendar), ""]
    if rules is not None:
        # These sections are worded in the reader's language, so are their dates.
        out += dossier_escalation.stages_section(case, rules, md, formats.long_date)
        out += dossier_escalation.deadlines_section(case, rules, today, formats.long_date)
        out += dossier_escalation.charges_section(case, rules, md, formats.long_date)
        out += dossier_escalation.undisputed_section(case, rules, today, formats.long_date)
    heading = _("## Checks ({passed} of {total} passed)").format(
        passed=case.checks_passed, total=case.checks_applicable
    )
    out += [heading, "", *_checks(case, local), ""]
    out += dossier_escalation.attachments_section(case, md, present)
    out += [_("## Timeline"), ""]
    if case.timeline:
        out.append(_("Times are local ({offset}).").format(offset=_utc_offset(case.timeline[0].at, local)))
        out.append("")
        out += [_entry_line(i, e, case, local) for i, e in enumerate(case.timeline, start=1)]
    else:
        out.append(_("Nothing recorded."))
    out.append("")
    if case.notes.strip():
        out += [_("## Notes"), ""]
        out += [f"> {line}".rstrip() for line in md_lines(case.notes)]
        out.append("")
    if redact:
        prepared = _(
            "*Prepared on {day} from the records kept in tracker, with phone and account numbers masked.*"
        )
    else:
        prepared = _("*Prepared on {day} from the records kept in tracker.*")
    out.append(prepared.format(day=long_date(today)))
    return "\n".join(out) + "\n"


def _days_off_note(calendar: BusinessCalendar) -> str:
    """What business days leave out, under the table of dates."""
    if calendar.country and calendar.extra_days_off:
        return _(
            "Business days leave out weekends and public holidays in {country} and the days off "
            "in the tracker's settings."
        ).format(country=formats.country_name(calendar.country))
    if calendar.country:
        return _("Business days leave out weekends and public holidays in {country}.").format(
            country=formats.country_name(calendar.country)
        )
    if calendar.extra_days_off:
        return _("Business days leave out weekends and the days off in the tracker's settings.")
    return _("Business days leave out weekends.")


def dossier(tracker: Tracker, case: Case, *, redact: bool = False) -> str:
    """The dossier of a case, with the tracker's today and the case's playbook calendar."""
    rules = tracker.rules_for(case)
    return render(
        case,
        today=tracker.today(),
        calendar=rules.calendar,
        local=tracker.clock.local,
        redact=redact,
        rules=rules,
        present=tracker.evidence.blobs.has,
    )


def dossier_filename(case: Case) -> str:
    """The dossier's file, named in the dossier's language (the reader's)."""
    # TRANSLATORS: a file name: keep {id}, {provider} and .md; letters, digits and hyphens only,
    # no accents (Spanish: "caso", not "cáso"); Chinese may use its own words.
    return _("case-{id}-{provider}.md").format(id=case.id, provider=slug(case.provider))


def bundle_dossier_name(case: Case) -> str:
    """The dossier's file in a bundle, in the dossier's language, beside the Spanish letters."""
    # TRANSLATORS: a file name: keep {id} and .md; letters, digits and hyphens only, no accents
    # (Spanish: "expediente-caso-3.md"); Chinese may use its own words.
    return _("dossier-case-{id}.md").format(id=case.id)


def write_dossier(tracker: Tracker, case: Case, folder: Path | None = None, *, redact: bool = False) -> Path:
    """Write the case's dossier as :func:`dossier_filename` names it and return its path.

    The folder defaults to ``exports/`` in the user's data folder (created if
    needed); a dossier written earlier for the same case is replaced.
    """
    target = (folder or exports_folder(tracker.path)) / dossier_filename(case)
    text = dossier(tracker, case, redact=redact)
    write_private(
        target, lambda stream: stream.write(text.encode("utf-8")), live=tracker.live_files(), make_folder=True
    )
    return target
