"""Follow-ups: the open follow-ups only, grouped overdue, today, next 7 days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Static

from tracker.i18n import N_, NP_, ngettext
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.layout import Column
from tracker.ui.lists import HORIZON_DAYS, load_follow_ups
from tracker.ui.rows import Row
from tracker.ui.screens.case_list import CaseListScreen
from tracker.ui.widgets.case_table import CaseTable
from tracker.ui.widgets.deadline_panels import YourDeadlines

COLUMNS = (
    Column(NP_("column", "#"), min=1, right=True),
    Column(NP_("column", "Flags"), min=6, shrink=3),
    Column(NP_("column", "Provider"), min=8, max=30, grow=2, shrink=2),
    Column(NP_("column", "Service"), min=8, max=40, grow=2, shrink=2),
    Column(NP_("column", "Status"), drop=6),
    Column(NP_("column", "Requested"), drop=1),
    Column(NP_("column", "Ticket"), min=8, max=30, shrink=4, drop=5),
    Column(NP_("column", "Next")),
    Column(NP_("column", "Checks"), min=3, right=True, drop=3),
    Column(NP_("column", "Last contact"), min=10, max=80, grow=3, shrink=2),
)


class FollowUpsScreen(CaseListScreen):
    KEY_PREFIX = "follow_ups"
    BINDINGS: ClassVar[list[BindingType]] = [*keys.FOLLOW_UPS]

    HEADING = N_("Follow-ups")
    COLUMNS = COLUMNS

    def above_table(self) -> list[Widget]:
        return [YourDeadlines()]

    def reload(self) -> None:
        self.query_one(YourDeadlines).reload()
        today = self.services.tracker.today()
        run_job(
            self,
            partial(load_follow_ups, self.services.tracker, today),
            partial(self._loaded, today),
            group="load",
            exclusive=True,
        )

    def _loaded(self, today: date, loaded: tuple[list[int | str], dict[int, Row]]) -> None:
        entries, rows = loaded
        self.table.empty_message = ngettext(
            "Nothing overdue, nothing due in the next {days} day.",
            "Nothing overdue, nothing due in the next {days} days.",
            HORIZON_DAYS,
        ).format(days=HORIZON_DAYS)
        self.table.set_entries(entries, rows)
        ahead = (today + timedelta(days=HORIZON_DAYS)).isoformat()
        count = sum(1 for e in entries if isinstance(e, int))
        self.query_one("#summary", Static).update(
            ngettext("{count} follow-up up to {date}", "{count} follow-ups up to {date}", count).format(
                count=count, date=ahead
            )
        )

    @on(CaseTable.RowsWanted)
    def rows_wanted(self) -> None:
        # Every row is loaded with the list; a case that vanished meanwhile is reloaded.
        self.reload()
