"""Add a check of the user's own to a case (what ``tracker check ID NAME add`` does)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Static

from tracker.display import headline, literal
from tracker.domain.errors import TrackerError
from tracker.domain.model import Case
from tracker.domain.playbooks import find_check
from tracker.i18n import N_, _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.services import services
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter


class AddCheckScreen(FormBehaviour, TrackerModal[Case | None]):
    """Dismisses with the case and its new check, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard this check?")
    DISCARD_DETAIL = N_("Nothing is added.")

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static(
                _("Add a check — case {id}, {provider}").format(
                    id=self.case.id, provider=headline(self.case.provider)
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Field(_("Check *"), FieldInput(placeholder=_("e.g. router returned"), id="name"))
            yield Checkbox(
                _("Required: the case is verified only once it passes"), id="required", compact=True
            )
            yield self.keys_note(_("{save} adds it"))
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.remember_initial()

    def action_save(self) -> None:
        if self.saving:
            return
        name = self.query_one("#name", Input).value
        field = self.query_one("#name").query_ancestor(Field)
        if not name.strip():
            field.set_error(_("name the check"))
            return
        if find_check(self.case.checks, name) is not None:
            field.set_error(_("the case has this check already"))
            return
        field.set_error(None)
        required = self.query_one("#required", Checkbox).value
        tracker = services(self).tracker
        case_id = self.case.id
        assert case_id is not None
        self.saving = True
        run_job(
            self,
            lambda: tracker.cases.add_check(case_id, name, required),
            self._added,
            refused=self._refused,
            failed=self.save_failed,
        )

    def _added(self, case: Case) -> None:
        self.saving = False
        self.notify(_("Check added to case {id}.").format(id=case.id), markup=False)
        self.dismiss(case)

    def _refused(self, error: TrackerError) -> None:
        self.saving = False
        self.query_one("#name").query_ancestor(Field).set_error(literal(str(error)))
