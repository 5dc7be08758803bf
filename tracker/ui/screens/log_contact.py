"""Log contact: what happened, the channel, a new ticket, the next follow-up."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Select, Static

from tracker.display import headline, literal
from tracker.domain.dates import date_help, parse_date
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Case, Channel, Status
from tracker.i18n import N_, _, ngettext
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.services import services
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.formats import weekday_date
from tracker.wording.terms import channel_label


def when_words(day: date, today: date) -> str:
    """A follow-up date as the preview says it: "Wed 25 Nov 2026, in 2 days"."""
    delta = (day - today).days
    if delta == 0:
        relative = _("today")
    elif delta == 1:
        relative = _("tomorrow")
    else:
        relative = ngettext("in {count} day", "in {count} days", delta).format(count=delta)
    return _("→ {date}, {relative}").format(date=weekday_date(day), relative=relative)


class LogContactScreen(FormBehaviour, TrackerModal[Case | None]):
    """Dismisses with the updated case, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard this contact?")
    DISCARD_DETAIL = N_("Nothing is logged.")

    def __init__(self, case: Case, channel: Channel | None = None) -> None:
        super().__init__()
        self.case = case
        self.channel = channel or case.channel  # after a call: the phone

    def default_next(self) -> date:
        """The next follow-up by the case's playbook cadence, from today."""
        tracker = services(self).tracker
        playbook = tracker.playbooks.for_case(self.case.playbook)
        return playbook.next_follow_up(tracker.today(), tracker.calendar(playbook))

    def compose(self) -> ComposeResult:
        case = self.case
        with VerticalScroll(id="dialog", classes="wide"):
            yield Static(
                _("Log a contact — case {id}, {provider}").format(
                    id=case.id, provider=headline(case.provider)
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Field(
                _("What happened *"),
                FieldInput(placeholder=_("what they said or what you did"), id="summary"),
            )
            yield Field(
                _("Channel"),
                Select(
                    [(channel_label(c), c.value) for c in Channel],
                    value=self.channel.value,
                    allow_blank=False,
                    id="channel",
                ),
            )
            yield Field(_("New ticket"), FieldInput(placeholder=_("if they gave one"), id="ticket"))
            yield Field(
                _("Next follow-up"),
                FieldInput(self.default_next().isoformat(), id="next_follow_up"),
                hint=date_help(),
            )
            yield Static("", id="next-preview", classes="note", markup=False)
            yield Field(_("Agent"), FieldInput(placeholder=_("who you spoke to"), id="agent"))
            if case.status in (Status.REQUESTED, Status.FAILED):
                yield Checkbox(
                    _("The provider says it is done (status → confirmed)"), id="confirmed", compact=True
                )
            yield self.keys_note(_("{save} logs it"))
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#summary", Input).focus()
        self.remember_initial()
        self.next_changed()

    def field(self, name: str) -> Field:
        return self.query_one(f"#{name}").query_ancestor(Field)

    def _next_date(self) -> tuple[date | None, str | None]:
        text = self.query_one("#next_follow_up", Input).value
        if not text.strip():
            return None, None
        today = services(self).tracker.today()
        try:
            value = parse_date(text, today)
        except InvalidInput as exc:
            return None, str(exc)
        if value < today:
            return None, _("{date} is in the past").format(date=value.isoformat())
        return value, None

    @on(Input.Changed, "#next_follow_up")
    def next_changed(self) -> None:
        value, error = self._next_date()
        self.field("next_follow_up").set_error(error)
        preview = self.query_one("#next-preview", Static)
        if value is not None:
            preview.update(when_words(value, services(self).tracker.today()))
        elif error is None:
            preview.update(
                _("→ by the playbook's cadence: {when}").format(
                    when=when_words(self.default_next(), services(self).tracker.today()).removeprefix("→ ")
                )
            )
        else:
            preview.update("")

    def action_save(self) -> None:
        if self.saving:
            return
        summary = self.query_one("#summary", Input).value
        next_date, date_error = self._next_date()
        self.field("next_follow_up").set_error(date_error)
        self.field("summary").set_error(None if summary.strip() else _("say what happened"))
        if date_error or not summary.strip():
            self.notify(_("Some fields need fixing; nothing was saved."), severity="error", markup=False)
            return
        confirmed = bool(self.query("#confirmed")) and self.query_one("#confirmed", Checkbox).value
        tracker = services(self).tracker
        case_id = self.case.id
        assert case_id is not None
        channel = Channel(str(self.query_one("#channel", Select).value))
        ticket = self.query_one("#ticket", Input).value
        agent = self.query_one("#agent", Input).value
        self.saving = True
        run_job(
            self,
            lambda: tracker.cases.log_contact(
                case_id,
                summary,
                channel=channel,
                ticket=ticket,
                agent=agent,
                next_follow_up=next_date,
                confirmed=confirmed,
            ),
            self._logged,
            refused=self._refused,
            failed=self.save_failed,
        )

    def _logged(self, case: Case) -> None:
        self.saving = False
        nxt = case.next_follow_up.isoformat() if case.next_follow_up else _("none")
        self.notify(
            _("Contact logged on case {id}; next follow-up {date}.").format(id=case.id, date=nxt),
            markup=False,
        )
        self.dismiss(case)

    def _refused(self, error: TrackerError) -> None:
        self.saving = False
        self.notify(literal(str(error)), severity="error", markup=False)
