"""Column widths: the whole width used, flags and tickets kept whole where there is room."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tests.helpers.ui import TODAY, seed, settle
from tracker.core import Tracker
from tracker.domain.model import CheckState
from tracker.ui.app import TrackerApp
from tracker.ui.layout import Column, Want, column_widths
from tracker.ui.screens.cases import COLUMNS
from tracker.ui.widgets.case_table import CaseTable

NUMBER = Column("#", min=1, right=True)
FLAGS = Column("Flags", min=6, shrink=3)
PROVIDER = Column("Provider", min=8, max=30, grow=2, shrink=1)
SERVICE = Column("Service", min=8, max=40, grow=3, shrink=1)
REQUESTED = Column("Requested", drop=2)
TICKET = Column("Ticket", min=8, max=30, shrink=4, drop=5)


def test_spare_width_goes_to_the_free_text_down_to_the_last_column() -> None:
    columns = [NUMBER, PROVIDER, SERVICE]
    widths = column_widths(columns, [Want(1, 0), Want(5, 0), Want(5, 0)], 40)
    # 1 + 8 + 8 + 2 gaps = 19; 21 spare, shared 2:3 (8 and 12), the remainder (1) to Service.
    assert widths == [1, 8 + 8, 8 + 13]
    assert sum(widths) + len(widths) - 1 == 40


def test_free_text_gives_way_first_then_a_column_is_dropped_then_flags_go_short() -> None:
    columns = [NUMBER, FLAGS, PROVIDER, SERVICE, REQUESTED, TICKET]
    wants = [Want(1, 0), Want(31, 12), Want(13, 0), Want(20, 0), Want(10, 0), Want(12, 0)]
    # Everything fits at 100: 1 + 31 + 13 + 20 + 10 + 12 + 5 gaps = 92, 8 spare.
    assert column_widths(columns, wants, 100) == [1, 31, 13 + 3, 20 + 5, 10, 12]
    # At 80, 12 too many: provider and service give them up, the widest first
    # (service 20 -> 13, then one each in turn).
    assert column_widths(columns, wants, 80) == [1, 31, 10, 11, 10, 12]
    # At 70 they reach their minimum (8 each) and Requested goes: 6 spare, shared 2:3,
    # the remainder to Service.
    assert column_widths(columns, wants, 70) == [1, 31, 8 + 2, 8 + 4, 0, 12]
    # At 55, the flags take their short form: 1 + 12 + 8 + 8 + 12 + 4 gaps = 45, 10 spare.
    assert column_widths(columns, wants, 55) == [1, 12, 8 + 4, 8 + 6, 0, 12]


def test_a_ticket_shrinks_then_goes_before_the_screen_overflows() -> None:
    columns = [NUMBER, FLAGS, PROVIDER, TICKET]
    wants = [Want(1, 0), Want(12, 12), Want(8, 0), Want(12, 0)]
    assert column_widths(columns, wants, 36) == [1, 12, 8, 12]
    assert column_widths(columns, wants, 33) == [1, 12, 8, 9]
    assert column_widths(columns, wants, 30) == [1, 12, 8 + 7, 0]


async def _table_text(make_app: Callable[[], TrackerApp], size: tuple[int, int]) -> str:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        lines = ["".join(s.text for s in table.render_line(y)) for y in range(table.size.height)]
    return "\n".join(lines)


async def test_at_120_columns_every_flag_and_the_whole_ticket_show(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    late = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="")
    assert late.id is not None
    tracker.cases.log_contact(late.id, "new ticket", ticket="R-2026-11-00042", next_follow_up=TODAY)
    other = seed(tracker, "Claro", requested=date(2026, 10, 6), ticket="", number=2)
    assert other.id is not None
    tracker.cases.set_check(other.id, "calls blocked", CheckState.FAILED)
    tracker.cases.log_contact(other.id, "called", next_follow_up=date(2026, 11, 30))
    text = await _table_text(make_app, (120, 40))
    assert "DUE TODAY, PROVIDER LATE" in text and "R-2026-11-00042" in text
    assert "PROVIDER LATE, NO TICKET, CHECK FAILED" in text
    # Nothing is left empty on the right: the header reaches the last column.
    header = text.splitlines()[0]
    assert header.rstrip().endswith("Checks")
    assert len(header) == 120


async def test_at_80_columns_flags_take_their_short_form(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    other = seed(tracker, "Claro", requested=date(2026, 10, 6), ticket="", number=2)
    assert other.id is not None
    tracker.cases.set_check(other.id, "calls blocked", CheckState.FAILED)
    tracker.cases.log_contact(other.id, "called", next_follow_up=date(2026, 11, 30))
    seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    text = await _table_text(make_app, (80, 24))
    assert "PROV LATE, NO TKT, FAILED" in text
    assert "OVERDUE, PROV LATE" in text
    assert "R-2026-00042" in text  # room is left for the ticket


def test_the_cases_columns_are_the_ones_laid_out() -> None:
    assert [c.label for c in COLUMNS] == [
        "#",
        "Flags",
        "Provider",
        "Service",
        "Status",
        "Requested",
        "Ticket",
        "Next",
        "Checks",
    ]
