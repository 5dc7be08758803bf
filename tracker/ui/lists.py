"""What the Cases and Follow-ups screens show, read in worker threads: no widgets here.

Each screen gives these functions the values they need (today, the filter, how
many rows fit) and gets plain data back in a message.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.search import Ordered, needle_of
from tracker.domain.summary import ListStats
from tracker.i18n import _, ngettext
from tracker.records import record
from tracker.ui.rows import Row, case_row

if TYPE_CHECKING:
    from tracker.core import Tracker

# Rows read around the cursor with a list; the rest come as they scroll into view.
FIRST_WINDOW = 60
# Texts a filter key looks through before painting (well under a millisecond): through
# more, it paints the answer's first rows first, then the whole. (Looking through 31,800
# before painting took 45-66 ms a key at a million cases, against 17-23 ms first rows.)
LOOKED_THROUGH_AT_ONCE = 5_000
# Rows kept in memory between fresh reads, at most (about 2 MB).
ROWS_KEPT = 5_000
HORIZON_DAYS = 7


def load_rows(tracker: Tracker, ids: list[int], today: date) -> dict[int, Row]:
    return {i: case_row(s, today) for i, s in tracker.summaries(ids).items()}


@record(frozen=True)
class FirstPage:
    """The most urgent cases, enough to fill a screen, and their rows."""

    ids: array  # type: ignore[type-arg]
    rows: dict[int, Row]


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
    #: False for the first rows of a filter's answer, shown while the rest is found.
    complete: bool = True


class CaseLists:
    """The Cases screen's reads, and what a filter keystroke reuses from the last one.

    Used from worker threads: a lock guards what is kept, another lets one read of the
    whole list run at a time, and a filter key that needs no read never waits for one.
    """

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._lock = threading.Lock()
        self._reading = threading.Lock()
        self._ordered: tuple[tuple[date, bool], Ordered] | None = None
        self._stats: ListStats | None = None
        # The last filter: the list it looked through, its folded text, its answer.
        self._answer: tuple[Ordered, str, Ordered] | None = None
        # Rows drawn since the last fresh read, by case id, as of ``_drawn_on``.
        self._drawn: dict[int, Row] = {}
        self._drawn_on: date | None = None

    def first_page(self, today: date, count: int) -> FirstPage:
        """The most urgent cases, enough to fill the screen: cheap at any table size."""
        ids = self.tracker.first_ids(count)
        if ids is None:
            ids = self.tracker.ordered_ids(limit=count)
        return FirstPage(ids, load_rows(self.tracker, list(ids), today))

    def has_texts(self, today: date, show_closed: bool) -> bool:
        """Whether what the filter looks through is read, for this list."""
        with self._lock:
            return self._ordered is not None and _serves(self._ordered, (today, show_closed), True)

    def read_texts(self, today: date, show_closed: bool) -> None:
        """Read what the filter looks through, while its box opens and the user starts typing."""
        self._list((today, show_closed), fresh=False, texts=True)

    def _list(self, key: tuple[date, bool], fresh: bool, texts: bool) -> Ordered:
        """The list for ``key`` (today, closed cases shown), read again when ``fresh``; with
        each case's text when asked (a fresh read does not wait for them: the index serves
        the filter meanwhile, and the screen asks for them again)."""
        with self._lock:
            current = self._ordered
        if current is not None and not fresh and _serves(current, key, texts):
            return current[1]
        with self._reading:
            with self._lock:
                latest = self._ordered
            if latest is not None and latest is not current and not fresh and _serves(latest, key, texts):
                return latest[1]  # read by another worker meanwhile
            show_closed = key[1]
            if texts:
                ordered = self.tracker.ordered_texts(show_closed)
            else:
                ordered = Ordered(self.tracker.ordered_ids(show_closed))
            with self._lock:
                self._ordered = (key, ordered)
            return ordered

    def query(self, query: Query, glimpse: Callable[[Listed], object] | None = None) -> Listed:
        """The list ``query`` asks for. A filter whose answer takes a while to complete
        gives ``glimpse`` its first rows as soon as they are found (``complete`` False),
        then the whole answer is returned."""
        key = (query.today, query.show_closed)
        ordered = self._list(key, query.fresh, texts=False)
        stats = self._counts(query.fresh)
        needle = needle_of(query.text)
        if not needle:
            return self._listed(ordered.ids, stats, query)
        with self._lock:
            last = self._answer
        # A key typed at the end can only match fewer of the same cases.
        base = last[2] if last is not None and last[0] is ordered and last[1] in needle else ordered
        answer = None
        if base.texts is None:
            # Before the texts are read: the database's index, for three characters and more.
            found = self.tracker.search_ids(query.text)
            if found is not None:
                answer = ordered.keeping(found)
            else:
                ordered = base = self._list(key, fresh=False, texts=True)
        if answer is None:
            if glimpse is not None and len(base) > LOOKED_THROUGH_AT_ONCE:
                top = base.first(query.text, FIRST_WINDOW)
                if len(top) < FIRST_WINDOW:
                    answer = top  # there is no more
                else:
                    glimpse(self._listed(top.ids, stats, query, complete=False))
            if answer is None:
                answer = base.matching(query.text)
        with self._lock:
            self._answer = (ordered, needle, answer)
        return self._listed(answer.ids, stats, query)

    def _counts(self, fresh: bool) -> ListStats:
        with self._lock:
            stats = None if fresh else self._stats
        if stats is None:
            # Read outside the lock: the event loop takes it (has_texts), and at a million
            # cases the counts take a while.
            stats = self.tracker.stats()
            with self._lock:
                self._stats = stats
        return stats

    def forget(self) -> None:
        """Something changed: drop what was kept (the list, its texts, the last answer, the
        rows drawn, the counts), so that a filter key pressed before the fresh read is done
        waits for it rather than showing the list as it was. Called on the event loop."""
        with self._lock:
            self._ordered = None
            self._answer = None
            self._drawn = {}
            self._stats = None

    def _listed(self, ids: array, stats: ListStats, query: Query, complete: bool = True) -> Listed:  # type: ignore[type-arg]
        window = ids[max(0, query.cursor - FIRST_WINDOW // 2) :][:FIRST_WINDOW]
        return Listed(ids, stats, self._rows(list(window), query.today, query.fresh), query, complete)

    def _rows(self, ids: list[int], today: date, fresh: bool) -> dict[int, Row]:
        """The rows of ``ids``: those drawn since the last fresh read from memory (a filter's
        next key mostly shows the same cases at the top), the rest from the database."""
        with self._lock:
            if fresh or self._drawn_on != today or len(self._drawn) > ROWS_KEPT:
                self._drawn, self._drawn_on = {}, today
            drawn = self._drawn
            rows = {i: drawn[i] for i in ids if i in drawn}
        missing = [i for i in ids if i not in rows]
        if missing:
            read = load_rows(self.tracker, missing, today)
            with self._lock:
                if self._drawn is drawn:
                    drawn.update(read)
            rows.update(read)
        return rows


def _serves(kept: tuple[tuple[date, bool], Ordered], key: tuple[date, bool], texts: bool) -> bool:
    """Whether a list read before is the one asked for (with the texts, when they are asked for)."""
    return kept[0] == key and (kept[1].texts is not None or not texts)


def summary_line(stats: ListStats, shown: int, show_closed: bool, text: str, complete: bool = True) -> str:
    parts = [
        ngettext("{count} open", "{count} open", stats.open).format(count=stats.open),
        ngettext("{count} overdue", "{count} overdue", stats.overdue).format(count=stats.overdue),
        ngettext("{count} due today", "{count} due today", stats.due_today).format(count=stats.due_today),
        ngettext("{count} verified", "{count} verified", stats.verified).format(count=stats.verified),
    ]
    line = " · ".join(parts)
    if text and not complete:
        line += "   " + ngettext(
            "filter: the first {count} match, still looking",
            "filter: the first {count} matches, still looking",
            shown,
        ).format(count=shown)
    elif text:
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
