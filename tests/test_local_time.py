"""One clock, one time-zone rule: every local date and time comes from the clock's zone.

Issue 8, item 13: bare ``.astimezone()`` calls used the machine's zone while
today came from the clock, so the suite failed under TZ=America/Lima and
TZ=Pacific/Kiritimati, and a contact logged late in the evening was dated the
next day in a dossier written with a fixed clock.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.cli.output import case_detail
from tracker.clock import FixedClock, SystemClock
from tracker.core import Tracker
from tracker.domain.model import Channel
from tracker.domain.workflow import CaseDraft
from tracker.exchange.dossier import dossier
from tracker.exchange.export import write_export

LIMA = ZoneInfo("America/Lima")
PACKAGE = Path(__file__).resolve().parent.parent / "tracker"


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone set to UTC+14 (Kiritimati), far from the zones the tests use."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_no_local_time_is_taken_outside_the_clock() -> None:
    """Local dates and times come only from tracker.clock: no bare astimezone(),
    date.today() or datetime.now() anywhere else in the package."""
    bare = re.compile(r"\.astimezone\(\)|\bdate\.today\(|\bdatetime\.now\(\s*\)|\.astimezone\(None\)")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if bare.search(line)
    ]
    assert offenders == []


def test_fixed_clock_local_is_its_zone_whatever_the_machine(machine_zone: None) -> None:
    moment = datetime(2026, 10, 20, 3, 30, tzinfo=UTC)
    assert FixedClock(date(2026, 10, 20)).local(moment) == moment
    lima = FixedClock(date(2026, 10, 19), zone=LIMA).local(moment)
    assert (lima.date(), lima.hour, lima.minute) == (date(2026, 10, 19), 22, 30)


def test_fixed_clock_now_is_noon_in_its_zone() -> None:
    clock = FixedClock(date(2026, 10, 20), zone=LIMA)
    assert clock.now() == datetime(2026, 10, 20, 17, tzinfo=UTC)  # noon in Lima (UTC-5)
    assert clock.local(clock.now()).date() == clock.today()


def test_system_clock_today_is_the_local_day_of_now(machine_zone: None) -> None:
    clock = SystemClock("")
    local_now = clock.local(clock.now())
    offset = local_now.utcoffset()
    assert offset is not None and offset.total_seconds() == 14 * 3600
    assert clock.today() == local_now.date()


def test_system_clock_override_keeps_today_and_now_in_step(
    machine_zone: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-10-20")
    clock = SystemClock()
    assert clock.local(clock.now()).date() == date(2026, 10, 20)


def test_a_moment_at_the_edge_of_the_calendar_is_shown_not_crashed(machine_zone: None) -> None:
    # Year 1 in UTC has no local time west of Greenwich; old data may hold such a moment.
    edge = datetime(1, 1, 1, tzinfo=UTC)
    assert FixedClock(date(2026, 10, 20), zone=LIMA).local(edge) == edge
    late = datetime(9999, 12, 31, 23, tzinfo=UTC)
    assert SystemClock("").local(late) == late


@pytest.fixture
def evening_case(tmp_path: Path, machine_zone: None) -> Tracker:
    """A case in Lima whose contact was logged at 21:30 local (02:30 UTC the next day)."""
    clock = FixedClock(date(2026, 10, 6), zone=LIMA)
    tracker = Tracker.open(str(tmp_path / "t.db"), clock=clock, config_folder=tmp_path / "config")
    case = tracker.cases.add(CaseDraft(provider="Claro", playbook="generic"))
    clock.fixed_today = date(2026, 10, 8)
    clock.fixed_now = datetime(2026, 10, 9, 2, 30, tzinfo=UTC)
    assert case.id is not None
    tracker.cases.log_contact(case.id, "Called in the evening", channel=Channel.PHONE)
    clock.fixed_now = None
    return tracker


def test_the_dossier_dates_a_contact_in_the_clock_zone(evening_case: Tracker) -> None:
    case = evening_case.get(1)
    text = dossier(evening_case, case)
    assert "**8 October 2026, 21:30** — Contact: Called in the evening" in text
    assert "Times are local (UTC-05:00)." in text
    assert "| Last contact | 8 October 2026 | 2 |" in text


def test_show_and_csv_use_the_clock_zone(evening_case: Tracker) -> None:
    case = evening_case.get(1)
    shown = case_detail(case, evening_case.today(), evening_case.clock.local)
    assert "2026-10-08 21:30  contact  Called in the evening" in shown
    stream = io.BytesIO()
    write_export([case], "csv", stream, today=evening_case.today(), local=evening_case.clock.local)
    assert "2026-10-08 21:30" in stream.getvalue().decode("utf-8-sig")
    calendar = io.BytesIO()
    write_export([case], "ics", calendar, today=evening_case.today(), local=evening_case.clock.local)
    assert b"Last contact 2026-10-08" in calendar.getvalue().replace(b"\r\n ", b"")
