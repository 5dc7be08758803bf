"""Choose a letter (the baja request, reclamo, queja, apelación) in Spanish from the Case
screen; the preview shows it and writes it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.display import headline
from tracker.domain.errors import TrackerError
from tracker.domain.model import Case, StageKind
from tracker.i18n import _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.letter_preview import LetterPreviewScreen, explain_state, no_letter
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.terms import letter_name

# The baja request first, then the stages' letters (tracker.exchange.letters.LETTER_KINDS,
# not imported: the exchange loads when a letter is written).
LETTERS = ("baja", StageKind.RECLAMO.value, StageKind.QUEJA.value, StageKind.APELACION.value)


class LetterScreen(TrackerModal[None]):
    """Pick a letter; it is shown in the preview, which writes it as Markdown in the exports
    folder. The toggle picks the reading aid instead: each paragraph followed by its meaning."""

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
            yield Static(explain_state(self.explain), id="explain-state", markup=False)
            yield Static(_("Not legal advice: read it through before sending it."), markup=False)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        letters = self.query_one("#letters", OptionList)
        letters.focus()
        if self.suggested in LETTERS:
            letters.highlighted = LETTERS.index(self.suggested)

    @on(OptionList.OptionSelected, "#letters")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """The letter is composed first (a refusal stays here, said in a notice), then shown
        in the preview, in the state this dialog's toggle chose; it is written from there."""
        from tracker.exchange.letters import letter_for

        kind = str(event.option.id)
        tracker, case = services(self).tracker, self.case
        explain = self.explain
        run_job(
            self,
            lambda: letter_for(tracker, case, kind, fmt="txt", explain=explain),
            lambda text: self._preview(kind, explain, text),
            refused=self._refused,
        )

    def _preview(self, kind: str, explain: bool, text: str) -> None:
        self.app.push_screen(LetterPreviewScreen(self.case, kind, explain=explain, text=text), self._back)

    def _back(self, explain: bool | None) -> None:
        """Back from the preview: the toggle shows the state it was left in."""
        if explain is not None:
            self.explain = explain
            self.query_one("#explain-state", Static).update(explain_state(self.explain))

    def action_toggle_explain(self) -> None:
        self.explain = not self.explain
        self.query_one("#explain-state", Static).update(explain_state(self.explain))

    def _refused(self, error: TrackerError) -> None:
        no_letter(self, error)

    def action_cancel(self) -> None:
        self.dismiss(None)
