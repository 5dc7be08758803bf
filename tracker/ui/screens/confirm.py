"""A yes/no question before anything is thrown away or changed for good."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tracker.i18n import _
from tracker.ui import keys
from tracker.ui.screens.base import TrackerModal
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter


class ConfirmScreen(TrackerModal[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.CONFIRM]

    def __init__(self, question: str, detail: str = "", yes: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes or _("Yes")

    def compose(self) -> ComposeResult:
        hub = services(self)
        with Vertical(id="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    _("{label} ({key})").format(label=self.yes, key=hub.key_hint("confirm.yes")),
                    variant="error",
                    id="yes",
                )
                yield Button(_("Cancel ({key})").format(key=hub.key_hint("confirm.no")), id="no")
        # This dialog's own keys, not those of the screen underneath.
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
