"""Log contact: what happened, the channel, a new ticket, the next follow-up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, Select, Static

from tracker.display import headline, literal
from tracker.domain.dates import DATE_HELP, parse_date
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Case, Channel, Status
from tracker.ui.widgets.field import Field
from tracker.ui.widgets.safe_text import SafeInput

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class LogContactScreen(ModalScreen[Case | None]):
    """Dismisses with the updated case, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self, case: Case, default_next: date) -> None:
        super().__init__()
        self.case = case
        self.default_next = default_next
        self._initial: tuple[str, ...] = ()

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose(self) -> ComposeResult:
        case = self.case
        with VerticalScroll(id="dialog", classes="wide"):
            yield Static(
                f"Log a contact — case {case.id}, {headline(case.provider)}",
                classes="dialog-title",
                markup=False,
            )
            yield Field(
                "What happened *", SafeInput(placeholder="what they said or what you did", id="summary")
            )
            yield Field(
                "Channel",
                Select(
                    [(c.value, c.value) for c in Channel],
                    value=case.channel.value,
                    allow_blank=False,
                    id="channel",
                ),
            )
            yield Field("New ticket", SafeInput(placeholder="if they gave one", id="ticket"))
            yield Field(
                "Next follow-up",
                SafeInput(self.default_next.isoformat(), id="next_follow_up"),
                hint=DATE_HELP,
            )
            yield Field("Agent", SafeInput(placeholder="who you spoke to", id="agent"))
            if case.status in (Status.REQUESTED, Status.FAILED):
                yield Checkbox("The provider says it is done (status → confirmed)", id="confirmed")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#summary", Input).focus()
        self._initial = self._values()

    def _values(self) -> tuple[str, ...]:
        return tuple(i.value for i in self.query(Input))

    def _field(self, name: str) -> Field:
        return self.query_one(f"#{name}").query_ancestor(Field)

    def _next_date(self) -> tuple[date | None, str | None]:
        text = self.query_one("#next_follow_up", Input).value
        if not text.strip():
            return None, None
        today = self.tapp.tracker.today()
        try:
            value = parse_date(text, today)
        except InvalidInput as exc:
            return None, str(exc)
        if value < today:
            return None, f"{value.isoformat()} is in the past"
        return value, None

    @on(Input.Changed, "#next_follow_up")
    def next_changed(self) -> None:
        self._field("next_follow_up").set_error(self._next_date()[1])

    async def action_save(self) -> None:
        summary = self.query_one("#summary", Input).value
        next_date, date_error = self._next_date()
        self._field("next_follow_up").set_error(date_error)
        self._field("summary").set_error(None if summary.strip() else "say what happened")
        if date_error or not summary.strip():
            self.notify("Some fields need fixing; nothing was saved.", severity="error", markup=False)
            return
        confirmed = bool(self.query("#confirmed")) and self.query_one("#confirmed", Checkbox).value
        try:
            case = await self.tapp.db(
                self.tapp.tracker.log_contact,
                self.case.id,
                summary,
                channel=Channel(str(self.query_one("#channel", Select).value)),
                ticket=self.query_one("#ticket", Input).value,
                agent=self.query_one("#agent", Input).value,
                next_follow_up=next_date,
                confirmed=confirmed,
            )
        except TrackerError as exc:
            self.notify(literal(str(exc)), severity="error", markup=False)
            return
        nxt = case.next_follow_up.isoformat() if case.next_follow_up else "none"
        self.notify(f"Contact logged on case {case.id}; next follow-up {nxt}.", markup=False)
        self.dismiss(case)

    def action_cancel(self) -> None:
        from tracker.ui.screens.confirm import ConfirmScreen

        if self._values() == self._initial:
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmScreen("Discard this contact?", "Nothing is logged.", "Discard"),
            self._discard_if_confirmed,
        )

    def _discard_if_confirmed(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)
