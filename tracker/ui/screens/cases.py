"""The Cases screen: every case by urgency, a summary line, filter as you type."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Input, Static

from tracker.domain.model import Case
from tracker.i18n import NP_, _, ngettext
from tracker.ui import keys
from tracker.ui.jobs import meanwhile, run_job
from tracker.ui.layout import Column
from tracker.ui.lists import CaseLists, FirstPage, Listed, Query, load_rows, summary_line
from tracker.ui.screens.case_list import CaseListScreen
from tracker.ui.widgets.case_table import CaseTable
from tracker.ui.widgets.deadline_panels import NotOwedLine
from tracker.ui.widgets.safe_text import SafeInput

COLUMNS = (
    Column(NP_("column", "#"), min=1, right=True),
    Column(NP_("column", "Flags"), min=6, shrink=3),
    Column(NP_("column", "Provider"), min=8, max=30, grow=2, shrink=1),
    Column(NP_("column", "Service"), min=8, max=40, grow=3, shrink=1),
    Column(NP_("column", "Status"), drop=6),
    Column(NP_("column", "Requested"), drop=2),
    Column(NP_("column", "Ticket"), min=8, max=30, shrink=4, drop=5),
    Column(NP_("column", "Next")),
    Column(NP_("column", "Checks"), min=3, right=True, drop=3),
)


class CasesScreen(CaseListScreen):
    HEADING = "tracker"
    COLUMNS = COLUMNS
    KEY_PREFIX = "cases"
    BINDINGS: ClassVar[list[BindingType]] = [*keys.CASES]

    def __init__(self) -> None:
        super().__init__()
        self.show_closed = False
        self.filter_text = ""
        self._generation = 0
        self._warned_overdue = False
        self.loaded = False  # the first rows are painted
        self.counted = False  # the whole list and its counts are in
        self.shown_filter = ""  # the filter the table shows the result of
        self.filter_complete = True  # False while it shows only the answer's first rows
        self._lists: CaseLists | None = None

    def above_table(self) -> list[Widget]:
        box = SafeInput(
            placeholder=_("Filter: provider, service, every ticket, notes ({key} clears)").format(
                key=self.services.key_hint("cases.clear_filter")
            ),
            id="filter",
        )
        box.display = False
        return [box, NotOwedLine()]

    @property
    def lists(self) -> CaseLists:
        if self._lists is None:
            self._lists = CaseLists(self.services.tracker)
        return self._lists

    # -- loading -------------------------------------------------------------

    def rows_pending(self) -> bool:
        return not self.loaded

    def reload(self, keep: int | None = None, fresh: bool = True) -> None:
        """Show the list again. ``fresh`` False (a filter keystroke) reuses what was read:
        the ordered ids, the text the filter looks in, the counts."""
        self._generation += 1
        generation = self._generation
        today = self.services.tracker.today()
        if fresh:
            self.lists.forget()
            self.query_one(NotOwedLine).reload()
        if not self.loaded:
            # Paint the top of the list first; the whole order and the counts follow.
            # The read runs while the first frame ("Loading…") is drawn: waiting for it
            # before that frame, to draw rows in it, made the first paint slower (1.40x the
            # minimal app against 1.25x, medians of 25 at 100,000 cases).
            count = max(self.table.size.height, 40)
            run_job(
                self,
                partial(self.lists.first_page, today, count),
                partial(self._first_page, generation, keep, fresh),
                group="load",
                exclusive=True,
            )
            return
        self._query(generation, keep, fresh, first_load=False)

    def _first_page(
        self,
        generation: int,
        keep: int | None,
        fresh: bool,
        page: FirstPage,
    ) -> None:
        if generation != self._generation:
            return
        if page.ids:
            self.table.set_entries(page.ids, page.rows)
        self.loaded = True

        def painted() -> None:
            # Let the first page reach the screen before anything else competes for it.
            self.services.first_screen_painted()
            if generation == self._generation:
                self._query(generation, keep, fresh, first_load=True)

        self.call_after_refresh(painted)

    def _query(self, generation: int, keep: int | None, fresh: bool, first_load: bool) -> None:
        query = Query(
            today=self.services.tracker.today(),
            show_closed=self.show_closed,
            text=self.filter_text,
            cursor=self.table.cursor,
            fresh=fresh,
        )
        show = partial(self._listed, generation, keep, first_load)
        run_job(
            self,
            partial(self.lists.query, query, meanwhile(self, show)),
            show,
            group="load",
            exclusive=True,
        )

    def _listed(self, generation: int, keep: int | None, first_load: bool, listed: Listed) -> None:
        if generation != self._generation:
            return  # a newer reload (another keystroke) is on its way
        table = self.table
        if listed.query.text:
            table.empty_message = _("No case matches the filter. Press {key} to clear it.").format(
                key=self.services.key_hint("cases.clear_filter")
            )
        else:
            table.empty_message = _("No open cases. Press {key} to log one.").format(
                key=self.services.key_hint("cases.new")
            )
        # Rows shown a moment ago by the first page are still fresh; after a change, not.
        table.set_entries(listed.ids, {**table.rows, **listed.rows} if first_load else listed.rows, keep)
        self.shown_filter = listed.query.text
        self.filter_complete = listed.complete
        if listed.complete and self.query_one("#filter", Input).display:
            self._read_texts()  # read afresh after a change; the index serves meanwhile
        stats = listed.stats
        self.query_one("#summary", Static).update(
            summary_line(stats, len(listed.ids), listed.query.show_closed, listed.query.text, listed.complete)
        )
        self.counted = True
        if stats.overdue and not self._warned_overdue:
            self._warned_overdue = True
            self.notify(
                ngettext(
                    "{count} follow-up overdue. Press {key} to see it.",
                    "{count} follow-ups overdue. Press {key} to see them.",
                    stats.overdue,
                ).format(count=stats.overdue, key=self.services.key_hint("cases.follow_ups")),
                severity="warning",
                markup=False,
            )

    @on(CaseTable.RowsWanted)
    def fetch_rows(self, message: CaseTable.RowsWanted) -> None:
        today = self.services.tracker.today()
        run_job(
            self,
            partial(load_rows, self.services.tracker, message.case_ids, today),
            message.table.update_rows,
            group="rows",
        )

    # -- actions -------------------------------------------------------------

    def action_new_case(self) -> None:
        from tracker.ui.screens.case_form import CaseFormScreen

        def done(case: Case | None) -> None:
            if case is not None:
                self.notify(_("Case {id} added.").format(id=case.id), markup=False)
                self.reload(keep=case.id)

        self.app.push_screen(CaseFormScreen(), done)

    def action_holder(self) -> None:
        from tracker.ui.screens.holder import HolderScreen

        self.app.push_screen(HolderScreen())

    def action_follow_ups(self) -> None:
        from tracker.ui.screens.follow_ups import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.notify(
            _("Showing closed cases.") if self.show_closed else _("Closed cases hidden."),
            markup=False,
            timeout=2,
        )
        self.reload()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()
        self._read_texts()

    def _read_texts(self) -> None:
        """Read what the filter looks through, while the user starts typing."""
        today = self.services.tracker.today()
        if not self.lists.has_texts(today, self.show_closed):
            read = partial(self.lists.read_texts, today, self.show_closed)
            run_job(self, read, group="search-index", exclusive=True)

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
