"""Cases as an iCalendar file, for any calendar or to-do app.

- Each pending follow-up (an open case's next contact, or a verified case's
  recheck) is a VTODO due that day, with an alarm at 09:00 on the day.
- Each promised date is an all-day VEVENT: the day the provider must be done.

UIDs come from the case's UUID ("<uuid>-follow-up@tracker",
"<uuid>-promised@tracker"), so importing a newer file into a calendar updates
its entries instead of adding copies. DTSTAMP is the case's last change and
SEQUENCE the length of its (append-only) timeline, so both only ever grow and
the same data always gives the same file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta
from typing import BinaryIO

from icalendar import Alarm, Calendar, Event, Todo

from tracker.clock import Local
from tracker.display import unsafe
from tracker.domain.flags import follow_up_pending
from tracker.domain.model import Action, Case, Status
from tracker.i18n import _
from tracker.wording.terms import action_label, channel_label, status_label
from tracker.wording.timeline import describe

PRODID = "-//tracker//cancellation tracker//EN"
UID_DOMAIN = "tracker"
ALARM_AT = timedelta(hours=9)


def follow_up_uid(case: Case) -> str:
    return f"{case.uuid}-follow-up@{UID_DOMAIN}"


def promised_uid(case: Case) -> str:
    return f"{case.uuid}-promised@{UID_DOMAIN}"


def _one_line(text: str) -> str:
    """User text on one line, without control or format characters (calendars choke
    on them, terminals act on them)."""
    text = "".join(" " if unsafe(ch) else ch for ch in text)
    return " ".join(text.split())


def _title(case: Case) -> str:
    service = _one_line(case.service)
    provider = _one_line(case.provider)
    return f"{provider}: {service}" if service else provider


def _description(case: Case, local: Local) -> str:
    lines = [
        _("Case {id} ({status}): {action} {title}").format(
            id=case.id, status=status_label(case.status), action=action_label(case.action), title=_title(case)
        ),
        _("Requested on {requested} by {channel}; promised by {promised}.").format(
            requested=case.requested_on.isoformat(),
            channel=channel_label(case.channel),
            promised=case.promised_by.isoformat(),
        ),
        _("Ticket: {ticket}").format(ticket=_one_line(case.ticket) or _("none yet (ask for one)")),
        _("Checks passed: {passed} of {total}").format(
            passed=case.checks_passed, total=case.checks_applicable
        ),
    ]
    last = case.last_contact()
    if last is not None:
        lines.append(
            _("Last contact {day}: {summary}").format(
                day=local(last.at).date().isoformat(), summary=_one_line(describe(last))
            )
        )
    lines.append(f"tracker show {case.id}")
    return "\n".join(lines)


def _stamp(component: Todo | Event, case: Case) -> None:
    changed = case.updated_at.astimezone(UTC)
    component.add("dtstamp", changed)
    component.add("last-modified", changed)
    component.add("sequence", len(case.timeline))


def follow_up_todo(case: Case, local: Local) -> Todo:
    assert case.next_follow_up is not None
    recheck = case.status is Status.VERIFIED
    todo = Todo()
    todo.add("uid", follow_up_uid(case))
    _stamp(todo, case)
    summary = (_("Recheck: {title}") if recheck else _("Follow up: {title}")).format(title=_title(case))
    todo.add("summary", summary)
    todo.add("description", _description(case, local))
    todo.add("due", case.next_follow_up)
    todo.add("status", "NEEDS-ACTION")
    todo.add("categories", ["tracker"])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    # Relative to DUE (a date, so its midnight): 09:00 on the day.
    alarm.add("trigger", ALARM_AT, parameters={"RELATED": "END"})
    todo.add_component(alarm)
    return todo


def promised_event(case: Case, local: Local) -> Event:
    event = Event()
    event.add("uid", promised_uid(case))
    _stamp(event, case)
    service = _one_line(case.service)
    if case.action is Action.SUSPEND:
        words = (
            _("Deadline: {provider} promised to suspend {service}")
            if service
            else _("Deadline: {provider} promised to suspend it")
        )
    else:
        words = (
            _("Deadline: {provider} promised to cancel {service}")
            if service
            else _("Deadline: {provider} promised to cancel it")
        )
    event.add("summary", words.format(provider=_one_line(case.provider), service=service))
    event.add("description", _description(case, local))
    event.add("dtstart", case.promised_by)
    event.add("dtend", case.promised_by + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["tracker"])
    return event


def calendar_for(cases: Iterable[Case], local: Local) -> tuple[Calendar, int]:
    """The calendar for these cases and how many cases it covers."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "tracker")
    count = 0
    for case in cases:
        count += 1
        calendar.add_component(promised_event(case, local))
        if follow_up_pending(case.status, case.next_follow_up):
            calendar.add_component(follow_up_todo(case, local))
    return calendar, count


def write_ics(cases: Iterable[Case], local: Local, stream: BinaryIO) -> int:
    calendar, count = calendar_for(cases, local)
    stream.write(calendar.to_ical())
    return count
