"""The reminder message: a title and a body worded from reminders (pure, no I/O).

Each case is named by its number and its provider, the provider as typed (control
characters shown as escapes). The service is left out on purpose: it often holds a
phone or account number, and a message may travel through a public ntfy server.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tracker.display import headline
from tracker.domain.reminders import RECHECK, Reminder, ReminderKind
from tracker.i18n import _, ngettext
from tracker.records import record
from tracker.wording.escalation import DEADLINE_WORDS

# At most this many cases are listed; a notification bubble shows little more.
LISTED = 20


@record(frozen=True)
class Message:
    """One reminder message: a title, a body, and whether it is urgent."""

    title: str
    body: str
    urgent: bool  # something is overdue or a deadline of the user's is near

    @property
    def text(self) -> str:
        """Title and body together, as a command or a log receives them."""
        return f"{self.title}\n\n{self.body}\n"


def build_message(reminders: Sequence[Reminder], today: date) -> Message:
    """One message naming every reminder, the user's deadlines first, then overdue, then today."""
    groups = {kind: [r for r in reminders if r.kind is kind] for kind in ReminderKind}
    parts = [_count(kind, len(groups[kind])) for kind in ReminderKind if groups[kind]]
    title = _("tracker: {what}").format(what=_(", ").join(parts))
    headings = {
        ReminderKind.DEADLINE: _("Your deadlines:"),
        ReminderKind.OVERDUE: _("Overdue:"),
        ReminderKind.DUE_TODAY: _("Due today:"),
    }
    lines: list[str] = []
    listed = 0
    for kind in ReminderKind:
        shown = groups[kind][: max(0, LISTED - listed)]
        if not shown:
            continue
        if lines:
            lines.append("")
        lines.append(headings[kind])
        lines.extend("  " + reminder_line(r, today) for r in shown)
        listed += len(shown)
    if len(reminders) > listed:
        lines.append(
            ngettext("… and {n} more", "… and {n} more", len(reminders) - listed).format(
                n=len(reminders) - listed
            )
        )
    lines.extend(["", _("tracker due lists them; tracker show NUMBER opens one.")])
    urgent = bool(groups[ReminderKind.DEADLINE] or groups[ReminderKind.OVERDUE])
    return Message(title, "\n".join(lines), urgent)


def _count(kind: ReminderKind, n: int) -> str:
    # Each plural in one ngettext call with literal words, so that extraction sees the
    # pair and each language gets its own plural forms.
    if kind is ReminderKind.DEADLINE:
        return ngettext("{n} deadline of yours", "{n} deadlines of yours", n).format(n=n)
    if kind is ReminderKind.OVERDUE:
        return ngettext("{n} follow-up overdue", "{n} follow-ups overdue", n).format(n=n)
    return ngettext("{n} follow-up due today", "{n} follow-ups due today", n).format(n=n)


def reminder_line(reminder: Reminder, today: date) -> str:
    """``case 3, Movistar Perú: follow-up 5 days overdue (2026-10-15)``."""
    who = _("case {id}, {provider}").format(id=reminder.case_id, provider=headline(reminder.provider, 60))
    days = (reminder.due - today).days
    if reminder.kind is ReminderKind.DEADLINE:
        what = _(DEADLINE_WORDS.get(reminder.event, reminder.event))  # the path's words for it
        when = _("today") if days <= 0 else ngettext("in {n} day", "in {n} days", days).format(n=days)
        return _("{who}: {what} {when} ({date})").format(
            who=who, what=what, when=when, date=reminder.due.isoformat()
        )
    what = _("recheck after the bill") if reminder.event == RECHECK else _("follow-up")
    if reminder.kind is ReminderKind.OVERDUE:
        when = ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
        return _("{who}: {what} {when} ({date})").format(
            who=who, what=what, when=when, date=reminder.due.isoformat()
        )
    return _("{who}: {what} due today").format(who=who, what=what)


def trial_message(today: date) -> Message:
    """What ``tracker notify --test`` sends: says it is a test, and from where."""
    return Message(
        _("tracker: test reminder"),
        _(
            "This is a test from tracker notify on {date}. Reminders of overdue "
            "follow-ups will arrive here like this one."
        ).format(date=today.isoformat()),
        urgent=False,
    )
