"""File the next step on a case: a reclamo, a queja, an apelación or OSIPTEL's form."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from tracker.display import headline, literal
from tracker.domain.dates import date_help, parse_date
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Case, StageKind, Topic
from tracker.i18n import N_, _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.services import services
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.terms import stage_name, stage_with_article, topic_name


class EscalateScreen(FormBehaviour, TrackerModal[Case | None]):
    """Dismisses with the updated case, or None when cancelled. A stage the rules refuse
    (a queja too early) is said in one line beside the date, and nothing is written."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard this step?")
    DISCARD_DETAIL = N_("Nothing is filed.")

    def __init__(self, case: Case, suggested: StageKind, advice: str) -> None:
        super().__init__()
        self.case = case
        self.suggested = suggested
        self.advice = advice

    def compose(self) -> ComposeResult:
        case = self.case
        with VerticalScroll(id="dialog", classes="wide"):
            yield Static(
                _("File the next step — case {id}, {provider}").format(
                    id=case.id, provider=headline(case.provider)
                ),
                classes="dialog-title",
                markup=False,
            )
            if self.advice:
                yield Static(self.advice, markup=False)
            yield Field(
                _("Stage"),
                Select(
                    [(stage_name(kind), kind.value) for kind in StageKind],
                    value=self.suggested.value,
                    allow_blank=False,
                    id="kind",
                ),
            )
            yield Field(
                _("Filed on"),
                FieldInput(services(self).tracker.today().isoformat(), id="filed_on"),
                hint=date_help(),
            )
            yield Field(
                _("About (reclamo)"),
                Select(
                    [(topic_name(t), t.value) for t in Topic],
                    value=Topic.BAJA.value,
                    allow_blank=False,
                    id="topic",
                ),
            )
            yield Field(_("Código"), FieldInput(placeholder=_("the code they gave for it"), id="code"))
            yield Field(_("Note"), FieldInput(id="note"))
            yield self.keys_note(_("{save} files it"))
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()
        self.remember_initial()

    def _field(self, name: str) -> Field:
        return self.query_one(f"#{name}").query_ancestor(Field)

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        self._field("topic").display = event.value == StageKind.RECLAMO.value

    def action_save(self) -> None:
        if self.saving:
            return
        tracker = services(self).tracker
        try:
            filed = parse_date(self.query_one("#filed_on", Input).value, tracker.today())
        except InvalidInput as exc:
            self._field("filed_on").set_error(str(exc))
            return
        self._field("filed_on").set_error(None)
        kind = StageKind(str(self.query_one("#kind", Select).value))
        topic = Topic(str(self.query_one("#topic", Select).value)) if kind is StageKind.RECLAMO else None
        code = self.query_one("#code", Input).value
        note = self.query_one("#note", Input).value
        case_id = self.case.id
        assert case_id is not None
        self.saving = True
        run_job(
            self,
            lambda: tracker.escalation.file(case_id, kind, filed, topic=topic, code=code, note=note),
            self._filed,
            refused=self._refused,
            failed=self.save_failed,
        )

    def _filed(self, case: Case) -> None:
        self.saving = False
        kind = StageKind(str(self.query_one("#kind", Select).value))
        self.notify(
            _("Case {id}: filed {the_stage}.").format(the_stage=stage_with_article(kind), id=case.id),
            markup=False,
        )
        self.dismiss(case)

    def _refused(self, error: TrackerError) -> None:
        self.saving = False
        self._field("filed_on").set_error(literal(str(error)))
        self.notify(literal(str(error)), title=_("Not filed"), severity="error", markup=False)
