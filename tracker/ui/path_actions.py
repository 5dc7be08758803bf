"""What the Case screen offers past the provider's deadline: the ladder of stages, the next
step (s) and the letters (l). Kept apart so the Case screen itself changes little."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tracker.domain.deadlines import Step
from tracker.domain.deadlines import next_step as find_next_step
from tracker.domain.model import Case, StageKind
from tracker.i18n import N_, _
from tracker.i18n.path import next_step
from tracker.ui.widgets.path_panel import has_path, path_text

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp

PATH_BINDINGS = [
    Binding("s", "next_step", N_("Next step"), id="case.next_step"),
    Binding("l", "letter", N_("Letter"), id="case.letter", show=False),
]

STEP_STAGES = {
    Step.RECLAMO: StageKind.RECLAMO,
    Step.QUEJA: StageKind.QUEJA,
    Step.APELACION: StageKind.APELACION,
    Step.OSIPTEL_FORM: StageKind.OSIPTEL_FORM,
}


def path_widgets() -> Iterator[Widget]:
    title = Static(_("Past the deadline — s: file the next step, l: write a letter"), id="path-title")
    title.add_class("section")
    body = Static("", id="path")
    title.display = body.display = False
    yield title
    yield body


class PathActions:
    """Mixin for the Case screen: it provides ``case`` (the case shown, or None)."""

    case: Case | None

    @property
    def _app(self) -> TrackerApp:
        return cast("TrackerApp", cast("Screen[object]", self).app)

    def show_path(self, case: Case) -> None:
        screen = cast("Screen[object]", self)
        tracker = self._app.tracker
        rules = tracker.rules_for(case)
        today = tracker.today()
        shown = has_path(case, rules, today)
        title, body = screen.query_one("#path-title", Static), screen.query_one("#path", Static)
        title.display = body.display = shown
        if shown:
            body.update(path_text(case, rules, today))

    def _suggestion(self, case: Case) -> tuple[StageKind | None, str]:
        tracker = self._app.tracker
        step = find_next_step(case, tracker.rules_for(case), tracker.today())
        if step is None:
            return None, ""
        return STEP_STAGES.get(step.step), next_step(step, case.id)

    def action_next_step(self) -> None:
        from tracker.ui.screens.escalate import EscalateScreen

        case = self.case
        if case is None:
            return
        if self._app.tracker.rules_for(case).book is None:
            self._app.notify(
                _("This case's playbook has no regulator's rules: no reclamo or queja to file."), markup=False
            )
            return
        kind, advice = self._suggestion(case)

        def done(updated: Case | None) -> None:
            if updated is not None:
                self._app.data_changed()

        self._app.push_screen(EscalateScreen(case, kind or StageKind.RECLAMO, advice), done)

    def action_letter(self) -> None:
        from tracker.ui.screens.letter import LetterScreen

        case = self.case
        if case is None:
            return
        kind, _advice = self._suggestion(case)
        self._app.push_screen(LetterScreen(case, kind))
