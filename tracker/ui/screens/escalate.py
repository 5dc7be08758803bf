"""File the next step on a case: a reclamo, a queja, an apelación or OSIPTEL's form."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Select, Static

from tracker.display import headline, literal
from tracker.domain.dates import DATE_HELP, parse_date
from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.model import Case, StageKind, Topic
from tracker.i18n import _
from tracker.i18n.terms import stage_name, topic_name
from tracker.ui.widgets.field import Field

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class EscalateScreen(ModalScreen[Case | None]):
    """Dismisses with the updated case, or None when cancelled. A stage the rules refuse
    (a queja too early) is said in one line and nothing is written."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self, case: Case, suggested: StageKind, advice: str) -> None:
        super().__init__()
        self.case = case
        self.suggested = suggested
        self.advice = advice

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

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
                _("Filed on"), Input(self.tapp.tracker.today().isoformat(), id="filed_on"), hint=DATE_HELP
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
            yield Field(_("Código"), Input(placeholder=_("the code they gave for it"), id="code"))
            yield Field(_("Note"), Input(id="note"))
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()

    def _field(self, name: str) -> Field:
        return self.query_one(f"#{name}").query_ancestor(Field)

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        self._field("topic").display = event.value == StageKind.RECLAMO.value

    async def action_save(self) -> None:
        today = self.tapp.tracker.today()
        try:
            filed = parse_date(self.query_one("#filed_on", Input).value, today)
        except InvalidInput as exc:
            self._field("filed_on").set_error(str(exc))
            return
        self._field("filed_on").set_error(None)
        kind = StageKind(str(self.query_one("#kind", Select).value))
        topic = Topic(str(self.query_one("#topic", Select).value)) if kind is StageKind.RECLAMO else None
        try:
            case = await self.tapp.db(
                self.tapp.tracker.escalate,
                self.case.id,
                kind,
                filed,
                topic=topic,
                code=self.query_one("#code", Input).value,
                note=self.query_one("#note", Input).value,
            )
        except TrackerError as exc:
            self.notify(literal(str(exc)), title=_("Not filed"), severity="error", markup=False)
            return
        self.notify(_("{stage} filed on case {id}.").format(stage=stage_name(kind), id=case.id), markup=False)
        self.dismiss(case)

    def action_cancel(self) -> None:
        self.dismiss(None)
