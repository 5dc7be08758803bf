"""New case and Edit: each field validated where it stands, dates previewed live."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Select, Static, TextArea

from tracker.display import headline, literal
from tracker.domain.dates import date_help
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Action, Case, Channel
from tracker.domain.playbooks import Playbook, find_check
from tracker.domain.workflow import CaseDraft, changed_fields, draft_of, parse_fee
from tracker.i18n import N_, _, ngettext
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.services import services
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter
from tracker.ui.widgets.safe_text_area import SafeTextArea
from tracker.ui.widgets.searchable_select import SearchableSelect
from tracker.wording.formats import country_name, listed, weekday_date
from tracker.wording.terms import action_label, channel_label, check_label, playbook_title

DATE_FIELDS = ("requested_on", "promised_by", "next_follow_up", "ends_on")
ERROR_FIELDS = (
    "provider",
    "service",
    "requested_on",
    "promised_by",
    "next_follow_up",
    "ends_on",
    "fee",
    "ticket",
    "currency",
)


class CaseFormScreen(FormBehaviour, TrackerScreen[Case | None]):
    """Dismisses with the saved case, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard what you typed?")
    DISCARD_DETAIL = N_("The case is not saved.")

    def __init__(self, case: Case | None = None) -> None:
        super().__init__()
        self.case = case
        # A new case's playbook follows the provider as it is typed until the user picks
        # one in the list (an edit keeps the case's).
        self._playbook_chosen = case is not None
        self._everyday_playbook = "generic"

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
        tracker = services(self).tracker
        case = self.case
        today = tracker.today()
        playbooks = tracker.playbooks
        default_playbook = case.playbook if case else tracker.config.default_playbook
        if default_playbook not in playbooks.playbooks:
            default_playbook = "generic"
        self._everyday_playbook = default_playbook
        title = _("Edit case {id}").format(id=case.id) if case else _("New case")
        with Horizontal(id="topbar"):
            yield Static(title, id="title", markup=False)
            note = self.keys_note(_("{save} saves"))
            note.id = "summary"
            yield note
        with VerticalScroll(id="form"):
            yield Field(
                _("Provider *"),
                FieldInput(
                    literal(case.provider) if case else "", placeholder=_("e.g. Movistar Perú"), id="provider"
                ),
            )
            yield Field(
                _("Cancelling"),
                FieldInput(
                    literal(case.service) if case else "",
                    placeholder=_("what: e.g. eSIM line +51 987 654 321"),
                    id="service",
                ),
            )
            yield Field(
                _("Ticket"),
                FieldInput(
                    literal(case.ticket) if case else "",
                    placeholder=_("the reference they gave (empty if none)"),
                    id="ticket",
                ),
            )
            yield Field(
                _("Playbook"),
                SearchableSelect(
                    [
                        (Text(f"{p.name} — {headline(playbook_title(p), 60)}"), p.name)
                        for p in (playbooks.get(n) for n in playbooks.names())
                    ],
                    value=default_playbook,
                    allow_blank=False,
                    id="playbook",
                ),
            )
            yield Static("", id="playbook-note", classes="note", markup=False)
            yield Field(
                _("Requested on"),
                FieldInput((case.requested_on if case else today).isoformat(), id="requested_on"),
                hint=date_help(),
            )
            yield Field(
                _("Channel"),
                Select(
                    [(channel_label(c), c.value) for c in Channel],
                    value=(case.channel if case else Channel.PHONE).value,
                    allow_blank=False,
                    id="channel",
                ),
            )
            yield Field(
                _("Action"),
                Select(
                    [(action_label(a), a.value) for a in Action],
                    value=(case.action if case else Action.CANCEL).value,
                    allow_blank=False,
                    id="action",
                ),
            )
            yield Field(
                _("Suspended until *"),
                FieldInput(
                    case.ends_on.isoformat() if case and case.ends_on else "",
                    placeholder=_("the day the line comes back"),
                    id="ends_on",
                ),
                hint=date_help(),
            )
            yield Field(
                _("Promised by"),
                FieldInput(
                    case.promised_by.isoformat() if case else "",
                    placeholder=_("from the playbook"),
                    id="promised_by",
                ),
                hint=date_help(),
            )
            yield Field(
                _("Next follow-up"),
                FieldInput(
                    case.next_follow_up.isoformat() if case and case.next_follow_up else "",
                    placeholder=_("from the playbook") if not case else _("none"),
                    id="next_follow_up",
                ),
                hint=date_help(),
            )
            yield Static("", id="preview", markup=False)
            yield Field(
                _("Cancellation fee"),
                FieldInput(
                    str(case.fee_amount) if case and case.fee_amount is not None else "",
                    placeholder=_("what the provider charges to cancel, if anything, e.g. 29.90"),
                    id="fee",
                ),
            )
            yield Field(
                _("Fee currency"),
                FieldInput(
                    literal(case.fee_currency) if case else "", placeholder=_("e.g. PEN"), id="currency"
                ),
            )
            yield Field(
                _("Notes"),
                SafeTextArea(case.notes if case else "", id="notes", soft_wrap=True, show_line_numbers=False),
            )
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#provider", Input).focus()
        self.remember_initial()
        self.update_preview()

    # -- reading the form ----------------------------------------------------

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: inp.value for inp in self.query(Input) if (name := inp.id)}
        for select in self.query(Select):
            values[select.id or ""] = select.value
        values["notes"] = self.query_one("#notes", TextArea).text
        return values

    def _text(self, name: str) -> str:
        """A text field's value; an untouched field keeps its stored text exactly."""
        shown = self.query_one(f"#{name}", Input).value
        original = self._original(name)
        return original if shown == literal(original) else shown

    def field(self, name: str) -> Field:
        """The field around the input called ``name``."""
        return self.query_one(f"#{name}").query_ancestor(Field)

    def read_draft(self) -> tuple[CaseDraft, dict[str, str]]:
        """The draft the form holds, and what is wrong with it, by field."""
        errors: dict[str, str] = {}
        values = self._values()
        dates = {name: self.typed_date(name, errors) for name in DATE_FIELDS}
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
        if self._suspends(draft):
            draft.ends_on = dates["ends_on"]
            if draft.ends_on is None and "ends_on" not in errors:
                errors["ends_on"] = _("a suspension needs its end date: the day the line comes back")
        elif self.case is not None:
            draft.ends_on = self.case.ends_on  # not shown: kept as it is
        today = services(self).tracker.today()
        # An edit is held only to the fields the user changed, as the core holds it
        # (workflow.edit_case): a case entered across the date line (UTC+14, read at
        # UTC-11) has a request date that is "tomorrow" here, and saving its notes
        # must not trip on it.
        changed = set(changed_fields(draft, draft_of(self.case))) if self.case is not None else None

        def judged(*names: str) -> bool:
            return changed is None or not changed.isdisjoint(names)

        if not draft.provider.strip():
            errors.setdefault("provider", _("the provider cannot be empty"))
        if not values["requested_on"].strip():
            errors.setdefault("requested_on", _("the request date cannot be empty"))
        elif draft.requested_on and draft.requested_on > today and judged("requested_on"):
            errors.setdefault(
                "requested_on",
                _("{date} is in the future (today is {today})").format(
                    date=draft.requested_on.isoformat(), today=today.isoformat()
                ),
            )
        if (
            draft.promised_by
            and draft.requested_on
            and draft.promised_by < draft.requested_on
            and judged("promised_by", "requested_on")
        ):
            errors.setdefault("promised_by", _("the promised date is before the request date"))
        return draft, errors

    def _suspends(self, draft: CaseDraft) -> bool:
        """Whether the draft asks for a suspension under the suspension rules (it needs an end)."""
        try:
            return services(self).tracker.cases.draft_playbook(draft).suspends
        except TrackerError:
            return False

    def show_errors(self, errors: dict[str, str], only: tuple[str, ...] | None = None) -> None:
        for name in only or ERROR_FIELDS:
            self.field(name).set_error(errors.get(name))

    # -- live feedback -------------------------------------------------------

    def update_preview(self) -> None:
        draft, errors = self.read_draft()
        tracker = services(self).tracker
        preview = self.query_one("#preview", Static)
        try:
            playbook = tracker.playbooks.get(draft.playbook)
        except TrackerError as exc:
            preview.update(literal(str(exc)))
            return
        self._describe_playbook_change(playbook)
        suspends = self._suspends(draft)
        self.field("ends_on").display = suspends
        if playbook.suspends and draft.action is not Action.SUSPEND:
            # The suspension's playbook is a suspension: the form says so before saving.
            self.query_one("#action", Select).value = Action.SUSPEND.value
        # For a suspension, the fee is what bringing the line back costs, as the operator
        # disclosed it when asked: recorded here, such a charge is owed, not disputed.
        fee = self.query_one("#fee", Input)
        if suspends:
            self.field("fee").relabel(_("Reactivation fee"))
            fee.placeholder = _("what bringing the line back costs, as the operator said")
        else:
            self.field("fee").relabel(_("Cancellation fee"))
            fee.placeholder = _("what the provider charges to cancel, if anything, e.g. 29.90")
        self.query_one("#currency", Input).placeholder = (
            _("from the playbook: {currency}").format(currency=playbook.currency)
            if playbook.currency
            else _("e.g. PEN (needed with a fee)")
        )
        if "requested_on" in errors or draft.requested_on is None:
            preview.update(_("Dates: fix the request date to see them."))
            return
        try:
            planned = tracker.cases.plan(draft)
        except TrackerError as exc:
            preview.update(literal(str(exc)))
            return
        count = playbook.provider_days
        if playbook.business_days:
            days = ngettext("{count} business day", "{count} business days", count).format(count=count)
        else:
            days = ngettext("{count} calendar day", "{count} calendar days", count).format(count=count)
        where = ""
        if playbook.country:
            where = _(", {country} holidays skipped").format(country=country_name(playbook.country))
        preview.update(
            _("→ Promised by {promised} ({days}{where}) · first follow-up {follow_up}").format(
                promised=weekday_date(planned.promised_by),
                days=days,
                where=where,
                follow_up=weekday_date(planned.next_follow_up),
            )
        )
        self.query_one("#promised_by", Input).placeholder = _("from the playbook: {date}").format(
            date=planned.promised_by.isoformat()
        )
        if self.case is None:
            self.query_one("#next_follow_up", Input).placeholder = _("from the playbook: {date}").format(
                date=planned.next_follow_up.isoformat()
            )

    def _follow_provider(self, provider: str) -> None:
        """A new case: the playbook that names the provider, until the user picks one."""
        if self._playbook_chosen:
            return
        fitting = services(self).tracker.playbooks.for_provider(provider)
        name = fitting.name if fitting else self._everyday_playbook
        select = self.query_one("#playbook", Select)
        if select.value != name:
            with select.prevent(Select.Changed):  # every Changed left is the user's own pick
                select.value = name

    def _describe_playbook_change(self, playbook: Playbook) -> None:
        """Editing: say before saving what moving to another playbook will do; a new case:
        that the playbook was chosen for the provider typed."""
        note = self.query_one("#playbook-note", Static)
        case = self.case
        if case is None:
            provider = self.query_one("#provider", Input).value
            chosen = not self._playbook_chosen and playbook.fits(provider)
            note.update(
                _(
                    "{playbook} fits {provider}: chosen for it (pick another in the list if it does not)."
                ).format(playbook=playbook.name, provider=headline(provider))
                if chosen
                else ""
            )
            note.display = bool(chosen)
            return
        if playbook.name == case.playbook:
            note.update("")
            note.display = False
            return
        added = [t.name for t in playbook.checks if find_check(case.checks, t.name) is None]
        words = [_("Saving moves the case to {playbook}:").format(playbook=playbook.name)]
        if added:
            words.append(
                _("its checks {names} are added").format(names=listed(literal(check_label(n)) for n in added))
            )
        else:
            words.append(_("the case has its checks already"))
        words.append(_("the case's own checks stay; the promised date is worked out again."))
        note.update(" ".join(words[:1]) + " " + "; ".join(words[1:]))
        note.display = True

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name == "provider":
            self._follow_provider(event.value)
        if name in DATE_FIELDS or name == "fee" or name == "provider":
            _draft, errors = self.read_draft()
            # Say what is wrong as it is typed, but don't nag about an empty provider
            # until the user tries to save.
            if name != "provider" or not errors.get("provider"):
                self.show_errors(errors, only=(name,))
        self.update_preview()

    @on(Select.Changed)
    def select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "playbook" and event.select.has_focus_within:
            # The user's own pick (the list has the focus, not the form setting it up):
            # typing the provider no longer changes it.
            self._playbook_chosen = True
        self.update_preview()

    # -- saving ----------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        draft, errors = self.read_draft()
        self.show_errors(errors)
        if errors:
            first = next(iter(errors))
            self.query_one(f"#{first}").focus()
            self.notify(_("Some fields need fixing; nothing was saved."), severity="error", markup=False)
            return
        tracker = services(self).tracker
        case_id = self.case.id if self.case is not None else None
        # An edit writes only what the user changed: whatever else moved meanwhile stays.
        fields = changed_fields(draft, draft_of(self.case)) if self.case is not None else []
        if draft.promised_by is None and "promised_by" in fields:
            fields.remove("promised_by")  # emptied: the playbook works it out again when needed
        self.saving = True

        def save() -> tuple[Case, list[str]]:
            saved = (
                tracker.cases.add(draft) if case_id is None else tracker.cases.edit(case_id, draft, fields)
            )
            if saved.ends_on is None:
                return saved, []
            from tracker.wording.suspension import overrun_words

            book = tracker.rulebook(tracker.playbooks.for_case(saved.playbook))
            return saved, [overrun_words(o, book) for o in tracker.suspension_overruns(saved)]

        run_job(self, save, self._saved, refused=self._refused, failed=self.save_failed)

    def _saved(self, result: tuple[Case, list[str]]) -> None:
        saved, warnings = result
        self.saving = False
        if self.case is not None:
            self.notify(_("Case {id} saved.").format(id=saved.id), markup=False)
        for warning in warnings:
            # Saved all the same (the law leaves the year's reckoning open); said at once.
            self.notify(literal(warning), severity="warning", timeout=15, markup=False)
        self.dismiss(saved)

    def _refused(self, error: TrackerError) -> None:
        self.saving = False
        if isinstance(error, InvalidInput) and error.field and self.query(f"#{error.field}"):
            self.field(error.field).set_error(str(error))
            self.query_one(f"#{error.field}").focus()
        self.notify(literal(str(error)), severity="error", markup=False)
