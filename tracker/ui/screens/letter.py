"""Write a letter (the baja request, reclamo, queja, apelación) in Spanish from the Case screen."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.display import headline, literal
from tracker.domain.errors import TrackerError
from tracker.domain.model import Case, StageKind
from tracker.i18n import _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.terms import letter_name

# The baja request first, then the stages' letters (tracker.exchange.letters.LETTER_KINDS,
# not imported: the exchange loads when a letter is written).
LETTERS = ("baja", StageKind.RECLAMO.value, StageKind.QUEJA.value, StageKind.APELACION.value)


class LetterScreen(TrackerModal[None]):
    """Pick a letter; it is written as Markdown in the exports folder, and the notice says where.
    The toggle writes the reading aid instead: each paragraph followed by its meaning."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.LETTER]

    def __init__(self, case: Case, suggested: StageKind | None) -> None:
        super().__init__()
        self.case = case
        self.suggested = suggested
        self.explain = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                _("Write a letter (in Spanish) — case {id}, {provider}").format(
                    id=self.case.id, provider=headline(self.case.provider)
                ),
                classes="dialog-title",
                markup=False,
            )
            yield OptionList(*[Option(letter_name(kind), id=kind) for kind in LETTERS], id="letters")
            yield Static(self._explain_state(), id="explain-state", markup=False)
            yield Static(_("Not legal advice: read it through before sending it."), markup=False)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        letters = self.query_one("#letters", OptionList)
        letters.focus()
        if self.suggested in LETTERS:
            letters.highlighted = LETTERS.index(self.suggested)

    @on(OptionList.OptionSelected, "#letters")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        from tracker.exchange.letters import write_letter

        kind = str(event.option.id)
        tracker, case = services(self).tracker, self.case
        explain = self.explain
        run_job(
            self,
            lambda: write_letter(tracker, case, kind, explain=explain),
            self._written,
            refused=self._refused,
        )

    def _explain_state(self) -> str:
        if self.explain:
            return _("Reading aid: each Spanish paragraph followed by its meaning. Not for filing.")
        return _("The letter in Spanish only, for filing.")

    def action_toggle_explain(self) -> None:
        self.explain = not self.explain
        self.query_one("#explain-state", Static).update(self._explain_state())

    def _written(self, path: object) -> None:
        if self.explain:
            notice = _("Reading aid (not for filing) written to {path}").format(path=path)
        else:
            notice = _("Letter written to {path}").format(path=path)
        self.notify(notice, markup=False)
        self.dismiss(None)

    def _refused(self, error: TrackerError) -> None:
        self.notify(literal(str(error)), title=_("No letter"), severity="error", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
