"""The Cases screen: every case by urgency, a summary line, filter as you type."""

from __future__ import annotations

import asyncio
import threading
from array import array
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Static

from tracker.domain.search import SearchIndex, filter_ids
from tracker.domain.summary import ListStats
from tracker.ui.rows import Row, case_row
from tracker.ui.screens.case_list import CaseListScreen
from tracker.ui.widgets.case_table import CaseTable, Column

if TYPE_CHECKING:
    from tracker.core import Tracker

COLUMNS = (
    Column("#", 4),
    Column("Flags", 14, grow=3),
    Column("Provider", 10, grow=3),
    Column("Service", 10, grow=4),
    Column("Status", 9),
    Column("Requested", 10, min_screen=100),
    Column("Ticket", 8, grow=2, min_screen=90),
    Column("Next", 11),
    Column("Checks", 6),
)

FIRST_WINDOW = 120


def load_rows(tracker: Tracker, ids: list[int], today: date) -> dict[int, Row]:
    return {i: case_row(s, today) for i, s in tracker.summaries(ids).items()}


def summary_line(stats: ListStats, shown: int, show_closed: bool, text: str) -> str:
    parts = [
        f"{stats.open} open",
        f"{stats.overdue} overdue",
        f"{stats.due_today} due today",
        f"{stats.verified} verified",
    ]
    line = " · ".join(parts)
    if text:
        line += f"   filter: {shown} {'match' if shown == 1 else 'matches'}"
    elif not show_closed and stats.hidden_closed:
        line += f"   ({stats.hidden_closed} closed hidden)"
    return line


