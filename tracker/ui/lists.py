"""What the Cases and Follow-ups screens show, read in worker threads: no widgets here.

Each screen gives these functions the values they need (today, the filter, how
many rows fit) and gets plain data back in a message.
"""

from __future__ import annotations

import threading
from array import array
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.search import Placed, SearchIndex, filter_ids, fold
from tracker.domain.summary import ListStats
from tracker.i18n import _, ngettext
from tracker.records import record
from tracker.ui.rows import Row, case_row

if TYPE_CHECKING:
    from tracker.core import Tracker

# Rows read around the cursor with a list; the rest come as they scroll into view.
FIRST_WINDOW = 120
HORIZON_DAYS = 7


def load_rows(tracker: Tracker, ids: list[int], today: date) -> dict[int, Row]:
    return {i: case_row(s, today) for i, s in tracker.summaries(ids).items()}


@record(frozen=True)
class Query:
    """What the Cases screen asks for: a fresh read, or a filter keystroke over the last one."""

    today: date
    show_closed: bool
    text: str
    cursor: int
    fresh: bool


@record(frozen=True)
class Listed:
    """One list's answer: the matching ids in order, the counts, the rows drawn so far."""

    ids: array  # type: ignore[type-arg]
    stats: ListStats
    rows: dict[int, Row]
    query: Query


class CaseLists:
    """The Cases screen's reads, and what a filter keystroke reuses from the last one.

    Used from worker threads one at a time (a lock keeps it so).
    """

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._lock = threading.Lock()
        self._ordered: tuple[tuple[date, bool], Placed] | None = None
        self._texts: SearchIndex | None = None
        self._stats: ListStats | None = None
        # The last filter's folded text and answer, over the ordered ids above.
        self._filtered: tuple[str, array] | None = None  # type: ignore[type-arg]

    def first_page(self, today: date, count: int) -> tuple[array, dict[int, Row]]:  # type: ignore[type-arg]
        """The most urgent cases, enough to fill the screen: cheap at any table size."""
        ids = self.tracker.first_ids(count)
        if ids is None:
            ids = self.tracker.ordered_ids(limit=count)
        return ids, load_rows(self.tracker, list(ids), today)

    def search_index(self) -> SearchIndex:
        with self._lock:
            if self._texts is None:
                self._texts = self.tracker.search_index()
            return self._texts

    def query(self, query: Query) -> Listed:
        key = (query.today, query.show_closed)
        with self._lock:
            if query.fresh or self._ordered is None or self._ordered[0] != key:
                self._ordered = (key, Placed(self.tracker.ordered_ids(query.show_closed)))
                self._filtered = None
                if query.fresh:
                    self._texts = None
            ordered = self._ordered
            placed = ordered[1]
            ids = placed.ids
            last = self._filtered
        needle = fold(query.text.strip())
        if needle:
            # The database's index for three characters and more, its answer put in the
            # list's order; for one or two, the scan of the text read when the filter box
            # opened, over the last answer when the text holds the last one (a key typed at
            # the end can only match fewer of the same cases).
            found = self.tracker.search_ids(query.text)
            if found is not None:
                ids = placed.keep(found)
            else:
                if last is not None and last[0] in needle:
                    ids = last[1]
                ids = filter_ids(ids, self.search_index(), query.text)
        with self._lock:
            if self._ordered is ordered:  # not read again meanwhile
                self._filtered = (needle, ids) if needle else None
        with self._lock:
            if query.fresh or self._stats is None:
                self._stats = self.tracker.stats()
            stats = self._stats
        window = ids[max(0, query.cursor - FIRST_WINDOW // 2) :][:FIRST_WINDOW]
        return Listed(ids, stats, load_rows(self.tracker, list(window), query.today), query)


def summary_line(stats: ListStats, shown: int, show_closed: bool, text: str) -> str:
    parts = [
        ngettext("{count} open", "{count} open", stats.open).format(count=stats.open),
        ngettext("{count} overdue", "{count} overdue", stats.overdue).format(count=stats.overdue),
        ngettext("{count} due today", "{count} due today", stats.due_today).format(count=stats.due_today),
        ngettext("{count} verified", "{count} verified", stats.verified).format(count=stats.verified),
    ]
    line = " · ".join(parts)
    if text:
        line += "   " + ngettext("filter: {count} match", "filter: {count} matches", shown).format(
            count=shown
        )
    elif not show_closed and stats.hidden_closed:
        line += "   " + ngettext(
            "({count} closed hidden)", "({count} closed hidden)", stats.hidden_closed
        ).format(count=stats.hidden_closed)
    return line


# -- Follow-ups ---------------------------------------------------------------------


def group_entries(ids: list[int], due: dict[int, date | None], today: date) -> list[int | str]:
    """Ids under their headings: Overdue, Today, Next 7 days (headings only when non-empty)."""
    overdue: list[int] = []
    today_ids: list[int] = []
    ahead: list[int] = []
    for case_id in ids:
        when = due.get(case_id)
        if when is None:
            continue
        (overdue if when < today else today_ids if when == today else ahead).append(case_id)
    groups = [
        (_("Overdue ({count})"), overdue),
        (_("Today ({count})"), today_ids),
        (
            ngettext("Next {days} day ({count})", "Next {days} days ({count})", HORIZON_DAYS),
            ahead,
        ),
    ]
    entries: list[int | str] = []
    for heading, members in groups:
        if members:
            entries.append(heading.format(count=len(members), days=HORIZON_DAYS))
            entries.extend(members)
    return entries


def load_follow_ups(tracker: Tracker, today: date) -> tuple[list[int | str], dict[int, Row]]:
    ids = list(tracker.due_ids(HORIZON_DAYS))
    summaries = tracker.summaries(ids)
    contacts = tracker.last_contacts(ids)
    rows = {
        i: case_row(s, today, extra=contacts.get(i, _("no contact logged yet"))) for i, s in summaries.items()
    }
    due = {i: s.next_follow_up for i, s in summaries.items()}
    return group_entries(ids, due, today), rows
