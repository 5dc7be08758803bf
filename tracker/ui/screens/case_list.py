"""What the Cases and Follow-ups screens share: a title bar, a table of cases, the footer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from tracker.ui.app import DataChanged
from tracker.ui.case_actions import CaseActions
from tracker.ui.widgets.case_table import CaseTable, Column

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class CaseListScreen(CaseActions, Screen[None]):
    """A screen around one :class:`CaseTable`; subclasses say what it lists."""

    HEADING: ClassVar[str] = ""
    COLUMNS: ClassVar[Sequence[Column]] = ()

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(self.HEADING, id="title")
            yield Static("", id="summary")
        yield from self.above_table()
        table = CaseTable(self.COLUMNS)
        table.empty_message = "Loading…"
        yield table
        yield Footer(show_command_palette=False)

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
        self.tapp.open_case(message.case_id)
