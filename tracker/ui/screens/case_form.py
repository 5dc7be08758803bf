"""New case and Edit: each field validated where it stands, dates previewed live."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Select, Static, TextArea

from tracker.display import headline, literal
from tracker.domain.dates import DATE_HELP, parse_date
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Action, Case, Channel
from tracker.domain.workflow import CaseDraft, changed_fields, draft_of, parse_fee
from tracker.ui.widgets.field import Field
from tracker.ui.widgets.safe_text import SafeInput, SafeTextArea

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp

TEXT_FIELDS = ("provider", "service", "ticket", "currency")
DATE_FIELDS = ("requested_on", "promised_by", "next_follow_up")


class CaseFormScreen(Screen[Case | None]):
    """Dismisses with the saved case, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self, case: Case | None = None) -> None:
        super().__init__()
        self.case = case
        self._initial: dict[str, Any] = {}
        self._saving = False

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def _original(self, name: str) -> str:
        if self.case is None:
            return ""
        return {
            "provider": self.case.provider,
            "service": self.case.service,
            "ticket": self.case.ticket,
            "currency": self.case.fee_currency,
        }[name]

    def compose(self) -> ComposeResult:
        tracker = self.tapp.tracker
        case = self.case
        today = tracker.today()
        playbooks = tracker.playbooks
        default_playbook = case.playbook if case else tracker.config.default_playbook
        if default_playbook not in playbooks.playbooks:
            default_playbook = "generic"
        title = f"Edit case {case.id}" if case else "New case"
        with Horizontal(id="topbar"):
            yield Static(title, id="title")
            yield Static("ctrl+s saves · escape cancels", id="summary")
        with VerticalScroll(id="form"):
            yield Field(
                "Provider *",
                SafeInput(
                    literal(case.provider) if case else "", placeholder="e.g. Movistar Perú", id="provider"
                ),
            )
            yield Field(
                "Cancelling",
                SafeInput(
                    literal(case.service) if case else "",
                    placeholder="what: e.g. eSIM line +51 987 654 321",
                    id="service",
                ),
            )
            yield Field(
                "Ticket",
                SafeInput(
                    literal(case.ticket) if case else "",
                    placeholder="the reference they gave (empty if none)",
                    id="ticket",
                ),
            )
            yield Field(
                "Playbook",
                Select(
                    [
                        (Text(f"{p.name} — {headline(p.title, 60)}"), p.name)
                        for p in (playbooks.get(n) for n in playbooks.names())
                    ],
                    value=default_playbook,
                    allow_blank=False,
                    id="playbook",
                ),
            )
            yield Field(
                "Requested on",
                SafeInput((case.requested_on if case else today).isoformat(), id="requested_on"),
                hint=DATE_HELP,
            )
            yield Field(
                "Channel",
                Select(
                    [(c.value, c.value) for c in Channel],
                    value=(case.channel if case else Channel.PHONE).value,
                    allow_blank=False,
                    id="channel",
                ),
            )
            yield Field(
                "Action",
                Select(
                    [(a.value, a.value) for a in Action],
                    value=(case.action if case else Action.CANCEL).value,
                    allow_blank=False,
                    id="action",
                ),
            )
            yield Field(
                "Promised by",
                SafeInput("", placeholder="from the playbook", id="promised_by"),
                hint=DATE_HELP,
            )
            yield Field(
                "Next follow-up",
                SafeInput(
                    case.next_follow_up.isoformat() if case and case.next_follow_up else "",
                    placeholder="from the playbook" if not case else "none",
                    id="next_follow_up",
                ),
                hint=DATE_HELP,
            )
            yield Static("", id="preview", markup=False)
            yield Field(
                "Fee",
                SafeInput(
                    str(case.fee_amount) if case and case.fee_amount is not None else "",
                    placeholder="if any, e.g. 29.90",
                    id="fee",
                ),
            )
            yield Field(
                "Currency",
                SafeInput(literal(case.fee_currency) if case else "", placeholder="e.g. PEN", id="currency"),
            )
            yield Field(
                "Notes",
                SafeTextArea(case.notes if case else "", id="notes", soft_wrap=True, show_line_numbers=False),
            )
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#provider", Input).focus()
        self._initial = self._values()
        self.update_preview()

    # -- reading the form ----------------------------------------------------

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: inp.value for inp in self.query(Input) if (name := inp.id)}
        for select in self.query(Select):
            values[select.id or ""] = select.value
        values["notes"] = self.query_one("#notes", TextArea).text
        return values

    @property
    def dirty(self) -> bool:
        return self._values() != self._initial

    def _text(self, name: str) -> str:
        """A text field's value; an untouched field keeps its stored text exactly."""
        shown = self.query_one(f"#{name}", Input).value
        original = self._original(name)
        return original if shown == literal(original) else shown

    def _field(self, name: str) -> Field:
        return self.query_one(f"#{name}").query_ancestor(Field)

    def _date(self, name: str, errors: dict[str, str]) -> date | None:
        text = self.query_one(f"#{name}", Input).value
        if not text.strip():
            return None
        try:
            return parse_date(text, self.tapp.tracker.today(), name)
        except InvalidInput as exc:
            errors[name] = str(exc)
            return None

    def read_draft(self) -> tuple[CaseDraft, dict[str, str]]:
        """The draft the form holds, and what is wrong with it, by field."""
        errors: dict[str, str] = {}
        values = self._values()
        dates = {name: self._date(name, errors) for name in DATE_FIELDS}
        fee = None
        try:
            fee = parse_fee(values["fee"], "fee")
        except InvalidInput as exc:
            errors["fee"] = str(exc)
        draft = CaseDraft(
            provider=self._text("provider"),
            service=self._text("service"),
            requested_on=dates["requested_on"],
            channel=Channel(values["channel"]),
            ticket=self._text("ticket"),
            notes=values["notes"],
            action=Action(values["action"]),
            playbook=str(values["playbook"]),
            promised_by=dates["promised_by"],
            next_follow_up=dates["next_follow_up"],
            fee_amount=fee,
            fee_currency=self._text("currency"),
        )
        today = self.tapp.tracker.today()
        if not draft.provider.strip():
            errors.setdefault("provider", "the provider cannot be empty")
        if not values["requested_on"].strip():
            errors.setdefault("requested_on", "the request date cannot be empty")
        elif draft.requested_on and draft.requested_on > today:
            errors.setdefault(
                "requested_on",
                f"{draft.requested_on.isoformat()} is in the future (today is {today.isoformat()})",
            )
        if draft.promised_by and draft.requested_on and draft.promised_by < draft.requested_on:
            errors.setdefault("promised_by", "the promised date is before the request date")
        return draft, errors

    def show_errors(self, errors: dict[str, str], only: tuple[str, ...] | None = None) -> None:
        for name in only or (
            "provider",
            "service",
            "requested_on",
            "promised_by",
            "next_follow_up",
            "fee",
            "ticket",
            "currency",
        ):
            self._field(name).set_error(errors.get(name))

    # -- live feedback -------------------------------------------------------

    def update_preview(self) -> None:
        draft, errors = self.read_draft()
        preview = self.query_one("#preview", Static)
        if "requested_on" in errors or draft.requested_on is None:
            preview.update("Dates: fix the request date to see them.")
            return
        try:
            planned = self.tapp.tracker.plan(draft)
            playbook = self.tapp.tracker.playbooks.get(draft.playbook)
        except TrackerError as exc:
            preview.update(str(exc))
            return
        days = f"{playbook.provider_days} {'business' if playbook.business_days else 'calendar'} days"
        where = f", {playbook.country} holidays skipped" if playbook.country else ""
        preview.update(
            f"→ Promised by {planned.promised_by:%a %d %b %Y} ({days}{where}) · "
            f"first follow-up {planned.next_follow_up:%a %d %b %Y}"
        )
        self.query_one(
            "#promised_by", Input
        ).placeholder = f"from the playbook: {planned.promised_by.isoformat()}"
        if self.case is None:
            self.query_one(
                "#next_follow_up", Input
            ).placeholder = f"from the playbook: {planned.next_follow_up.isoformat()}"

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name in DATE_FIELDS or name == "fee" or name == "provider":
            _, errors = self.read_draft()
            # Say what is wrong as it is typed, but don't nag about an empty provider
            # until the user tries to save.
            if name != "provider" or not errors.get("provider"):
                self.show_errors(errors, only=(name,))
        self.update_preview()

    @on(Select.Changed)
    def select_changed(self) -> None:
        self.update_preview()

    # -- saving and leaving --------------------------------------------------

    async def action_save(self) -> None:
        if self._saving:
            return
        draft, errors = self.read_draft()
        self.show_errors(errors)
        if errors:
            first = next(iter(errors))
            self.query_one(f"#{first}").focus()
            self.notify("Some fields need fixing; nothing was saved.", severity="error", markup=False)
            return
        tracker = self.tapp.tracker
        self._saving = True
        try:
            if self.case is None:
                saved = await self.tapp.db(tracker.add_case, draft)
            else:
                fields = changed_fields(draft, draft_of(self.case))
                saved = await self.tapp.db(tracker.edit_case, self.case.id, draft, fields)
        except InvalidInput as exc:
            if exc.field and self.query(f"#{exc.field}"):
                self._field(exc.field).set_error(str(exc))
            self.notify(literal(str(exc)), severity="error", markup=False)
            return
        except TrackerError as exc:
            self.notify(literal(str(exc)), severity="error", markup=False)
            return
        finally:
            self._saving = False
        self.dismiss(saved)

    def action_cancel(self) -> None:
        from tracker.ui.screens.confirm import ConfirmScreen

        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard what you typed?", "The case is not saved.", "Discard"), answered
        )
