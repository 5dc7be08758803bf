"""A timeline entry's when and particulars in words, the same in the command line, the TUI,
the dossier and the exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from tracker.display import one_line
from tracker.domain.model import EntryKind, TimelineEntry
from tracker.i18n import _, pgettext


def entry_when(entry: TimelineEntry, requested_on: date, local: Callable[[datetime], datetime]) -> str:
    """When a timeline entry happened, in local time (``local``: the clock's). The entry that
    opened a back-dated case is dated by its request date, with when it was written down (as
    the dossier does)."""
    moment = local(entry.at)
    stamp = moment.strftime("%Y-%m-%d %H:%M")
    if entry.kind is EntryKind.CREATED and moment.date() != requested_on:
        return _("{date} (logged {stamp})").format(date=requested_on.isoformat(), stamp=stamp)
    return stamp


def details_text(details: list[str]) -> str:
    """A timeline entry's particulars in one run: "phone; ticket R-1; agent Ana"."""
    # TRANSLATORS: what goes between a timeline entry's particulars ("phone; ticket R-1").
    return pgettext("details separator", "; ").join(details)


def entry_details(entry: TimelineEntry) -> list[str]:
    """The particulars of a timeline entry: channel, ticket, agent, agreed next date."""
    from tracker.wording.terms import channel_label  # what details_text's callers need not load

    details = []
    if entry.channel:
        details.append(channel_label(entry.channel))
    if entry.ticket:
        details.append(_("ticket {ticket}").format(ticket=one_line(entry.ticket)))
    if entry.agent:
        details.append(_("agent {agent}").format(agent=one_line(entry.agent)))
    if entry.next_follow_up and entry.kind is EntryKind.CONTACT:
        details.append(_("next {date}").format(date=entry.next_follow_up.isoformat()))
    return details
