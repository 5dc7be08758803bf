"""Record a charge on a case, or give a recorded one what it lacked: its period, receipt, due date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from tracker.display import headline, literal
from tracker.domain.dates import date_help, parse_date
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Case, Charge
from tracker.i18n import N_, _
from tracker.records import record
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.services import services
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.formats import money

NEW = "new"
# The user's word on a charge: the rules decide, or owed / not owed whatever they say.
OWED_CHOICES = (("rules", None), ("owed", True), ("not-owed", False))
# Fields only a new charge has: a recorded charge's amount and date are what was billed.
NEW_ONLY = ("amount", "currency", "on", "note")
# What the domain names a refused value, and the field that shows it.
ERROR_FIELDS = {
    "amount": "amount",
    "currency": "currency",
    "on": "on",
    "period": "period_start",
    "due": "due",
}


@record(frozen=True)
class Typed:
    """What the form holds, read and checked: a new charge's amount and date too."""

    period: tuple[date, date] | None
    due: date | None
    amount: Decimal | None
    on: date | None


def _owed_word(owed: bool | None) -> str:
    return next(word for word, value in OWED_CHOICES if value is owed)


class ChargeScreen(FormBehaviour, TrackerModal[Case | None]):
    """Dismisses with the updated case, or None when cancelled. A value the rules refuse (a
    due date before the bill) is said beside its field, and nothing is written."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard this charge?")
    DISCARD_DETAIL = N_("Nothing is recorded.")

    def __init__(self, case: Case, currency: str) -> None:
        super().__init__()
        self.case = case
        self.currency = currency

    def compose(self) -> ComposeResult:
        case = self.case
        today = services(self).tracker.today().isoformat()
        owed_words = {"rules": _("as the rules say"), "owed": _("owed"), "not-owed": _("not owed")}
        with VerticalScroll(id="dialog", classes="wide"):
            yield Static(
                _("A charge — case {id}, {provider}").format(id=case.id, provider=headline(case.provider)),
                classes="dialog-title",
                markup=False,
            )
            choices = [(_("a new charge"), NEW)] + [
                (
                    _("charge {number}: {money} on {day}").format(
                        number=n, money=money(c.amount, c.currency), day=c.on.isoformat()
                    ),
                    str(n),
                )
                for n, c in enumerate(case.charges, start=1)
            ]
            yield Field(_("Charge"), Select(choices, value=NEW, allow_blank=False, id="which"))
            yield Field(_("Amount"), FieldInput(placeholder=_("e.g. 79.80"), id="amount"))
            yield Field(_("Currency"), FieldInput(self.currency, placeholder="PEN", id="currency"))
            yield Field(_("Bill's date"), FieldInput(today, id="on"), hint=date_help())
            yield Field(
                _("Period from"), FieldInput(placeholder=_("YYYY-MM-DD"), id="period_start"), hint=date_help()
            )
            yield Field(
                _("Period to"), FieldInput(placeholder=_("YYYY-MM-DD"), id="period_end"), hint=date_help()
            )
            yield Field(_("Receipt no."), FieldInput(placeholder="B001-00012345", id="receipt"))
            yield Field(_("Due on"), FieldInput(placeholder=_("YYYY-MM-DD"), id="due"), hint=date_help())
            yield Field(
                _("Owed"),
                Select(
                    [(owed_words[word], word) for word, _value in OWED_CHOICES],
                    value="rules",
                    allow_blank=False,
                    id="owed",
                ),
            )
            yield Field(_("Note"), FieldInput(id="note"))
            yield self.keys_note(_("{save} records it"))
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#amount" if not self.case.charges else "#which").focus()
        self.remember_initial()

    def _field(self, name: str) -> Field:
        return self.query_one(f"#{name}").query_ancestor(Field)

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def _recorded(self) -> Charge | None:
        which = str(self.query_one("#which", Select).value)
        return None if which == NEW else self.case.charges[int(which) - 1]

    @on(Select.Changed, "#which")
    def which_changed(self, _event: Select.Changed) -> None:
        """A recorded charge: show what it has, to complete; its amount and date stay as billed."""
        charge = self._recorded()
        for name in NEW_ONLY:
            self._field(name).display = charge is None
        values = {"period_start": "", "period_end": "", "receipt": "", "due": ""}
        if charge is not None:
            values = {
                "period_start": charge.period_start.isoformat() if charge.period_start else "",
                "period_end": charge.period_end.isoformat() if charge.period_end else "",
                "receipt": charge.receipt,
                "due": charge.due_on.isoformat() if charge.due_on else "",
            }
        for name, value in values.items():
            self.query_one(f"#{name}", Input).value = value
        self.query_one("#owed", Select).value = _owed_word(charge.owed if charge else None)
        for field in self.query(Field):
            field.set_error(None)

    def _day(self, name: str, today: date) -> date | None:
        text = self._value(name)
        return parse_date(text, today, name) if text else None

    def _read(self, today: date) -> Typed | None:
        """The typed values, checked; None (with the fault beside its field) when one is wrong."""
        from tracker.domain.charges import parse_amount

        for field in self.query(Field):
            field.set_error(None)
        name = "period_start"
        try:
            start = self._day(name, today)
            name = "period_end"
            end = self._day(name, today)
            name = "due"
            due = self._day(name, today)
            amount, on_day = None, None
            if self._recorded() is None:
                name = "amount"
                amount = parse_amount(self._value(name))
                name = "on"
                on_day = parse_date(self._value(name), today, name)
        except InvalidInput as exc:
            self._field(name).set_error(str(exc))
            return None
        if (start is None) != (end is None):
            missing = "period_end" if end is None else "period_start"
            self._field(missing).set_error(_("give both ends of the period, or neither"))
            return None
        period = (start, end) if start is not None and end is not None else None
        return Typed(period, due, amount, on_day)

    def action_save(self) -> None:
        if self.saving:
            return
        tracker = services(self).tracker
        typed = self._read(tracker.today())
        if typed is None:
            return
        period, due = typed.period, typed.due
        receipt = self._value("receipt")
        owed = dict(OWED_CHOICES)[str(self.query_one("#owed", Select).value)]
        case_id = self.case.id
        assert case_id is not None
        charge = self._recorded()
        if charge is None:
            amount, on_day = typed.amount, typed.on
            assert amount is not None and on_day is not None
            currency, note = self._value("currency"), self.query_one("#note", Input).value

            def work() -> Case:
                return tracker.escalation.add_charge(
                    case_id,
                    amount,
                    currency,
                    on_day,
                    period=period,
                    owed=owed,
                    note=note,
                    receipt=receipt,
                    due=due,
                )

        else:
            number = self.case.charges.index(charge) + 1
            shown = self.case
            # Only what changed is written: a recorded charge is completed, never cleared.
            period_given = period if period != (charge.period_start, charge.period_end) else None
            receipt_given = receipt if receipt and receipt != charge.receipt else None
            due_given = due if due is not None and due != charge.due_on else None
            owed_changed = owed is not charge.owed

            def work() -> Case:
                case = shown
                if period_given or receipt_given or due_given:
                    case = tracker.escalation.complete_charge(
                        case_id, number, period=period_given, receipt=receipt_given, due=due_given
                    )
                if owed_changed:
                    case = tracker.escalation.set_charge_owed(case_id, number, owed)
                return case

        self.saving = True
        run_job(self, work, self._saved, refused=self._refused, failed=self.save_failed)

    def _saved(self, case: Case) -> None:
        self.saving = False
        self.notify(_("Charge recorded on case {id}.").format(id=case.id), markup=False)
        self.dismiss(case)

    def _refused(self, error: TrackerError) -> None:
        self.saving = False
        field = ERROR_FIELDS.get(getattr(error, "field", None) or "")
        if field is not None:
            self._field(field).set_error(literal(str(error)))
        self.notify(literal(str(error)), title=_("Not recorded"), severity="error", markup=False)
