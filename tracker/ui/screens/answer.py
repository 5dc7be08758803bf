"""Record the answer to a stage: its outcome, the day it was notified and the day it was issued."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from tracker.display import headline, literal
from tracker.domain.dates import date_help
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Case, Outcome, StageKind
from tracker.i18n import N_, _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.services import services
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.terms import outcome_name, stage_name

DATE_FIELDS = ("notified_on", "issued_on")


def answered_stage_kind(case: Case) -> StageKind | None:
    """The stage an answer is most likely for: the latest one still unanswered, else the latest."""
    open_stages = [s for s in case.stages if s.answered_on is None and s.kind is not StageKind.OSIPTEL_FORM]
    stages = open_stages or case.stages
    return stages[-1].kind if stages else None


class AnswerScreen(FormBehaviour, TrackerModal[Case | None]):
    """Dismisses with the updated case, or None when cancelled. What the rules refuse (an
    answer before the filing) is said beside the field it is about, and nothing is written."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard this answer?")
    DISCARD_DETAIL = N_("Nothing is recorded.")

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case

    def compose(self) -> ComposeResult:
        case = self.case
        kinds = list(dict.fromkeys(s.kind for s in case.stages))
        suggested = answered_stage_kind(case) or StageKind.RECLAMO
        with VerticalScroll(id="dialog", classes="wide"):
            yield Static(
                _("Record an answer — case {id}, {provider}").format(
                    id=case.id, provider=headline(case.provider)
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Field(
                _("Answer to"),
                Select(
                    [(stage_name(kind), kind.value) for kind in kinds],
                    value=suggested.value,
                    allow_blank=False,
                    id="kind",
                ),
            )
            yield Field(
                _("Outcome"),
                Select([(outcome_name(o), o.value) for o in Outcome], prompt=_("choose one"), id="outcome"),
            )
            yield Field(
                _("Notified on *"),
                FieldInput(services(self).tracker.today().isoformat(), id="notified_on"),
                hint=date_help(),
            )
            yield Field(
                _("Issued on"),
                FieldInput(placeholder=_("the date on the answer, if it shows one"), id="issued_on"),
                hint=date_help(),
            )
            yield Field(_("Resolution"), FieldInput(placeholder=_("the answer's number"), id="code"))
            yield Field(
                _("Their reason"),
                FieldInput(placeholder=_("why the operator decided so, in short"), id="reason"),
            )
            yield self.keys_note(_("{save} records it"))
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#outcome", Select).focus()
        self.remember_initial()

    def _field(self, name: str) -> Field:
        return self.query_one(f"#{name}").query_ancestor(Field)

    def action_save(self) -> None:
        if self.saving:
            return
        errors: dict[str, str] = {}
        notified = self.typed_date("notified_on", errors)
        issued = self.typed_date("issued_on", errors)
        if notified is None and "notified_on" not in errors:
            errors["notified_on"] = _("the day the answer was notified to you cannot be empty")
        chosen = self.query_one("#outcome", Select)
        if chosen.is_blank():
            errors["outcome"] = _("choose the answer's outcome")
        for name in ("outcome", *DATE_FIELDS):
            self._field(name).set_error(errors.get(name))
        if errors:
            self.query_one(f"#{next(iter(errors))}").focus()
            return
        assert notified is not None
        outcome = Outcome(str(chosen.value))
        kind = StageKind(str(self.query_one("#kind", Select).value))
        code = self.query_one("#code", Input).value
        reason = self.query_one("#reason", Input).value
        tracker = services(self).tracker
        case_id = self.case.id
        assert case_id is not None
        self.saving = True
        run_job(
            self,
            lambda: tracker.escalation.answer(
                case_id, notified, outcome, kind=kind, code=code, issued=issued, reason=reason
            ),
            self._recorded,
            refused=self._refused,
            failed=self.save_failed,
        )

    def _recorded(self, case: Case) -> None:
        self.saving = False
        self.notify(_("Answer recorded on case {id}.").format(id=case.id), markup=False)
        self.dismiss(case)

    def _refused(self, error: TrackerError) -> None:
        self.saving = False
        field = error.field if isinstance(error, InvalidInput) else None
        where = {"on": "notified_on", "issued": "issued_on"}.get(field or "", field or "notified_on")
        if self.query(f"#{where}"):
            self._field(where).set_error(literal(str(error)))
        self.notify(literal(str(error)), title=_("Not recorded"), severity="error", markup=False)
