"""The undo history: the recent changes that can be undone; the one picked is taken back."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.display import one_line
from tracker.domain.changes import LoggedChange
from tracker.domain.errors import TrackerError
from tracker.i18n import _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.changes import change_text

# How many changes the list shows.
SHOWN = 30


class UndoScreen(TrackerModal[None]):
    """Recent changes, newest first; enter on one undoes that change (refused, in a notice,
    when a later change wrote the same rows)."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.UNDO]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static(_("Undo history"), classes="dialog-title", markup=False)
            yield OptionList(id="changes")
            yield Static(_("Nothing to undo."), id="empty", markup=False)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#changes", OptionList).focus()
        self._load()

    def _load(self) -> None:
        tracker = services(self).tracker
        run_job(self, lambda: tracker.history.changes(limit=SHOWN), self._show)

    def _show(self, changes: list[LoggedChange]) -> None:
        tracker = services(self).tracker
        options = self.query_one("#changes", OptionList)
        options.clear_options()
        for change in changes:
            when = tracker.clock.local(change.at).strftime("%Y-%m-%d %H:%M")
            text = _("{change:>5}  {when}  case {id}  {what}").format(
                change=change.id, when=when, id=change.case_id, what=one_line(change_text(change))
            )
            options.add_option(Option(text, id=str(change.id)))
        options.display = bool(changes)
        self.query_one("#empty", Static).display = not changes
        if changes:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#changes")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        tracker, change = services(self).tracker, int(str(event.option.id))
        run_job(self, lambda: tracker.history.undo(change=change), self._undone, refused=self._refused)

    def _undone(self, result: tuple[LoggedChange, LoggedChange]) -> None:
        self.notify(_("Undone: {what}.").format(what=change_text(result[0])), markup=False)
        services(self).data_changed()
        self._load()

    def _refused(self, error: TrackerError) -> None:
        self.notify(one_line(str(error)), severity="error", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
