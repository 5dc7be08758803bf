"""A case's dossier in Markdown: the story to paste into a complaint.

The facts, the dates with the business days elapsed (by the case's playbook
calendar), the provider's missed deadlines stated plainly, the checks and
their results, and the whole timeline. Everything the user typed is escaped,
so a provider called "*Bad* [Co]" cannot break the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.display import literal
from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.model import Case, Check, CheckState, EntryKind, Status, TimelineEntry
from tracker.exchange.files import exports_folder, slug, write_private
from tracker.exchange.redact import redact_case
from tracker.i18n.timeline import describe

if TYPE_CHECKING:
    from tracker.core import Tracker

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STATUS_WORDS = {
    Status.REQUESTED: "waiting for the provider",
    Status.CONFIRMED: "the provider says it is done; being verified",
    Status.VERIFIED: "verified: every required check passed",
    Status.FAILED: "not done: a check failed",
    Status.WITHDRAWN: "withdrawn",
}

KIND_WORDS = {
    EntryKind.CREATED: "Request",
    EntryKind.CONTACT: "Contact",
    EntryKind.STATUS: "Status",
    EntryKind.CHECK: "Check",
    EntryKind.EDIT: "Edit",
    EntryKind.TRASH: "Trash",
}

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
    """6 October 2026 (the same in every locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def local_time(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{long_date(local.date())}, {local.strftime('%H:%M')}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _utc_offset(moment: datetime) -> str:
    offset = moment.astimezone().strftime("%z")  # e.g. -0500
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


@dataclass(frozen=True)
class Milestones:
    """The days that matter in a case's story, read from its timeline."""

    said_done: date | None  # first time the provider said it was done (or it was verified)
    verified: date | None
    withdrawn: date | None
    contacts_after_deadline: int
    tickets: tuple[str, ...]


def milestones(case: Case) -> Milestones:
    said_done = verified = withdrawn = None
    contacts_after = 0
    tickets: list[str] = []
    for entry in case.timeline:
        day = local_day(entry.at)
        if entry.status_to in (Status.CONFIRMED, Status.VERIFIED) and said_done is None:
            said_done = day
        if entry.status_to is Status.VERIFIED:
            verified = day
        if entry.status_to is Status.WITHDRAWN:
            withdrawn = day
        if entry.kind is EntryKind.CONTACT and day > case.promised_by:
            contacts_after += 1
        ticket = entry.ticket.strip()
        if ticket and ticket not in tickets:
            tickets.append(ticket)
    if case.status is not Status.WITHDRAWN:
        withdrawn = None
    if case.ticket.strip() and case.ticket.strip() not in tickets:
        tickets.insert(0, case.ticket.strip())
    return Milestones(said_done, verified, withdrawn, contacts_after, tuple(tickets))


# -- the story -----------------------------------------------------------------


def missed_deadlines(case: Case, today: date, calendar: BusinessCalendar, marks: Milestones) -> list[str]:
    """The provider's failures, one plain sentence each (already Markdown)."""
    provider = md(case.provider)
    verb = case.action.value
    deadline = long_date(case.promised_by)
    sentences: list[str] = []
    # Still waiting, or a check showed it is not done: either way not done today.
    if case.status in (Status.REQUESTED, Status.FAILED) and today > case.promised_by:
        late = calendar.between(case.promised_by, today)
        sentences.append(
            f"{provider} promised to {verb} by {deadline}; "
            f"{_plural(late, 'business day')} later, on {long_date(today)}, it still had not."
        )
    if marks.said_done is not None and marks.said_done > case.promised_by:
        late = calendar.between(case.promised_by, marks.said_done)
        sentences.append(
            f"{provider} promised to {verb} by {deadline} but only said it was done on "
            f"{long_date(marks.said_done)}, {_plural(late, 'business day')} late."
        )
    for check in case.checks:
        if check.state is not CheckState.FAILED:
            continue
        sentences.append(_failed_check_sentence(case, check, calendar, marks, provider))
    if sentences and marks.contacts_after_deadline:
        times = (
            "once more"
            if marks.contacts_after_deadline == 1
            else f"{marks.contacts_after_deadline} more times"
        )
        sentences.append(f"After the deadline {provider} was contacted {times} (see the timeline).")
    return sentences


def _failed_check_sentence(
    case: Case, check: Check, calendar: BusinessCalendar, marks: Milestones, provider: str
) -> str:
    name = md(check.name)
    note = f" ({md(check.note)})" if check.note.strip() else ""
    if check.checked_at is None:
        return f"The check “{name}” failed{note}."
    day = local_day(check.checked_at)
    sentence = f"On {long_date(day)} the check “{name}” failed{note}"
    if marks.said_done is not None and day >= marks.said_done:
        sentence = (
            f"{provider} said it was done on {long_date(marks.said_done)}, but on "
            f"{long_date(day)} the check “{name}” failed{note}"
        )
    if day > case.promised_by:
        late = calendar.between(case.promised_by, day)
        sentence += f", {_plural(late, 'business day')} after the deadline"
    return sentence + "."


def _facts(case: Case, today: date, calendar: BusinessCalendar, marks: Milestones) -> list[str]:
    lines = [
        f"- **Provider:** {md(case.provider)}",
        f"- **Service:** {md(case.service) or 'not given'}",
        f"- **Request:** to {case.action.value}, made on {long_date(case.requested_on)} "
        f"by {case.channel.value}",
    ]
    if marks.tickets:
        others = ", ".join(md(t) for t in marks.tickets[1:])
        lines.append(
            f"- **Reference number:** {md(marks.tickets[0])}" + (f" (later also: {others})" if others else "")
        )
    else:
        lines.append("- **Reference number:** none was given")
    allowed = calendar.between(case.requested_on, case.promised_by)
    lines.append(
        f"- **Deadline:** {long_date(case.promised_by)}, {_plural(allowed, 'business day')} after the request"
    )
    lines.append(f"- **Status on {long_date(today)}:** {STATUS_WORDS[case.status]}")
    if case.fee_amount is not None:
        lines.append(f"- **Fee:** {case.fee_amount} {md(case.fee_currency)}".rstrip())
    if case.next_follow_up is not None:
        lines.append(f"- **Next follow-up:** {long_date(case.next_follow_up)}")
    lines.append(f"- **Case:** number {case.id}, id `{case.uuid}`")
    return lines


def _dates(case: Case, today: date, calendar: BusinessCalendar, marks: Milestones) -> list[str]:
    rows: list[tuple[str, date]] = [
        ("Requested", case.requested_on),
        ("Promised by (deadline)", case.promised_by),
    ]
    if marks.said_done is not None:
        rows.append(("Provider said it was done", marks.said_done))
    failed = [c for c in case.checks if c.state is CheckState.FAILED and c.checked_at]
    if failed:
        rows.append(("A check failed", min(local_day(c.checked_at) for c in failed if c.checked_at)))
    if marks.verified is not None:
        rows.append(("Verified", marks.verified))
    if marks.withdrawn is not None:
        rows.append(("Withdrawn", marks.withdrawn))
    last = case.last_contact()
    if last is not None:
        rows.append(("Last contact", local_day(last.at)))
    rows.append(("Today", today))
    if case.next_follow_up is not None:
        rows.append(("Next follow-up", case.next_follow_up))
    rows.sort(key=lambda row: row[1])  # stable: same-day events keep their order
    lines = [
        "| Event | Date | Days after the request | Business days after the request |",
        "| --- | --- | ---: | ---: |",
    ]
    for label, day in rows:
        days = (day - case.requested_on).days
        business = calendar.between(case.requested_on, day)
        lines.append(f"| {label} | {long_date(day)} | {days} | {business} |")
    return lines


def _checks(case: Case) -> list[str]:
    lines: list[str] = []
    words = {CheckState.PASSED: "passed", CheckState.FAILED: "FAILED", CheckState.PENDING: "not checked yet"}
    for check in case.checks:
        required = " (required)" if check.required else ""
        when = (
            f" on {long_date(local_day(check.checked_at))}"
            if check.checked_at is not None and check.state is not CheckState.PENDING
            else ""
        )
        note = f" — {md(check.note)}" if check.note.strip() else ""
        lines.append(f"- {md(check.name)}{required}: **{words[check.state]}**{when}{note}")
    return lines or ["No checks."]


def _entry_line(number: int, entry: TimelineEntry, case: Case) -> str:
    details: list[str] = []
    if entry.channel is not None:
        details.append(f"by {entry.channel.value}")
    if entry.ticket.strip():
        details.append(f"ticket {md(entry.ticket)}")
    if entry.agent.strip():
        details.append(f"agent {md(entry.agent)}")
    if entry.status_from is not None or entry.status_to is not None:
        before = entry.status_from.value if entry.status_from else "new"
        after = entry.status_to.value if entry.status_to else "?"
        details.append(f"{before} → {after}")
    if entry.next_follow_up is not None and entry.kind in (EntryKind.CONTACT, EntryKind.CREATED):
        details.append(f"next follow-up {long_date(entry.next_follow_up)}")
    suffix = f" ({'; '.join(details)})" if details else ""
    summary = md(describe(entry)) or "(no summary)"
    when = f"**{local_time(entry.at)}**"
    if entry.kind is EntryKind.CREATED and local_day(entry.at) != case.requested_on:
        # The request was made on its own day; the entry is when it was written down.
        when = f"**{long_date(case.requested_on)}** (logged {local_time(entry.at)})"
    return f"{number}. {when} — {KIND_WORDS[entry.kind]}: {summary}{suffix}"


def render(case: Case, *, today: date, calendar: BusinessCalendar, redact: bool = False) -> str:
    """The dossier of a case as Markdown text."""
    if redact:
        case = redact_case(case)
    marks = milestones(case)
    title = md(case.provider) + (f": {md(case.service)}" if case.service.strip() else "")
    out = [f"# Cancellation case {case.id} — {title}", ""]
    out += ["## The facts", "", *_facts(case, today, calendar, marks), ""]
    missed = missed_deadlines(case, today, calendar, marks)
    out += ["## Missed deadlines", ""]
    if missed:
        out += [f"- {sentence}" for sentence in missed]
    elif marks.said_done is not None:
        out.append(
            f"None: {md(case.provider)} said it was done on "
            f"{long_date(marks.said_done)}, within the deadline."
        )
    else:
        out.append(f"None so far: the deadline is {long_date(case.promised_by)}.")
    out.append("")
    out += [
        "## Dates",
        "",
        *_dates(case, today, calendar, marks),
        "",
        "Business days leave out weekends"
        + (f" and public holidays in {calendar.country}" if calendar.country else "")
        + (" and the days off in the tracker's settings" if calendar.extra_days_off else "")
        + ".",
        "",
    ]
    out += [f"## Checks ({case.checks_passed} of {len(case.checks)} passed)", "", *_checks(case), ""]
    out += ["## Timeline", ""]
    if case.timeline:
        out.append(f"Times are local ({_utc_offset(case.timeline[0].at)}).")
        out.append("")
        out += [_entry_line(i, e, case) for i, e in enumerate(case.timeline, start=1)]
    else:
        out.append("Nothing recorded.")
    out.append("")
    if case.notes.strip():
        out += ["## Notes", ""]
        out += [f"> {line}".rstrip() for line in md_lines(case.notes)]
        out.append("")
    out.append(
        f"*Prepared on {long_date(today)} from the records kept in tracker"
        + (", with phone and account numbers masked" if redact else "")
        + ".*"
    )
    return "\n".join(out) + "\n"


def dossier(tracker: Tracker, case: Case, *, redact: bool = False) -> str:
    """The dossier of a case, with the tracker's today and the case's playbook calendar."""
    playbook = tracker.playbooks.for_case(case.playbook)
    return render(case, today=tracker.today(), calendar=tracker.calendar(playbook), redact=redact)


def dossier_filename(case: Case) -> str:
    return f"case-{case.id}-{slug(case.provider)}.md"


def write_dossier(tracker: Tracker, case: Case, folder: Path | None = None, *, redact: bool = False) -> Path:
    """Write the case's dossier as ``case-<id>-<provider>.md`` and return its path.

    The folder defaults to ``exports/`` in the user's data folder (created if
    needed); a dossier written earlier for the same case is replaced.
    """
    target = (folder or exports_folder(tracker.path)) / dossier_filename(case)
    text = dossier(tracker, case, redact=redact)
    write_private(target, lambda stream: stream.write(text.encode("utf-8")), make_folder=True)
    return target
