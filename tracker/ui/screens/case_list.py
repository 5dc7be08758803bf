"""What the Cases and Follow-ups screens share: a title bar, a table of cases, the footer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from tracker.i18n import _
from tracker.ui.case_actions import CaseActions
from tracker.ui.layout import Column
from tracker.ui.messages import DataChanged
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.widgets.case_table import CaseTable
from tracker.ui.widgets.footer import FittingFooter


class CaseListScreen(CaseActions, TrackerScreen[None]):
    """A screen around one :class:`CaseTable`; subclasses say what it lists."""

    HEADING: ClassVar[str] = ""  # marked N_, translated when shown
    COLUMNS: ClassVar[Sequence[Column]] = ()

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(_(self.HEADING), id="title", markup=False)
            yield Static("", id="summary", markup=False)
        yield from self.above_table()
        table = CaseTable(self.COLUMNS)
        table.empty_message = _("Loading…")
        yield table
        yield FittingFooter(show_command_palette=False)

    def above_table(self) -> Sequence[Widget]:
        """Widgets between the title bar and the table."""
        return ()

    @property
    def table(self) -> CaseTable:
        return self.query_one(CaseTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.reload()

    def selected_case_id(self) -> int | None:
        return self.table.current_case_id

    def reload(self) -> None:
        raise NotImplementedError

    @on(DataChanged)
    def data_changed(self) -> None:
        self.reload()

    @on(CaseTable.Chosen)
    def open_case(self, message: CaseTable.Chosen) -> None:
        self.services.open_case(message.case_id)
