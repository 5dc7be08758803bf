"""The iCalendar export, parsed back with the icalendar package."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from icalendar import Calendar

from tests.helpers.exchange import Run
from tracker.domain.model import Case


def _calendar(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def _by_uid(calendar: Calendar, kind: str) -> dict[str, Any]:
    return {str(component["UID"]): component for component in calendar.walk(kind)}


def test_follow_ups_are_dated_todos_with_an_alarm(run: Run, story_env: dict[str, Case]) -> None:
    result = run("export", "--format", "ics")
    assert result.code == 0, result.err
    todos = _by_uid(_calendar(result.out), "VTODO")
    movistar, china = story_env["movistar"], story_env["china"]
    assert set(todos) == {f"{movistar.uuid}-follow-up@tracker", f"{china.uuid}-follow-up@tracker"}
    todo = todos[f"{movistar.uuid}-follow-up@tracker"]
    due = todo.decoded("DUE")
    assert due == movistar.next_follow_up == date(2026, 11, 24)
    assert type(due) is date  # a whole day, not a moment
    assert str(todo["SUMMARY"]) == "Follow up: Movistar Perú: eSIM línea +51 987 654 321"
    assert "R-2026-00077" in str(todo["DESCRIPTION"])
    assert todos[f"{china.uuid}-follow-up@tracker"].decoded("DUE") == date(2026, 11, 10)
    for todo in todos.values():
        alarms = todo.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == timedelta(hours=9)
        assert alarms[0]["TRIGGER"].params["RELATED"] == "END"


def test_promised_dates_are_all_day_events(run: Run, story_env: dict[str, Case]) -> None:
    events = _by_uid(_calendar(run("export", "-f", "ics").out), "VEVENT")
    movistar = story_env["movistar"]
    event = events[f"{movistar.uuid}-promised@tracker"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is date and type(end) is date
    assert start == date(2026, 10, 14) and end == date(2026, 10, 15)
    assert str(event["SUMMARY"]) == ("Deadline: Movistar Perú promised to cancel eSIM línea +51 987 654 321")
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert events[f"{story_env['china'].uuid}-promised@tracker"].decoded("DTSTART") == date(2026, 11, 9)


def test_uids_are_stable_so_a_calendar_updates_instead_of_duplicating(
    run: Run, story_env: dict[str, Case]
) -> None:
    first = _calendar(run("export", "-f", "ics").out)
    assert run("export", "-f", "ics").out == first.to_ical()  # same data, same file
    movistar = story_env["movistar"]
    assert run("log", str(movistar.id), "Otra llamada", "--next", "2026-11-27").code == 0
    second = _calendar(run("export", "-f", "ics").out)
    before, after = _by_uid(first, "VTODO"), _by_uid(second, "VTODO")
    assert set(before) == set(after)
    assert set(_by_uid(first, "VEVENT")) == set(_by_uid(second, "VEVENT"))
    uid = f"{movistar.uuid}-follow-up@tracker"
    assert after[uid].decoded("DUE") == date(2026, 11, 27)
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])


def test_closed_cases_only_with_all_and_a_verified_recheck_is_a_todo(run: Run, env: Any) -> None:
    env.set_today("2026-10-06")
    assert run("add", "Netflix", "--playbook", "subscription", "--requested", "2026-10-01").code == 0
    for check in ("confirmation received", "no new charge"):
        assert run("check", "1", check, "pass").code == 0
    assert run("verify", "1").code == 0
    env.set_today("2026-10-07")
    # Verified with its recheck still ahead: closed, so only in --all.
    calendar = _calendar(run("export", "-f", "ics").out)
    assert calendar.walk("VTODO") == [] and calendar.walk("VEVENT") == []
    todos = _calendar(run("export", "-f", "ics", "--all").out).walk("VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == ["Recheck: Netflix"]
    assert todos[0].decoded("DUE") == date(2026, 11, 10)
