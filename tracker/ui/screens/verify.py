"""Verify: tick the required checks here, then mark the case verified."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from tracker.display import headline, literal
from tracker.domain.errors import TrackerError
from tracker.domain.model import Case
from tracker.domain.workflow import blocking_checks
from tracker.ui.screens.case_detail import check_prompt

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class VerifyScreen(ModalScreen[bool]):
    """Dismisses True once the case is verified."""

    BINDINGS = [
        Binding("space", "cycle_check", "Cycle check", id="verify.cycle_check"),
        Binding("v,ctrl+s", "verify", "Verify", id="verify.confirm", priority=True),
        Binding("escape", "cancel", "Cancel", id="verify.cancel"),
    ]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static(
                f"Verify case {self.case.id} — {headline(self.case.provider)}",
                classes="dialog-title",
                markup=False,
            )
            yield Static("Required checks (space cycles pending → passed → failed):")
            yield OptionList(id="required")
            yield Static("", id="verdict", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Mark verified (v)", variant="success", id="verify")
                yield Button("Cancel (escape)", id="cancel")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.show(self.case)
        self.query_one("#required", OptionList).focus()

    def _required(self, case: Case) -> list[int]:
        return [i for i, c in enumerate(case.checks) if c.required]

    def show(self, case: Case) -> None:
        self.case = case
        options = self.query_one("#required", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        required = self._required(case)
        options.add_options([Option(check_prompt(case.checks[i]), id=str(i)) for i in required])
        if required:
            options.highlighted = min(highlighted or 0, len(required) - 1)
        blocking = blocking_checks(case)
        verdict = self.query_one("#verdict", Static)
        if not required:
            verdict.update("This case has no required checks: it can be verified.")
        elif blocking:
            verdict.update(
                "Not yet: " + ", ".join(f"{literal(c.name)} is {c.state.value}" for c in blocking) + "."
            )
        else:
            verdict.update("Every required check has passed: it can be verified.")
        verdict.set_class(bool(blocking), "error")

    async def action_cycle_check(self) -> None:
        options = self.query_one("#required", OptionList)
        if options.highlighted is None:
            return
        check = self.case.checks[self._required(self.case)[options.highlighted]]
        try:
            case = await self.tapp.db(
                self.tapp.tracker.set_check, self.case.id, check.name, check.state.cycled()
            )
        except TrackerError as exc:
            self.notify(literal(str(exc)), severity="error", markup=False)
            return
        self.show(case)

    async def action_verify(self) -> None:
        blocking = blocking_checks(self.case)
        if blocking:
            self.notify(
                "Cannot verify yet: " + ", ".join(f"{literal(c.name)} ({c.state.value})" for c in blocking),
                severity="error",
                markup=False,
            )
            return
        try:
            await self.tapp.db(self.tapp.tracker.verify, self.case.id)
        except TrackerError as exc:
            self.notify(literal(str(exc)), severity="error", markup=False)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "verify":
            await self.action_verify()
        else:
            self.action_cancel()
