"""What to say on the phone for the case's next step (`p` on the Case screen): the Spanish
lines with the reader's language beside or below them, scrollable; `f` logs the call."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.widgets import Static

from tracker.display import literal
from tracker.domain.errors import TrackerError
from tracker.domain.model import Case, Channel
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter

if TYPE_CHECKING:
    from tracker.exchange.phone_script import Script


class PhoneScreen(TrackerScreen[None]):
    """The call script of one case; the whole script with `a`, the contact form with `f`."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.PHONE]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        self.whole = False
        self.script: Script | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="phone-body"):
            yield Static("", id="phone-script", markup=False)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#phone-body", VerticalScroll).focus()
        self._load()

    def _load(self) -> None:
        from tracker.exchange.phone_script import script_for

        tracker, case, whole = services(self).tracker, self.case, self.whole
        run_job(self, lambda: script_for(tracker, case, whole=whole), self._loaded, refused=self._refused)

    def _loaded(self, script: Script) -> None:
        self.script = script
        self._show(self.size.width)

    def _show(self, width: int) -> None:
        from tracker.exchange.phone_text import script_text

        if self.script is not None:
            # Two cells for the scroll bar, one for the margin.
            self.query_one("#phone-script", Static).update(script_text(self.script, width - 3))

    def on_resize(self, event: Resize) -> None:
        self._show(event.size.width)

    def _refused(self, error: TrackerError) -> None:
        self.query_one("#phone-script", Static).update(literal(str(error)))

    def action_toggle_whole(self) -> None:
        self.whole = not self.whole
        self._load()

    def action_page(self, direction: int) -> None:
        body = self.query_one("#phone-body", VerticalScroll)
        if direction < 0:
            body.scroll_page_up(animate=False)
        else:
            body.scroll_page_down(animate=False)

    def action_log_contact(self) -> None:
        """After the call: the contact form, its channel the phone."""
        from tracker.ui.screens.log_contact import LogContactScreen

        def logged(updated: Case | None) -> None:
            if updated is not None:
                self.case = updated
                services(self).data_changed()

        self.app.push_screen(LogContactScreen(self.case, channel=Channel.PHONE), logged)