class CasesScreen(CaseListScreen):
    HEADING = "tracker"
    COLUMNS = COLUMNS

    BINDINGS = [
        Binding("a", "new_case", "New", id="cases.new"),
        Binding("f", "log_contact", "Log contact", id="cases.log"),
        Binding("v", "verify", "Verify", id="cases.verify"),
        Binding("e", "edit", "Edit", id="cases.edit", show=False),
        Binding("slash", "filter", "Filter", id="cases.filter"),
        Binding("d", "follow_ups", "Follow-ups", id="cases.follow_ups"),
        Binding(
            "c",
            "toggle_closed",
            "Show closed",
            id="cases.closed",
            show=False,
            tooltip="Show or hide closed cases (verified, withdrawn)",
        ),
        Binding(
            "x",
            "export",
            "Dossier",
            id="cases.export",
            show=False,
            tooltip="Write the case's Markdown dossier",
        ),
        Binding("w", "withdraw", "Withdraw", id="cases.withdraw", show=False),
        Binding("delete", "delete", "Delete", id="cases.delete", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="cases.clear_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_closed = False
        self.filter_text = ""
        self._generation = 0
        self._warned_overdue = False
        self.loaded = False  # the first rows are painted
        self.counted = False  # the whole list and its counts are in
        self.shown_filter = ""  # the filter the table shows the result of
        self._stats: ListStats | None = None
        # What a filter keystroke reuses: the whole list in order, and the text it searches.
        self._ordered: tuple[tuple[date, bool], array] | None = None  # type: ignore[type-arg]
        self._texts: SearchIndex | None = None
        self._texts_lock = threading.Lock()

    def above_table(self) -> list[Widget]:
        box = Input(placeholder="Filter: provider, service, ticket, notes (escape clears)", id="filter")
        box.display = False
        return [box]

    # -- loading -------------------------------------------------------------

    def reload(self, keep: int | None = None, fresh: bool = True) -> None:
        """Show the list again. ``fresh`` False (a filter keystroke) reuses what was read:
        the ordered ids, the text the filter looks in, the counts."""
        self._generation += 1
        # exit_on_error=False: a database that is unreachable must not end the app; the
        # change watch says so once, and reloads when it is back.
        self.run_worker(
            self._reload(self._generation, keep, fresh), group="load", exclusive=True, exit_on_error=False
        )

    def _search_index(self) -> SearchIndex:
        with self._texts_lock:
            if self._texts is None:
                self._texts = self.tapp.tracker.search_index()
            return self._texts

    def _first_page(self, today: date) -> tuple[array, dict[int, Row]]:  # type: ignore[type-arg]
        """The most urgent cases, enough to fill the screen: cheap at any table size."""
        tracker = self.tapp.tracker
        page = max(self.table.size.height, 40)
        ids = tracker.first_ids(page)
        if ids is None:
            ids = tracker.ordered_ids(limit=page)
        return ids, load_rows(tracker, list(ids), today)

    def _query(self, today: date, fresh: bool) -> tuple[array, ListStats | None, dict[int, Row]]:  # type: ignore[type-arg]
        tracker = self.tapp.tracker
        key = (today, self.show_closed)
        if fresh or self._ordered is None or self._ordered[0] != key:
            self._ordered = (key, tracker.ordered_ids(self.show_closed))
            if fresh:
                self._texts = None
        ids = self._ordered[1]
        if self.filter_text.strip():
            ids = filter_ids(ids, self._search_index(), self.filter_text)
        stats = tracker.stats() if fresh or self._stats is None else None
        window = ids[max(0, self.table.cursor - FIRST_WINDOW // 2) :][:FIRST_WINDOW]
        return ids, stats, load_rows(tracker, list(window), today)

    async def _reload(self, generation: int, keep: int | None, fresh: bool = True) -> None:
        today = self.tapp.tracker.today()
        table = self.table
        first_load = not self.loaded
        if first_load:
            # Paint the top of the list first; the whole order and the counts follow.
            first, rows = await self.tapp.db(self._first_page, today)
            if generation != self._generation:
                return
            if first:
                table.set_entries(first, rows)
            self.loaded = True
            # Let the first page reach the screen before anything else competes for it.
            painted = asyncio.Event()
            self.call_after_refresh(painted.set)
            await painted.wait()
            self.tapp.first_screen_painted()
        ids, stats, rows = await self.tapp.db(self._query, today, fresh)
        if generation != self._generation:
            return  # a newer reload (another keystroke) is on its way
        table.empty_message = (
            "No case matches the filter." if self.filter_text else "No open cases. Press a to log one."
        )
        # Rows shown a moment ago by the first page are still fresh; after a change, not.
        table.set_entries(ids, {**table.rows, **rows} if first_load else rows, keep)
        self.shown_filter = self.filter_text
        self._stats = stats = stats or self._stats
        assert stats is not None
        self.query_one("#summary", Static).update(
            summary_line(stats, len(ids), self.show_closed, self.filter_text)
        )
        self.counted = True
        if stats.overdue and not self._warned_overdue:
            self._warned_overdue = True
            key = self.tapp._key_for("cases.follow_ups", "d")
            self.notify(
                f"{stats.overdue} follow-up{'s' if stats.overdue != 1 else ''} overdue. "
                f"Press {key} to see them.",
                severity="warning",
                markup=False,
            )

    @on(CaseTable.RowsWanted)
    def fetch_rows(self, message: CaseTable.RowsWanted) -> None:
        self.run_worker(self._fetch_rows(message.table, message.case_ids), group="rows", exit_on_error=False)

    async def _fetch_rows(self, table: CaseTable, case_ids: list[int]) -> None:
        rows = await self.tapp.db(load_rows, self.tapp.tracker, case_ids, self.tapp.tracker.today())
        table.update_rows(rows)

    # -- actions -------------------------------------------------------------

    def action_new_case(self) -> None:
        from tracker.ui.screens.case_form import CaseFormScreen

        def done(case: object) -> None:
            if case is not None:
                case_id = getattr(case, "id", None)
                self.notify(f"Case {case_id} added.", markup=False)
                self.reload(keep=case_id)

        self.app.push_screen(CaseFormScreen(), done)

    def action_follow_ups(self) -> None:
        from tracker.ui.screens.follow_ups import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.notify(
            "Showing closed cases." if self.show_closed else "Closed cases hidden.", markup=False, timeout=2
        )
        self.reload()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()
        # Read what the filter searches while the user starts typing.
        self.run_worker(
            self._search_index, thread=True, group="search-index", exclusive=True, exit_on_error=False
        )

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display or self.filter_text:
            box.value = ""
            box.display = False
            self.filter_text = ""
            self.table.focus()
            self.reload()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.reload(fresh=False)

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.table.focus()
        if not self.filter_text:
            self.query_one("#filter", Input).display = False
