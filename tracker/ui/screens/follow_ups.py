"""Follow-ups: the open follow-ups only, grouped overdue, today, next 7 days."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.widgets import Static

from tracker.ui.rows import Row, case_row
from tracker.ui.screens.case_list import CaseListScreen
from tracker.ui.widgets.case_table import CaseTable, Column

if TYPE_CHECKING:
    from tracker.core import Tracker

HORIZON_DAYS = 7

COLUMNS = (
    Column("#", 4),
    Column("Flags", 14, grow=2),
    Column("Provider", 10, grow=2),
    Column("Service", 10, grow=2),
    Column("Status", 9, min_screen=90),
    Column("Requested", 10, min_screen=130),
    Column("Ticket", 8, grow=1, min_screen=110),
    Column("Next", 11),
    Column("Checks", 6, min_screen=100),
    Column("Last contact", 12, grow=4),
)


def group_entries(ids: list[int], due: dict[int, date | None], today: date) -> list[int | str]:
    """Ids under their headings: Overdue, Today, Next 7 days (headings only when non-empty)."""
    groups: dict[str, list[int]] = {"Overdue": [], "Today": [], f"Next {HORIZON_DAYS} days": []}
    names = list(groups)
    for case_id in ids:
        when = due.get(case_id)
        if when is None:
            continue
        name = names[0] if when < today else names[1] if when == today else names[2]
        groups[name].append(case_id)
    entries: list[int | str] = []
    for name, members in groups.items():
        if members:
            entries.append(f"{name} ({len(members)})")
            entries.extend(members)
    return entries


def load_follow_ups(tracker: Tracker, today: date) -> tuple[list[int | str], dict[int, Row]]:
    ids = list(tracker.due_ids(HORIZON_DAYS))
    summaries = tracker.summaries(ids)
    contacts = tracker.last_contacts(ids)
    rows = {
        i: case_row(s, today, extra=contacts.get(i, "no contact logged yet")) for i, s in summaries.items()
    }
    due = {i: s.next_follow_up for i, s in summaries.items()}
    return group_entries(ids, due, today), rows


class FollowUpsScreen(CaseListScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="follow_ups.back"),
        Binding("f", "log_contact", "Log contact", id="follow_ups.log"),
        Binding("v", "verify", "Verify", id="follow_ups.verify"),
        Binding("e", "edit", "Edit", id="follow_ups.edit", show=False),
        Binding("x", "export", "Dossier", id="follow_ups.export", show=False),
    ]

    HEADING = "Follow-ups"
    COLUMNS = COLUMNS

    def reload(self) -> None:
        self.run_worker(self._reload(), group="load", exclusive=True, exit_on_error=False)

    async def _reload(self) -> None:
        today = self.tapp.tracker.today()
        entries, rows = await self.tapp.db(load_follow_ups, self.tapp.tracker, today)
        self.table.empty_message = f"Nothing overdue, nothing due in the next {HORIZON_DAYS} days."
        self.table.set_entries(entries, rows)
        ahead = (today + timedelta(days=HORIZON_DAYS)).isoformat()
        count = sum(1 for e in entries if isinstance(e, int))
        self.query_one("#summary", Static).update(f"{count} follow-ups up to {ahead}")

    @on(CaseTable.RowsWanted)
    def rows_wanted(self) -> None:
        # Every row is loaded with the list; a case that vanished meanwhile is reloaded.
        self.reload()
